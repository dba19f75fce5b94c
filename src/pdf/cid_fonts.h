// Internal to the PDF stage: the one unit that builds font objects and text
// operators itself. libharu's own text API maps characters to glyphs one at
// a time through the cmap, so it cannot show HarfBuzz's output, and it
// cannot embed CFF outlines; fonts here are Type0/Identity-H composites
// made with libharu's object API.
#pragma once

#include <hpdf.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "layout/display_list.h"
#include "pdf/hpdf_doc.h"
#include "text/text.h"

namespace dossier::pdf {

class CidFonts {
 public:
  CidFonts(HpdfDoc& doc, const text::FontLibrary& fonts);
  ~CidFonts();
  CidFonts(const CidFonts&) = delete;
  CidFonts& operator=(const CidFonts&) = delete;

  // Appends the operators that draw `item` to `content` and names the fonts
  // it uses in `page`'s resources.
  void draw(HPDF_Page page, const layout::TextItem& item, std::string& content);

  // Subsets and embeds every font used, with widths and ToUnicode maps.
  // Call once, after the last draw().
  void finish();

 private:
  struct UsedFont;
  UsedFont& use(text::FontId id);
  std::uint16_t cid_for(UsedFont& font, const text::Glyph& glyph);
  void embed(UsedFont& font);

  HpdfDoc& doc_;
  const text::FontLibrary& fonts_;
  std::map<text::FontId, std::unique_ptr<UsedFont>> used_;
};

}  // namespace dossier::pdf
