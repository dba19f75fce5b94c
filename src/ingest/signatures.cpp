#include <fmt/format.h>
#include <unicode/coll.h>
#include <unicode/locid.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <optional>
#include <unordered_map>

#include "digest/sha256.h"
#include "ingest/collation.h"
#include "ingest/country_names.h"
#include "ingest/csv_reader.h"
#include "ingest/delimiter.h"
#include "ingest/field_limits.h"
#include "ingest/header_map.h"
#include "ingest/ingest.h"
#include "ingest/match_key.h"
#include "ingest/row_checks.h"
#include "ingest/same_signer.h"
#include "ingest/xlsx_reader.h"
#include "iso8601/iso8601.h"

namespace dossier::ingest {
namespace {

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

// Adds up one checked row, in file order: a reject, a duplicate of an
// earlier signer, or a new signature.
void add_row(SignatureSet& set, CheckedRow row, UnknownCountries& unknown,
             SameSigner& same_signer) {
  ++set.stats.rows_read;
  if (row.reject) {
    ++set.stats.rejected;
    set.rejects.push_back(std::move(*row.reject));
    return;
  }
  if (!row.unknown_country.empty()) unknown.count(row.unknown_country);
  // On the full name, before any redaction; a signer who signed twice is
  // shown as the stricter of the two consents.
  if (auto at = same_signer.earlier(std::move(row.key), set.signatures.size())) {
    auto& kept = set.signatures[*at].privacy;
    kept = strictest(kept, row.signature.privacy);
    ++set.stats.duplicates;
    return;
  }
  ++set.stats.accepted;
  set.signatures.push_back(std::move(row.signature));
}

// The progress line that says how the export is read.
std::string format_line(const InputStats& stats) {
  if (stats.format == "xlsx") {
    return fmt::format("  format: Excel workbook (.xlsx), sheet '{}'", stats.sheet);
  }
  return fmt::format("  format: CSV, {}, separated by {}", stats.encoding, stats.delimiter);
}

RowRecord read_header(RowSource& reader, const std::filesystem::path& file) {
  RowRecord head;
  if (!reader.next(head)) {
    throw InputError(
        fmt::format("{}: the file is empty; expected a header line with at "
                    "least a name column",
                    file.string()));
  }
  if (!head.malformed.empty()) {
    throw InputError(
        fmt::format("{}: line {}: the header has {}", file.string(), head.line, head.malformed));
  }
  return head;
}

// Bytes that are not text in the file's encoding reach the row checks
// as invalid UTF-8; the reason names the encoding the file is read in.
std::string bad_bytes_reason(const InputStats& stats) {
  return stats.format == "csv" && !TextEncoding{stats.encoding}.is_utf8()
             ? "bytes that are not valid " + stats.encoding
             : std::string("invalid UTF-8");
}

// The signer's consent, when the header has the column (matched like
// the others: case- and accent-insensitively).
std::optional<std::size_t> consent_column(const std::vector<std::string>& header,
                                          const ReadOptions& options) {
  std::optional<std::size_t> consent_col;
  if (!options.consent_column.empty()) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (match_key(header[i]) == match_key(options.consent_column)) consent_col = i;
    }
  }
  return consent_col;
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
  set.stats.sha256 = digest::sha256_file(file);
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  say(format_line(set.stats));

  const RowRecord head = read_header(*reader, file);
  const auto& header = head.fields;
  const auto columns = map_columns(header, options, file.string(), head.line);
  set.stats.columns = describe(columns, header);
  say("  columns: " + set.stats.columns);

  std::optional<CountryNames> countries;
  if (columns.country) countries.emplace();
  UnknownCountries unknown;
  SameSigner same_signer(options.duplicates == DuplicatePolicy::Merge, columns.email.has_value());
  set.stats.duplicate_rule = same_signer.rule();
  const auto consent_col = consent_column(header, options);
  set.has_consent = consent_col.has_value();
  RowRules rules{.header_size = header.size(),
                 .columns = columns,
                 .consent_column = consent_col,
                 .max_name = options.max_name,
                 .max_city = options.max_city,
                 .bad_bytes = bad_bytes_reason(set.stats),
                 .countries = countries ? &*countries : nullptr};
  CheckedRows rows(*reader, RowChecker(std::move(rules), same_signer.keys()));
  for (std::vector<CheckedRow> batch; rows.next(batch);) {
    for (auto& row : batch) add_row(set, std::move(row), unknown, same_signer);
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
