// Internal to the verify stage: a volume as poppler reads it back (page
// count, XMP metadata, the text of every page), and text as verify
// compares it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::verify {

// Text as compared: NFC, without white space and format characters, so a
// name wrapped over two lines, a carrier U+200B or a bidi mark poppler
// emits between words never decides a match.
std::u32string squeezed(std::string_view utf8);

// A name as verify reads it back from the page: its visual order turned
// logical again (text::logical_order), which is the name itself except
// where two names look alike on a line ("محمد (Mo) Salah"), then squeezed.
std::u32string as_read(const std::string& name);

struct VolumeText {
  std::u32string text;                  // all pages, squeezed, concatenated
  std::vector<std::size_t> page_start;  // where each page begins in text

  std::u32string_view page(std::size_t i) const {  // 0-based
    auto end = i + 1 < page_start.size() ? page_start[i + 1] : text.size();
    return std::u32string_view(text).substr(page_start[i], end - page_start[i]);
  }

  std::size_t page_of(std::size_t pos) const {
    auto it = std::upper_bound(page_start.begin(), page_start.end(), pos);
    return static_cast<std::size_t>(it - page_start.begin());  // 1-based
  }
};

// A line whose /ActualText (what poppler and PDFium read) does not say
// what its glyphs (what pdf.js and MuPDF read, and what is printed) say.
struct LineMismatch {
  std::size_t page = 0;  // 1-based
  std::size_t at = 0;    // where the line's text begins in VolumeText::text
  std::string said;      // the /ActualText
  std::string drawn;     // the glyphs' own text, in drawn order
};

struct ReadVolume {
  enum class Status { Read, NotAPdf, Encrypted };
  Status status = Status::NotAPdf;
  std::size_t pages = 0;
  std::string xmp;  // the document's XMP metadata, UTF-8; empty without
  std::string language;  // the catalog's /Lang; empty without
  VolumeText text;
  std::vector<LineMismatch> mismatched_lines;
};

// Opens the PDF with poppler and reads the text of every page from its
// glyphs, in the order they are drawn (volume_text.cpp says why). Safe to
// call from several threads; silence_poppler() first keeps poppler's
// complaints off stderr.
ReadVolume read_volume(const std::filesystem::path& path);

// Poppler's complaints about a damaged file would interleave across
// threads; what they amount to is reported as discrepancies instead.
void silence_poppler();

}  // namespace dossier::verify
