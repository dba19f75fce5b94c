#include "ingest/xlsx_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>

#include "ingest/ingest.h"

namespace dossier::ingest {
namespace {

// Excel's built-in number formats that show dates and times (ECMA-376
// part 1, 18.8.30); every other built-in shows a number.
bool builtin_date(int id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}
bool builtin_time(int id) { return (id >= 18 && id <= 21) || (id >= 45 && id <= 47); }

// A custom format shows a date when it has date or time codes outside
// quoted text, escapes and [bracketed] colours or conditions.
struct FormatCodes {
  bool date = false, time = false;
};
FormatCodes scan_format(const std::string& code) {
  FormatCodes f;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == '"') {
      i = code.find('"', i + 1);
      if (i == std::string::npos) break;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      auto close = code.find(']', i);
      if (close == std::string::npos) break;
      // [h], [mm], [ss]: elapsed time
      auto inner = code.substr(i + 1, close - i - 1);
      if (!inner.empty() && inner.find_first_not_of("hHmMsS") == std::string::npos) f.time = true;
      i = close;
    } else if (c == 'y' || c == 'd') {
      f.date = true;
    } else if (c == 'h' || c == 's') {
      f.time = true;
    }
  }
  return f;
}

// "B12" -> 1 (zero-based column); -1 without letters.
long column_of(std::string_view ref) {
  long col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i) {
    col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
    if (col > 16384) return -1;  // beyond Excel's XFD
  }
  return i == 0 ? -1 : col - 1;
}

// Civil date for days since 1970-01-01.
void civil_from_days(long long z, int& y, unsigned& m, unsigned& d) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{z}}};
  y = static_cast<int>(date.year());
  m = static_cast<unsigned>(date.month());
  d = static_cast<unsigned>(date.day());
}

// Digits by hand: there is one date per row, a million rows.
void put_digits(std::string& out, long long n, int digits, char after) {
  char buf[8];
  for (int i = digits - 1; i >= 0; --i, n /= 10) buf[i] = static_cast<char>('0' + n % 10);
  out.append(buf, static_cast<std::size_t>(digits));
  if (after) out += after;
}

// "HH:MM:SS" for seconds since midnight.
void put_time_of_day(std::string& out, long long s) {
  put_digits(out, s / 3600, 2, ':');
  put_digits(out, s / 60 % 60, 2, ':');
  put_digits(out, s % 60, 2, 0);
}

bool named(const xmlNode* n, const char* local) {
  return n->type == XML_ELEMENT_NODE &&
         std::strcmp(reinterpret_cast<const char*>(n->name), local) == 0;
}

// The text directly inside an element (<v>, <t>).
void append_text(const xmlNode* element, std::string& out) {
  for (const xmlNode* c = element->children; c; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
      out += reinterpret_cast<const char*>(c->content);
    }
  }
}

// The text of a string item (<si>, <is>): its <t>, and those of its
// rich-text runs (<r><t>), but not of phonetic guides (<rPh>).
void append_string_item(const xmlNode* item, std::string& out) {
  for (const xmlNode* c = item->children; c; c = c->next) {
    if (named(c, "t")) {
      append_text(c, out);
    } else if (named(c, "r")) {
      for (const xmlNode* t = c->children; t; t = t->next) {
        if (named(t, "t")) append_text(t, out);
      }
    }
  }
}

// An unprefixed attribute's value, or empty.
std::string_view attribute_of(const xmlNode* n, const char* name) {
  for (const xmlAttr* a = n->properties; a; a = a->next) {
    if (!a->ns && std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0) {
      return a->children && a->children->content
                 ? reinterpret_cast<const char*>(a->children->content)
                 : "";
    }
  }
  return {};
}

std::string relative_to_xl(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

}  // namespace

XmlPart::XmlPart(zip_t* zip, const std::string& part, const std::filesystem::path& file)
    : file_(file), part_(part) {
  entry_.reset(zip_fopen(zip, part.c_str(), 0));
  if (!entry_) {
    throw InputError(fmt::format("{}: not a usable .xlsx workbook: it has no {} ({})",
                                 file.string(), part, zip_strerror(zip)));
  }
  // No network, no entity substitution (a workbook has no business with
  // either), and libxml2's default size limits stay in force.
  reader_.reset(xmlReaderForIO(&XmlPart::read, nullptr, this, part.c_str(), nullptr,
                               XML_PARSE_NONET | XML_PARSE_COMPACT));
  if (!reader_) {
    throw InputError(fmt::format("{}: cannot read {} of the workbook", file.string(), part));
  }
}

int XmlPart::read(void* self, char* buffer, int len) {
  auto* p = static_cast<XmlPart*>(self);
  auto n = zip_fread(p->entry_.get(), buffer, static_cast<zip_uint64_t>(len));
  return n < 0 ? -1 : static_cast<int>(n);
}

void XmlPart::damaged() const {
  throw InputError(
      fmt::format("{}: the workbook's {} is damaged (not well-formed XML); open and save it again "
                  "in Excel, or export the sheet as CSV",
                  file_.string(), part_));
}

bool XmlPart::next() {
  if (pending_) {
    pending_ = false;
    return type_ != 0;
  }
  return arrive(xmlTextReaderRead(reader_.get()));
}

bool XmlPart::arrive(int r) {
  if (r < 0) damaged();
  // Type and name are asked for several times per node: read them once.
  // The name lives in the reader's dictionary until the reader is freed.
  type_ = r == 1 ? xmlTextReaderNodeType(reader_.get()) : 0;
  const xmlChar* name = r == 1 ? xmlTextReaderConstLocalName(reader_.get()) : nullptr;
  name_ = name ? reinterpret_cast<const char*>(name) : "";
  return r == 1;
}

bool XmlPart::is_start(const char* local) const {
  return type_ == XML_READER_TYPE_ELEMENT && std::strcmp(name_, local) == 0;
}

bool XmlPart::is_end(const char* local) const {
  return (type_ == XML_READER_TYPE_END_ELEMENT || type_ == XML_READER_TYPE_ELEMENT) &&
         std::strcmp(name_, local) == 0 &&
         (type_ == XML_READER_TYPE_END_ELEMENT || xmlTextReaderIsEmptyElement(reader_.get()));
}

xmlNodePtr XmlPart::expand() {
  xmlNodePtr node = xmlTextReaderExpand(reader_.get());
  if (!node) {
    damaged();
  }
  return node;
}

void XmlPart::skip() {
  arrive(xmlTextReaderNext(reader_.get()));
  pending_ = true;
}

bool XmlPart::is_empty() const { return xmlTextReaderIsEmptyElement(reader_.get()) == 1; }

std::string XmlPart::attribute(const char* name) const {
  // "r:id" is any prefixed attribute with the local name id (the prefix
  // is the writer's choice); "id" an unprefixed one.
  const char* colon = std::strchr(name, ':');
  const char* local = colon ? colon + 1 : name;
  std::string out;
  if (xmlTextReaderMoveToFirstAttribute(reader_.get()) == 1) {
    do {
      auto* n = xmlTextReaderConstLocalName(reader_.get());
      bool prefixed = xmlTextReaderConstPrefix(reader_.get()) != nullptr;
      if (n && prefixed == (colon != nullptr) &&
          std::strcmp(reinterpret_cast<const char*>(n), local) == 0) {
        auto* v = xmlTextReaderConstValue(reader_.get());
        out = v ? reinterpret_cast<const char*>(v) : "";
        break;
      }
    } while (xmlTextReaderMoveToNextAttribute(reader_.get()) == 1);
    xmlTextReaderMoveToElement(reader_.get());
  }
  return out;
}

void XmlPart::attributes(std::initializer_list<std::pair<const char*, std::string*>> wanted) const {
  for (auto& [name, out] : wanted) out->clear();
  if (xmlTextReaderMoveToFirstAttribute(reader_.get()) != 1) return;
  do {
    if (xmlTextReaderConstPrefix(reader_.get())) continue;
    auto* n = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader_.get()));
    for (auto& [name, out] : wanted) {
      if (n && std::strcmp(n, name) == 0) {
        auto* v = xmlTextReaderConstValue(reader_.get());
        if (v) *out = reinterpret_cast<const char*>(v);
      }
    }
  } while (xmlTextReaderMoveToNextAttribute(reader_.get()) == 1);
  xmlTextReaderMoveToElement(reader_.get());
}

bool XmlPart::is_text() const {
  return type_ == XML_READER_TYPE_TEXT || type_ == XML_READER_TYPE_CDATA ||
         type_ == XML_READER_TYPE_WHITESPACE || type_ == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

const char* XmlPart::value() const {
  auto* v = xmlTextReaderConstValue(reader_.get());
  return v ? reinterpret_cast<const char*>(v) : "";
}

XlsxReader::XlsxReader(const std::filesystem::path& file, const std::string& sheet) : file_(file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw InputError(fmt::format(
        "{}: cannot open it ({})", file.string(),
        std::filesystem::exists(file, ec) ? "not a file" : "No such file or directory"));
  }
  int err = 0;
  zip_.reset(zip_open(file.c_str(), ZIP_RDONLY, &err));
  if (!zip_) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, err);
    std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    throw InputError(fmt::format(
        "{}: not a readable .xlsx workbook ({}); save it from Excel as \"Excel Workbook "
        "(.xlsx)\" or as CSV",
        file.string(), why));
  }
  read_workbook(sheet);
  rows_ = std::make_unique<XmlPart>(zip_.get(), sheet_part_, file_);
  while (rows_->next()) {
    if (rows_->is_start("sheetData")) return;
  }
  done_ = true;  // a sheet without data
}

XlsxReader::~XlsxReader() = default;

// xl/workbook.xml names the sheets in tab order; its relationships
// (xl/_rels/workbook.xml.rels) say which part holds each, and where the
// shared strings and styles are.
void XlsxReader::read_workbook(const std::string& wanted) {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  {
    XmlPart wb(zip_.get(), "xl/workbook.xml", file_);
    while (wb.next()) {
      if (wb.is_start("workbookPr")) {
        auto v = wb.attribute("date1904");
        date1904_ = v == "1" || v == "true";
      } else if (wb.is_start("sheet")) {
        sheets.emplace_back(wb.attribute("name"), wb.attribute("r:id"));
      }
    }
  }
  if (sheets.empty()) {
    throw InputError(fmt::format("{}: the workbook has no worksheet", file_.string()));
  }
  std::map<std::string, std::string> targets;  // relationship id -> part
  std::string shared = "xl/sharedStrings.xml", styles = "xl/styles.xml";
  {
    XmlPart rels(zip_.get(), "xl/_rels/workbook.xml.rels", file_);
    while (rels.next()) {
      if (!rels.is_start("Relationship")) continue;
      auto target = relative_to_xl(rels.attribute("Target"));
      auto type = rels.attribute("Type");
      targets[rels.attribute("Id")] = target;
      if (type.size() >= 13 && type.compare(type.size() - 13, 13, "sharedStrings") == 0) {
        shared = target;
      } else if (type.size() >= 6 && type.compare(type.size() - 6, 6, "styles") == 0) {
        styles = target;
      }
    }
  }
  auto chosen = sheets.begin();
  if (!wanted.empty()) {
    while (chosen != sheets.end() && chosen->first != wanted) ++chosen;
    if (chosen == sheets.end()) {
      std::string names;
      for (const auto& s : sheets) names += (names.empty() ? "'" : ", '") + s.first + "'";
      throw InputError(
          fmt::format("{}: no sheet named '{}' (the workbook has {}); pick one with "
                      "--sheet NAME",
                      file_.string(), wanted, names));
    }
  }
  sheet_ = chosen->first;
  auto target = targets.find(chosen->second);
  if (target == targets.end()) {
    throw InputError(fmt::format("{}: not a usable .xlsx workbook: sheet '{}' has no part",
                                 file_.string(), sheet_));
  }
  sheet_part_ = target->second;
  if (zip_name_locate(zip_.get(), shared.c_str(), 0) >= 0) read_shared_strings(shared);
  if (zip_name_locate(zip_.get(), styles.c_str(), 0) >= 0) read_styles(styles);
}

// Each <si> is one string: its <t> texts, of rich-text runs too, joined;
// phonetic guides (<rPh>) are not part of it.
void XlsxReader::read_shared_strings(const std::string& part) {
  XmlPart p(zip_.get(), part, file_);
  // Each <si> is expanded as a small tree and walked directly: two million
  // strings cost far less so than node by node through the reader.
  while (p.next()) {
    if (!p.is_start("si")) continue;
    append_string_item(p.expand(), shared_text_);
    shared_ends_.push_back(shared_text_.size());
    p.skip();
  }
  shared_text_.shrink_to_fit();
  shared_ends_.shrink_to_fit();
}

// Which cell styles show dates: <cellXfs> lists them in index order, each
// with a number format, built in or defined in <numFmts>.
void XlsxReader::read_styles(const std::string& part) {
  XmlPart p(zip_.get(), part, file_);
  std::map<int, FormatCodes> custom;
  bool in_cell_xfs = false;
  while (p.next()) {
    if (p.is_start("numFmt")) {
      custom[std::atoi(p.attribute("numFmtId").c_str())] = scan_format(p.attribute("formatCode"));
    } else if (p.is_start("cellXfs")) {
      in_cell_xfs = !p.is_empty();
    } else if (p.is_end("cellXfs")) {
      in_cell_xfs = false;
    } else if (in_cell_xfs && p.is_start("xf")) {
      int id = std::atoi(p.attribute("numFmtId").c_str());
      FormatCodes f;
      if (auto c = custom.find(id); c != custom.end()) {
        f = c->second;
      } else {
        f.date = builtin_date(id) || id == 22;
        f.time = builtin_time(id) || id == 22;
      }
      style_formats_.push_back(f.date && f.time ? Format::DateTime
                               : f.date         ? Format::Date
                               : f.time         ? Format::Time
                                                : Format::Number);
    }
  }
}

void XlsxReader::cell_value(std::string_view type, std::string_view style, const std::string& raw,
                            std::string& out) const {
  if (type == "s") return shared_string(raw, out);
  if (type == "b") {
    out = raw == "1" ? "TRUE" : "FALSE";
    return;
  }
  out = raw;  // str, inlineStr, e, d, and what is no number: text as written
  if ((!type.empty() && type != "n") || raw.empty()) return;
  char* end = nullptr;
  double v = std::strtod(raw.c_str(), &end);
  if (end == raw.c_str() || !std::isfinite(v)) return;
  const Format format = style_format(style);
  if (format == Format::Number || v < 0 || v > 2958465) {
    out = fmt::format("{}", v);  // shortest form that reads back as the same number
    return;
  }
  serial_date_time(v, format, out);
}

void XlsxReader::shared_string(const std::string& raw, std::string& out) const {
  char* end = nullptr;
  unsigned long i = std::strtoul(raw.c_str(), &end, 10);
  if (end == raw.c_str() || i >= shared_ends_.size()) {
    throw InputError(
        fmt::format("{}: the workbook is damaged: a cell refers to shared string {} of {}",
                    file_.string(), raw, shared_ends_.size()));
  }
  std::size_t begin = i == 0 ? 0 : shared_ends_[i - 1];
  out.assign(shared_text_, begin, shared_ends_[i] - begin);
}

XlsxReader::Format XlsxReader::style_format(std::string_view style) const {
  if (style.empty()) return Format::Number;
  auto s = std::strtoul(std::string(style).c_str(), nullptr, 10);
  return s < style_formats_.size() ? style_formats_[s] : Format::Number;
}

void XlsxReader::serial_date_time(double serial, Format format, std::string& out) const {
  // Serial days since 1899-12-30; Excel's 1900 system counts a 29 February
  // 1900 that never was (serial 60), so serials before it are one day late.
  long long seconds = std::llround(serial * 86400.0);
  out.clear();
  if (format == Format::Time && seconds < 86400) {
    put_time_of_day(out, seconds);
    return;
  }
  long long days = seconds / 86400;
  long long secs = seconds % 86400;
  if (date1904_) {
    days += 1462;
  } else if (days < 61) {
    days += 1;
  }
  int y;
  unsigned m, d;
  civil_from_days(days - 25569, y, m, d);  // 25569: days from 1899-12-30 to 1970-01-01
  put_digits(out, y, 4, '-');
  put_digits(out, m, 2, '-');
  put_digits(out, d, 2, 0);
  if (format == Format::Date && secs == 0) return;
  out += 'T';
  put_time_of_day(out, secs);
}

bool XlsxReader::next(RowRecord& record) {
  std::string raw;
  while (!done_ && rows_->next()) {
    if (rows_->is_end("sheetData")) break;
    if (!rows_->is_start("row")) continue;
    // A row is expanded as a small tree (the reader frees it when it moves
    // on, so memory stays bounded) and walked directly, instead of five
    // reader nodes per cell.
    const xmlNode* row = rows_->expand();
    // The record's strings are reused row after row: cleared, not freed.
    for (auto& f : record.fields) f.clear();
    record.malformed.clear();
    // Excel always numbers rows; other writers may leave r out.
    auto number = std::strtoul(std::string(attribute_of(row, "r")).c_str(), nullptr, 10);
    record.line = number > 0 ? number : last_row_ + 1;
    last_row_ = record.line;
    long column = -1;
    std::size_t used = 0;  // fields up to the last cell with a value
    for (const xmlNode* c = row->children; c; c = c->next) {
      if (!named(c, "c")) continue;
      long at = column_of(attribute_of(c, "r"));
      column = at >= 0 ? at : column + 1;
      raw.clear();
      for (const xmlNode* part = c->children; part; part = part->next) {
        if (named(part, "v")) {
          append_text(part, raw);
        } else if (named(part, "is")) {
          append_string_item(part, raw);
        }
      }
      const auto at_column = static_cast<std::size_t>(column);
      if (record.fields.size() <= at_column) record.fields.resize(at_column + 1);
      cell_value(attribute_of(c, "t"), attribute_of(c, "s"), raw, record.fields[at_column]);
      if (!record.fields[at_column].empty()) used = std::max(used, at_column + 1);
    }
    record.fields.resize(used);
    bool any = used > 0;
    rows_->skip();
    // Like a blank line in a CSV file, an empty row begins no record.
    if (any) return true;
  }
  done_ = true;
  return false;
}

}  // namespace dossier::ingest
