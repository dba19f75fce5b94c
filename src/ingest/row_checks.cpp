#include "ingest/row_checks.h"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <utility>

#include "ingest/field_limits.h"
#include "ingest/privacy.h"

namespace dossier::ingest {
namespace {

// Rows handed over at a time, and batches read ahead at most: enough to
// keep both threads busy, few enough that memory stays a few megabytes.
constexpr std::size_t kBatchRows = 2048;
constexpr std::size_t kBatchesAhead = 4;

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

// Cleans a city or country field: same rules as names, but an unusable value
// only empties the field.
std::string clean_field(std::string_view raw) {
  std::string s;
  if (clean_text(raw, s)) return {};
  return s;
}

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

// A row with more (non-empty) fields than the header has its columns
// shifted (an unquoted comma in a name): its "city" might be an e-mail
// address. It is rejected, never guessed at. Fewer fields are trailing
// columns left out, and an empty extra field a trailing comma.
bool columns_shifted(const std::vector<std::string>& fields, std::size_t header_size) {
  bool shifted = false;
  for (std::size_t i = header_size; i < fields.size(); ++i) {
    shifted = shifted || fields[i].find_first_not_of(" \t\r\n") != std::string::npos;
  }
  return shifted;
}

// Fields are read in place: a row's text is copied once, when it is kept.
std::string_view field_at(const std::vector<std::string>& fields, std::optional<std::size_t> col) {
  return col && *col < fields.size() ? std::string_view(fields[*col]) : std::string_view();
}

}  // namespace

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

RowChecker::RowChecker(RowRules rules, SignerKeys keys)
    : rules_(std::move(rules)), keys_(std::move(keys)) {}

CheckedRow RowChecker::check(const RowRecord& row) {
  CheckedRow out;
  const std::size_t line = row.line;
  const auto& fields = row.fields;
  if (!row.malformed.empty()) {
    out.reject = Reject{line, row.malformed, {}};
    return out;
  }
  if (columns_shifted(fields, rules_.header_size)) {
    out.reject = Reject{
        line, fmt::format("{} fields, the header has {}", fields.size(), rules_.header_size), {}};
    return out;
  }
  auto field = [&](std::optional<std::size_t> col) { return field_at(fields, col); };
  const std::string_view name = joined_name(rules_.columns.name, field, joined_);
  // Consent first: a row whose consent we cannot read is rejected
  // without its name, since the signer may have said no.
  auto consent = parse_consent(field(rules_.consent_column));
  if (!consent) {
    // The value itself is not repeated: people write anything into a
    // free-text cell, their name and town included.
    out.reject = Reject{line,
                        "consent value not recognised (expected yes/no/true/false/1/0/ja/"
                        "nein/oui/non or full, no-city, initials, withheld, withheld-all)",
                        {}};
    return out;
  }
  if (auto why = unusable_name_or_city(name, field(rules_.columns.city))) {
    std::string shown = valid_utf8(name) ? shortened(name, kShownClusters) : std::string();
    out.reject = Reject{line, *why == "invalid UTF-8" ? rules_.bad_bytes : *why, shown};
    return out;
  }
  keep(fields, line, *consent, out);
  return out;
}

// Why the name or the city cannot be used, or nullopt with the cleaned
// name in cleaned_.
std::optional<std::string> RowChecker::unusable_name_or_city(std::string_view name,
                                                             std::string_view city) {
  // Length first: nothing else may walk a megabyte field more than once.
  auto why = check_length("name", name, rules_.max_name);
  if (!why) why = check_length("city", city, rules_.max_city);
  if (why) return why;
  return clean_text(name, cleaned_);
}

// The accepted row's signature, its fields cleaned, and the key that finds
// the same signer again.
void RowChecker::keep(const std::vector<std::string>& fields, std::size_t line,
                      PrivacyLevel consent, CheckedRow& out) {
  const auto& columns = rules_.columns;
  Signature& s = out.signature;
  s.name = std::move(cleaned_);
  s.city = clean_field(field_at(fields, columns.city));
  if (rules_.countries) {
    auto value = clean_field(field_at(fields, columns.country));
    if (!value.empty()) {
      s.country = rules_.countries->code(value);
      if (s.country.empty()) out.unknown_country = std::move(value);
    }
  }
  s.signed_at = clean_field(field_at(fields, columns.signed_at));
  s.line = line;
  s.privacy = consent;
  out.key = keys_.key(s, field_at(fields, columns.email));
}

CheckedRows::CheckedRows(RowSource& reader, RowChecker checker)
    : thread_([this, &reader](std::stop_token stop,
                              RowChecker c) { read(std::move(stop), reader, std::move(c)); },
              std::move(checker)) {}

CheckedRows::~CheckedRows() {
  thread_.request_stop();
  changed_.notify_all();
}

// On the reading thread: reads and checks every row, handing them over a
// batch at a time, then the last batch and what ended the reading.
void CheckedRows::read(std::stop_token stop, RowSource& reader, RowChecker checker) {
  std::vector<CheckedRow> batch;
  std::exception_ptr failure;
  try {
    for (RowRecord row; reader.next(row);) {
      batch.push_back(checker.check(row));
      if (batch.size() == kBatchRows && !hand_over(stop, batch)) return;
    }
  } catch (...) {
    failure = std::current_exception();
  }
  std::lock_guard lock(mutex_);
  if (!batch.empty()) ready_.push_back(std::move(batch));
  failure_ = failure;
  done_ = true;
  changed_.notify_all();
}

// Waits for room, then queues `batch`; false when the reader is to stop.
bool CheckedRows::hand_over(std::stop_token stop, std::vector<CheckedRow>& batch) {
  std::unique_lock lock(mutex_);
  if (!changed_.wait(lock, stop, [&] { return ready_.size() < kBatchesAhead; })) return false;
  ready_.push_back(std::exchange(batch, {}));
  changed_.notify_all();
  batch.reserve(kBatchRows);
  return true;
}

bool CheckedRows::next(std::vector<CheckedRow>& batch) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !ready_.empty() || done_; });
  if (ready_.empty()) {
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
    return false;
  }
  batch = std::move(ready_.front());
  ready_.pop_front();
  changed_.notify_all();
  return true;
}

}  // namespace dossier::ingest
