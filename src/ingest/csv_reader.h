// Internal to the ingest stage: RFC 4180 records with the line each starts
// on, read through libcsv.
#pragma once

#include <csv.h>

#include <cstdio>
#include <deque>
#include <filesystem>
#include <string>
#include <vector>

namespace dossier::ingest {

class CsvReader {
 public:
  // Throws InputError when the file cannot be opened.
  explicit CsvReader(const std::filesystem::path& file);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  struct Record {
    std::vector<std::string> fields;
    std::size_t line = 0;  // where the record starts
    // Non-empty for a row that is not RFC 4180 and could not be read (a
    // quote closed in the middle of a field); its fields are empty.
    std::string malformed;
  };
  // The next record; false at the end. Throws InputError for a quote left
  // open at the end of the file, naming the line it opened on.
  bool next(Record& record);

 private:
  static void on_field(void* data, std::size_t len, void* self);
  static void on_record(int terminator, void* self);
  bool fill();
  bool read_line(std::string& line);
  void recover();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  csv_parser parser_{};
  std::deque<Record> ready_;
  std::vector<std::string> fields_;
  std::string pending_raw_;       // the lines of the record being parsed
  std::size_t line_ = 0;          // physical lines fed so far
  std::size_t record_start_ = 1;  // line the record being parsed started on
  bool at_start_ = true;
  bool finished_ = false;
  std::string buffer_;
};

}  // namespace dossier::ingest
