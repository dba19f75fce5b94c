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

}  // namespace dossier::pdf
