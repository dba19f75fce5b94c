#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "layout/layout.h"

namespace dossier::layout {
namespace {

constexpr double kNameSize = 8.5;
constexpr double kNameLeading = 10.0;
constexpr double kPlaceSize = 6.3;
constexpr double kPlaceLeading = 7.6;
constexpr double kNumberSize = 6.8;
constexpr double kEntryGap = 2.8;
constexpr double kColumnGap = 14;
const Color kGrey{0.38, 0.38, 0.38};

const text::Style kSmallStyle{"sans", "", ""};

// Wraps text into lines no wider than `width` at ICU line-break
// opportunities; a piece with no opportunity that is still too wide (a very
// long word) is cut between grapheme clusters, so nothing is ever clipped.
std::vector<std::shared_ptr<const text::ShapedText>> wrap(text::ShapeCache& cache,
                                                          const std::string& text,
                                                          const text::Style& style, double size,
                                                          double width) {
  const auto& fonts = cache.fonts();
  auto whole = cache.get(text, style);
  if (whole->width(fonts, size) <= width) return {whole};

  auto u = icu::UnicodeString::fromUTF8(text);
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> lines(
      icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), err));
  std::unique_ptr<icu::BreakIterator> chars(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
  if (U_FAILURE(err)) return {whole};
  lines->setText(u);
  chars->setText(u);
  auto utf8 = [&](int32_t a, int32_t b) {
    std::string s;
    u.tempSubStringBetween(a, b).toUTF8String(s);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  auto fits = [&](int32_t a, int32_t b) {
    return cache.get(utf8(a, b), style)->width(fonts, size) <= width;
  };

  std::vector<std::shared_ptr<const text::ShapedText>> out;
  int32_t start = 0;
  while (start < u.length()) {
    int32_t end = start;
    for (int32_t b = lines->following(start); b != icu::BreakIterator::DONE; b = lines->next()) {
      if (!fits(start, b)) break;
      end = b;
    }
    if (end == start) {
      // No break opportunity fits: cut between grapheme clusters.
      for (int32_t b = chars->following(start); b != icu::BreakIterator::DONE; b = chars->next()) {
        if (!fits(start, b) && end > start) break;
        end = b;
        if (!fits(start, b)) break;  // a single cluster wider than the column
      }
    }
    out.push_back(cache.get(utf8(start, end), style));
    start = end;
  }
  return out;
}

}  // namespace

text::Style signature_name_style(const std::string& country) { return {"serif", "", country}; }

text::Style signature_place_style(const std::string& country) { return {"sans", "", country}; }

SignaturePages layout_signatures(text::ShapeCache& cache,
                                 const std::vector<SignatureEntry>& entries, const Geometry& g,
                                 int columns, unsigned threads) {
  const auto& fonts = cache.fonts();
  // Shaping dominates and every entry is independent: shape them on all
  // cores first; the layout below then finds them in the cache.
  {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&] {
      try {
        for (std::size_t i = next++; i < entries.size(); i = next++) {
          const auto& e = entries[i];
          cache.get(e.name, signature_name_style(e.country));
          cache.get(std::to_string(e.number), kSmallStyle);
          if (!e.place.empty()) cache.get(e.place, signature_place_style(e.country));
        }
      } catch (...) {
        // Rethrown on the calling thread: an exception must not end a worker.
        std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = entries.size();
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
  }
  SignaturePages out;
  const double column_width = (g.content_width() - (columns - 1) * kColumnGap) / columns;
  // The number gutter fits the largest number.
  std::uint64_t largest = entries.empty() ? 1 : entries.back().number;
  for (const auto& e : entries) largest = std::max(largest, e.number);
  const double gutter =
      text::shape(fonts, std::to_string(largest), kSmallStyle).width(fonts, kNumberSize) + 4;
  const double name_width = column_width - gutter;
  const double top = g.content_top();
  const double bottom = g.margin_bottom;

  int column = columns;  // forces a new page for the first entry
  double y = 0;
  for (const auto& e : entries) {
    auto name_lines = wrap(cache, e.name, signature_name_style(e.country), kNameSize, name_width);
    std::vector<std::shared_ptr<const text::ShapedText>> place_lines;
    if (!e.place.empty()) {
      place_lines = wrap(cache, e.place, signature_place_style(e.country), kPlaceSize, name_width);
    }
    double height = static_cast<double>(name_lines.size()) * kNameLeading +
                    static_cast<double>(place_lines.size()) * kPlaceLeading + kEntryGap;
    if (column >= columns || y - height < bottom) {
      ++column;
      y = top;
      if (column >= columns) {
        Page p;
        p.width = g.width;
        p.height = g.height;
        out.pages.push_back(std::move(p));
        out.first_number.push_back(e.number);
        column = 0;
      }
    }
    auto& page = out.pages.back();
    const double x0 = g.margin_left + column * (column_width + kColumnGap);
    const bool rtl = name_lines.front()->rtl;
    // Baselines sit four fifths down each line's leading.
    double cursor = y;
    auto number = cache.get(std::to_string(e.number), kSmallStyle);
    page.items.push_back(TextItem{number,
                                  right_aligned_x(*number, fonts, kNumberSize, x0 + gutter - 4),
                                  cursor - 0.8 * kNameLeading, kNumberSize, kGrey});
    for (const auto& line : name_lines) {
      double x = rtl ? right_aligned_x(*line, fonts, kNameSize, x0 + column_width) : x0 + gutter;
      page.items.push_back(TextItem{line, x, cursor - 0.8 * kNameLeading, kNameSize, {}});
      cursor -= kNameLeading;
    }
    for (const auto& line : place_lines) {
      double x = rtl ? right_aligned_x(*line, fonts, kPlaceSize, x0 + column_width) : x0 + gutter;
      page.items.push_back(TextItem{line, x, cursor - 0.8 * kPlaceLeading, kPlaceSize, kGrey});
      cursor -= kPlaceLeading;
    }
    y -= height;
  }
  return out;
}

}  // namespace dossier::layout
