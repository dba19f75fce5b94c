#include <fmt/format.h>
#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <memory>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "ingest/collation.h"
#include "ingest/country_names.h"
#include "ingest/csv_reader.h"
#include "ingest/delimiter.h"
#include "ingest/field_limits.h"
#include "ingest/header_map.h"
#include "ingest/ingest.h"
#include "ingest/match_key.h"
#include "ingest/same_signer.h"
#include "ingest/xlsx_reader.h"
#include "iso8601/iso8601.h"

namespace dossier::ingest {
namespace {

// Characters that may reorder the text around them (UAX #9 explicit
// formatting characters) or that mark direction (Unicode's Bidi_Control
// property: ALM, LRM, RLM, LRE..RLO, LRI..PDI); a name is always set as its
// own isolated paragraph, so they carry no meaning in it.
bool is_bidi_control(UChar32 c) { return u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL); }

// What cleaning does with one code point.
enum class CharRole : unsigned char {
  Space,      // white space: runs collapse to one space
  Dropped,    // control and bidi control characters
  Invisible,  // kept, but not enough to make a name visible (marks, format)
  Visible,
};

CharRole role_of(UChar32 c) {
  if (u_isUWhiteSpace(c) || c == '\t' || c == '\n' || c == '\r') return CharRole::Space;
  auto type = u_charType(c);
  if (type == U_CONTROL_CHAR || is_bidi_control(c)) return CharRole::Dropped;
  if (type != U_FORMAT_CHAR && type != U_NON_SPACING_MARK && type != U_ENCLOSING_MARK &&
      !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
    return CharRole::Visible;
  }
  return CharRole::Invisible;
}

// The roles of the ASCII characters, asked of ICU once: nearly every byte
// of an export is ASCII, and four property look-ups per byte were most of
// the cleaning's cost. Immutable once built.
const std::array<CharRole, 128>& ascii_roles() {
  static const auto roles = [] {
    std::array<CharRole, 128> table{};
    for (UChar32 c = 0; c < 128; ++c) table[static_cast<std::size_t>(c)] = role_of(c);
    return table;
  }();
  return roles;
}

// clean_name's work, reading `raw` and writing the cleaned text to `out`,
// so that a field is cleaned without first being copied.
std::optional<std::string> clean_text(std::string_view raw, std::string& out) {
  if (!valid_utf8(raw)) return "invalid UTF-8";
  const auto& ascii = ascii_roles();
  out.clear();
  out.reserve(raw.size());
  bool pending_space = false;
  bool visible = false;
  bool all_ascii = true;
  int32_t i = 0, n = static_cast<int32_t>(raw.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(raw.data(), i, n, c);
    const CharRole role = c < 0x80 ? ascii[static_cast<std::size_t>(c)] : role_of(c);
    if (role == CharRole::Space) {
      pending_space = !out.empty();
      continue;
    }
    if (role == CharRole::Dropped) continue;
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(raw.data() + start, static_cast<std::size_t>(i - start));
    all_ascii = all_ascii && c < 0x80;
    visible = visible || role == CharRole::Visible;
  }
  if (out.empty()) return "empty name";
  if (!visible) return "name has no visible characters";
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return "cannot be normalised";
  // ASCII, and text already in NFC, is its own NFC: most fields need no
  // second copy.
  if (all_ascii || nfc->isNormalizedUTF8(out, err)) return std::nullopt;
  err = U_ZERO_ERROR;  // a failed check leaves the answer to normalizeUTF8
  std::string normal;
  icu::StringByteSink<std::string> sink(&normal);
  nfc->normalizeUTF8(0, out, sink, nullptr, err);
  if (U_FAILURE(err)) return "cannot be normalised";
  out = std::move(normal);
  return std::nullopt;
}

// Cleans a city or country field: same rules as names, but an unusable value
// only empties the field.
std::string clean_field(std::string_view raw) {
  std::string s;
  if (clean_text(raw, s)) return {};
  return s;
}

// Seconds since the epoch for "YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM]", or
// nullopt. Only what is needed to order signatures.
std::optional<long long> parse_time(const std::string& s) {
  const auto moment = iso8601::parse(s);
  if (!moment) return std::nullopt;
  return moment->utc.time_since_epoch().count();
}

// What a --delimiter-less CSV is split at is decided on this much of it.
constexpr std::size_t kDelimiterSample = 64 * 1024;

bool is_xlsx(const std::filesystem::path& file) {
  auto ext = file.extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".xlsx" || ext == ".xlsm";
}

// The reader for the export's format, its encoding and separator decided
// (and recorded in `stats`) before any row is read.
std::unique_ptr<RowSource> open_export(const std::filesystem::path& file,
                                       const ReadOptions& options, InputStats& stats) {
  if (is_xlsx(file)) {
    auto reader = std::make_unique<XlsxReader>(file, options.sheet);
    stats.format = "xlsx";
    stats.sheet = reader->sheet();
    return reader;
  }
  auto encoding = choose_encoding(file, options.encoding);
  char delimiter = options.delimiter;
  if (!delimiter) delimiter = detect_delimiter(TextSource(file, encoding).head(kDelimiterSample));
  stats.format = "csv";
  stats.encoding = encoding.name;
  stats.delimiter = delimiter_name(delimiter);
  return std::make_unique<CsvReader>(file, encoding, delimiter);
}

// Country values that matched no country, by how often they came.
class UnknownCountries {
 public:
  void count(const std::string& value) {
    ++rows_;
    auto it = by_key_.try_emplace(match_key(value), UnknownCountry{value, 0}).first;
    ++it->second.rows;
  }
  std::uint64_t rows() const { return rows_; }
  std::vector<UnknownCountry> most_frequent(std::size_t n) const {
    std::vector<UnknownCountry> all;
    for (const auto& [key, u] : by_key_) all.push_back(u);
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.rows != b.rows ? a.rows > b.rows : a.value < b.value;
    });
    if (all.size() > n) all.resize(n);
    // A misplaced column could put addresses here; they are never shown.
    for (auto& u : all) {
      if (u.value.find('@') != std::string::npos) u.value = "(a value with an @, not shown)";
    }
    return all;
  }

 private:
  std::uint64_t rows_ = 0;
  std::unordered_map<std::string, UnknownCountry> by_key_;
};

// The name a row gives: its one name column read in place, or several
// (first and last name) joined with a space in `joined`.
template <typename Field>
std::string_view joined_name(const std::vector<std::size_t>& name_columns, const Field& field,
                             std::string& joined) {
  if (name_columns.size() == 1) return field(name_columns.front());
  joined.clear();
  for (auto col : name_columns) {
    auto part = field(col);
    if (!joined.empty() && !part.empty()) joined += ' ';
    joined += part;
  }
  return joined;
}

}  // namespace

std::optional<std::string> clean_name(std::string& name) {
  std::string out;
  auto why = clean_text(name, out);
  if (!why) name = std::move(out);
  return why;
}

SignatureSet read_signatures(const std::filesystem::path& file, const ReadOptions& options) {
  SignatureSet set;
  set.stats.file = file.string();
  auto reader = open_export(file, options, set.stats);
  set.stats.sha256 = sha256_file(file);
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  if (set.stats.format == "xlsx") {
    say(fmt::format("  format: Excel workbook (.xlsx), sheet '{}'", set.stats.sheet));
  } else {
    say(fmt::format("  format: CSV, {}, separated by {}", set.stats.encoding, set.stats.delimiter));
  }

  RowRecord head;
  if (!reader->next(head)) {
    throw InputError(
        fmt::format("{}: the file is empty; expected a header line with at "
                    "least a name column",
                    file.string()));
  }
  if (!head.malformed.empty()) {
    throw InputError(
        fmt::format("{}: line {}: the header has {}", file.string(), head.line, head.malformed));
  }
  const auto& header = head.fields;
  const auto columns = map_columns(header, options, file.string(), head.line);
  set.stats.columns = describe(columns, header);
  say("  columns: " + set.stats.columns);

  // Bytes that are not text in the file's encoding reach the row checks
  // as invalid UTF-8; the reason names the encoding the file is read in.
  const std::string bad_bytes =
      set.stats.format == "csv" && !TextEncoding{set.stats.encoding}.is_utf8()
          ? "bytes that are not valid " + set.stats.encoding
          : std::string("invalid UTF-8");
  std::optional<CountryNames> countries;
  if (columns.country) countries.emplace();
  UnknownCountries unknown;
  SameSigner same_signer(options.duplicates == DuplicatePolicy::Merge, columns.email.has_value());
  set.stats.duplicate_rule = same_signer.rule();

  RowRecord row;
  // The signer's consent, when the header has the column (matched like
  // the others: case- and accent-insensitively).
  std::optional<std::size_t> consent_col;
  if (!options.consent_column.empty()) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (match_key(header[i]) == match_key(options.consent_column)) consent_col = i;
    }
  }
  set.has_consent = consent_col.has_value();
  const auto& fields = row.fields;
  // Fields are read in place: a row's text is copied once, when it is kept.
  auto field = [&](std::optional<std::size_t> col) -> std::string_view {
    return col && *col < fields.size() ? std::string_view(fields[*col]) : std::string_view();
  };
  std::string joined, cleaned;
  while (reader->next(row)) {
    ++set.stats.rows_read;
    const std::size_t line = row.line;
    if (!row.malformed.empty()) {
      ++set.stats.rejected;
      set.rejects.push_back({line, row.malformed, {}});
      continue;
    }
    // A row with more (non-empty) fields than the header has its columns
    // shifted (an unquoted comma in a name): its "city" might be an e-mail
    // address. It is rejected, never guessed at. Fewer fields are trailing
    // columns left out, and an empty extra field a trailing comma.
    bool shifted = false;
    for (std::size_t i = header.size(); i < fields.size(); ++i) {
      shifted = shifted || fields[i].find_first_not_of(" \t\r\n") != std::string::npos;
    }
    if (shifted) {
      ++set.stats.rejected;
      set.rejects.push_back(
          {line, fmt::format("{} fields, the header has {}", fields.size(), header.size()), {}});
      continue;
    }
    const std::string_view name = joined_name(columns.name, field, joined);
    // Consent first: a row whose consent we cannot read is rejected
    // without its name, since the signer may have said no.
    auto consent = parse_consent(field(consent_col));
    if (!consent) {
      ++set.stats.rejected;
      // The value itself is not repeated: people write anything into a
      // free-text cell, their name and town included.
      set.rejects.push_back({line,
                             "consent value not recognised (expected yes/no/true/false/1/0/ja/"
                             "nein/oui/non or full, no-city, initials, withheld, withheld-all)",
                             {}});
      continue;
    }
    // Length first: nothing else may walk a megabyte field more than once.
    auto why = check_length("name", name, options.max_name);
    if (!why) why = check_length("city", field(columns.city), options.max_city);
    if (why || (why = clean_text(name, cleaned))) {
      ++set.stats.rejected;
      std::string shown = valid_utf8(name) ? shortened(name, kShownClusters) : std::string();
      set.rejects.push_back({line, *why == "invalid UTF-8" ? bad_bytes : *why, shown});
      continue;
    }
    Signature s;
    s.name = std::move(cleaned);
    s.city = clean_field(field(columns.city));
    if (countries) {
      auto value = clean_field(field(columns.country));
      if (!value.empty()) {
        s.country = countries->code(value);
        if (s.country.empty()) unknown.count(value);
      }
    }
    s.signed_at = clean_field(field(columns.signed_at));
    s.line = line;
    s.privacy = *consent;
    // On the full name, before any redaction; a signer who signed twice is
    // shown as the stricter of the two consents.
    if (auto at = same_signer.earlier(s, field(columns.email), set.signatures.size())) {
      auto& kept = set.signatures[*at].privacy;
      kept = strictest(kept, s.privacy);
      ++set.stats.duplicates;
      continue;
    }
    ++set.stats.accepted;
    set.signatures.push_back(std::move(s));
  }
  set.stats.unknown_country_rows = unknown.rows();
  set.stats.unknown_countries = unknown.most_frequent(10);
  return set;
}

void order_signatures(std::vector<Signature>& signatures, SortOrder order) {
  if (order == SortOrder::Signing) {
    std::vector<long long> times;
    times.reserve(signatures.size());
    bool all_timed = true;
    for (const auto& s : signatures) {
      auto t = parse_time(s.signed_at);
      if (!t) {
        all_timed = false;
        break;
      }
      times.push_back(*t);
    }
    // Without a time on every row the file's order is the signing order.
    // Exports are usually written in signing order already, and then the
    // stable sort would keep every row where it is: the rows are only
    // moved when some time comes before the one above it.
    if (all_timed && !std::is_sorted(times.begin(), times.end())) {
      std::vector<std::size_t> idx(signatures.size());
      std::iota(idx.begin(), idx.end(), 0);
      std::stable_sort(idx.begin(), idx.end(),
                       [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
      std::vector<Signature> sorted;
      sorted.reserve(signatures.size());
      for (auto i : idx) sorted.push_back(std::move(signatures[i]));
      signatures = std::move(sorted);
    }
  } else {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> coll(icu::Collator::createInstance(icu::Locale::getRoot(), err));
    if (U_FAILURE(err)) throw InputError("ICU has no collation data");
    // Sort keys once per row: comparing keys is a memcmp. The country's
    // key followed by the name's orders by country first, then name.
    // Many rows share few countries: each country's name and key are made
    // once.
    std::unordered_map<std::string, std::string> country_keys;
    std::vector<std::pair<std::string, std::size_t>> keys;
    keys.reserve(signatures.size());
    for (std::size_t i = 0; i < signatures.size(); ++i) {
      auto [country, fresh] = country_keys.try_emplace(signatures[i].country);
      if (fresh) append_collation_key(*coll, country_name(signatures[i].country), country->second);
      std::string key = country->second;
      append_collation_key(*coll, signatures[i].name, key);
      keys.emplace_back(std::move(key), i);
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Signature> sorted;
    sorted.reserve(signatures.size());
    for (auto& k : keys) sorted.push_back(std::move(signatures[k.second]));
    signatures = std::move(sorted);
  }
  for (std::size_t i = 0; i < signatures.size(); ++i) signatures[i].number = i + 1;
}

}  // namespace dossier::ingest
