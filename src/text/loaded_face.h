// Internal to the text stage: the RAII owner of one loaded face.
#pragma once

#include <hb.h>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "text/hb_handles.h"
#include "text/text.h"
#include "text/word_shapes.h"

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
  // What shaping plain text in this face and script can be spared (see
  // word_shapes.h); none for a script outside kShortcutScripts. Decided
  // on first use, once for the face's lifetime (a run's, or a fuzzer's),
  // and read without a lock after that: it is asked for every name.
  const ShapingShortcuts& shortcuts(hb_script_t script) const;

 private:
  std::shared_ptr<const FontBytes> bytes_;  // the whole file; blob_ points into it
  HbBlob blob_;
  HbFace face_;
  HbFont font_;
  HbSet coverage_;
  FaceInfo info_;
  std::optional<std::uint32_t> carrier_;
  mutable std::array<std::atomic<const ShapingShortcuts*>, kShortcutScripts.size()> shortcuts_{};
  mutable std::mutex shortcuts_mutex_;
  mutable std::array<std::unique_ptr<const ShapingShortcuts>, kShortcutScripts.size()> decided_;
};

}  // namespace dossier::text
