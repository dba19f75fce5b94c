// Reads a PDF back the way users' tools do: poppler (pdftotext, pdffonts),
// pdf.js (Firefox), mutool (the glyphs actually drawn).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dossier::test {

// Text of the whole document (or pages first..last) by pdftotext; default
// mode guesses the reading order from positions, raw mode keeps the order
// of the content streams (what the document itself says the order is).
std::string pdftotext(const std::filesystem::path& pdf, int first = 0, int last = 0,
                      bool raw = false);
// Text that poppler finds between two heights of a page (PDF points from the
// bottom edge, as mutool reports positions): one line of a layout.
std::string pdftotext_band(const std::filesystem::path& pdf, int page, double page_height,
                           double top, double bottom);
// Text as Firefox's pdf.js extracts it (ToUnicode only, /ActualText ignored).
std::string pdfjs_text(const std::filesystem::path& pdf);

struct FontRow {
  std::string name, type, encoding;
  bool embedded = false, subset = false, to_unicode = false;
};
std::vector<FontRow> pdffonts(const std::filesystem::path& pdf);

struct DrawnGlyph {
  std::string unicode;
  unsigned glyph = 0;
  double x = 0, y = 0;
  double advance = 0;  // in text space units (ems): times the span's size gives points
};
struct DrawnSpan {
  int page = 0;  // 1-based
  double page_height = 0;
  std::string font;  // BaseFont, subset tag included
  double size = 0;
  std::vector<DrawnGlyph> glyphs;
};
// Every text span of every page as mutool trace reports it, in drawing order.
std::vector<DrawnSpan> drawn_spans(const std::filesystem::path& pdf);

int page_count(const std::filesystem::path& pdf);

std::vector<std::string> split_lines(const std::string& text);

}  // namespace dossier::test
