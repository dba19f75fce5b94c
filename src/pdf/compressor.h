// Internal to the PDF stage: zlib-wrapped Deflate (libdeflate) for the
// streams the stage compresses itself: page content and font programs.
#pragma once

#include <libdeflate.h>

#include <string>

#include "pdf/pdf.h"

namespace dossier::pdf {

class Compressor {
 public:
  // Level 7, by measurement (100,000 signatures, four volumes, both cores
  // busy, so compression competes with shaping for CPU): level 9 makes
  // files 1.4 % smaller (49.9 against 50.6 bytes per signature per
  // volume) but the build 9 % slower (1.54 against 1.41 s); level 8 is
  // 1.1 % smaller and 6 % slower; level 6 is 0.9 % larger and barely
  // faster. Level 12 costs more than the whole rest of the build.
  explicit Compressor(int level = 7) : c_(libdeflate_alloc_compressor(level)) {
    if (!c_) throw PdfError("cannot allocate a compressor");
  }
  ~Compressor() { libdeflate_free_compressor(c_); }
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;

  std::string deflate(const std::string& in) {
    std::string out(libdeflate_zlib_compress_bound(c_, in.size()), '\0');
    auto n = libdeflate_zlib_compress(c_, in.data(), in.size(), out.data(), out.size());
    if (n == 0) throw PdfError("compressing a stream failed");
    // The bound is above the uncompressed size, and a sealed page keeps
    // its stream until the volumes are written: without giving the rest
    // back, a million signatures held about four times their compressed
    // content in memory.
    out.resize(n);
    out.shrink_to_fit();
    return out;
  }

 private:
  libdeflate_compressor* c_;
};

}  // namespace dossier::pdf
