// Internal to the text stage: the RAII owner of one loaded face.
#pragma once

#include <hb.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "text/hb_handles.h"
#include "text/text.h"

namespace dossier::text {

// A font file, memory-mapped (HarfBuzz maps it read-only): a 26 MB CJK
// collection costs nothing until its pages are touched, and every face of
// the file shares the one mapping.
struct FontBytes {
  HbBlob blob;
  std::string_view view() const {
    unsigned n = 0;
    const char* data = hb_blob_get_data(blob.get(), &n);
    return {data, n};
  }
};

// Maps a font file. Throws FontError naming it when it cannot be read.
std::shared_ptr<const FontBytes> map_font_file(const std::filesystem::path& file);

class LoadedFace {
 public:
  // `bytes` is the whole file, shared by every face loaded from it (the
  // faces of a CJK collection share one 20-30 MB file).
  LoadedFace(std::shared_ptr<const FontBytes> bytes, const std::filesystem::path& file,
             unsigned face_index);

  const FaceInfo& info() const { return info_; }
  hb_face_t* hb_face() const { return face_.get(); }
  hb_font_t* hb_font() const { return font_.get(); }
  bool covers(char32_t cp) const { return hb_set_has(coverage_.get(), cp); }
  std::string_view bytes() const { return bytes_->view(); }
  // A glyph that draws nothing and has no advance, to carry text (see
  // glyph_text.h); nullopt where the font has none or cannot use one.
  std::optional<std::uint32_t> carrier_glyph() const { return carrier_; }

 private:
  std::shared_ptr<const FontBytes> bytes_;  // the whole file; blob_ points into it
  HbBlob blob_;
  HbFace face_;
  HbFont font_;
  HbSet coverage_;
  FaceInfo info_;
  std::optional<std::uint32_t> carrier_;
};

}  // namespace dossier::text
