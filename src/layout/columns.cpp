// Tables with a repeated header and balanced multi-column lists: the two
// page flows that a single-column flow of paragraphs cannot express.
#include <algorithm>

#include "layout/layout.h"

namespace dossier::layout {

void PageFlow::add_table(const Line& header, const std::vector<Line>& rows, double space_before) {
  if (!held_.empty()) add({}, 0);
  const bool page_empty = y_ >= g_.content_top() - 0.01;
  if (!page_empty) y_ -= space_before;
  auto room = [&] { return y_ - g_.margin_bottom + 0.01; };
  std::size_t i = 0;
  bool first = true;
  // The header is the table's once; repeated on a later page it is page
  // furniture, which a screen reader does not read again.
  Line repeated = header;
  for (auto& item : repeated.items) item.tag = Tag::artifact_of(Artifact::Pagination);
  while (first || i < rows.size()) {
    // The header with up to two rows, or the page is left for the next.
    double need = header.leading;
    for (std::size_t k = i; k < std::min(rows.size(), i + 2); ++k) need += rows[k].leading;
    if (need > room() && y_ < g_.content_top() - 0.01) new_page();
    place(first ? header : repeated);
    first = false;
    while (i < rows.size() && rows[i].leading <= room()) place(rows[i++]);
    if (i < rows.size()) new_page();
  }
}

namespace {

// How many rows from `first` a column of `height` points holds: never
// ending on a row that keeps with the next unless the column holds
// nothing else, and never none.
std::size_t fill_column(const std::vector<ColumnRow>& rows, std::size_t first, double height) {
  double used = 0;
  std::size_t end = first;
  while (end < rows.size()) {
    double need = rows[end].line.leading + (end > first ? rows[end].space_before : 0);
    if (used + need > height + 0.01) break;
    used += need;
    ++end;
  }
  if (end < rows.size()) {
    std::size_t kept = end;
    while (kept > first && rows[kept - 1].keep_with_next) --kept;
    if (kept > first) end = kept;
  }
  return std::max(end, std::min(first + 1, rows.size()));
}

// Where each of `columns` columns of `height` starts, from row `first`.
std::vector<std::size_t> fill_page(const std::vector<ColumnRow>& rows, std::size_t first,
                                   int columns, double height) {
  std::vector<std::size_t> starts;
  for (int c = 0; c < columns && first < rows.size(); ++c) {
    starts.push_back(first);
    first = fill_column(rows, first, height);
  }
  starts.push_back(first);  // the end of the page's rows
  return starts;
}

}  // namespace

std::vector<std::size_t> PageFlow::add_columns(const std::vector<ColumnRow>& rows, int columns,
                                               double gap) {
  if (!held_.empty()) add({}, 0);
  std::vector<std::size_t> landed(rows.size());
  const double width = column_width(columns, gap);
  std::size_t i = 0;
  while (i < rows.size()) {
    const double top = y_;
    const double height = top - g_.margin_bottom;
    auto starts = fill_page(rows, i, columns, height);
    if (starts.back() >= rows.size()) {
      // The last page: the shortest columns that still hold every row
      // (bisection; `height` is known to be enough).
      double lo = 0, hi = height;
      for (int k = 0; k < 40 && hi - lo > 0.25; ++k) {
        double mid = (lo + hi) / 2;
        if (fill_page(rows, i, columns, mid).back() >= rows.size()) {
          hi = mid;
        } else {
          lo = mid;
        }
      }
      starts = fill_page(rows, i, columns, hi);
    }
    double lowest = top;
    for (std::size_t c = 0; c + 1 < starts.size(); ++c) {
      double y = top;
      const double left = g_.margin_left + static_cast<double>(c) * (width + gap);
      for (std::size_t r = starts[c]; r < starts[c + 1]; ++r) {
        if (r > starts[c]) y -= rows[r].space_before;
        const auto& line = rows[r].line;
        landed[r] = pages_.size() - 1;
        double baseline = y - line.leading * 0.75;
        for (auto item : line.items) {
          item.x += left;
          item.y = baseline;
          pages_.back().items.push_back(std::move(item));
        }
        for (const auto& item : line.extras) {
          pages_.back().items.push_back(moved(item, left, baseline));
        }
        y -= line.leading;
      }
      lowest = std::min(lowest, y);
    }
    i = starts.back();
    y_ = lowest;
    if (i < rows.size()) new_page();
  }
  return landed;
}

}  // namespace dossier::layout
