#include <algorithm>
#include <cmath>
#include <type_traits>

#include "layout/layout.h"

namespace dossier::layout {

Geometry Geometry::a4() { return Geometry{}; }

Geometry Geometry::us_letter() {
  Geometry g;
  g.width = kLetterWidth;
  g.height = kLetterHeight;
  g.margin_left = g.margin_right = 60;
  return g;
}

double right_aligned_x(const text::ShapedText& shaped, const text::FontLibrary& fonts, double size,
                       double right) {
  return right - shaped.width(fonts, size);
}

const Tag& tag_of(const Item& item) {
  return std::visit([](const auto& i) -> const Tag& { return i.tag; }, item);
}

// Items that say what they are (a link's text) keep it.
void tag_lines(std::vector<Line>& lines, const Tag& tag) {
  for (auto& line : lines) {
    for (auto& item : line.items) {
      if (!item.tag.said()) item.tag = tag;
    }
    for (auto& item : line.extras) {
      std::visit(
          [&](auto& i) {
            if (!i.tag.said()) i.tag = tag;
          },
          item);
    }
  }
}

Item moved(Item item, double dx, double dy) {
  std::visit(
      [&](auto& i) {
        using T = std::decay_t<decltype(i)>;
        if constexpr (std::is_same_v<T, TextItem> || std::is_same_v<T, ImageItem>) {
          i.x += dx;
          i.y += dy;
        } else if constexpr (std::is_same_v<T, RectItem>) {
          i.x += dx;
          i.y += dy;
        } else {
          i.x0 += dx;
          i.x1 += dx;
          i.y0 += dy;
          i.y1 += dy;
        }
      },
      item);
  return item;
}

void mirror_items(Page& page, const text::FontLibrary& fonts, const Geometry& g) {
  // x' = axis - x for a point; a box from x to x + w lands at axis - x - w.
  const double axis = 2 * g.margin_left + g.content_width();
  auto& items = page.items;
  for (std::size_t i = 0; i < items.size();) {
    auto* text = std::get_if<TextItem>(&items[i]);
    if (!text) {
      std::visit(
          [&](auto& it) {
            using T = std::decay_t<decltype(it)>;
            if constexpr (std::is_same_v<T, ImageItem> || std::is_same_v<T, RectItem>) {
              it.x = axis - it.x - it.w;
            } else if constexpr (!std::is_same_v<T, TextItem>) {
              const double x0 = it.x0;
              it.x0 = axis - it.x1;
              it.x1 = axis - x0;
            }
          },
          items[i]);
      ++i;
      continue;
    }
    // The words of one line are items of their own, drawn one after the
    // other on one baseline: the line moves as a whole, its words keep
    // their order. A wider gap (a table's next cell) starts another piece.
    double left = text->x, right = text->x + text->text->width(fonts, text->size);
    std::size_t end = i + 1;
    for (; end < items.size(); ++end) {
      const auto* next = std::get_if<TextItem>(&items[end]);
      if (!next || std::abs(next->y - text->y) > 0.01 || next->x < right - 0.01 ||
          next->x - right > 1.5 * next->size) {
        break;
      }
      right = next->x + next->text->width(fonts, next->size);
    }
    const double dx = (axis - right) - left;
    for (std::size_t k = i; k < end; ++k) std::get<TextItem>(items[k]).x += dx;
    i = end;
  }
}

PageFlow::PageFlow(Geometry geometry) : g_(geometry) { new_page(); }

void PageFlow::new_page() {
  Page p;
  p.width = g_.width;
  p.height = g_.height;
  pages_.push_back(std::move(p));
  y_ = g_.content_top();
}

void PageFlow::skip(double points) { y_ -= points; }

void PageFlow::add_item(Item item) { pages_.back().items.push_back(std::move(item)); }

void PageFlow::place(const Line& line) {
  // The baseline sits three quarters down the line's leading.
  double baseline = y_ - line.leading * 0.75;
  for (auto item : line.items) {
    item.x += g_.margin_left;
    item.y = baseline;
    pages_.back().items.push_back(std::move(item));
  }
  for (const auto& item : line.extras) {
    pages_.back().items.push_back(moved(item, g_.margin_left, baseline));
  }
  y_ -= line.leading;
}

void PageFlow::add(const std::vector<Line>& lines_in, double space_before, bool keep_with_next) {
  if (keep_with_next) {
    held_.insert(held_.end(), lines_in.begin(), lines_in.end());
    if (held_.size() == lines_in.size()) held_space_ = space_before;
    return;
  }
  std::vector<Line> lines;
  double space = space_before;
  std::size_t held = held_.size();
  if (held > 0) {
    lines = std::move(held_);
    held_.clear();
    space = held_space_;
    // The space between the held heading and this block, as an empty line.
    if (space_before > 0 && !lines_in.empty()) {
      Line gap;
      gap.leading = space_before;
      lines.push_back(std::move(gap));
      ++held;
    }
  }
  lines.insert(lines.end(), lines_in.begin(), lines_in.end());
  if (lines.empty()) return;

  const bool page_empty = y_ >= g_.content_top();
  if (!page_empty) y_ -= space;
  std::size_t i = 0;
  while (i < lines.size()) {
    // How many of the remaining lines fit on this page.
    std::size_t fit = 0;
    double y = y_;
    while (i + fit < lines.size() && y - lines[i + fit].leading >= g_.margin_bottom - 0.01) {
      y -= lines[i + fit].leading;
      ++fit;
    }
    std::size_t rest = lines.size() - i;
    std::size_t take = fit;
    if (fit < rest) {
      // Held heading lines must go with at least two body lines; one body
      // line alone at the foot is an orphan, one alone at the head of the
      // next page a widow.
      std::size_t min_first = i == 0 ? held + 2 : 2;
      if (rest - fit < 2) take = rest >= 2 ? rest - 2 : 0;
      if (take < std::min(min_first, rest)) take = 0;
    }
    bool fresh = y_ >= g_.content_top() - 0.01;
    if (take == 0 && !fresh) {
      new_page();
      continue;
    }
    if (take == 0) take = std::max<std::size_t>(1, fit);  // taller than a page: no choice
    for (std::size_t k = 0; k < take; ++k) place(lines[i + k]);
    i += take;
    if (i < lines.size()) new_page();
  }
}

std::vector<Page> PageFlow::take() {
  if (!held_.empty()) add({}, 0);
  return std::move(pages_);
}

}  // namespace dossier::layout
