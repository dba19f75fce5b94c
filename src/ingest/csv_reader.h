// Internal to the ingest stage: RFC 4180 records with the line each starts
// on, read through libcsv.
#pragma once

#include <csv.h>

#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ingest/row_source.h"
#include "ingest/text_source.h"

namespace dossier::ingest {

class CsvReader : public RowSource {
 public:
  // A UTF-8 file (a BOM is skipped) separated by commas. Throws InputError
  // when the file cannot be opened.
  explicit CsvReader(const std::filesystem::path& file);
  // A file in `encoding`, separated by `delimiter`.
  CsvReader(const std::filesystem::path& file, const TextEncoding& encoding, char delimiter);
  // A UTF-8, comma-separated file that a program wrote (signatures.csv
  // read back): nothing around a field is padding, and a row strict
  // parsing refuses is an InputError instead of a row read leniently,
  // since an oddity there means the file was edited by hand.
  struct Exact {};
  CsvReader(const std::filesystem::path& file, Exact);
  ~CsvReader() override;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // A row that is not RFC 4180 and could not be read (a quote closed in
  // the middle of a field) comes with `malformed` set.
  using Record = RowRecord;
  // The next record; false at the end. Throws InputError for a quote left
  // open at the end of the file, naming the line it opened on.
  bool next(Record& record) override;

 private:
  static void on_field(void* data, std::size_t len, void* self);
  static void on_record(int terminator, void* self);
  bool fill();
  bool read_line(std::string& line);
  void recover();
  bool take_rest_of_row();
  std::optional<std::vector<std::string>> one_lenient_record();

  void start_parser(csv_parser& parser, unsigned char options);

  std::filesystem::path path_;
  TextSource source_;
  char delimiter_ = ',';
  bool exact_ = false;
  csv_parser parser_{};
  std::deque<Record> ready_;
  std::vector<std::string> fields_;
  std::string pending_raw_;       // the lines of the record being parsed
  std::size_t line_ = 0;          // physical lines fed so far
  std::size_t record_start_ = 1;  // line the record being parsed started on
  bool finished_ = false;
  std::string buffer_;
};

}  // namespace dossier::ingest
