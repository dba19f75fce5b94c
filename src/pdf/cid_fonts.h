// Internal to the PDF stage: the one unit that builds font objects and text
// operators itself. libharu's own text API maps characters to glyphs one at
// a time through the cmap, so it cannot show HarfBuzz's output, and it
// cannot embed CFF outlines; fonts here are Type0/Identity-H composites
// made with libharu's object API.
#pragma once

#include <hpdf.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "layout/layout.h"
#include "pdf/hpdf_doc.h"
#include "text/text.h"

namespace dossier::pdf {

// The CIDs a piece of content draws, per font, each list sorted and
// without repeats (encode_items leaves them so).
struct UsedGlyphs {
  std::map<text::FontId, std::vector<std::uint16_t>> cids;
  // Adds the other's CIDs; both sides sorted and without repeats.
  void add(const UsedGlyphs& other);
};

// What the operators already written into one content stream have left
// set, so that the next text item writes only what changes: consecutive
// items share one text object (BT … ET), keep the fill colour and font
// they agree on, and move with a relative Td from the last line start
// instead of a full Tm matrix (PDF 32000-1 9.4.2). Positions are kept in
// thousandths of a point, the precision they are written in, so a chain
// of relative moves lands exactly where an absolute Tm would.
struct TextState {
  bool in_text = false;  // inside BT … ET
  bool in_span = false;  // inside an /ActualText span (BDC … EMC) within it
  unsigned spans = 0;    // /ActualText spans opened so far
  bool has_color = false;
  layout::Color color;
  bool has_font = false;
  text::FontId font = 0;
  double size = 0;
  long long line_x = 0, line_y = 0;  // the text line matrix's origin, 1/1000 pt

  // Ends the text object and the span around it, if open (before a path,
  // at stream end).
  void end(std::string& content);
  // Ends the /ActualText span, if one is open.
  void end_span(std::string& content);
};

// CID numbering for every font of a run, shared by all documents written in
// it, so that content encoded once can be placed in several documents.
// Thread-safe.
class FontSet {
 public:
  explicit FontSet(const text::FontLibrary& fonts);
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // A drawn glyph's CID and its width in /W (1/1000 em).
  struct Coded {
    std::uint16_t cid;
    int width;
  };
  using Codes = std::vector<Coded>;

  // Numbers the glyphs of `item` now. CIDs are numbered in the order glyphs
  // are first seen, so reserving everything in document order before any
  // parallel work keeps the output the same from run to run. With `codes`,
  // appends each drawn glyph's CID in drawing order: encode() can then
  // take them from there instead of looking every glyph up a second time
  // under the font's lock.
  void reserve(const layout::TextItem& item, Codes* codes = nullptr);

  // Appends the operators that draw `item` and records the CIDs it uses.
  // Fonts are named /F<id> in page resources. `codes`, when given, holds
  // what reserve() gave this item and the ones after it: this item's are
  // taken from its front.
  void encode(const layout::TextItem& item, std::string& content, UsedGlyphs& used,
              TextState& state, std::span<const Coded>* codes = nullptr);

  struct Cid {
    bool carrier = false;
    std::uint32_t glyph = 0;
    std::string text;
    int width = 0;  // 1/1000 em, as written to /W
  };
  // The CIDs of a font that are in `wanted` (sorted, unique), resolved.
  std::vector<std::pair<std::uint16_t, Cid>> resolve(text::FontId font,
                                                     const std::vector<std::uint16_t>& wanted);
  const text::FontLibrary& fonts() const { return fonts_; }
  static std::string resource_name(text::FontId id);

  // The subset program of a font with these glyphs, made once per run: the
  // volumes of a dossier draw the same glyphs of nearly every font, and
  // subsetting was 7 % of a build. A caller that asks while another thread
  // makes it waits for that one instead of making it again.
  struct Subset;
  std::shared_ptr<const Subset> subset(text::FontId font, const std::set<std::uint32_t>& glyphs);
  // The glyphs of a font's subset for these CIDs: the glyphs they draw and
  // .notdef.
  std::set<std::uint32_t> subset_glyphs(text::FontId font, const std::vector<std::uint16_t>& cids);
  // 0, 1, 2, ... for the documents that embed their fonts, in the order
  // they come to it.
  unsigned next_embedding() { return embeddings_.fetch_add(1); }

 private:
  struct Font;
  Font& font(text::FontId id);
  std::uint16_t cid_for(Font& font, const text::Glyph& glyph);
  void show_glyphs(Font& font, const text::GlyphRun& run, double size, std::string& content,
                   std::vector<std::uint16_t>& cids, std::span<const Coded>* codes);

  const text::FontLibrary& fonts_;
  // A font's slot is filled once, under mutex_, and read without it: every
  // run of every glyph list asks for its font.
  std::mutex mutex_;
  std::vector<std::unique_ptr<Font>> owned_;  // under mutex_
  std::vector<std::atomic<Font*>> slots_;     // by FontId
  struct PendingSubset;
  std::map<std::pair<text::FontId, std::set<std::uint32_t>>, std::shared_ptr<PendingSubset>>
      subsets_;  // under mutex_
  std::atomic<unsigned> embeddings_{0};
};

// The fonts of one document: named in page resources as pages use them,
// embedded (subset, widths, ToUnicode) at the end.
class DocumentFonts {
 public:
  DocumentFonts(HpdfDoc& doc, FontSet& set);
  // Names the fonts in `used` in a page's /Font resources.
  void use(HPDF_Dict font_resources, const UsedGlyphs& used);
  // Subsets and embeds every font used. Call once, after the last page.
  void finish();

 private:
  HPDF_Dict type0(text::FontId id);
  // The encoding CMap of a font with short codes whose highest CID is
  // `max_cid`; fonts that reach as far share one (made on first use).
  HPDF_Dict short_code_encoding(std::uint16_t max_cid);
  void embed(text::FontId id, HPDF_Dict type0, const std::vector<std::uint16_t>& cids);
  void fill_type0(HPDF_Dict type0, const text::FaceInfo& info, const std::string& base_name,
                  HPDF_Dict cid_font, HPDF_Dict to_unicode,
                  const std::vector<std::pair<std::uint16_t, FontSet::Cid>>& cids);

  HpdfDoc& doc_;
  FontSet& set_;
  std::map<unsigned, HPDF_Dict> short_code_cmaps_;  // by last first byte
  std::map<text::FontId, HPDF_Dict> type0_;
  UsedGlyphs used_;
};

}  // namespace dossier::pdf
