// Internal to the ingest stage: which columns of an export hold the name,
// city, country, signing time and e-mail address.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace dossier::ingest {

struct ColumnMap {
  std::vector<std::size_t> name;  // joined with a space, in this order
  std::optional<std::size_t> city, country, signed_at, email;
};

// Columns named in `options` (--column) are found by their header,
// case- and accent-insensitively; the others are recognised from common
// header names in English, German, French, Italian and Spanish. Throws
// InputError, naming `file` and the header's line, when no column holds
// names or when several could (listing them, and --column).
ColumnMap map_columns(const std::vector<std::string>& header, const ReadOptions& options,
                      const std::string& file, std::size_t header_line);

// "name = Vorname + Nachname, city = Ort, country = Land, signed_at = Datum,
// e-mail = E-Mail (only to find duplicates)": the mapping as people read it.
std::string describe(const ColumnMap& map, const std::vector<std::string>& header);

}  // namespace dossier::ingest
