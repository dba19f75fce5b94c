// What the layout stage hands to the PDF stage: pages of positioned items.
// Plain values; shaped text is shared so that one name shaped once can be
// placed on many pages of many volumes.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "text/text.h"

namespace dossier::layout {

struct Color {
  double r = 0, g = 0, b = 0;
};

// Shaped text placed with its left end at x and its baseline at y (points,
// origin bottom left, as in PDF).
struct TextItem {
  std::shared_ptr<const text::ShapedText> text;
  double x = 0;
  double y = 0;
  double size = 10;
  Color color;
};

struct RuleItem {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width = 0.5;
  Color color;
};

struct RectItem {
  double x = 0, y = 0, w = 0, h = 0;
  Color fill;
};

using Item = std::variant<TextItem, RuleItem, RectItem>;

// How a page's content meets the binding correction (layout/binding.cpp):
// a text block keeps its width and moves away from the spine; a narrow
// block (the signature grid, laid out that much narrower) keeps its outer
// margin; a centred page (a cover) is centred on what binding leaves.
enum class Block { Text, Narrow, Centred };

struct Page {
  double width = 595.276;  // A4, points
  double height = 841.89;
  Block block = Block::Text;
  // Everything on the page (body and items) is drawn this many points to
  // the right: the page's side of the binding correction, set once the
  // page's place in the bound book is known.
  double shift_x = 0;
  // Left empty so that a section starts on a right-hand page in duplex:
  // counted in the numbering, but nothing is printed on it, not even the
  // running head and footer.
  bool blank = false;
  // Items shared by the same page of several documents (the signature
  // pages of every volume), drawn first; the PDF stage encodes and
  // compresses a shared body once.
  std::shared_ptr<const std::vector<Item>> body;
  std::vector<Item> items;  // this page's own items, drawn over the body
};

}  // namespace dossier::layout
