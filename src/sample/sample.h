// Synthetic petition signatures for `dossier sample`, so the renderer can be
// exercised at realistic scale and script mix without real personal data.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <stdexcept>

#include "errors/error.h"
namespace dossier::sample {

// A table in data/sample/ is missing, unreadable or inconsistent; the
// message names the file and line.
using DataError = StageError<ErrorKind::bad_input, struct DataErrorTag>;

// The name and place tables the signatures are drawn from: the files of
// data/sample/ (see its README.md), read once and checked.
class Tables {
 public:
  static Tables load(const std::filesystem::path& dir);
  Tables(Tables&&) noexcept;
  Tables& operator=(Tables&&) noexcept;
  ~Tables();

  struct Data;

 private:
  explicit Tables(std::unique_ptr<const Data> data);
  std::unique_ptr<const Data> data_;
  friend void write_csv(std::ostream&, const Tables&, std::uint64_t, std::uint64_t);
};

// Writes `count` realistic synthetic petition signatures as CSV (RFC 4180,
// UTF-8, LF) to `out`: header `name,city,country,signed_at,email`, then one
// row per signature in signing order (signed_at ascending). Deterministic:
// the same tables, count and seed give the same bytes on every platform.
void write_csv(std::ostream& out, const Tables& tables, std::uint64_t count, std::uint64_t seed);

}  // namespace dossier::sample
