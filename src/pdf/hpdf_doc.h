// Internal to the PDF stage: the RAII owner of a libharu document, with
// libharu's error callback turned into exceptions at the call site.
#pragma once

#include <hpdf.h>

#include <string>
#include <vector>

#include "pdf/pdf.h"

namespace dossier::pdf {

class HpdfDoc {
 public:
  HpdfDoc();
  ~HpdfDoc();
  HpdfDoc(const HpdfDoc&) = delete;
  HpdfDoc& operator=(const HpdfDoc&) = delete;

  HPDF_Doc get() const { return doc_; }
  HPDF_MMgr mmgr() const;
  HPDF_Xref xref() const;

  // Throws PdfError naming `what` if libharu reported an error since the
  // last check (its callback only records it: exceptions must not cross C).
  void check(HPDF_STATUS status, const char* what);
  void check(const void* object, const char* what);

  // A new indirect dictionary registered in the document's xref.
  HPDF_Dict new_indirect_dict(const char* what);
  // A new direct dictionary or array, for another object to hold.
  HPDF_Dict new_dict(const char* what);
  HPDF_Array new_array(const char* what);
  // Appends `value` (an object, or a number) to `array`.
  void append(HPDF_Array array, void* value, const char* what);
  void append_number(HPDF_Array array, HPDF_INT32 value, const char* what);
  // A literal string as libharu writes it: its bytes as they are, read as
  // PDFDocEncoding (ASCII text, dates, identifiers).
  HPDF_String literal(const std::string& value);
  // A new indirect stream object, Flate-compressed, holding `bytes`.
  HPDF_Dict new_stream(const std::string& bytes, const char* what);
  // A new indirect stream object holding bytes already Flate-compressed
  // (Compressor): made once, placed in several documents.
  HPDF_Dict new_deflated_stream(const std::string& deflated, const char* what);
  // Puts already compressed bytes into a stream libharu made (a page's
  // content), to be written as they are.
  void write_deflated(HPDF_Dict stream, const std::string& deflated, const char* what);
  // A value that libharu writes as "number 0 R": a reference to an object
  // the file writer adds beside libharu's (file_writer.h), for a libharu
  // dictionary to point to.
  void* reference_to(unsigned number);

 private:
  struct ErrorState {
    HPDF_STATUS code = HPDF_OK;
    HPDF_STATUS detail = 0;
  };
  static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user);

  ErrorState error_;
  HPDF_Doc doc_ = nullptr;
  std::vector<HPDF_Null> stand_ins_;  // reference_to's targets, never in the xref
};

// The entries of one dictionary, each added and checked in one call, so
// that filling a dictionary reads as a line per PDF key; a failure is a
// PdfError naming `what`.
class DictEntries {
 public:
  DictEntries(HpdfDoc& doc, HPDF_Dict dict, const char* what)
      : doc_(doc), dict_(dict), what_(what) {}

  void name(const char* key, const char* value);
  void number(const char* key, HPDF_INT32 value);
  void real(const char* key, HPDF_REAL value);
  void boolean(const char* key, bool value);
  // HpdfDoc::literal.
  void literal(const char* key, const std::string& value);
  void add(const char* key, void* value);

  HPDF_Dict dict() const { return dict_; }

 private:
  HpdfDoc& doc_;
  HPDF_Dict dict_;
  const char* what_;
};

}  // namespace dossier::pdf
