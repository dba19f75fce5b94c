#include "ingest/csv_reader.h"

#include <fmt/format.h>

#include <cstring>

#include "ingest/ingest.h"

namespace dossier::ingest {

CsvReader::CsvReader(const std::filesystem::path& file) : path_(file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    throw InputError(fmt::format("{}: is a directory, not a CSV file", file.string()));
  }
  file_ = std::fopen(file.c_str(), "rb");
  if (!file_) {
    throw InputError(fmt::format("{}: cannot open it ({})", file.string(), std::strerror(errno)));
  }
  // Not CSV_STRICT: a stray quote inside an unquoted field (Anna "Ann" Berg)
  // is kept as text, as spreadsheet programs do. CSV_STRICT_FINI still
  // reports a quoted field that is never closed.
  if (csv_init(&parser_, CSV_STRICT_FINI) != 0) {
    std::fclose(file_);
    throw InputError("out of memory starting the CSV parser");
  }
}

CsvReader::~CsvReader() {
  csv_free(&parser_);
  if (file_) std::fclose(file_);
}

void CsvReader::on_field(void* data, std::size_t len, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  r->fields_.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
}

void CsvReader::on_record(int, void* self) {
  auto* r = static_cast<CsvReader*>(self);
  r->ready_.push_back({std::move(r->fields_), r->record_start_});
  r->fields_.clear();
  r->record_start_ = r->line_ + 1;
}

// Feeds the parser one physical line, so that a record's start line is known
// even when quoted fields span lines.
bool CsvReader::fill() {
  if (finished_) return false;
  buffer_.clear();
  // A line ends at LF, CRLF or a lone CR (old Mac exports), as libcsv's
  // rows do, so that line numbers agree with what an editor shows.
  int c;
  while ((c = std::getc(file_)) != EOF) {
    buffer_.push_back(static_cast<char>(c));
    if (c == '\n') break;
    if (c == '\r') {
      int next = std::getc(file_);
      if (next == '\n') {
        buffer_.push_back('\n');
      } else if (next != EOF) {
        std::ungetc(next, file_);
      }
      break;
    }
  }
  if (buffer_.empty()) {
    finished_ = true;
    if (std::ferror(file_)) {
      throw InputError(fmt::format("{}: read error after line {}", path_.string(), line_));
    }
    // libcsv reports a quote left open only in its strict mode, which also
    // refuses stray quotes inside unquoted fields; its state says it here.
    // pstate 2 is FIELD_BEGUN.
    bool open_quote = parser_.quoted && parser_.pstate == 2;
    if (open_quote || csv_fini(&parser_, on_field, on_record, this) != 0) {
      throw InputError(fmt::format(
          "{}: line {}: a quoted field opened here is never closed (unterminated quote); "
          "check the quotes on that line",
          path_.string(), record_start_));
    }
    return !ready_.empty();
  }
  bytes_ += buffer_.size();
  std::string_view chunk(buffer_);
  if (at_start_) {
    at_start_ = false;
    if (chunk.substr(0, 3) == "\xEF\xBB\xBF") chunk.remove_prefix(3);  // UTF-8 BOM
  }
  ++line_;
  if (csv_parse(&parser_, chunk.data(), chunk.size(), on_field, on_record, this) != chunk.size()) {
    throw InputError(
        fmt::format("{}: line {}: {}", path_.string(), line_, csv_strerror(csv_error(&parser_))));
  }
  // pstate 0 is libcsv's ROW_NOT_BEGUN: blank lines begin no record.
  if (parser_.pstate == 0) record_start_ = line_ + 1;
  return true;
}

bool CsvReader::next(std::vector<std::string>& fields, std::size_t& line) {
  while (ready_.empty()) {
    if (!fill() && ready_.empty()) return false;
  }
  fields = std::move(ready_.front().fields);
  line = ready_.front().line;
  ready_.pop_front();
  return true;
}

}  // namespace dossier::ingest
