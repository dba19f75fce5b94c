// Internal to the ingest stage: what every export reader (CSV, xlsx) hands
// the row checks, one record at a time.
#pragma once

#include <string>
#include <vector>

namespace dossier::ingest {

struct RowRecord {
  std::vector<std::string> fields;  // UTF-8 as far as the file is; checked later
  std::size_t line = 0;             // where the record starts (a sheet's row number)
  // Non-empty for a row that could not be read at all; its fields are empty.
  std::string malformed;
};

class RowSource {
 public:
  virtual ~RowSource() = default;
  // The next record; false at the end. Throws InputError for a file that
  // cannot be read on.
  virtual bool next(RowRecord& record) = 0;
};

}  // namespace dossier::ingest
