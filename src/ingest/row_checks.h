// Internal to the ingest stage: what one row of an export comes to (a
// reject, or a signature with its duplicate key), decided from that row
// alone, and the thread that reads and checks the rows while the caller
// adds them up.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "ingest/country_names.h"
#include "ingest/header_map.h"
#include "ingest/ingest.h"
#include "ingest/row_source.h"
#include "ingest/same_signer.h"

namespace dossier::ingest {

// clean_name's rules, reading `raw` and writing the cleaned text to `out`
// (left unspecified when a reason is returned).
std::optional<std::string> clean_text(std::string_view raw, std::string& out);

// What the row checks know besides the row, decided from the header.
struct RowRules {
  std::size_t header_size = 0;
  ColumnMap columns;
  std::optional<std::size_t> consent_column;
  std::size_t max_name = 0;
  std::size_t max_city = 0;
  std::string bad_bytes;                    // the reason for invalid UTF-8
  const CountryNames* countries = nullptr;  // null: no country column
};

struct CheckedRow {
  std::optional<Reject> reject;  // set: the row is rejected, nothing else is
  Signature signature;
  std::string unknown_country;  // the cleaned value, when it matched no country
  SignerKey key;
};

// Checks rows one by one; one per thread (it keeps scratch strings).
class RowChecker {
 public:
  RowChecker(RowRules rules, SignerKeys keys);
  CheckedRow check(const RowRecord& row);

 private:
  std::optional<std::string> unusable_name_or_city(std::string_view name, std::string_view city);
  void keep(const std::vector<std::string>& fields, std::size_t line, PrivacyLevel consent,
            CheckedRow& out);

  RowRules rules_;
  SignerKeys keys_;
  std::string joined_;  // several name columns joined
  std::string cleaned_;
};

// Rows read and checked on a second thread and handed over in file order,
// a batch at a time: reading and checking (the CSV parser, ICU, digests)
// and adding up (duplicates, the growing list) run at once on two cores.
// What the reading thread throws, next() rethrows after handing over the
// rows before it, just where reading on one thread would have thrown.
class CheckedRows {
 public:
  // `reader` must outlive this object.
  CheckedRows(RowSource& reader, RowChecker checker);
  ~CheckedRows();  // stops the reading thread, if it is still reading
  CheckedRows(const CheckedRows&) = delete;
  CheckedRows& operator=(const CheckedRows&) = delete;

  // The next batch of rows; false after the last.
  bool next(std::vector<CheckedRow>& batch);

 private:
  void read(std::stop_token stop, RowSource& reader, RowChecker checker);
  bool hand_over(std::stop_token stop, std::vector<CheckedRow>& batch);

  std::mutex mutex_;
  std::condition_variable_any changed_;
  std::deque<std::vector<CheckedRow>> ready_;
  std::exception_ptr failure_;
  bool done_ = false;
  std::jthread thread_;  // last: it starts once everything it uses exists
};

}  // namespace dossier::ingest
