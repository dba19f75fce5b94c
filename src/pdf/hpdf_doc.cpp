#include "pdf/hpdf_doc.h"

#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

namespace dossier::pdf {

void HpdfDoc::on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* state = static_cast<ErrorState*>(user);
  if (state->code == HPDF_OK) {
    state->code = code;
    state->detail = detail;
  }
}

HpdfDoc::HpdfDoc() {
  doc_ = HPDF_New(&HpdfDoc::on_error, &error_);
  if (!doc_) throw PdfError("libharu could not create a document (out of memory?)");
}

HpdfDoc::~HpdfDoc() {
  // A stand-in is reached only through the proxies libharu made for it,
  // which it frees without their target.
  for (auto* n : stand_ins_) HPDF_Obj_ForceFree(mmgr(), n);
  HPDF_Free(doc_);
}

void* HpdfDoc::reference_to(unsigned number) {
  HPDF_Null stand_in = HPDF_Null_New(mmgr());
  check(stand_in, "refer to an object");
  // libharu writes a reference to any indirect object as its number
  // (HPDF_Obj_Write of the proxy HPDF_Dict_Add makes); this one is never
  // added to the xref, so never written itself.
  stand_in->header.obj_id = HPDF_OTYPE_INDIRECT | number;
  stand_ins_.push_back(stand_in);
  return stand_in;
}

HPDF_MMgr HpdfDoc::mmgr() const { return doc_->mmgr; }
HPDF_Xref HpdfDoc::xref() const { return doc_->xref; }

void HpdfDoc::check(HPDF_STATUS status, const char* what) {
  if (status == HPDF_OK && error_.code == HPDF_OK) return;
  auto code = error_.code != HPDF_OK ? error_.code : status;
  auto detail = error_.detail;
  error_ = {};
  HPDF_ResetError(doc_);
  throw PdfError(fmt::format("libharu failed to {} (error 0x{:04X}, detail {})", what,
                             static_cast<unsigned>(code), static_cast<unsigned>(detail)));
}

void HpdfDoc::check(const void* object, const char* what) {
  check(object ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, what);
}

HPDF_Dict HpdfDoc::new_indirect_dict(const char* what) {
  HPDF_Dict dict = HPDF_Dict_New(mmgr());
  check(dict, what);
  check(HPDF_Xref_Add(xref(), dict), what);
  return dict;
}

HPDF_Dict HpdfDoc::new_dict(const char* what) {
  HPDF_Dict dict = HPDF_Dict_New(mmgr());
  check(dict, what);
  return dict;
}

HPDF_Array HpdfDoc::new_array(const char* what) {
  HPDF_Array array = HPDF_Array_New(mmgr());
  check(array, what);
  return array;
}

void HpdfDoc::append(HPDF_Array array, void* value, const char* what) {
  check(HPDF_Array_Add(array, value), what);
}

void HpdfDoc::append_number(HPDF_Array array, HPDF_INT32 value, const char* what) {
  check(HPDF_Array_AddNumber(array, value), what);
}

HPDF_String HpdfDoc::literal(const std::string& value) {
  // No encoder: libharu writes the bytes as they are. A failure shows when
  // the string is added (HPDF_Dict_Add and HPDF_Array_Add refuse null).
  return HPDF_String_New(mmgr(), value.c_str(), nullptr);
}

HPDF_Dict HpdfDoc::new_stream(const std::string& bytes, const char* what) {
  HPDF_Dict dict = HPDF_DictStream_New(mmgr(), xref());
  check(dict, what);
  dict->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  check(HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                          static_cast<HPDF_UINT>(bytes.size())),
        what);
  return dict;
}

namespace {

// libharu drops any /Filter entry of a stream whose filter it does not
// apply itself (HPDF_Dict_Write), and has no way to take data that is
// already compressed. Its write_fn hook writes extra entries inside the
// stream's dictionary, after its own.
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
  return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

}  // namespace

void HpdfDoc::write_deflated(HPDF_Dict stream, const std::string& deflated, const char* what) {
  stream->filter = HPDF_STREAM_FILTER_NONE;
  stream->write_fn = write_flate_filter;
  check(HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                          static_cast<HPDF_UINT>(deflated.size())),
        what);
}

HPDF_Dict HpdfDoc::new_deflated_stream(const std::string& deflated, const char* what) {
  HPDF_Dict dict = HPDF_DictStream_New(mmgr(), xref());
  check(dict, what);
  write_deflated(dict, deflated, what);
  return dict;
}

void DictEntries::name(const char* key, const char* value) {
  doc_.check(HPDF_Dict_AddName(dict_, key, value), what_);
}

void DictEntries::number(const char* key, HPDF_INT32 value) {
  doc_.check(HPDF_Dict_AddNumber(dict_, key, value), what_);
}

void DictEntries::real(const char* key, HPDF_REAL value) {
  doc_.check(HPDF_Dict_AddReal(dict_, key, value), what_);
}

void DictEntries::boolean(const char* key, bool value) {
  doc_.check(HPDF_Dict_AddBoolean(dict_, key, value ? HPDF_TRUE : HPDF_FALSE), what_);
}

void DictEntries::literal(const char* key, const std::string& value) {
  doc_.check(HPDF_Dict_Add(dict_, key, doc_.literal(value)), what_);
}

void DictEntries::add(const char* key, void* value) {
  doc_.check(HPDF_Dict_Add(dict_, key, value), what_);
}

}  // namespace dossier::pdf
