// The ingest stage: reads the configuration, the letter templates, the
// parliamentarians and the petition signatures into a plain model, and
// accounts for every input row (rendered, merged as a duplicate, or
// rejected with its line and reason). This header is the stage's whole
// public surface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "errors/error.h"
#include "ingest/privacy.h"
#include "picture/picture.h"

namespace dossier::ingest {

// An input file that cannot be used at all. The message names the file,
// the line where it applies, and what was found.
using InputError = StageError<ErrorKind::bad_input, struct InputErrorTag>;

// A text given per language (BCP 47 → text); "" holds the one written as
// plain text, which is the dossier's language's.
using ByLanguage = std::map<std::string, std::string>;

struct Recipient {
  std::string name;
  std::string name_cyrillic;
  std::string title;
  ByLanguage salutation;
  // The letters in this recipient's volume, in order; empty: the dossier's
  // language, then the others by file name.
  std::vector<std::string> languages;
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
    ByLanguage place, date, sender;
    // A picture at the top of each letter's first page, this wide (points).
    std::shared_ptr<const picture::Picture> logo;
    double logo_width = 40 * 72 / 25.4;
  } letter;
  PageSize page_size = PageSize::A4;
  bool duplex = false;
  int columns = 3;
  SortOrder sort = SortOrder::Signing;
  int part_pages = 1000;
  // Taken off the inner edge of every page by binding (points): the inner
  // margin grows by it, on the left of right-hand pages and the right of
  // left-hand ones in duplex, on the left of every page in simplex.
  double binding_correction = 12 * 72.0 / 25.4;
  // [limits]: the longest name and city accepted, in grapheme clusters.
  std::size_t max_name = 256;
  std::size_t max_city = 128;
  std::string language = "en";  // ISO 639-1: the dossier's own words
  // [pdf] tagged: the PDFs carry a structure tree (PDF/UA-1, PDF/A-2a).
  bool tagged = true;
  // [seal]: the key and authority (paths resolved against dossier.toml's
  // folder; empty: none), and the signature dictionary's /Reason,
  // /Location, /ContactInfo.
  struct {
    std::filesystem::path key;
    std::string tsa;
    std::vector<std::filesystem::path> chain, validation_data;
    std::string reason, location, contact_info;
  } seal;
  std::vector<Recipient> recipients;
  PrivacyConfig privacy;  // [privacy], [editions.*], the withheld label
};

// A length as staff write it, a number and a unit: "12mm", "1.2 cm",
// "34pt", "0.5in". In points; nullopt for anything else (no unit, another
// unit, a negative number).
std::optional<double> parse_length(std::string_view text);

// Reads templates/dossier.toml. Throws InputError.
Config load_config(const std::filesystem::path& toml_file);

// A run of a paragraph's text in one style.
struct Inline {
  enum class Style : std::uint8_t { Regular, Bold, Italic, BoldItalic, Code };
  std::string text;  // "\n": a hard line break
  Style style = Style::Regular;
  std::string link;  // the URI it links to; empty: none
};

// A list a block is inside.
struct ListLevel {
  std::string marker;      // "3.", "•": on the first block of its item only
  bool tight = true;       // no space between its items
  std::uint32_t list = 0;  // which list of the letter (numbered in order)
  std::uint32_t item = 0;  // which item of it
};

// One block of the letter, in reading order.
struct LetterBlock {
  enum class Kind { Paragraph, Heading, Rule, Image };
  Kind kind = Kind::Paragraph;
  int heading_level = 0;
  std::vector<Inline> inlines;
  std::vector<ListLevel> lists;  // the lists it is inside, outermost first
  int quote_depth = 0;
  // An image: as the letter names it, what it shows, and the picture.
  std::string source, alt;
  std::shared_ptr<const picture::Picture> picture;
  std::size_t line = 0;  // in its letter file
};

// Something of the letter that is not set: raw HTML, a picture without
// alternative text. Said with its line, never dropped in silence.
struct LetterWarning {
  std::size_t line = 0;
  std::string what;
};

using Pictures = std::map<std::string, std::shared_ptr<const picture::Picture>>;

struct LetterDocument {
  std::vector<LetterBlock> blocks;
  std::vector<LetterWarning> warnings;
  Pictures pictures;  // by the name the letter gives them
};

struct LetterTemplate {
  std::string language;  // from letter.<language>.md
  std::string markdown;  // with {{salutation}}, {{name}}, {{title}} placeholders
  std::filesystem::path file;
  LetterDocument document;  // the template read: its pictures loaded, its warnings
};

// Reads a letter's Markdown (CommonMark) into blocks, loading each picture
// it names (relative to the letter's file). Throws InputError naming the
// file and line for a picture that is missing, unreadable or not a PNG or
// JPEG this project embeds.
LetterDocument read_letter_document(const std::string& markdown, const std::filesystem::path& file);

// A filled-in letter as blocks, its pictures the template's.
LetterDocument letter_document(const std::string& filled, const LetterTemplate& letter);

// The letter in the dossier's language (letter.<language>.md) first, then
// any other letter.<lang>.md in name order. Throws InputError when the
// dossier's language has no letter.
std::vector<LetterTemplate> load_letters(const std::filesystem::path& dir,
                                         const std::string& language = "en");

// The value for `language`: its own, its base language's (zh for zh-Hans),
// or, for the dossier's language, the plain one; nullopt when there is none.
std::optional<std::string> for_language(const ByLanguage& values, const std::string& language,
                                        const std::string& dossier_language);

// The letters of a recipient's volume and letters, in order (Recipient::
// languages, or all: the dossier's first).
std::vector<LetterTemplate> letters_for(const Recipient& recipient,
                                        const std::vector<LetterTemplate>& letters);

// The template with its placeholders filled in for one recipient, in the
// letter's language. Throws InputError naming the recipient and the
// language when the letter has {{salutation}} and the recipient no
// salutation in its language.
std::string fill_letter(const LetterTemplate& letter, const Recipient& recipient,
                        const Config& config);

// Every letter of every recipient filled in, so that a missing salutation
// or a recipient's language without a letter stops the run before anything
// is written. Throws InputError.
void check_letters(const Config& config, const std::vector<LetterTemplate>& letters);

// The letterhead of a letter in `language`: place and sender as given for
// it (or as given plainly), the date as given for it, else the handover's
// date as the language writes dates (ICU, long form).
struct Letterhead {
  std::string place, date, sender;
};
Letterhead letterhead(const Config& config, const std::string& language);

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
  // The name field as read, if any: at most its first kShownClusters
  // grapheme clusters, then "…".
  std::string name;
};
constexpr std::size_t kShownClusters = 256;

// A country value that is neither an ISO 3166 code nor a country name ICU
// knows, and how many rows gave it.
struct UnknownCountry {
  std::string value;  // as the first such row spelled it
  std::uint64_t rows = 0;
};

struct InputStats {
  std::string file;  // as given on the command line
  std::string sha256;
  std::uint64_t rows_read = 0;
  std::uint64_t accepted = 0;
  std::uint64_t duplicates = 0;
  std::uint64_t rejected = 0;
  // How the file was read, for the manifest and the progress output.
  std::string format;          // "csv" or "xlsx"
  std::string encoding;        // ICU converter name ("UTF-8", "windows-1252"); empty for xlsx
  std::string delimiter;       // "comma", "semicolon", "tab"; empty for xlsx
  std::string sheet;           // the worksheet read (xlsx)
  std::string columns;         // the column mapping, as printed
  std::string duplicate_rule;  // how rows were found to be the same signer
  // Rows whose country value was not recognised (the country is left
  // empty), and the ten most frequent such values, most frequent first.
  std::uint64_t unknown_country_rows = 0;
  std::vector<UnknownCountry> unknown_countries;
};

enum class DuplicatePolicy { Merge, Keep };

struct ReadOptions {
  // Columns, matched case- and accent-insensitively. Empty: recognised
  // from common header names (English, German, French, Italian, Spanish).
  // Several name_columns are joined with a space (first + last name).
  std::vector<std::string> name_columns;
  std::string city_column;
  std::string country_column;
  std::string signed_at_column;
  std::string email_column;
  // The signer's consent to pass the name on (see parse_consent); used
  // when the header has it.
  std::string consent_column = "consent";
  DuplicatePolicy duplicates = DuplicatePolicy::Merge;
  // CSV: the file's encoding (any ICU converter name); empty: UTF-8, or
  // what its byte order mark says.
  std::string encoding;
  // CSV: the field separator; 0: detected (comma, semicolon or tab).
  char delimiter = 0;
  // xlsx: the worksheet to read; empty: the first.
  std::string sheet;
  // Lines saying how the file is read (format, encoding, separator,
  // columns); empty: silent.
  std::function<void(const std::string&)> progress;
  // Longer fields make the row a reject, checked before any other work on
  // the field (Config::max_name, max_city).
  std::size_t max_name = 256;
  std::size_t max_city = 128;
};

struct SignatureSet {
  std::vector<Signature> signatures;  // accepted, in file order, numbers unset
  std::vector<Reject> rejects;
  InputStats stats;
  bool has_consent = false;  // the header had the consent column
};

// Reads a petition export: CSV (RFC 4180, in any encoding, separated by
// commas, semicolons or tabs) or an Excel workbook (.xlsx). Only name,
// city, country and signed_at are kept; every other column is dropped at
// once, and an e-mail column is only used, as a digest held in memory
// while reading, to find rows of the same signer. Throws InputError for a
// file that cannot be used (missing, empty, not UTF-8 without --encoding,
// no header, no or several name columns, unterminated quote).
SignatureSet read_signatures(const std::filesystem::path& csv, const ReadOptions& options = {});

// Why a name cannot be rendered, or nullopt. `name` is cleaned in place:
// NFC, control and bidi embedding/override/isolate characters removed,
// white space collapsed.
std::optional<std::string> clean_name(std::string& name);

// Orders signatures and numbers them from 1. Signing order keeps the order
// of signed_at (file order where equal or absent); country order sorts by
// country, then name, with ICU collation.
void order_signatures(std::vector<Signature>& signatures, SortOrder order);

// "100,000": thousands separated for people (reasons, progress, the
// volumes' figures), never for machines, and the same whatever the locale.
std::string grouped(std::uint64_t n);

// One record of a CSV file and the line it starts on (1-based).
struct CsvRecord {
  std::vector<std::string> fields;
  std::size_t line = 0;
};

// A comma-separated UTF-8 file (RFC 4180; a BOM is skipped) that a
// program wrote, read exactly: fields keep every space, blank lines are
// skipped, and a row that is not RFC 4180 is an error instead of being
// read leniently as a petition export's would be. Throws InputError naming
// the file and the line (unreadable file, stray or unclosed quote).
std::vector<CsvRecord> read_csv_exactly(const std::filesystem::path& file);

// "alexander-lukashenko": ASCII letters, digits and hyphens only.
std::string slug(const std::string& text);

}  // namespace dossier::ingest
