// Total-fit line breaking after Knuth and Plass, "Breaking Paragraphs into
// Lines" (1981): boxes (word pieces), glue (word spaces) and penalties
// (hyphenation points); the breaks minimise the paragraph's total demerits.
#include <algorithm>
#include <cmath>
#include <limits>

#include "layout/layout.h"

namespace dossier::layout {
namespace {

constexpr double kInfinity = 1e9;
constexpr double kHyphenPenalty = 50;
constexpr double kFlaggedDemerits = 3000;  // two hyphenated lines in a row
constexpr double kTolerance = 3;           // largest adjustment ratio accepted

struct Word {
  std::vector<std::string> pieces;  // split at hyphenation points
  text::Style style;
};

struct Node {
  enum Kind { Box, Glue, Penalty } kind;
  double width = 0, stretch = 0, shrink = 0, penalty = 0;
  bool flagged = false;
  std::size_t word = 0, piece = 0;  // for boxes and hyphen penalties
};

std::vector<Word> split_words(const std::vector<Span>& spans, const Hyphenator* hyphenator) {
  std::vector<Word> words;
  bool joined = false;  // the previous span ended inside a word
  for (const auto& span : spans) {
    std::size_t i = 0;
    while (i <= span.text.size()) {
      auto sp = span.text.find(' ', i);
      if (sp == std::string::npos) sp = span.text.size();
      auto token = span.text.substr(i, sp - i);
      if (!token.empty()) {
        if (joined && i == 0 && !words.empty()) {
          words.back().pieces.back() += token;  // style change inside a word
        } else {
          words.push_back({{token}, span.style});
        }
      }
      joined = sp == span.text.size() && !token.empty();
      i = sp + 1;
    }
  }
  if (!hyphenator) return words;
  for (auto& w : words) {
    if (w.pieces.size() != 1) continue;
    // Hyphenate the letters of the word, leaving punctuation around it.
    const auto& text = w.pieces[0];
    std::size_t a = 0, b = text.size();
    while (a < b && std::ispunct(static_cast<unsigned char>(text[a]))) ++a;
    while (b > a && std::ispunct(static_cast<unsigned char>(text[b - 1]))) --b;
    auto points = hyphenator->points(std::string_view(text).substr(a, b - a));
    if (points.empty()) continue;
    std::vector<std::string> pieces;
    std::size_t last = 0;
    for (auto p : points) {
      pieces.push_back(text.substr(last, a + p - last));
      last = a + p;
    }
    pieces.push_back(text.substr(last));
    w.pieces = std::move(pieces);
  }
  return words;
}

}  // namespace

std::vector<Line> break_paragraph(text::ShapeCache& cache, const Hyphenator* hyphenator,
                                  const std::vector<Span>& spans, const ParagraphStyle& style,
                                  double width) {
  const auto& fonts = cache.fonts();
  auto words = split_words(spans, hyphenator);
  if (words.empty()) return {};
  auto measure = [&](const std::string& s, const text::Style& st) {
    return cache.get(s, st)->width(fonts, style.size);
  };
  const text::Style base = spans.front().style;
  const double space = measure(" ", base) > 0 ? measure(" ", base) : style.size * 0.25;
  const double hyphen = measure("-", base);

  std::vector<Node> nodes;
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (w > 0) nodes.push_back({Node::Glue, space, space * 0.6, space * 0.3});
    for (std::size_t p = 0; p < words[w].pieces.size(); ++p) {
      if (p > 0) {
        Node pen{Node::Penalty, hyphen, 0, 0, kHyphenPenalty, true};
        pen.word = w;
        pen.piece = p;
        nodes.push_back(pen);
      }
      Node box{Node::Box, measure(words[w].pieces[p], words[w].style)};
      box.word = w;
      box.piece = p;
      nodes.push_back(box);
    }
  }
  nodes.push_back({Node::Glue, 0, kInfinity, 0});
  nodes.push_back({Node::Penalty, 0, 0, 0, -kInfinity, true});

  // Prefix sums of width, stretch and shrink.
  std::size_t n = nodes.size();
  std::vector<double> sw(n + 1, 0), sy(n + 1, 0), sz(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    bool counts = nodes[i].kind != Node::Penalty;
    sw[i + 1] = sw[i] + (counts ? nodes[i].width : 0);
    sy[i + 1] = sy[i] + (nodes[i].kind == Node::Glue ? nodes[i].stretch : 0);
    sz[i + 1] = sz[i] + (nodes[i].kind == Node::Glue ? nodes[i].shrink : 0);
  }
  auto is_break = [&](std::size_t i) {
    if (nodes[i].kind == Node::Penalty) return nodes[i].penalty < kInfinity;
    return nodes[i].kind == Node::Glue && i > 0 && nodes[i - 1].kind == Node::Box;
  };
  // A line after break a starts at the first box after it.
  auto line_start = [&](std::size_t a) {
    std::size_t s = a == 0 ? 0 : a + 1;
    while (s < n && nodes[s].kind != Node::Box &&
           !(nodes[s].kind == Node::Penalty && nodes[s].penalty == -kInfinity))
      ++s;
    return s;
  };

  struct Best {
    double demerits = std::numeric_limits<double>::infinity();
    std::size_t prev = 0;
    bool flagged = false;
  };
  std::vector<Best> best(n + 1);
  best[0].demerits = 0;  // index 0 = start of paragraph
  std::vector<std::size_t> active{0};
  // breaks are stored as node index + 1 so that 0 is the start
  for (double tolerance : {kTolerance, kInfinity}) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!is_break(i)) continue;
      std::vector<std::size_t> still_active;
      for (auto a1 : active) {
        std::size_t a = a1 == 0 ? 0 : a1 - 1;
        std::size_t s = a1 == 0 ? 0 : line_start(a);
        double natural = sw[i] - sw[s] + (nodes[i].kind == Node::Penalty ? nodes[i].width : 0);
        double stretch = sy[i] - sy[s], shrink = sz[i] - sz[s];
        double ratio;
        if (natural < width) {
          ratio = stretch > 0 ? (width - natural) / stretch : kInfinity;
        } else if (natural > width) {
          ratio = shrink > 0 ? (width - natural) / shrink : -kInfinity;
        } else {
          ratio = 0;
        }
        bool forced = nodes[i].kind == Node::Penalty && nodes[i].penalty <= -kInfinity;
        if (ratio < -1 &&
            !(tolerance >= kInfinity && a1 == active.back() && still_active.empty())) {
          continue;  // this line can only get longer: a is no longer active
        }
        still_active.push_back(a1);
        if (ratio > tolerance && !forced) continue;
        double badness = ratio < -1 ? 10000 : 100 * std::pow(std::abs(std::min(ratio, 10.0)), 3);
        double p = nodes[i].kind == Node::Penalty ? nodes[i].penalty : 0;
        double d = std::pow(1 + badness, 2);
        if (p >= 0) {
          d += p * p;
        } else if (p > -kInfinity) {
          d -= p * p;
        }
        bool flag = nodes[i].kind == Node::Penalty && nodes[i].flagged && !forced;
        if (flag && best[a1].flagged) d += kFlaggedDemerits;
        double total = best[a1].demerits + d;
        if (total < best[i + 1].demerits) best[i + 1] = {total, a1, flag};
      }
      active = std::move(still_active);
      if (std::isfinite(best[i + 1].demerits)) active.push_back(i + 1);
      if (active.empty()) active.push_back(i + 1);  // an overfull box: go on from here
    }
    if (std::isfinite(best[n].demerits)) break;
    // No way within tolerance: try again accepting any looseness.
    std::fill(best.begin() + 1, best.end(), Best{});
    active = {0};
  }

  std::vector<std::size_t> breaks;  // node indices + 1
  for (std::size_t b = n; b != 0; b = best[b].prev) breaks.push_back(b);
  std::reverse(breaks.begin(), breaks.end());

  std::vector<Line> lines;
  std::size_t from = 0;
  for (std::size_t li = 0; li < breaks.size(); ++li) {
    std::size_t i = breaks[li] - 1;
    std::size_t s = from == 0 ? 0 : line_start(from - 1);
    bool last = li + 1 == breaks.size();
    // Join the pieces of each word on this line; a hyphen ends a line broken
    // inside a word.
    struct Piece {
      std::string text;
      text::Style style;
      bool glue_before;
    };
    std::vector<Piece> pieces;
    bool glue = false;
    for (std::size_t k = s; k < i || (k == i && nodes[k].kind == Node::Box); ++k) {
      const auto& node = nodes[k];
      if (node.kind == Node::Glue) {
        glue = true;
      } else if (node.kind == Node::Box) {
        const auto& word = words[node.word];
        if (!glue && !pieces.empty() && node.piece > 0) {
          pieces.back().text += word.pieces[node.piece];
        } else {
          pieces.push_back({word.pieces[node.piece], word.style, glue && !pieces.empty()});
        }
        glue = false;
      }
    }
    if (nodes[i].kind == Node::Penalty && nodes[i].flagged && !last && !pieces.empty()) {
      pieces.back().text += "-";
    }
    Line line;
    line.leading = style.leading;
    std::vector<std::shared_ptr<const text::ShapedText>> shaped;
    double natural = 0;
    int gaps = 0;
    for (const auto& p : pieces) {
      shaped.push_back(cache.get(p.text, p.style));
      natural += shaped.back()->width(fonts, style.size);
      gaps += p.glue_before ? 1 : 0;
    }
    double gap = space;
    if (style.justify && !last && gaps > 0) gap = std::max(space * 0.7, (width - natural) / gaps);
    // A word followed by a word space, on this line or at its end, is drawn
    // with a space glyph after it (Tagged PDF, ISO 32000-1 14.8.2.5: word
    // breaks are space characters, so that text read from the structure,
    // by a screen reader or a search, has its words apart). The next word
    // is still placed where justification puts it.
    const bool broken_at_space = !last && nodes[i].kind == Node::Glue;
    double x = 0;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      if (pieces[k].glue_before) x += gap;
      const bool space_after = k + 1 < pieces.size() ? pieces[k + 1].glue_before : broken_at_space;
      auto drawn = space_after ? cache.get(pieces[k].text + " ", pieces[k].style) : shaped[k];
      line.items.push_back(TextItem{drawn, x, 0, style.size, {}});
      x += shaped[k]->width(fonts, style.size);
    }
    line.width = x;
    lines.push_back(std::move(line));
    from = breaks[li];
  }
  return lines;
}

}  // namespace dossier::layout
