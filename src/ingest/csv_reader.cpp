#include "ingest/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>

#include "ingest/ingest.h"

namespace dossier::ingest {
namespace {

// libcsv's parser states (csv.h keeps them private): 0 ROW_NOT_BEGUN,
// 2 FIELD_BEGUN.
constexpr int kRowNotBegun = 0;
constexpr int kFieldBegun = 2;
// How far a malformed row may run on before it is cut off.
constexpr int kMaxRowLines = 1000;

struct Collected {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
};

void collect_field(void* data, std::size_t len, void* self) {
  static_cast<Collected*>(self)->fields.emplace_back(data ? static_cast<const char*>(data) : "",
                                                     data ? len : 0);
}

void collect_record(int, void* self) {
  auto* c = static_cast<Collected*>(self);
  c->records.push_back(std::move(c->fields));
  c->fields.clear();
}

// Whether a quoted field (one that starts with a quote) is still open at
// the end of a row's text: only such a field runs on; a quote inside an
// unquoted field is text. Each call goes on from where the last stopped,
// so a row run on over many lines is scanned once, not once per line; the
// text always ends at a line break, so no quote pair is split between two
// scans.
class QuoteScan {
 public:
  explicit QuoteScan(char delimiter) : delimiter_(delimiter) {}

  bool open_after(const std::string& text) {
    for (; scanned_ < text.size(); ++scanned_) {
      char c = text[scanned_];
      if (quoted_) {
        if (c == '"') {
          if (scanned_ + 1 < text.size() && text[scanned_ + 1] == '"') {
            ++scanned_;
          } else {
            quoted_ = false;
          }
        }
      } else if (c == delimiter_ || c == '\n' || c == '\r') {
        field_start_ = true;
        continue;
      } else if (c == '"' && field_start_) {
        quoted_ = true;
      }
      field_start_ = false;
    }
    return quoted_;
  }

 private:
  char delimiter_;
  bool quoted_ = false;
  bool field_start_ = true;
  std::size_t scanned_ = 0;
};

// Only a space is padding around a field: with tab as the separator,
// libcsv's default (space and tab) would swallow empty fields.
int is_padding(unsigned char c) { return c == ' '; }
int is_padding_or_tab(unsigned char c) { return c == ' ' || c == '\t'; }
// libcsv takes a null space function for its default, so "no padding" is
// a function of its own.
int is_never_padding(unsigned char) { return 0; }

// libcsv grows a field's buffer by a fixed 128 bytes per realloc, and a
// realloc may copy the whole field: a megabyte-long field cost thousands of
// copies of up to a megabyte (quadratic; found by fuzzing with 1 MB
// inputs). These keep the capacity in front of the block and double it, so
// libcsv's small steps land in room already there. No state beyond the
// block itself.
constexpr std::size_t kBufferHeader = alignof(std::max_align_t);

void* grow_field_buffer(void* block, std::size_t size) {
  char* base = nullptr;
  std::size_t capacity = 0;
  if (block) {
    base = static_cast<char*>(block) - kBufferHeader;
    std::memcpy(&capacity, base, sizeof capacity);
  }
  if (size <= capacity) return block;
  std::size_t want = std::max(size, capacity * 2);
  auto* grown = static_cast<char*>(std::realloc(base, want + kBufferHeader));
  if (!grown) {
    want = size;
    grown = static_cast<char*>(std::realloc(base, want + kBufferHeader));
    if (!grown) return nullptr;  // libcsv then tries a smaller step
  }
  std::memcpy(grown, &want, sizeof want);
  return grown + kBufferHeader;
}

void free_field_buffer(void* block) {
  if (block) std::free(static_cast<char*>(block) - kBufferHeader);
}

// csv_init with the buffer functions above.
int init_parser(csv_parser& parser, unsigned char options) {
  int rc = csv_init(&parser, options);
  if (rc == 0) {
    csv_set_realloc_func(&parser, grow_field_buffer);
    csv_set_free_func(&parser, free_field_buffer);
  }
  return rc;
}

}  // namespace

CsvReader::CsvReader(const std::filesystem::path& file)
    : CsvReader(file, choose_encoding(file, "UTF-8"), ',') {}

CsvReader::CsvReader(const std::filesystem::path& file, const TextEncoding& encoding,
                     char delimiter)
    : path_(file), source_(file, encoding), delimiter_(delimiter) {
  // Strict: a quote that closes in the middle of a field ("Anna" Berg) is
  // an error at that row instead of a field that runs on to the next quote
  // and swallows the rows between. recover() then rereads just that row.
  start_parser(parser_, CSV_STRICT | CSV_STRICT_FINI);
}

CsvReader::CsvReader(const std::filesystem::path& file, Exact)
    : path_(file), source_(file, choose_encoding(file, "UTF-8")), exact_(true) {
  start_parser(parser_, CSV_STRICT | CSV_STRICT_FINI);
}

void CsvReader::start_parser(csv_parser& parser, unsigned char options) {
  if (init_parser(parser, options) != 0) throw InputError("out of memory starting the CSV parser");
  csv_set_delim(&parser, static_cast<unsigned char>(delimiter_));
  csv_set_space_func(&parser, exact_               ? is_never_padding
                              : delimiter_ == '\t' ? is_padding
                                                   : is_padding_or_tab);
}

CsvReader::~CsvReader() { csv_free(&parser_); }

void CsvReader::on_field(void* data, std::size_t len, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  r->fields_.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
}

void CsvReader::on_record(int, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  const auto width = r->fields_.size();
  r->ready_.push_back({std::move(r->fields_), r->record_start_, {}});
  r->fields_.clear();
  // Rows of an export have the same width: one allocation per row instead
  // of the vector growing field by field.
  r->fields_.reserve(width);
  r->record_start_ = r->line_ + 1;
}

// A row strict parsing refused. Read leniently, it is kept when it makes
// one complete record on its own lines (Anna "Ann" Berg: quotes inside an
// unquoted field, as spreadsheets write them); otherwise it is reported as
// malformed and reading resumes on the next line.
void CsvReader::recover() {
  const bool one_line = take_rest_of_row();
  // A row on one line that reads leniently as one record is kept (quotes
  // inside an unquoted field, Anna "Ann" Berg, as spreadsheets write
  // them); anything else is reported as malformed.
  std::optional<std::vector<std::string>> lenient;
  if (one_line) lenient = one_lenient_record();
  Record r;
  r.line = record_start_;
  if (lenient) {
    r.fields = std::move(*lenient);
  } else {
    r.malformed = "malformed quotes (a quote closes in the middle of a field)";
  }
  ready_.push_back(std::move(r));
  csv_free(&parser_);
  fields_.clear();
  start_parser(parser_, CSV_STRICT | CSV_STRICT_FINI);
  pending_raw_.clear();
  record_start_ = line_ + 1;
}

// Where the refused row ends: RFC 4180 quotes come in pairs, so while the
// row's quote count is odd a quoted field runs on over the next line. All
// of it is one row, so that no tail of it turns into a signature. Returns
// whether the row stayed on its one line.
bool CsvReader::take_rest_of_row() {
  QuoteScan scan(delimiter_);
  bool one_line = true;
  for (int extra = 0; scan.open_after(pending_raw_) && extra < kMaxRowLines; ++extra) {
    std::string more;
    if (!read_line(more)) break;
    ++line_;
    pending_raw_ += more;
    one_line = false;
  }
  return one_line;
}

// The pending line read leniently, when it makes exactly one record.
std::optional<std::vector<std::string>> CsvReader::one_lenient_record() {
  Collected lenient;
  csv_parser p{};
  start_parser(p, 0);
  csv_parse(&p, pending_raw_.data(), pending_raw_.size(), collect_field, collect_record, &lenient);
  // A last line without a line break ends its record only at csv_fini.
  bool open = p.quoted && p.pstate == kFieldBegun;
  if (!open) csv_fini(&p, collect_field, collect_record, &lenient);
  const bool whole = !open && lenient.records.size() == 1;
  csv_free(&p);
  if (!whole) return std::nullopt;
  return std::move(lenient.records.front());
}

// A line ends at LF, CRLF or a lone CR (old Mac exports), as libcsv's rows
// do, so that line numbers agree with what an editor shows.
bool CsvReader::read_line(std::string& line) {
  line.clear();
  return source_.append_line(line);
}

bool CsvReader::fill() {
  if (finished_) return false;
  if (!read_line(buffer_)) {
    finished_ = true;
    bool open_quote = parser_.quoted && parser_.pstate == kFieldBegun;
    if (open_quote || csv_fini(&parser_, on_field, on_record, this) != 0) {
      if (exact_) {
        throw InputError(fmt::format("{}: line {}: a quoted field is never closed", path_.string(),
                                     record_start_));
      }
      throw InputError(fmt::format(
          "{}: line {}: a quoted field opened here is never closed (unterminated quote); "
          "check the quotes on that line",
          path_.string(), record_start_));
    }
    return !ready_.empty();
  }
  std::string_view chunk(buffer_);
  ++line_;
  pending_raw_.append(chunk);
  if (csv_parse(&parser_, chunk.data(), chunk.size(), on_field, on_record, this) != chunk.size()) {
    if (csv_error(&parser_) != CSV_EPARSE) {
      throw InputError(
          fmt::format("{}: line {}: {}", path_.string(), line_, csv_strerror(csv_error(&parser_))));
    }
    if (exact_) {
      throw InputError(fmt::format(
          "{}: line {}: a stray quote (text after the closing quote of a field, or a quote "
          "inside a field that is not quoted)",
          path_.string(), line_));
    }
    // Skip to the end of the physical line the row ends on, then recover.
    recover();
    return true;
  }
  // Blank lines begin no record.
  if (parser_.pstate == kRowNotBegun) {
    record_start_ = line_ + 1;
    pending_raw_.clear();
  }
  return true;
}

bool CsvReader::next(Record& record) {
  while (ready_.empty()) {
    if (!fill() && ready_.empty()) return false;
  }
  record = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

std::vector<CsvRecord> read_csv_exactly(const std::filesystem::path& file) {
  CsvReader reader(file, CsvReader::Exact{});
  std::vector<CsvRecord> out;
  for (RowRecord r; reader.next(r);) out.push_back({std::move(r.fields), r.line});
  return out;
}

}  // namespace dossier::ingest
