// Pictures a letter shows (a scanned signature, a letterhead's logo): PNG
// and JPEG files read into what a PDF embeds. One of each for every stage:
// ingest checks a letter's pictures before anything is written, layout
// places them, pdf embeds them.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "errors/error.h"

namespace dossier::picture {

// A file that is not a PNG or JPEG this project can embed; the message
// says why and what to do.
using PictureError = StageError<ErrorKind::bad_input, struct PictureErrorTag>;

struct Picture {
  // Samples: 8-bit gray or RGB, rows top to bottom, a PNG's transparency
  // laid on white paper (PDF/A with one sRGB output intent and no soft
  // masks, and the page is white). Jpeg: the file as it is, for DCTDecode.
  enum class Format { Samples, Jpeg };
  Format format = Format::Samples;
  int width = 0, height = 0;  // pixels
  int components = 3;         // 1 gray, 3 RGB
  double dpi = 72;            // as the file says; 72 when it says nothing
  std::string data;

  // Its natural size in points: its pixels at its resolution.
  double natural_width() const { return width * 72.0 / dpi; }
  double natural_height() const { return height * 72.0 / dpi; }
};

// Reads a PNG or JPEG from its bytes. Throws PictureError: not a PNG or a
// JPEG, damaged, or a CMYK JPEG (PDF/A here has one sRGB output intent).
Picture decode(std::string_view bytes);

}  // namespace dossier::picture
