// Total-fit line breaking after Knuth and Plass, "Breaking Paragraphs into
// Lines" (1981): boxes (pieces of text), glue (word spaces, and the gaps
// between characters of scripts written without spaces) and penalties
// (hyphenation points, and grapheme boundaries as a last resort); the
// breaks minimise the paragraph's total demerits.
//
// Where a line may break is UAX #14 (ICU's line break iterator for the
// paragraph's language: dictionaries for Thai, Lao, Khmer and Burmese,
// the strict rules for Chinese and Japanese punctuation). Lines are found
// in logical order and then laid out in visual order (UAX #9 L2, ICU).
#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>

#include "layout/layout.h"

namespace dossier::layout {
namespace {

constexpr double kInfinity = 1e9;
constexpr double kHyphenPenalty = 50;
constexpr double kGraphemePenalty = 5000;  // a cut inside a word: only when nothing else fits
constexpr double kFlaggedDemerits = 3000;  // two hyphenated lines in a row
constexpr double kTolerance = 3;           // largest adjustment ratio accepted
// The gap between two characters of a script written without spaces may
// grow by this much of the type size when a line is justified (Chinese and
// Japanese are justified between characters, Thai between words).
constexpr double kGapStretch = 0.1;
// A line that starts or ends inside a word is shaped again to check that
// it fits when the widths of its boxes come within this many ems of the
// measure (cutting a word changes its width by a letter's form or two).
constexpr double kRemeasure = 2;

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

struct Node {
  enum Kind { Box, Glue, Penalty } kind;
  double width = 0, stretch = 0, shrink = 0, penalty = 0;
  bool flagged = false;
  std::size_t begin = 0, end = 0;  // a box's text, as byte offsets into the paragraph
  bool space = false;              // glue: a word space (else a gap between characters)
  // A penalty inside a word (a hyphenation point, a cut between graphemes,
  // a break opportunity without a space), at byte `begin`: the word's
  // text, and its width up to the cut and in all, measured in context.
  bool inner = false;
  std::size_t word_begin = 0, word_end = 0;
  double prefix = 0, word_width = 0;
};

// The paragraph as one text, and the style of each byte range.
struct Runs {
  std::string text;
  struct Run {
    std::size_t begin, end;
    text::Style style;
    std::string link;
    Tag tag;
  };
  std::vector<Run> runs;

  const text::Style& style_at(std::size_t at) const {
    for (const auto& r : runs) {
      if (at >= r.begin && at < r.end) return r.style;
    }
    return runs.back().style;
  }
};

// NFC, as shaping sees it: the byte offsets of shaped clusters are then
// offsets into the paragraph's own text.
Runs join(const std::vector<Span>& spans) {
  Runs p;
  for (const auto& span : spans) {
    if (span.text.empty()) continue;
    const auto text = text::normalize_nfc(span.text);
    p.runs.push_back({p.text.size(), p.text.size() + text.size(), span.style, span.link, span.tag});
    p.text += text;
  }
  return p;
}

// Every boundary of `kind` in `utf8`, as byte offsets, the end included.
std::vector<std::size_t> boundaries(const std::string& utf8, bool lines,
                                    const std::string& language) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> text(
      utext_openUTF8(nullptr, utf8.data(), static_cast<int64_t>(utf8.size()), &err));
  // Japanese and Chinese with the strict rules: no line starts with a small
  // kana or a closing mark.
  std::string locale = language;
  if (lines && (language.rfind("ja", 0) == 0 || language.rfind("zh", 0) == 0)) {
    locale += "@lb=strict";
  }
  std::unique_ptr<icu::BreakIterator> it(
      lines ? icu::BreakIterator::createLineInstance(icu::Locale(locale.c_str()), err)
            : icu::BreakIterator::createCharacterInstance(icu::Locale(locale.c_str()), err));
  if (U_FAILURE(err)) throw LayoutError("ICU has no line-break data");
  it->setText(text.get(), err);
  std::vector<std::size_t> out;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    out.push_back(static_cast<std::size_t>(b));
  }
  return out;
}

UChar32 char_before(const std::string& s, std::size_t at) {
  int32_t i = static_cast<int32_t>(at);
  UChar32 c = 0;
  U8_PREV(s.data(), 0, i, c);
  return c;
}

// Whether the characters on both sides of a break without a space may
// move apart when a line is justified: in scripts written without spaces.
bool justifies_between(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  switch (uscript_getScript(c, &err)) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
    case USCRIPT_YI:
      return true;
    default:
      break;
  }
  // CJK punctuation and full-width forms are Common: they justify as the
  // characters around them do.
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF);
}

class Breaker {
 public:
  Breaker(text::ShapeCache& cache, const Hyphenator* hyphenator, const std::vector<Span>& spans,
          const ParagraphStyle& style, double width)
      : cache_(cache),
        fonts_(cache.fonts()),
        hyphenator_(hyphenator),
        p_(join(spans)),
        style_(style),
        width_(width) {}

  std::vector<Line> run() {
    if (p_.text.empty()) return {};
    make_nodes();
    return make_lines(find_breaks());
  }

 private:
  // The width of text [a, b) set in its styles, as one shaped piece per style.
  double measure(std::size_t a, std::size_t b) {
    double w = 0;
    for (const auto& r : p_.runs) {
      const auto from = std::max(a, r.begin), to = std::min(b, r.end);
      if (from < to) {
        w += cache_.get(std::string_view(p_.text).substr(from, to - from), r.style)
                 ->width(fonts_, style_.size);
      }
    }
    return w;
  }

  double space_width(std::size_t at) {
    const double w = cache_.get(" ", p_.style_at(at))->width(fonts_, style_.size);
    return w > 0 ? w : style_.size * 0.25;
  }

  // Its width comes later, from its word measured whole (measure_words).
  void add_box(std::size_t a, std::size_t b) {
    Node box{Node::Box};
    box.begin = a;
    box.end = b;
    nodes_.push_back(box);
  }

  // A break inside a word at `at`.
  void add_inner_break(std::size_t at, double penalty, double width, bool hyphen) {
    Node pen{Node::Penalty, width};
    pen.penalty = penalty;
    pen.flagged = hyphen;
    pen.inner = true;
    pen.begin = at;
    nodes_.push_back(pen);
  }

  // A word [a, b): hyphenated where its language allows, and cut between
  // grapheme clusters where it is wider than the line (a last resort, so
  // that nothing is ever set outside the text area).
  void add_word(std::size_t a, std::size_t b) {
    std::vector<std::pair<std::size_t, bool>> cuts;  // offset, hyphenated
    if (hyphenator_) {
      const auto word = std::string_view(p_.text).substr(a, b - a);
      std::size_t x = 0, y = word.size();
      while (x < y && std::ispunct(static_cast<unsigned char>(word[x]))) ++x;
      while (y > x && std::ispunct(static_cast<unsigned char>(word[y - 1]))) --y;
      bool one_style = false;
      for (const auto& r : p_.runs) one_style = one_style || (a >= r.begin && b <= r.end);
      if (one_style) {
        for (auto point : hyphenator_->points(word.substr(x, y - x))) {
          cuts.emplace_back(a + x + point, true);
        }
      }
    }
    // A piece between hyphenation points that no line can hold, with the
    // hyphen it would end in, gets the grapheme boundaries inside it as
    // cuts of last resort.
    std::vector<std::pair<std::size_t, bool>> last_resort;
    std::size_t piece = a;
    for (std::size_t k = 0; k <= cuts.size(); ++k) {
      const std::size_t to = k < cuts.size() ? cuts[k].first : b;
      const double hyphen =
          k < cuts.size() ? cache_.get("-", p_.style_at(to - 1))->width(fonts_, style_.size) : 0;
      if (measure(piece, to) + hyphen > width_) {
        for (auto g : boundaries(p_.text.substr(piece, to - piece), false, style_.language)) {
          if (g > 0 && piece + g < to) last_resort.emplace_back(piece + g, false);
        }
      }
      piece = to;
    }
    cuts.insert(cuts.end(), last_resort.begin(), last_resort.end());
    std::sort(cuts.begin(), cuts.end());
    std::size_t from = a;
    for (const auto& [at, hyphen] : cuts) {
      add_box(from, at);
      if (hyphen) {
        add_inner_break(at, kHyphenPenalty,
                        cache_.get("-", p_.style_at(at - 1))->width(fonts_, style_.size), true);
      } else {
        add_inner_break(at, kGraphemePenalty, 0, false);
      }
      from = at;
    }
    add_box(from, b);
  }

  void make_nodes() {
    const auto& s = p_.text;
    std::size_t prev = 0;
    for (auto b : boundaries(s, true, style_.language)) {
      std::size_t c = b;
      while (c > prev && (s[c - 1] == ' ' || s[c - 1] == '\t' || s[c - 1] == '\n')) --c;
      if (c > prev) add_word(prev, c);
      // Spaces right after a break without one (after a carriage return or
      // a slash) belong to the word they precede: a line drawn from that
      // break draws them, so they are measured with it.
      if (c == prev && c < b && b < s.size() && !nodes_.empty() && nodes_.back().inner) continue;
      if (b >= s.size() || c == prev) {
        prev = b;
        continue;
      }
      // A hard line break: the line ends here whatever else would fit, set
      // as a paragraph's last line is.
      if (std::string_view(s).substr(c, b - c).find('\n') != std::string_view::npos) {
        nodes_.push_back({Node::Glue, 0, kInfinity, 0});
        nodes_.push_back({Node::Penalty, 0, 0, 0, -kInfinity, true});
        prev = b;
        continue;
      }
      Node glue{Node::Glue};
      glue.begin = c;
      if (c < b) {
        const double space = space_width(c);
        glue.width = space;
        glue.stretch = space * 0.6;
        glue.shrink = space * 0.3;
        glue.space = true;
      } else if (justifies_between(char_before(s, c))) {
        glue.stretch = kGapStretch * style_.size;
      } else {
        // A break without a space (after a hyphen, a slash): the text on
        // both sides is drawn as one word unless the line ends here.
        add_inner_break(c, 0, 0, false);
        prev = b;
        continue;
      }
      nodes_.push_back(glue);
      prev = b;
    }
    nodes_.push_back({Node::Glue, 0, kInfinity, 0});
    nodes_.push_back({Node::Penalty, 0, 0, 0, -kInfinity, true});
    measure_words();
  }

  // A word (boxes with nothing but breaks inside a word between them) is
  // drawn as one piece per style, its letters joined and kerned across its
  // boxes. Its boxes' widths are read from the word shaped whole, so that
  // together they are exactly its width; a line that starts or ends inside
  // a word is measured again where it matters (inner_correction).
  void measure_words() {
    const std::size_t n = nodes_.size();
    for (std::size_t k = 0; k < n;) {
      if (nodes_[k].kind != Node::Box) {
        ++k;
        continue;
      }
      std::size_t last = k;  // the word's last box
      for (std::size_t j = k + 1; j < n; ++j) {
        if (nodes_[j].kind == Node::Box) {
          last = j;
        } else if (!(nodes_[j].kind == Node::Penalty && nodes_[j].inner)) {
          break;
        }
      }
      const std::size_t a = nodes_[k].begin, b = nodes_[last].end;
      const auto before = widths_before(a, b);
      for (std::size_t j = k; j <= last; ++j) {
        auto& node = nodes_[j];
        if (node.kind == Node::Box) {
          node.width = before[node.end - a] - before[node.begin - a];
        } else {
          node.word_begin = a;
          node.word_end = b;
          node.prefix = before[node.begin - a];
          node.word_width = before[b - a];
        }
      }
      k = last + 1;
    }
  }

  // before[i]: the width of text [a, a + i) as drawn within text [a, b),
  // read from the clusters of each style's piece shaped once.
  std::vector<double> widths_before(std::size_t a, std::size_t b) {
    std::vector<double> before(b - a + 1, 0.0);
    for (const auto& r : p_.runs) {
      const auto from = std::max(a, r.begin), to = std::min(b, r.end);
      if (from >= to) continue;
      const auto piece = std::string_view(p_.text).substr(from, to - from);
      const auto shaped = cache_.get(piece, r.style);
      const std::size_t at = from - a;
      if (shaped->text == piece) {
        for (const auto& run : shaped->runs) {
          const double scale = style_.size / fonts_.info(run.font).units_per_em;
          for (const auto& g : run.glyphs) {
            if (g.cluster < piece.size()) before[at + g.cluster + 1] += g.x_advance * scale;
          }
        }
      } else {
        // Shaping changed the text (it should not, the paragraph is NFC):
        // spread the piece's width over its bytes; the lines that end
        // inside it are measured again.
        const double per_byte =
            shaped->width(fonts_, style_.size) / static_cast<double>(piece.size());
        for (std::size_t i = 0; i < piece.size(); ++i) before[at + i + 1] += per_byte;
      }
    }
    for (std::size_t i = 1; i < before.size(); ++i) before[i] += before[i - 1];
    return before;
  }

  // The width of text [a, b) as a line draws it: one piece per style, a
  // hyphen after the last one if `hyphen`. Shaped without filling the
  // cache: most such pieces are candidates that never become a line.
  double piece_width(std::size_t a, std::size_t b, bool hyphen) {
    double w = 0;
    for (const auto& r : p_.runs) {
      const auto from = std::max(a, r.begin), to = std::min(b, r.end);
      if (from >= to) continue;
      std::string piece = p_.text.substr(from, to - from);
      if (hyphen && to == b) piece += '-';
      w += cache_.shape_once(piece, r.style)->width(fonts_, style_.size);
    }
    return w;
  }

  // What a line from break `a1` (node index + 1, 0 for the paragraph's
  // start) to break `i` measures beyond its boxes' widths: a word cut at
  // either end is drawn shaped on its own, its letters no longer joined
  // across the cut (an Arabic letter takes its final form, a conjunct
  // falls apart).
  double inner_correction(std::size_t a1, std::size_t i) {
    const Node* head = a1 > 0 && nodes_[a1 - 1].inner ? &nodes_[a1 - 1] : nullptr;
    const Node* tail = nodes_[i].inner ? &nodes_[i] : nullptr;
    double fix = 0;
    if (head) {
      const bool same = tail && tail->word_begin == head->word_begin;
      const std::size_t end = same ? tail->begin : head->word_end;
      const double boxes = (same ? tail->prefix + tail->width : head->word_width) - head->prefix;
      fix += piece_width(head->begin, end, same && tail->flagged) - boxes;
      if (same) return fix;
    }
    if (tail) {
      fix += piece_width(tail->word_begin, tail->begin, tail->flagged) - tail->prefix - tail->width;
    }
    return fix;
  }

  // Running totals of the nodes' widths (boxes and glue), stretch and
  // shrink: a line's are the difference of two.
  struct Totals {
    std::vector<double> width, stretch, shrink;
  };

  Totals running_totals() const {
    const std::size_t n = nodes_.size();
    Totals t{std::vector<double>(n + 1, 0), std::vector<double>(n + 1, 0),
             std::vector<double>(n + 1, 0)};
    for (std::size_t i = 0; i < n; ++i) {
      bool counts = nodes_[i].kind != Node::Penalty;
      t.width[i + 1] = t.width[i] + (counts ? nodes_[i].width : 0);
      t.stretch[i + 1] = t.stretch[i] + (nodes_[i].kind == Node::Glue ? nodes_[i].stretch : 0);
      t.shrink[i + 1] = t.shrink[i] + (nodes_[i].kind == Node::Glue ? nodes_[i].shrink : 0);
    }
    return t;
  }

  bool is_break(std::size_t i) const {
    if (nodes_[i].kind == Node::Penalty) return nodes_[i].penalty < kInfinity;
    return nodes_[i].kind == Node::Glue && i > 0 && nodes_[i - 1].kind == Node::Box;
  }

  // The best way found to reach a break.
  struct Best {
    double demerits = std::numeric_limits<double>::infinity();
    std::size_t prev = 0;
    bool flagged = false;
  };

  // The adjustment ratio of the line from break `a1` (node index + 1, 0
  // for the paragraph's start) to break `i`: what its glue must stretch
  // (> 0) or shrink (< 0) to fill the measure, as a share of what it can.
  double line_ratio(const Totals& t, std::size_t a1, std::size_t i) {
    std::size_t s = a1 == 0 ? 0 : line_start(a1 - 1);
    double natural =
        t.width[i] - t.width[s] + (nodes_[i].kind == Node::Penalty ? nodes_[i].width : 0);
    // A word cut at the line's start or end is off by a letter's
    // form or two at most: measured again only near the measure.
    if ((nodes_[i].inner || (a1 > 0 && nodes_[a1 - 1].inner)) &&
        natural > width_ - kRemeasure * style_.size) {
      natural += inner_correction(a1, i);
    }
    double stretch = t.stretch[i] - t.stretch[s], shrink = t.shrink[i] - t.shrink[s];
    if (natural < width_) return stretch > 0 ? (width_ - natural) / stretch : kInfinity;
    if (natural > width_) return shrink > 0 ? (width_ - natural) / shrink : -kInfinity;
    return 0;
  }

  // The demerits of a line with adjustment `ratio` ending at `end`, before
  // those of two flagged breaks in a row.
  static double line_demerits(const Node& end, double ratio) {
    double badness = ratio < -1 ? 10000 : 100 * std::pow(std::abs(std::min(ratio, 10.0)), 3);
    double p = end.kind == Node::Penalty ? end.penalty : 0;
    double d = std::pow(1 + badness, 2);
    if (p >= 0) {
      d += p * p;
    } else if (p > -kInfinity) {
      d -= p * p;
    }
    return d;
  }

  // Tries a line from each active break to break `i`, keeping in `best`
  // the best way to reach `i`. Returns the breaks still active: those from
  // which a line to `i` is not already too long to shrink.
  std::vector<std::size_t> lines_to(std::size_t i, double tolerance, const Totals& totals,
                                    const std::vector<std::size_t>& active,
                                    std::vector<Best>& best) {
    const Node& end = nodes_[i];
    const bool forced = end.kind == Node::Penalty && end.penalty <= -kInfinity;
    std::vector<std::size_t> still_active;
    for (auto a1 : active) {
      const double ratio = line_ratio(totals, a1, i);
      // Accepting any looseness, the last active break stays, so that an
      // overfull line is still a way on.
      if (ratio < -1 && !(tolerance >= kInfinity && a1 == active.back() && still_active.empty())) {
        continue;  // this line can only get longer: a is no longer active
      }
      still_active.push_back(a1);
      if (ratio > tolerance && !forced) continue;
      double d = line_demerits(end, ratio);
      bool flag = end.kind == Node::Penalty && end.flagged && !forced;
      if (flag && best[a1].flagged) d += kFlaggedDemerits;
      double total = best[a1].demerits + d;
      if (total < best[i + 1].demerits) best[i + 1] = {total, a1, flag};
    }
    return still_active;
  }

  // The breaks (node indices + 1) that minimise the paragraph's demerits.
  std::vector<std::size_t> find_breaks() {
    const std::size_t n = nodes_.size();
    const Totals totals = running_totals();
    std::vector<Best> best(n + 1);
    best[0].demerits = 0;  // index 0 = start of paragraph
    std::vector<std::size_t> active{0};
    for (double tolerance : {kTolerance, kInfinity}) {
      for (std::size_t i = 0; i < n; ++i) {
        if (!is_break(i)) continue;
        active = lines_to(i, tolerance, totals, active, best);
        if (std::isfinite(best[i + 1].demerits)) active.push_back(i + 1);
        if (active.empty()) active.push_back(i + 1);  // an overfull box: go on from here
        // No line may reach past a forced break (a hard line break).
        if (nodes_[i].kind == Node::Penalty && nodes_[i].penalty <= -kInfinity) active = {i + 1};
      }
      if (std::isfinite(best[n].demerits)) break;
      // No way within tolerance: try again accepting any looseness.
      std::fill(best.begin() + 1, best.end(), Best{});
      active = {0};
    }
    std::vector<std::size_t> breaks;
    for (std::size_t b = n; b != 0; b = best[b].prev) breaks.push_back(b);
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
  }

  // A line after break a starts at the first box after it.
  std::size_t line_start(std::size_t a) const {
    const std::size_t n = nodes_.size();
    std::size_t s = a == 0 ? 0 : a + 1;
    while (s < n && nodes_[s].kind != Node::Box &&
           !(nodes_[s].kind == Node::Penalty && nodes_[s].penalty == -kInfinity))
      ++s;
    return s;
  }

  // One element of a line in logical order: a piece of text in one style
  // (a word or part of one), or the glue between two words.
  struct Element {
    bool glue = false;
    bool word_space = false;         // glue: a word space, not a gap between characters
    std::size_t begin = 0, end = 0;  // its text in the paragraph (glue: where it stands)
    std::string text;                // as drawn (a line-end hyphen added)
    text::Style style;
    bool space_after = false;  // drawn with a space glyph after it (a word break)
    std::string link;          // the URI its text links to
    Tag tag;                   // what it is, when not its paragraph's
    double natural = 0, stretch = 0, shrink = 0;
    std::shared_ptr<const text::ShapedText> shaped, drawn;
  };

  std::vector<Line> make_lines(const std::vector<std::size_t>& breaks) {
    levels_ = bidi_levels();
    std::vector<Line> lines;
    std::size_t from = 0;
    for (std::size_t li = 0; li < breaks.size(); ++li) {
      const std::size_t i = breaks[li] - 1;
      const std::size_t s = from == 0 ? 0 : line_start(from - 1);
      // A line ended by a hard break is set as a paragraph's last.
      const bool last = li + 1 == breaks.size() ||
                        (nodes_[i].kind == Node::Penalty && nodes_[i].penalty <= -kInfinity);
      lines.push_back(make_line(s, i, last));
      from = breaks[li];
    }
    return lines;
  }

  // The words of a line and the glue between them, in logical order:
  // consecutive boxes with no glue between them are one word.
  std::vector<Element> words_of_line(std::size_t s, std::size_t i) const {
    std::vector<Element> words;
    std::optional<Element> glue;
    for (std::size_t k = s; k < i || (k == i && nodes_[k].kind == Node::Box); ++k) {
      const auto& node = nodes_[k];
      if (node.kind == Node::Glue) {
        if (words.empty()) continue;
        glue = Element{};
        glue->glue = true;
        glue->word_space = node.space;
        glue->begin = glue->end = node.begin;
        glue->natural = node.width;
        glue->stretch = node.stretch;
        glue->shrink = node.shrink;
      } else if (node.kind == Node::Box) {
        if (!glue && !words.empty()) {
          words.back().end = node.end;
        } else {
          if (glue) words.push_back(*glue);
          Element w;
          w.begin = node.begin;
          w.end = node.end;
          words.push_back(w);
        }
        glue.reset();
      }
    }
    return words;
  }

  // A word as the pieces of it in each style, the last ending in a hyphen
  // if the line is `hyphenated`, added to `elements`.
  void add_word_pieces(const Element& word, bool hyphenated, bool space_after,
                       std::vector<Element>& elements) const {
    for (const auto& r : p_.runs) {
      const auto a = std::max(word.begin, r.begin), b = std::min(word.end, r.end);
      if (a >= b) continue;
      Element e;
      e.begin = a;
      e.end = b;
      e.text = p_.text.substr(a, b - a);
      e.style = r.style;
      e.link = r.link;
      e.tag = r.tag;
      elements.push_back(std::move(e));
    }
    auto& tail = elements.back();
    if (hyphenated) tail.text += "-";
    tail.space_after = space_after;
  }

  // Shapes each piece of text, and measures it.
  void shape_elements(std::vector<Element>& elements) {
    for (std::size_t k = 0; k < elements.size(); ++k) {
      auto& e = elements[k];
      if (e.glue) continue;
      e.shaped = cache_.get(e.text, e.style);
      e.natural = e.shaped->width(fonts_, style_.size);
      e.drawn = e.space_after ? cache_.get(e.text + " ", e.style) : e.shaped;
      // The space a line ends in takes no room: nothing hangs beyond the
      // measure, and the word break still reads.
      if (e.space_after && k + 1 == elements.size()) {
        e.drawn =
            std::make_shared<const text::ShapedText>(text::hang_trailing_spaces(fonts_, *e.drawn));
      }
    }
  }

  Line make_line(std::size_t s, std::size_t i, bool last) {
    const auto words = words_of_line(s, i);
    // A line broken at a hyphenation point ends in a hyphen; one broken at
    // a word space keeps it, drawn after its last word.
    const bool hyphenated = nodes_[i].kind == Node::Penalty && nodes_[i].flagged && !last;
    const bool broken_at_space = !last && nodes_[i].kind == Node::Glue && nodes_[i].space;
    std::vector<Element> elements;
    for (std::size_t w = 0; w < words.size(); ++w) {
      if (words[w].glue) {
        elements.push_back(words[w]);
        continue;
      }
      const bool last_word = w + 1 == words.size();
      const bool space_after = last_word ? broken_at_space : words[w + 1].word_space;
      add_word_pieces(words[w], last_word && hyphenated, space_after, elements);
    }
    shape_elements(elements);
    return place(std::move(elements), last);
  }

  // What each glue gives or takes: the justified line fills the measure.
  // A line the breaker found to fit by shrinking its spaces is shrunk,
  // the last and a ragged one too.
  double adjustment(const std::vector<Element>& elements, bool last) const {
    double natural = 0, stretch = 0, shrink = 0;
    for (const auto& e : elements) {
      natural += e.natural;
      stretch += e.glue ? e.stretch : 0;
      shrink += e.glue ? e.shrink : 0;
    }
    double ratio = 0;
    if (style_.justify && !last && natural < width_ && stretch > 0) {
      ratio = (width_ - natural) / stretch;
    }
    if (natural > width_ && shrink > 0) ratio = std::max(-1.0, (width_ - natural) / shrink);
    return ratio;
  }

  // The width each element takes on the line. A word space never closes
  // below 70 % of its width, nor opens beyond what fills the line.
  static std::vector<double> set_widths(const std::vector<Element>& elements, double ratio) {
    std::vector<double> widths;
    for (const auto& e : elements) {
      double w = e.natural;
      if (e.glue) w += ratio > 0 ? ratio * e.stretch : ratio * e.shrink;
      widths.push_back(w);
    }
    return widths;
  }

  // A piece of text drawn at `x`, with its link if it has one.
  void draw_element(Line& line, const Element& e, double x, bool rtl) const {
    // A space glyph drawn after a right-to-left word is on its left.
    double at = x;
    if (e.drawn != e.shaped && rtl) at -= e.drawn->width(fonts_, style_.size) - e.natural;
    TextItem item{e.drawn, at, 0, style_.size, {}};
    item.tag = e.tag;
    line.items.push_back(std::move(item));
    if (!e.link.empty()) {
      LinkItem link{x, -0.25 * style_.size, x + e.natural, 0.9 * style_.size, e.link, e.tag};
      line.extras.push_back(std::move(link));
    }
  }

  // Never set outside the text area: the breaker always has a way to fit
  // (a cut between graphemes); a line that does not fit is a bug.
  void check_inside(const Line& line, const std::vector<Element>& elements) const {
    if (line.left + line.width > width_ + 0.01) {
      std::string text;
      for (const auto& e : elements) text += e.glue ? " " : e.text;
      throw LayoutError(fmt::format(
          "a line of a paragraph is {:.2f} pt wide, more than its measure of {:.2f} pt: \"{}\"",
          line.width, width_, text));
    }
  }

  // Lays out a line's elements in visual order, justified unless it is the
  // last line or the paragraph is ragged, from the paragraph's start edge.
  Line place(std::vector<Element> elements, bool last) {
    Line line;
    line.leading = style_.leading;
    const auto widths = set_widths(elements, adjustment(elements, last));
    double total = 0;
    for (double w : widths) total += w;
    // Visual order (UAX #9 L2): each element at the level of its first
    // character; glue at the level of the space it stands for.
    std::vector<UBiDiLevel> levels;
    for (const auto& e : elements) levels.push_back(level_at(e.begin));
    std::vector<int32_t> order(elements.size());
    if (!elements.empty()) {
      ubidi_reorderVisual(levels.data(), static_cast<int32_t>(levels.size()), order.data());
    }
    double x = style_.rtl && (last || !style_.justify) ? width_ - total : 0;
    if (style_.rtl && style_.justify && !last && total < width_) x = width_ - total;
    line.left = x;
    for (auto k : order) {
      const auto at = static_cast<std::size_t>(k);
      if (!elements[at].glue) draw_element(line, elements[at], x, levels[at] & 1);
      x += widths[at];
    }
    line.width = total;
    check_inside(line, elements);
    return line;
  }

  // The embedding level of each byte of the paragraph (ICU ubidi), the
  // paragraph's direction given by its style.
  std::vector<UBiDiLevel> bidi_levels() {
    std::vector<UBiDiLevel> out(p_.text.size() + 1, style_.rtl ? 1 : 0);
    auto u = icu::UnicodeString::fromUTF8(p_.text);
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<UBiDi, decltype(&ubidi_close)> bidi(ubidi_open(), ubidi_close);
    ubidi_setPara(bidi.get(), u.getBuffer(), u.length(), style_.rtl ? 1 : 0, nullptr, &err);
    if (U_FAILURE(err)) return out;
    // UTF-8 byte → UTF-16 index.
    int32_t i = 0, n = static_cast<int32_t>(p_.text.size()), unit = 0;
    while (i < n) {
      const int32_t start = i;
      UChar32 c;
      U8_NEXT(p_.text.data(), i, n, c);
      const auto level = ubidi_getLevelAt(bidi.get(), unit);
      for (int32_t b = start; b < i; ++b) out[static_cast<std::size_t>(b)] = level;
      unit += c >= 0x10000 ? 2 : 1;
    }
    return out;
  }

  UBiDiLevel level_at(std::size_t at) const {
    return levels_.empty() ? 0 : levels_[std::min(at, levels_.size() - 1)];
  }

  text::ShapeCache& cache_;
  const text::FontLibrary& fonts_;
  const Hyphenator* hyphenator_;
  Runs p_;
  ParagraphStyle style_;
  double width_;
  std::vector<Node> nodes_;
  std::vector<UBiDiLevel> levels_;
};

}  // namespace

std::vector<Line> break_paragraph(text::ShapeCache& cache, const Hyphenator* hyphenator,
                                  const std::vector<Span>& spans, const ParagraphStyle& style,
                                  double width) {
  return Breaker(cache, hyphenator, spans, style, width).run();
}

}  // namespace dossier::layout
