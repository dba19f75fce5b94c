#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>

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
const Color kSmallTypeGrey{0.38, 0.38, 0.38};  // a shade darker than kGrey for small type

const text::Style kSmallStyle{"sans", "", ""};

// The start of a name for an error message: a few dozen characters, cut
// at a character boundary.
std::string excerpt(const std::string& name) {
  constexpr std::size_t kBytes = 80;
  if (name.size() <= kBytes) return name;
  std::size_t cut = kBytes;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return name.substr(0, cut) + "…";
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

// Every boundary of one kind (ICU line-break opportunities, or grapheme
// cluster ends) in `utf8`, as byte offsets, in one pass over the text in
// place. Found once per text: asking ICU for the boundary following an
// arbitrary offset may rescan from the start of a long word each time,
// which made cutting a word quadratic again.
std::vector<std::size_t> boundaries(const std::string& utf8, bool lines) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> text(
      utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &err));
  std::unique_ptr<icu::BreakIterator> it(
      lines ? icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), err)
            : icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
  if (U_FAILURE(err)) throw LayoutError("ICU has no line-break data");
  it->setText(text.get(), err);
  if (U_FAILURE(err)) throw LayoutError("ICU cannot read the text for line breaking");
  std::vector<std::size_t> out;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    out.push_back(static_cast<std::size_t>(b));
  }
  return out;
}

// Wraps text into lines no wider than `width` at ICU line-break
// opportunities; a piece with no opportunity that is still too wide (a very
// long word) is cut between grapheme clusters.
//
// Linear in the text's length: the whole text is shaped once, and the
// width of any piece is read from its clusters' advances (prefix sums over
// byte offsets) instead of shaping every candidate piece, which cost time
// quadratic in the length of a long word. Each line is then shaped once for
// drawing. A line shaped alone can come out a little wider than its
// clusters measured in context (an Arabic letter that loses its joining
// form at the cut), so it is checked and shortened until it fits.
//
// A single cluster wider than `width` is returned as a line of its own; the
// caller decides what to do about it.
std::vector<std::shared_ptr<const text::ShapedText>> wrap(text::ShapeCache& cache,
                                                          const std::string& text,
                                                          const text::Style& style, double size,
                                                          double width) {
  const auto& fonts = cache.fonts();
  auto whole = cache.get(text, style);
  if (whole->width(fonts, size) <= width) return {whole};
  const std::string& s = whole->text;  // NFC: the offsets of the clusters
  const std::size_t n = s.size();

  // advance[i]: what the cluster starting at byte i adds; starts[i]: a
  // cluster starts there (a cut elsewhere would split a ligature or a
  // reordered syllable).
  std::vector<double> before(n + 1, 0.0);
  std::vector<bool> starts(n + 1, false);
  starts[n] = true;
  for (const auto& run : whole->runs) {
    const double scale = size / fonts.info(run.font).units_per_em;
    for (const auto& g : run.glyphs) {
      if (g.cluster >= n) continue;
      before[g.cluster + 1] += g.x_advance * scale;
      starts[g.cluster] = true;
    }
  }
  for (std::size_t i = 1; i <= n; ++i) before[i] += before[i - 1];
  auto end_without_spaces = [&](std::size_t a, std::size_t b) {
    while (b > a && s[b - 1] == ' ') --b;
    return b;
  };
  auto measured = [&](std::size_t a, std::size_t b) {
    return before[end_without_spaces(a, b)] - before[a];
  };

  // Cut points inside a word: grapheme cluster ends where a glyph cluster
  // starts (a cut elsewhere would split a ligature or a reordered syllable).
  std::vector<bool> cuttable(n + 1, false);
  for (auto b : boundaries(s, false)) cuttable[b] = b == n || starts[b];
  auto cut_after = [&](std::size_t at) {
    for (std::size_t b = at + 1; b <= n; ++b) {
      if (cuttable[b]) return b;
    }
    return n;
  };
  const auto opportunities = boundaries(s, true);
  std::size_t next_opportunity = 0;  // the first one after `start`

  std::vector<std::shared_ptr<const text::ShapedText>> out;
  std::size_t start = 0;
  while (start < n) {
    while (next_opportunity < opportunities.size() && opportunities[next_opportunity] <= start) {
      ++next_opportunity;
    }
    std::size_t end = start;
    for (std::size_t k = next_opportunity; k < opportunities.size(); ++k) {
      if (measured(start, opportunities[k]) > width) break;
      end = opportunities[k];
    }
    if (end == start) {
      // No break opportunity fits: as many whole clusters as fit, at least one.
      end = cut_after(start);
      for (std::size_t b = end; b < n;) {
        b = cut_after(b);
        if (measured(start, b) > width) break;
        end = b;
      }
    }
    auto shaped = [&] {
      return cache.get(std::string_view(s).substr(start, end_without_spaces(start, end) - start),
                       style);
    };
    auto line = shaped();
    // Shaped alone it may be wider than measured (rare, by a glyph or two):
    // give back clusters worth the excess, then shape again.
    for (double over = line->width(fonts, size) - width; over > 0;
         over = line->width(fonts, size) - width) {
      std::vector<std::size_t> cuts;  // inside the line, in order
      for (std::size_t b = cut_after(start); b < end; b = cut_after(b)) cuts.push_back(b);
      if (cuts.empty()) break;  // one cluster: the caller decides
      std::size_t keep = cuts.size() - 1;
      while (keep > 0 && measured(start, end) - measured(start, cuts[keep]) < over) --keep;
      end = cuts[keep];
      line = shaped();
    }
    out.push_back(std::move(line));
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
    // Never draw outside the column or the page: an entry that cannot be
    // placed stops the layout, named, for a person to look at.
    auto refuse = [&](const std::string& why) {
      throw LayoutError(fmt::format("signature no. {} (\"{}\") cannot be placed: {}", e.number,
                                    excerpt(e.name), why));
    };
    for (const auto* lines : {&name_lines, &place_lines}) {
      for (const auto& line : *lines) {
        double size = lines == &name_lines ? kNameSize : kPlaceSize;
        if (line->width(fonts, size) > name_width) {
          refuse(fmt::format("a character of it is wider than a column ({:.1f} pt)", name_width));
        }
      }
    }
    if (height > top - bottom) {
      refuse(fmt::format("it needs {:.0f} pt, more than a whole column ({:.0f} pt)", height,
                         top - bottom));
    }
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
                                  cursor - 0.8 * kNameLeading, kNumberSize, kSmallTypeGrey});
    for (const auto& line : name_lines) {
      double x = rtl ? right_aligned_x(*line, fonts, kNameSize, x0 + column_width) : x0 + gutter;
      page.items.push_back(TextItem{line, x, cursor - 0.8 * kNameLeading, kNameSize, {}});
      cursor -= kNameLeading;
    }
    for (const auto& line : place_lines) {
      double x = rtl ? right_aligned_x(*line, fonts, kPlaceSize, x0 + column_width) : x0 + gutter;
      page.items.push_back(
          TextItem{line, x, cursor - 0.8 * kPlaceLeading, kPlaceSize, kSmallTypeGrey});
      cursor -= kPlaceLeading;
    }
    y -= height;
  }
  return out;
}

}  // namespace dossier::layout
