// Internal to the ingest stage: the rows of one worksheet of an Excel
// workbook (.xlsx, Office Open XML), streamed so that a million-row sheet
// needs no more memory than its shared strings.
#pragma once

#include <libxml/xmlreader.h>
#include <zip.h>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/row_source.h"

namespace dossier::ingest {

struct ZipClose {
  void operator()(zip_t* z) const { zip_discard(z); }  // read only: nothing to write back
};
struct ZipFileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};
struct XmlReaderFree {
  void operator()(xmlTextReaderPtr r) const { xmlFreeTextReader(r); }
};

// One XML part of the workbook, read node by node straight out of the
// archive (libzip inflates, libxml2's xmlTextReader parses as it goes).
class XmlPart {
 public:
  // Throws InputError naming `file` when the part is missing or unreadable.
  XmlPart(zip_t* zip, const std::string& part, const std::filesystem::path& file);
  // The next node; false at the end of the part.
  bool next();
  bool is_start(const char* local) const;  // an opening (or empty) element
  bool is_end(const char* local) const;    // a closing element, or an empty one
  bool is_empty() const;                   // the current element has no content
  std::string attribute(const char* name) const;
  // Unprefixed attributes of the current element, in one pass (cells have
  // three, and there are millions of cells); missing ones are left empty.
  void attributes(std::initializer_list<std::pair<const char*, std::string*>> wanted) const;
  bool is_text() const;  // a text node (text, CDATA or white space)
  // The current element with everything inside it, as a tree the reader
  // owns and frees when it moves on; then skip() moves past it.
  xmlNodePtr expand();
  void skip();
  const char* value() const;  // the current text node's text

 private:
  // The part is not well-formed XML: one message for every place that
  // finds it.
  [[noreturn]] void damaged() const;
  // After the reader moved (result r of xmlTextReaderRead or Next): the
  // node's type and name, or end of part. False at the end.
  bool arrive(int r);
  static int read(void* self, char* buffer, int len);

  std::filesystem::path file_;
  std::string part_;
  std::unique_ptr<zip_file_t, ZipFileClose> entry_;
  std::unique_ptr<xmlTextReader, XmlReaderFree> reader_;
  int type_ = 0;
  const char* name_ = "";
  bool pending_ = false;  // skip() has read the next node already
};

class XlsxReader : public RowSource {
 public:
  // Opens `file` and the worksheet named `sheet` (the first when empty).
  // Throws InputError when the file is no workbook or has no such sheet.
  XlsxReader(const std::filesystem::path& file, const std::string& sheet);
  ~XlsxReader() override;
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  const std::string& sheet() const { return sheet_; }

  // The next row with any value in it; `line` is its row number in the
  // sheet. Every value is text: shared and inline strings as written,
  // numbers in their shortest exact form, dates as ISO 8601.
  bool next(RowRecord& record) override;

 private:
  enum class Format { Number, Date, DateTime, Time };
  void read_workbook(const std::string& wanted);
  void read_shared_strings(const std::string& part);
  void read_styles(const std::string& part);
  // The cell's value as text, into `out` (whose buffer is reused).
  void cell_value(std::string_view type, std::string_view style, const std::string& raw,
                  std::string& out) const;
  void shared_string(const std::string& raw, std::string& out) const;
  Format style_format(std::string_view style) const;
  // An Excel serial day number as ISO 8601: date, time or both.
  void serial_date_time(double serial, Format format, std::string& out) const;

  std::filesystem::path file_;
  std::unique_ptr<zip_t, ZipClose> zip_;
  std::string sheet_;
  std::string sheet_part_;
  bool date1904_ = false;
  // The shared strings, end to end in one buffer, and where each ends: a
  // million short strings cost their bytes and 8 more each, instead of a
  // std::string (32 bytes, plus a heap block when longer than 15) apiece.
  std::string shared_text_;
  std::vector<std::size_t> shared_ends_;
  std::vector<Format> style_formats_;  // by cell style index (cellXfs)
  std::unique_ptr<XmlPart> rows_;
  std::size_t last_row_ = 0;
  bool done_ = false;
};

}  // namespace dossier::ingest
