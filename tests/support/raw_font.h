// A HarfBuzz font made from a font file, independent of the text stage's
// own objects, for tests that check the text stage against HarfBuzz.
#pragma once

#include <hb.h>

#include <set>
#include <string>

#include "text/text.h"

namespace dossier::test {

struct RawFont {
  hb_blob_t* blob;
  hb_face_t* face;
  hb_font_t* font;
  hb_codepoint_t space = 0;
  // Glyphs of the invisible zero-width characters: what the text stage may
  // draw as carriers of mark text.
  std::set<hb_codepoint_t> invisible;

  RawFont(const text::FontLibrary& fonts, text::FontId id) {
    auto bytes = fonts.file_bytes(id);
    blob = hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()),
                          HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    face = hb_face_create(blob, fonts.info(id).face_index);
    font = hb_font_create(face);
    hb_font_get_nominal_glyph(font, ' ', &space);
    for (hb_codepoint_t cp : {0x200Bu, 0x200Cu, 0x200Du, 0x2060u, 0xFEFFu}) {
      hb_codepoint_t g = 0;
      if (hb_font_get_nominal_glyph(font, cp, &g)) invisible.insert(g);
    }
  }
  ~RawFont() {
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
  }
  RawFont(const RawFont&) = delete;
  RawFont& operator=(const RawFont&) = delete;

  std::string glyph_name(unsigned glyph) const {
    char name[64];
    if (hb_font_get_glyph_name(font, glyph, name, sizeof name) && name[0]) return name;
    return "gid" + std::to_string(glyph);
  }
};

inline text::FontLibrary project_fonts() {
  return text::FontLibrary(
      text::FontManifest::load(std::string(DOSSIER_SOURCE_DIR) + "/fonts/fonts.toml"));
}

}  // namespace dossier::test
