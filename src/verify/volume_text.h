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

struct ReadVolume {
  enum class Status { Read, NotAPdf, Encrypted };
  Status status = Status::NotAPdf;
  std::size_t pages = 0;
  std::string xmp;  // the document's XMP metadata, UTF-8; empty without
  VolumeText text;
};

// Opens the PDF with poppler and reads its text in raw order. Safe to call
// from several threads; silence_poppler() first keeps its complaints off
// stderr.
ReadVolume read_volume(const std::filesystem::path& path);

// Poppler's complaints about a damaged file would interleave across
// threads; what they amount to is reported as discrepancies instead.
void silence_poppler();

}  // namespace dossier::verify
