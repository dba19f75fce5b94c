#include "ingest/field_limits.h"

#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

namespace dossier::ingest {
namespace {

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

// Calls `on_boundary(byte offset)` after each grapheme cluster of `utf8`
// until it returns false. UText reads the UTF-8 in place: a megabyte field
// is never copied or converted to UTF-16.
template <typename F>
void for_each_cluster_end(std::string_view utf8, F on_boundary) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> text(
      utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &err));
  std::unique_ptr<icu::BreakIterator> chars(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
  if (U_FAILURE(err)) {
    // Without ICU's break data every byte counts: never fewer than the truth.
    for (std::size_t i = 1; i <= utf8.size(); ++i) {
      if (!on_boundary(i)) return;
    }
    return;
  }
  chars->setText(text.get(), err);
  for (int32_t b = chars->next(); b != icu::BreakIterator::DONE; b = chars->next()) {
    if (!on_boundary(static_cast<std::size_t>(b))) return;
  }
}

}  // namespace

// "1,048,576": the reason is read by people, and fmt's {:L} would depend on
// the machine's locale.
std::string grouped(std::uint64_t n) {
  auto digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool valid_utf8(std::string_view s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::size_t count_clusters(std::string_view utf8) {
  std::size_t n = 0;
  for_each_cluster_end(utf8, [&](std::size_t) {
    ++n;
    return true;
  });
  return n;
}

std::optional<std::string> check_length(std::string_view what, std::string_view value,
                                        std::size_t limit) {
  if (value.size() <= limit) return std::nullopt;
  auto n = count_clusters(value);
  if (n <= limit) return std::nullopt;
  return fmt::format("{} is {} characters; the limit is {}", what, grouped(n), grouped(limit));
}

std::string shortened(std::string_view utf8, std::size_t clusters) {
  if (!valid_utf8(utf8)) return {};
  if (utf8.size() <= clusters) return std::string(utf8);
  std::size_t seen = 0, cut = utf8.size();
  for_each_cluster_end(utf8, [&](std::size_t end) {
    if (++seen < clusters) return true;
    cut = end;
    return false;
  });
  if (cut >= utf8.size()) return std::string(utf8);
  return std::string(utf8.substr(0, cut)) + "…";
}

}  // namespace dossier::ingest
