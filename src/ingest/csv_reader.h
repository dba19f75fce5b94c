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

  // The next record and the line it starts on; false at the end. Throws
  // InputError for an unterminated quote, naming the line it opened on.
  bool next(std::vector<std::string>& fields, std::size_t& line);

  // Bytes read so far, for progress.
  std::uint64_t bytes_read() const { return bytes_; }

 private:
  struct Record {
    std::vector<std::string> fields;
    std::size_t line;
  };
  static void on_field(void* data, std::size_t len, void* self);
  static void on_record(int terminator, void* self);
  bool fill();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  csv_parser parser_{};
  std::deque<Record> ready_;
  std::vector<std::string> fields_;
  std::size_t line_ = 0;          // physical lines fed so far
  std::size_t record_start_ = 1;  // line the record being parsed started on
  bool at_start_ = true;
  bool finished_ = false;
  std::uint64_t bytes_ = 0;
  std::string buffer_;
};

}  // namespace dossier::ingest
