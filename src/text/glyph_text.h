// Internal to the text stage: which text each glyph reads as.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "text/text.h"

namespace dossier::text {

// Gives every glyph of a shaped run the text it stands for, so that readers
// that know only ToUnicode (pdf.js, Ghostscript) and poppler alike read the
// run back as its source text:
// - glyphs of one cluster share the cluster's text, dealt out in reading
//   order (readers reverse right-to-left runs), so a reordered Indic vowel
//   sign still reads in logical order; a cluster with more glyphs than
//   characters is dealt its canonical decomposition (split Bengali vowels);
// - no glyph reads as nothing (pdf.js then invents a character);
// - a glyph with an advance never reads as a nonspacing mark (\p{Mn}) or a
//   format character (\p{Cf}, ZWNJ): pdf.js takes a glyph with a mark for a
//   zero-width diacritic and loses track of the position, which moves word
//   spaces, and skips a glyph ending in a format character altogether.
//   Such characters, when no zero-width glyph is there to take them, go on
//   a "carrier": an extra glyph with no advance and no outline (the font's
//   zero-width space or joiner glyph) inserted next to them. `carrier_glyph` is
//   that glyph id, or nullopt where the font cannot have carriers.
// `clusters` are HarfBuzz's cluster values (byte offsets into `para`).
std::vector<Glyph> assign_glyph_text(const std::string& para, std::size_t run_begin,
                                     std::size_t run_end, bool rtl, std::vector<Glyph> glyphs,
                                     const std::vector<std::uint32_t>& clusters,
                                     std::optional<std::uint32_t> carrier_glyph);

// shape() without its fast path: every text through bidi analysis, script
// runs and font fallback. shape() must give exactly what this gives; tests
// compare the two.
ShapedText shape_itemised(const FontLibrary& fonts, std::string_view utf8, const Style& style);

}  // namespace dossier::text
