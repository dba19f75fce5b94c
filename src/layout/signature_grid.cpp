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
#include "parallel/parallel_for.h"

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

}  // namespace

// ICU's line and character break iterators, made once per grid: making
// one reads its rules again (RBBIDataWrapper), which for every name that
// wraps was the largest cost of the thread that places entries in order.
struct LineBreaks {
  LineBreaks() {
    UErrorCode err = U_ZERO_ERROR;
    lines.reset(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), err));
    characters.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
    if (U_FAILURE(err) || !lines || !characters) throw LayoutError("ICU has no line-break data");
  }

  // Every boundary of one kind (line-break opportunities, or grapheme
  // cluster ends) in `utf8`, as byte offsets, in one pass over the text
  // in place. Found once per text: asking ICU for the boundary following
  // an arbitrary offset may rescan from the start of a long word each
  // time, which made cutting a word quadratic again.
  std::vector<std::size_t> find(const std::string& utf8, bool line_breaks) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<UText, UTextCloser> text(
        utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &err));
    auto& it = line_breaks ? *lines : *characters;
    it.setText(text.get(), err);
    if (U_FAILURE(err)) throw LayoutError("ICU cannot read the text for line breaking");
    std::vector<std::size_t> out;
    for (int32_t b = it.next(); b != icu::BreakIterator::DONE; b = it.next()) {
      out.push_back(static_cast<std::size_t>(b));
    }
    return out;
  }

  std::unique_ptr<icu::BreakIterator> lines;
  std::unique_ptr<icu::BreakIterator> characters;
};

namespace {

// The width a line takes on the page: its words, without the spaces a
// line broken at a space ends in (drawn, but nothing to see).
double set_width(const text::ShapedText& line, const text::FontLibrary& fonts, double size) {
  std::size_t words = line.text.size();
  while (words > 0 && line.text[words - 1] == ' ') --words;
  if (words == line.text.size()) return line.width(fonts, size);
  double spaces = 0;
  for (const auto& run : line.runs) {
    const double scale = size / fonts.info(run.font).units_per_em;
    for (const auto& g : run.glyphs) {
      if (g.cluster >= words) spaces += g.x_advance * scale;
    }
  }
  return line.width(fonts, size) - spaces;
}

// A text shaped whole, measured: the width of any piece of it is read from
// its clusters' advances (prefix sums over byte offsets) instead of shaping
// the piece, which cost time quadratic in the length of a long word.
class ClusterWidths {
 public:
  ClusterWidths(const text::ShapedText& whole, const text::FontLibrary& fonts, double size,
                LineBreaks& breaks)
      : s_(whole.text), n_(s_.size()), before_(n_ + 1, 0.0), cuttable_(n_ + 1, false) {
    // before_[i + 1]: what the cluster starting at byte i adds; starts[i]: a
    // cluster starts there (a cut elsewhere would split a ligature or a
    // reordered syllable).
    std::vector<bool> starts(n_ + 1, false);
    starts[n_] = true;
    for (const auto& run : whole.runs) {
      const double scale = size / fonts.info(run.font).units_per_em;
      for (const auto& g : run.glyphs) {
        if (g.cluster >= n_) continue;
        before_[g.cluster + 1] += g.x_advance * scale;
        starts[g.cluster] = true;
      }
    }
    for (std::size_t i = 1; i <= n_; ++i) before_[i] += before_[i - 1];
    // Cut points inside a word: grapheme cluster ends where a glyph cluster
    // starts.
    for (auto b : breaks.find(s_, false)) cuttable_[b] = b == n_ || starts[b];
    opportunities_ = breaks.find(s_, true);
  }

  std::size_t size() const { return n_; }
  std::string_view piece(std::size_t a, std::size_t b) const {
    return std::string_view(s_).substr(a, b - a);
  }
  const std::vector<std::size_t>& opportunities() const { return opportunities_; }

  std::size_t end_without_spaces(std::size_t a, std::size_t b) const {
    while (b > a && s_[b - 1] == ' ') --b;
    return b;
  }
  // The width of the piece from `a` to `b`: its words, not its trailing spaces.
  double measured(std::size_t a, std::size_t b) const {
    return before_[end_without_spaces(a, b)] - before_[a];
  }
  // The first place after `at` where a word may be cut.
  std::size_t cut_after(std::size_t at) const {
    for (std::size_t b = at + 1; b <= n_; ++b) {
      if (cuttable_[b]) return b;
    }
    return n_;
  }

 private:
  const std::string& s_;  // NFC: the offsets of the clusters
  std::size_t n_;
  std::vector<double> before_;
  std::vector<bool> cuttable_;
  std::vector<std::size_t> opportunities_;
};

// Where the line that starts at `start` ends: at the last break opportunity
// that fits, or, when none fits, after as many whole clusters as fit, at
// least one. `next_opportunity` is the first opportunity after the previous
// line's start; the lines are asked for in order.
std::size_t line_end(const ClusterWidths& widths, std::size_t start, double width,
                     std::size_t& next_opportunity) {
  const auto& opportunities = widths.opportunities();
  while (next_opportunity < opportunities.size() && opportunities[next_opportunity] <= start) {
    ++next_opportunity;
  }
  std::size_t end = start;
  for (std::size_t k = next_opportunity; k < opportunities.size(); ++k) {
    if (widths.measured(start, opportunities[k]) > width) break;
    end = opportunities[k];
  }
  if (end != start) return end;
  end = widths.cut_after(start);
  for (std::size_t b = end; b < widths.size();) {
    b = widths.cut_after(b);
    if (widths.measured(start, b) > width) break;
    end = b;
  }
  return end;
}

// How wrap() shapes its lines.
struct LineShaping {
  text::ShapeCache& cache;
  const text::Style& style;
  double size;
  double width;
  bool cached;
};

// The line from `start` to `end`, shaped. Shaped alone it may be wider
// than measured (rare, by a glyph or two): it gives back clusters worth the
// excess, moving `end`, and is shaped again.
std::shared_ptr<const text::ShapedText> shape_line(const ClusterWidths& widths,
                                                   const LineShaping& how, std::size_t start,
                                                   std::size_t& end) {
  const auto& fonts = how.cache.fonts();
  auto shaped = [&] {
    auto piece = widths.piece(start, end);
    return how.cached ? how.cache.get(piece, how.style) : how.cache.shape_once(piece, how.style);
  };
  auto line = shaped();
  for (double over = set_width(*line, fonts, how.size) - how.width; over > 0;
       over = set_width(*line, fonts, how.size) - how.width) {
    std::vector<std::size_t> cuts;  // inside the line, in order
    for (std::size_t b = widths.cut_after(start); b < end; b = widths.cut_after(b)) {
      cuts.push_back(b);
    }
    if (cuts.empty()) break;  // one cluster: the caller decides
    std::size_t keep = cuts.size() - 1;
    while (keep > 0 && widths.measured(start, end) - widths.measured(start, cuts[keep]) < over) {
      --keep;
    }
    end = cuts[keep];
    line = shaped();
  }
  return line;
}

// Wraps text into lines no wider than `width` at ICU line-break
// opportunities; a piece with no opportunity that is still too wide (a very
// long word) is cut between grapheme clusters.
//
// Linear in the text's length: the whole text is shaped once and measured
// (ClusterWidths). Each line is then shaped once for drawing. A line shaped
// alone can come out a little wider than its clusters measured in context
// (an Arabic letter that loses its joining form at the cut), so it is
// checked and shortened until it fits.
//
// A single cluster wider than `width` is returned as a line of its own; the
// caller decides what to do about it.
//
// `whole` is the text shaped whole; `cached` says whether its lines go
// through the cache (places, which repeat) or not (names, which do not).
std::vector<std::shared_ptr<const text::ShapedText>> wrap(
    text::ShapeCache& cache, LineBreaks& breaks, std::shared_ptr<const text::ShapedText> whole,
    const text::Style& style, double size, double width, bool cached) {
  const auto& fonts = cache.fonts();
  if (whole->width(fonts, size) <= width) return {std::move(whole)};
  const ClusterWidths widths(*whole, fonts, size, breaks);
  const LineShaping how{cache, style, size, width, cached};
  std::vector<std::shared_ptr<const text::ShapedText>> out;
  std::size_t next_opportunity = 0;
  for (std::size_t start = 0; start < widths.size();) {
    std::size_t end = line_end(widths, start, width, next_opportunity);
    // A line broken at a space keeps it, drawn after its last word (and
    // so, right to left, before its first: the visible text still ends
    // where it is aligned), so that text read from the structure keeps
    // the words of a wrapped name apart. Only the words count for width.
    auto line = shape_line(widths, how, start, end);
    // Its space takes no room: nothing of the line hangs beyond the column.
    if (widths.end_without_spaces(start, end) < end) {
      line = std::make_shared<const text::ShapedText>(text::hang_trailing_spaces(fonts, *line));
    }
    out.push_back(std::move(line));
    start = end;
  }
  return out;
}

using Line = std::shared_ptr<const text::ShapedText>;
using Lines = std::vector<Line>;

// An entry's name and place, wrapped to its column.
struct EntryLines {
  Lines name;
  Lines place;

  double height() const {
    return static_cast<double>(name.size()) * kNameLeading +
           static_cast<double>(place.size()) * kPlaceLeading + kEntryGap;
  }
};

// Never draw outside the column or the page: an entry that cannot be
// placed stops the layout, named, for a person to look at.
void check_fits(const SignatureEntry& e, const EntryLines& lines, const text::FontLibrary& fonts,
                double name_width, double column_height) {
  auto refuse = [&](const std::string& why) {
    throw LayoutError(fmt::format("signature no. {} (\"{}\") cannot be placed: {}", e.number,
                                  excerpt(e.name), why));
  };
  for (const auto* each : {&lines.name, &lines.place}) {
    for (const auto& line : *each) {
      double size = each == &lines.name ? kNameSize : kPlaceSize;
      if (set_width(*line, fonts, size) > name_width) {
        refuse(fmt::format("a character of it is wider than a column ({:.1f} pt)", name_width));
      }
    }
  }
  const double height = lines.height();
  if (height > column_height) {
    refuse(fmt::format("it needs {:.0f} pt, more than a whole column ({:.0f} pt)", height,
                       column_height));
  }
}

// Where an entry is drawn: its column, and how its lines stand in it.
struct EntrySlot {
  const text::FontLibrary& fonts;
  const Geometry& g;
  double x0;  // the column's left edge
  double column_width;
  double gutter;
  double number_space;
  bool rtl;  // the name is right to left
  Tag tag;   // the entry's list item

  double line_x(const text::ShapedText& line, double size) const {
    if (g.mirrored) return right_aligned_x(line, fonts, size, x0 + column_width - gutter);
    return rtl ? right_aligned_x(line, fonts, size, x0 + column_width) : x0 + gutter;
  }
};

// Draws an entry's number, name and place, the first baseline four fifths
// down the name's leading from `top`.
void draw_entry(Page& page, const EntrySlot& at, const Line& number, const EntryLines& lines,
                const Line& whole_name, double top) {
  double cursor = top;
  // The number's trailing space hangs beyond it: into the gap before the
  // name, or in a mirrored grid past the column's edge (a space draws
  // nothing).
  const double number_end = at.g.mirrored ? at.x0 + at.column_width + at.number_space
                                          : at.x0 + at.gutter - 4 + at.number_space;
  page.items.push_back(TextItem{number, right_aligned_x(*number, at.fonts, kNumberSize, number_end),
                                cursor - 0.8 * kNameLeading, kNumberSize, kSmallTypeGrey});
  std::get<TextItem>(page.items.back()).tag = at.tag;
  for (const auto& line : lines.name) {
    TextItem item{line, at.line_x(*line, kNameSize), cursor - 0.8 * kNameLeading, kNameSize, {}};
    item.tag = at.tag;
    if (lines.name.size() > 1) {
      const bool first = &line == &lines.name.front();
      item.reads = first ? Reads::Whole : Reads::Nothing;
      if (first) item.whole = whole_name;
    }
    page.items.push_back(std::move(item));
    cursor -= kNameLeading;
  }
  for (const auto& line : lines.place) {
    page.items.push_back(TextItem{line, at.line_x(*line, kPlaceSize), cursor - 0.8 * kPlaceLeading,
                                  kPlaceSize, kSmallTypeGrey});
    std::get<TextItem>(page.items.back()).tag = at.tag;
    cursor -= kPlaceLeading;
  }
}

}  // namespace

text::Style signature_name_style(const std::string& country) { return {"serif", "", country}; }

text::Style signature_place_style(const std::string& country) { return {"sans", "", country}; }

// What one entry draws, shaped: its number, its name's lines and its
// place's lines.
struct SignatureGrid::Shaped {
  std::shared_ptr<const text::ShapedText> number;
  std::shared_ptr<const text::ShapedText> name;
  std::shared_ptr<const text::ShapedText> place;
};

SignatureGrid::SignatureGrid(text::ShapeCache& cache, const Geometry& g, int columns,
                             std::uint64_t largest_number, unsigned threads, PageDone done,
                             Tag section)
    : cache_(cache),
      breaks_(std::make_unique<LineBreaks>()),
      g_(g),
      columns_(columns),
      threads_(std::max(1u, threads)),
      done_(std::move(done)),
      column_(columns),
      section_(section) {
  const auto& fonts = cache.fonts();
  column_width_ = (g.content_width() - (columns - 1) * kColumnGap) / columns;
  // The number gutter fits the largest number.
  gutter_ =
      text::shape(fonts, std::to_string(std::max<std::uint64_t>(largest_number, 1)), kSmallStyle)
          .width(fonts, kNumberSize) +
      4;
  number_space_ = text::shape(fonts, " ", kSmallStyle).width(fonts, kNumberSize);
}

SignatureGrid::~SignatureGrid() = default;

void SignatureGrid::add(const std::vector<SignatureEntry>& entries) {
  // Shaping dominates and every entry is independent: the chunk is shaped
  // on all cores first, then placed in order. Names and numbers never come
  // again, so they bypass the cache; places repeat and go through it.
  std::vector<Shaped> shaped(entries.size());
  parallel::parallel_for(entries.size(), entries.size() < 64 ? 1u : threads_, [&](std::size_t i) {
    const auto& e = entries[i];
    shaped[i].name = cache_.shape_once(e.name, signature_name_style(e.country));
    // A space after the number, drawn in the gap before the name, so that
    // the entry's text reads "17 Anna Kowalska" from its structure element
    // (Tagged PDF: word breaks are space characters).
    shaped[i].number = cache_.shape_once(std::to_string(e.number) + " ", kSmallStyle);
    if (!e.place.empty()) shaped[i].place = cache_.get(e.place, signature_place_style(e.country));
  });
  for (std::size_t i = 0; i < entries.size(); ++i) {
    place(entries[i], std::move(shaped[i]));
  }
}

void SignatureGrid::finish() {
  if (page_) {
    done_(std::move(*page_), first_number_);
    page_.reset();
  }
}

void SignatureGrid::place(const SignatureEntry& e, Shaped shaped) {
  const auto& fonts = cache_.fonts();
  const double name_width = column_width_ - gutter_;
  const double top = g_.content_top();
  const double bottom = g_.margin_bottom;
  const auto whole_name = shaped.name;
  EntryLines lines;
  lines.name = wrap(cache_, *breaks_, std::move(shaped.name), signature_name_style(e.country),
                    kNameSize, name_width, false);
  if (shaped.place) {
    lines.place = wrap(cache_, *breaks_, std::move(shaped.place), signature_place_style(e.country),
                       kPlaceSize, name_width, true);
  }
  const double height = lines.height();
  check_fits(e, lines, fonts, name_width, top - bottom);
  if (column_ >= columns_ || y_ - height < bottom) {
    ++column_;
    ++lists_;
    y_ = top;
    if (column_ >= columns_) {
      finish();
      page_.emplace();
      page_->width = g_.width;
      page_->height = g_.height;
      first_number_ = e.number;
      column_ = 0;
    }
  }
  // A mirrored grid's first column is the rightmost, its numbers stand on
  // the right of the names and every name ends beside its number.
  const int slot = g_.mirrored ? columns_ - 1 - column_ : column_;
  // One list item per entry, whatever it wraps to: number, name, place.
  const EntrySlot at{
      fonts,
      g_,
      g_.margin_left + slot * (column_width_ + kColumnGap),
      column_width_,
      gutter_,
      number_space_,
      lines.name.front()->rtl,
      section_.child(Role::L, lists_).child(Role::LI, static_cast<std::uint32_t>(e.number))};
  draw_entry(*page_, at, shaped.number, lines, whole_name, y_);
  y_ -= height;
}

SignaturePages layout_signatures(text::ShapeCache& cache,
                                 const std::vector<SignatureEntry>& entries, const Geometry& g,
                                 int columns, unsigned threads, Tag section) {
  SignaturePages out;
  std::uint64_t largest = entries.empty() ? 1 : entries.back().number;
  for (const auto& e : entries) largest = std::max(largest, e.number);
  SignatureGrid grid(
      cache, g, columns, largest, threads,
      [&](Page page, std::uint64_t first_number) {
        out.pages.push_back(std::move(page));
        out.first_number.push_back(first_number);
      },
      section);
  grid.add(entries);
  grid.finish();
  return out;
}

}  // namespace dossier::layout
