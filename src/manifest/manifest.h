// manifest.json: what a build wrote and how its input rows add up. One
// type, written by `dossier build`, joined by `dossier manifest merge` and
// read back by `dossier verify`. A small support library of its own so
// that verify can read a manifest without linking the build stage.
//
// Keys are written in the order of the fields below, two-space indented,
// with a final line break; a manifest read and written again keeps its
// bytes. Older manifests lack some keys: those are optional here and stay
// absent when written back.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "errors/error.h"

namespace dossier::manifest {

// Not a manifest: the message says what is wrong, without the file name
// ("volumes[2] has no \"sha256\"").
using FormatError = StageError<ErrorKind::bad_input, struct FormatErrorTag>;
// Not JSON at all.
class NotJson : public FormatError {
 public:
  using FormatError::FormatError;
};

// The edition's resolved privacy rules and how many signatures are printed
// at each level. Levels as their names ("full", "no_city", …): this
// library does not judge them; verify does.
struct Edition {
  std::string name;
  std::string default_level;                                    // "" when absent
  std::vector<std::pair<std::string, std::string>> by_country;  // as written
  std::string withheld;
  std::vector<std::pair<std::string, std::uint64_t>> levels;
  bool operator==(const Edition&) const = default;
};

// One PDF: a whole volume, or one part of a volume too long to bind as one
// book (then volume/part say which, the part holds the signatures
// first_number..last_number, and its footers continue the volume's page
// numbers from first_page). The optional keys came with parts.
// A volume's seal (dossier seal, build --seal-key): the volume's own
// sha256 stays the build's, which the sealed file holds as its first bytes.
struct Seal {
  std::string sha256;  // of the sealed file
  std::string level;   // "B-B", "B-T", "B-LT"
  std::string signer, signer_sha256;
  std::string signing_time;
  std::optional<std::string> timestamp_time, timestamp_authority;
  bool operator==(const Seal&) const = default;
};

struct Volume {
  std::string file;  // relative to the manifest's folder
  std::optional<std::string> recipient;
  std::optional<std::uint64_t> volume, part, parts;
  std::uint64_t pages = 0;
  std::optional<std::uint64_t> first_page, volume_pages;
  std::uint64_t signatures = 0;
  std::uint64_t first_number = 0;
  std::uint64_t last_number = 0;
  std::string sha256;
  std::optional<Seal> seal;
  bool operator==(const Volume&) const = default;
};

struct Input {
  std::string file;
  std::string sha256;
  std::uint64_t rows_read = 0, accepted = 0, duplicates = 0, rejected = 0;
  std::uint64_t names_with_missing_glyphs = 0;
  std::string format, encoding, delimiter, sheet, duplicate_rule;
  std::uint64_t unknown_country_rows = 0;
  bool operator==(const Input&) const = default;
};

struct Signatures {
  std::string file;
  std::string sha256;
  std::uint64_t count = 0;
  bool operator==(const Signatures&) const = default;
};

struct Coverage {
  std::string file;
  std::uint64_t texts = 0;
  bool operator==(const Coverage&) const = default;
};

// A summary for people; each key optional when read, since verify checks
// what is there and never needs it.
struct Totals {
  std::optional<std::uint64_t> volumes, pages, signatures, parliamentarians, rows_read, duplicates,
      rejected, names_with_missing_glyphs, texts_with_missing_glyphs;
  bool operator==(const Totals&) const = default;
};

struct Manifest {
  std::optional<std::string> title;
  std::optional<bool> synthetic;
  std::optional<Edition> edition;  // absent before editions
  std::vector<Volume> volumes;
  std::optional<std::vector<Input>> inputs;
  Signatures signatures;
  std::optional<Coverage> coverage;
  std::optional<Totals> totals;
};

// The manifest as build writes it: JSON, two-space indented, keys in the
// order above, ending in a line break.
std::string to_json(const Manifest& manifest);

// Reads what to_json wrote, or an older manifest. "signatures" and
// "volumes" (each with file, pages, signatures, first_number, last_number
// and sha256) are required; everything else is read when present. Throws
// NotJson, or FormatError naming the key.
Manifest from_json(std::string_view text);

}  // namespace dossier::manifest
