// The ingest stage: reads the configuration, the letter templates, the
// parliamentarians and the petition signatures into a plain model, and
// accounts for every input row (rendered, merged as a duplicate, or
// rejected with its line and reason). This header is the stage's whole
// public surface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "ingest/privacy.h"

namespace dossier::ingest {

// An input file that cannot be used at all. The message names the file,
// the line where it applies, and what was found.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Recipient {
  std::string name;
  std::string name_cyrillic;
  std::string title;
  std::string salutation;
  std::string slug;  // ASCII letters, digits and hyphens, from the name
};

enum class SortOrder { Signing, Country };
enum class PageSize { A4, Letter };

struct Config {
  std::string title;
  std::string subtitle;
  std::string campaign;
  std::string author;
  std::vector<std::string> keywords;
  std::string date;  // ISO 8601; the documents' creation date
  struct {
    std::string place, datetime, display;
  } handover;
  struct {
    std::string place, date, sender;
  } letter;
  PageSize page_size = PageSize::A4;
  bool duplex = false;
  int columns = 3;
  SortOrder sort = SortOrder::Signing;
  int part_pages = 1000;
  std::vector<Recipient> recipients;
  PrivacyConfig privacy;  // [privacy], [editions.*], the withheld label
};

// Reads templates/dossier.toml. Throws InputError.
Config load_config(const std::filesystem::path& toml_file);

struct LetterTemplate {
  std::string language;  // from letter.<language>.md
  std::string markdown;  // with {{salutation}}, {{name}}, {{title}} placeholders
};

// letter.en.md first, then any other letter.<lang>.md in name order.
// Throws InputError when letter.en.md is missing.
std::vector<LetterTemplate> load_letters(const std::filesystem::path& dir);

// The template with its placeholders filled in for one recipient.
std::string fill_letter(const std::string& markdown, const Recipient& recipient);

struct Signatory {
  std::string name, role, parliament, country;
};

// Reads templates/signatories.csv (name, role, parliament, country).
std::vector<Signatory> load_signatories(const std::filesystem::path& csv);

struct Signature {
  std::uint64_t number = 0;  // 1-based, in the dossier's order
  std::string name;
  std::string city;
  std::string country;    // ISO 3166-1 alpha-2, or empty
  std::string signed_at;  // ISO 8601 as given, or empty
  std::size_t line = 0;   // where the row starts in its file
  // As read: the signer's consent (Full when the export has none). After
  // redact(): the level the signature is printed at.
  PrivacyLevel privacy = PrivacyLevel::Full;
};

struct Reject {
  std::size_t line = 0;
  std::string reason;
  std::string name;  // the name field as read (cleaned for display), if any
};

struct InputStats {
  std::string file;  // as given on the command line
  std::string sha256;
  std::uint64_t rows_read = 0;
  std::uint64_t accepted = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t rejected = 0;
};

enum class DuplicatePolicy { Merge, Keep };

struct ReadOptions {
  // Column holding the name, matched case-insensitively; or, when
  // name_columns has several entries, columns joined with a space (first +
  // last name exports).
  std::vector<std::string> name_columns{"name"};
  std::string city_column = "city";
  std::string country_column = "country";
  std::string signed_at_column = "signed_at";
  // The signer's consent to pass the name on (see parse_consent); used
  // when the header has it.
  std::string consent_column = "consent";
  DuplicatePolicy duplicates = DuplicatePolicy::Merge;
};

struct SignatureSet {
  std::vector<Signature> signatures;  // accepted, in file order, numbers unset
  std::vector<Reject> rejects;
  InputStats stats;
  bool has_consent = false;  // the header had the consent column
};

// Reads a petition export (RFC 4180 CSV, UTF-8). Only name, city, country
// and signed_at are kept; every other column is dropped at once. Throws
// InputError for a file that cannot be used (missing, empty, no header, no
// name column, unterminated quote).
SignatureSet read_signatures(const std::filesystem::path& csv, const ReadOptions& options = {});

// Why a name cannot be rendered, or nullopt. `name` is cleaned in place:
// NFC, control and bidi embedding/override/isolate characters removed,
// white space collapsed.
std::optional<std::string> clean_name(std::string& name);

// Orders signatures and numbers them from 1. Signing order keeps the order
// of signed_at (file order where equal or absent); country order sorts by
// country, then name, with ICU collation.
void order_signatures(std::vector<Signature>& signatures, SortOrder order);

// "Germany" for "DE" (English display name from ICU); the code itself when
// ICU does not know it.
std::string country_name(const std::string& code);

// Lower-case hex SHA-256 of a file's bytes.
std::string sha256_file(const std::filesystem::path& file);

// "alexander-lukashenko": ASCII letters, digits and hyphens only.
std::string slug(const std::string& text);

}  // namespace dossier::ingest
