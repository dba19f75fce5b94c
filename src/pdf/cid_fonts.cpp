#include "pdf/cid_fonts.h"

#include <fmt/format.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <iterator>
#include <memory>
#include <set>
#include <unordered_map>

#include "pdf/compressor.h"
#include "pdf/pdf_syntax.h"
#include "text/bidi_order.h"
#include "text/hb_handles.h"

namespace dossier::pdf {

// A subset font program to embed, and where each original glyph went.
struct FontSet::Subset {
  std::size_t program_size = 0;  // uncompressed (a TrueType file's /Length1)
  std::string deflated;          // the program, compressed once for every document
  std::map<std::uint32_t, std::uint32_t> new_glyph;  // original id -> subset id
};

namespace {

using text::HbBlob;
using Subset = FontSet::Subset;
using text::HbFace;

std::string blob_bytes(hb_blob_t* blob) {
  unsigned len = 0;
  const char* data = hb_blob_get_data(blob, &len);
  return std::string(data ? data : "", len);
}

// TrueType: the whole subset file, glyphs renumbered; CIDToGIDMap points
// each CID at its glyph's new id. CFF: the bare CFF table of a subset that
// keeps the CID-keyed charset (Noto CJK is Adobe-Identity-0 with CID =
// original glyph id), so the content stream writes original glyph ids as
// CIDs and no map is needed.
Subset subset_program(const text::FontLibrary& fonts, text::FontId id,
                      const std::set<std::uint32_t>& glyphs) {
  const auto& info = fonts.info(id);
  auto bytes = fonts.file_bytes(id);
  HbBlob blob(hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()),
                             HB_MEMORY_MODE_READONLY, nullptr, nullptr));
  HbFace face(hb_face_create(blob.get(), info.face_index));
  text::HbSubsetInput input(hb_subset_input_create_or_fail());
  if (!input) throw PdfError("HarfBuzz could not allocate a subset input");
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input.get());
  for (auto g : glyphs) hb_set_add(glyph_set, g);
  // No unicodes: readers get text from ToUnicode, never from the cmap.
  hb_set_clear(hb_subset_input_unicode_set(input.get()));
  unsigned flags = HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE;
  // TrueType keeps its glyph ids, so what a reader reports (mutool trace)
  // is what HarfBuzz shaped; the unused slots cost a few bytes compressed.
  if (info.outlines == text::Outlines::TrueType) flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
  hb_subset_input_set_flags(input.get(), flags);
  // Shaping already happened; a PDF reader needs only the outlines.
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (auto tag :
       {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('M', 'A', 'T', 'H'), HB_TAG('J', 'S', 'T', 'F'),
        HB_TAG('D', 'S', 'I', 'G'), HB_TAG('V', 'O', 'R', 'G'), HB_TAG('v', 'h', 'e', 'a'),
        HB_TAG('v', 'm', 't', 'x')}) {
    hb_set_add(drop, tag);
  }
  text::HbSubsetPlan plan(hb_subset_plan_create_or_fail(face.get(), input.get()));
  HbFace subset(plan ? hb_subset_plan_execute_or_fail(plan.get()) : nullptr);
  if (!subset) {
    throw PdfError(fmt::format("HarfBuzz could not subset font {}", info.file.string()));
  }
  Subset out;
  const hb_map_t* mapping = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  for (auto g : glyphs) {
    hb_codepoint_t mapped = hb_map_get(mapping, g);
    if (mapped == HB_MAP_VALUE_INVALID) {
      throw PdfError(
          fmt::format("HarfBuzz dropped glyph {} of {} from its subset", g, info.file.string()));
    }
    out.new_glyph[g] = mapped;
  }
  HbBlob program(info.outlines == text::Outlines::Cff
                     ? hb_face_reference_table(subset.get(), HB_TAG('C', 'F', 'F', ' '))
                     : hb_face_reference_blob(subset.get()));
  const std::string program_bytes = blob_bytes(program.get());
  out.program_size = program_bytes.size();
  out.deflated = Compressor().deflate(program_bytes);
  return out;
}

// Six capital letters derived from the glyph set (PDF 32000-1 9.6.4): the
// same subset gets the same tag in every build.
std::string subset_tag(const std::string& name, const std::set<std::uint32_t>& glyphs) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  for (unsigned char c : name) mix(c);
  for (auto g : glyphs) mix(g);
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

// Short codes: a TrueType font's CIDs are numbered in the order its glyphs
// are first drawn, so the letters a page draws most come first. The first
// 128 are CIDs 0x80 to 0xFF, written as one byte; the others are numbered
// from 0x100 up and written as two (next_short_code). Literal strings carry
// them through an embedded CMap with both code spaces, <80>-<FF> and
// <0000>-<7FFF> (PDF 32000-1 9.7.6.2), in place of Identity-H's two bytes
// for every glyph in hexadecimal: signature pages compress about a tenth
// smaller (docs/BENCHMARKS.md). A code is its CID, as with Identity-H, and
// every CID lies inside a code space as a number: MuPDF keys the ToUnicode
// map it builds by CID within the encoding's code spaces (pdf_remap_cmap)
// and drops any CID outside them. CIDs stay dense, so the CIDToGIDMap that
// every reader loads with the font stays short. A CFF font's CIDs are its
// glyph ids (Adobe-Identity-0), spread over the whole 16-bit range, and
// keep Identity-H, as does a font with more glyphs than the two-byte code
// space could number: a CID is one per (glyph, text).
constexpr unsigned kShortCodeGlyphLimit = 0x3FFF;

bool uses_short_codes(const text::FaceInfo& info) {
  return info.outlines == text::Outlines::TrueType && info.glyph_count <= kShortCodeGlyphLimit;
}

// Bytes a literal string would have to escape: the delimiters and the
// escape, and a carriage return, which a reader takes as an end of line
// (PDF 32000-1 7.3.4.2).
bool needs_escape(unsigned char b) { return b == '(' || b == ')' || b == '\\' || b == '\r'; }

// The first CID from `cid` on that has a short code and writes without an
// escape (the codes with an escape are left unused: they would cost a
// byte more every time). One-byte codes (0x80 to 0xFF) never need one.
std::uint32_t next_short_code(std::uint32_t cid) {
  for (;; ++cid) {
    if (cid < 0x80) cid = 0x80;
    if (cid <= 0xFF) return cid;
    if (!needs_escape(static_cast<unsigned char>(cid >> 8)) &&
        !needs_escape(static_cast<unsigned char>(cid & 0xFF))) {
      return cid;
    }
  }
}

// The code of `cid` in a literal string: one byte or two.
void append_short_code(std::string& out, std::uint16_t cid) {
  auto put = [&](unsigned char b) {
    // next_short_code gives no such CID; escaped all the same, should one
    // ever be written.
    if (needs_escape(b)) {
      out += '\\';
      out += b == '\r' ? 'r' : static_cast<char>(b);
    } else {
      out += static_cast<char>(b);
    }
  };
  if (cid <= 0xFF) {
    put(static_cast<unsigned char>(cid));
  } else {
    put(static_cast<unsigned char>(cid >> 8));
    put(static_cast<unsigned char>(cid & 0xFF));
  }
}

// The name of the encoding CMap of short-code fonts whose CIDs reach no
// further than two-byte codes beginning with `last_lead` (0: one-byte
// codes only).
std::string short_code_cmap_name(unsigned last_lead) {
  return fmt::format("Dossier-ShortCodes-{:02X}-H", last_lead);
}

// That CMap: each code is its CID. It maps only the codes a font can have
// drawn: poppler builds a table of 256 entries for each first byte of a
// two-byte range, for every font on every page it reads.
std::string short_code_cmap(unsigned last_lead) {
  std::string s = fmt::format(
      "%!PS-Adobe-3.0 Resource-CMap\n/CIDInit /ProcSet findresource begin\n12 dict begin\n"
      "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
      "def\n/CMapName /{} def\n/CMapType 1 def\n/WMode 0 def\n"
      "2 begincodespacerange\n<80> <FF>\n<0000> <7FFF>\nendcodespacerange\n",
      short_code_cmap_name(last_lead));
  // One range per first byte, so that no range crosses a boundary of its
  // last byte (what every reader's CMap parser takes).
  std::vector<std::string> ranges{"<80> <FF> 128"};
  for (unsigned lead = 0x01; lead <= last_lead; ++lead) {
    ranges.push_back(fmt::format("<{:02X}00> <{:02X}FF> {}", lead, lead, lead * 256));
  }
  for (std::size_t i = 0; i < ranges.size(); i += 100) {
    std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
    s += fmt::format("{} begincidrange\n", n);
    for (std::size_t k = i; k < i + n; ++k) s += ranges[k] + "\n";
    s += "endcidrange\n";
  }
  s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return s;
}

std::string to_unicode_cmap(const std::vector<std::pair<std::uint32_t, std::string>>& entries,
                            bool short_codes) {
  std::string s =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n";
  s += short_codes ? "2 begincodespacerange\n<80> <FF>\n<0000> <7FFF>\nendcodespacerange\n"
                   : "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  // At most 100 entries per bfchar block (PDF 32000-1 9.10.3, CMap spec).
  for (std::size_t i = 0; i < entries.size(); i += 100) {
    std::size_t n = std::min<std::size_t>(100, entries.size() - i);
    s += fmt::format("{} beginbfchar\n", n);
    for (std::size_t k = i; k < i + n; ++k) {
      const auto cid = entries[k].first;
      s += '<';
      if (short_codes && cid <= 0xFF) {
        append_hex2(s, static_cast<unsigned char>(cid));
      } else {
        append_hex4(s, cid);
      }
      s += "> <";
      for (unsigned char c : utf16be(entries[k].second)) append_hex2(s, c);
      s += ">\n";
    }
    s += "endbfchar\n";
  }
  s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return s;
}

// A left-to-right line's glyph texts, joined in drawing order, as the
// /ActualText of its span: the same characters in the same normal form as
// the glyphs (a split vowel sign is dealt to its glyphs decomposed: Tamil
// மோ as ம ெ ா). MuPDF 1.24 and later read a span's glyphs as themselves only
// as far as they spell its /ActualText, and set the rest of the
// /ActualText rune by rune over the glyphs that differ, doubling or
// dropping letters (source/fitz/stext-device.c, do_extract_within_
// actualtext); poppler and PDFium read the /ActualText, which is the
// line's text up to canonical equivalence. Glyphs that read as U+200B (a
// spacing piece of a Malayalam vowel sign) are left out, as before: they
// are what the span is for.
std::string drawn_text(const text::ShapedText& line) {
  std::string out;
  for (const auto& run : line.runs) {
    for (const auto& g : run.glyphs) {
      if (g.text != "\u200B") out += g.text;
    }
  }
  return out;
}

bool has_rtl_run(const text::ShapedText& shaped) {
  return std::any_of(shaped.runs.begin(), shaped.runs.end(), [](const auto& r) { return r.rtl; });
}

// Whether poppler needs /ActualText to read the item back: it drops the
// spaces of a line whose words are all one character long ("A B", a row of
// emoji), taking them for letter spacing (TextLine::coalesce). /ActualText
// (PDF 32000-1 14.9.4) gives it the text as one word.
//
// Every item with right-to-left text: poppler's raw order (pdftotext
// -raw) keeps the words in drawn order, which is visual, and PDFium reads
// vocalised Arabic and pointed Hebrew with the marks out of place; both
// read /ActualText given in visual order exactly (text::visual_order):
// poppler and PDFium both take /ActualText for the characters in drawn
// order and reverse right-to-left stretches of the line (poppler's
// TextLine bidi pass, PDFium's CPDF_TextPage::CloseTempLine, which also
// mirrors).
// pdf.js ignores /ActualText and reads the ToUnicode maps, which are exact.
//
// Also where poppler would break a left-to-right word apart: a mark that
// the font pulls back over its base (a negative x offset: Tibetan vowel
// signs) makes poppler start a new line at it, and a glyph that stands for
// no character of its own (a spacing piece of a Malayalam vowel sign, which
// reads as U+200B in ToUnicode so that pdf.js invents nothing) would be
// copied as that U+200B.
//
// And where PDFium would move a character away: a raised or lowered glyph
// is drawn as a text object of its own, and PDFium orders a line's text
// objects by where they start. One pushed ahead of the pen further than its
// advance (a Bengali reph in Noto Serif Bengali) starts after the object
// that follows it, so its character was copied after the line's last word.

bool needs_actual_text(const text::ShapedText& shaped) {
  bool all_single = true;
  std::size_t words = 0;
  for (const auto& run : shaped.runs) {
    if (run.rtl) return true;
  }
  for (const auto& run : shaped.runs) {
    for (const auto& g : run.glyphs) {
      if (g.x_offset < 0 || g.text == "\u200B") return true;
      if (g.y_offset != 0 && g.x_offset > g.x_advance) return true;
    }
  }
  std::size_t len = 0;
  for (char ch : shaped.text) {
    if (ch == ' ') {
      if (len > 0) {
        ++words;
        all_single = all_single && len == 1;
      }
      len = 0;
    } else if ((static_cast<unsigned char>(ch) & 0xC0) != 0x80) {
      ++len;  // counts code points, not UTF-8 bytes
    }
  }
  if (len > 0) {
    ++words;
    all_single = all_single && len == 1;
  }
  return words > 1 && all_single;
}

// The text of an item's /ActualText span.
std::string actual_text_of(const layout::TextItem& item, bool ends_in_hyphen) {
  if (item.reads == layout::Reads::Nothing) return "\u200B";
  const bool whole = item.reads == layout::Reads::Whole && item.whole;
  const auto& line = whole ? *item.whole : *item.text;
  std::string said = has_rtl_run(line) ? text::visual_order(line.text) : drawn_text(line);
  if (!whole && ends_in_hyphen) said += "\u200B";
  return said;
}

// Opens the text object, and the item's /ActualText span if it needs one
// (returns whether it opened one).
//
// A line that ends in a hyphen (a name wrapped after its own hyphen):
// PDFium takes a hyphen between a letter and a letter on the next line
// for a soft hyphenation and reports it as U+FFFE, which Chrome drops
// (CPDF_TextPage::IsHyphen, ProcessInsertObject), so "Weißenborn-Brandt"
// would read "WeißenbornBrandt". PDFium takes the line's text from
// /ActualText, and one that ends after the hyphen with U+200B (which
// Chrome drops too) no longer ends in a hyphen.
//
// A wrapped name (layout::Reads) is one span: its first line opens it
// with the whole name, its other lines are drawn inside it, and the next
// item closes it. PDFium reads a span's /ActualText once, at its first
// text object (CPDF_TextPage::PreMarkedContent).
bool begin_text(const layout::TextItem& item, std::string& content, TextState& state) {
  const std::string& text = item.text->text;
  const bool ends_in_hyphen = !text.empty() && text.back() == '-';
  const bool continues = item.reads == layout::Reads::Nothing && state.in_span;
  const bool actual_text = !continues && (item.reads != layout::Reads::Itself || ends_in_hyphen ||
                                          needs_actual_text(*item.text));
  if (!continues) state.end_span(content);
  if (!state.in_text) {
    content += "BT\n";
    state.in_text = true;
    state.line_x = state.line_y = 0;  // BT resets the line matrix
  }
  // Marked content inside a text object, as tagged PDF has it: the span
  // ends before the text object does (TextState::end).
  if (actual_text) {
    content += "/Span <</ActualText ";
    append_text_string(content, actual_text_of(item, ends_in_hyphen));
    content += ">> BDC\n";
    state.in_span = true;
    ++state.spans;
  }
  return actual_text;
}

void set_fill_color(const layout::Color& color, Operators& ops, TextState& state) {
  if (state.has_color && state.color.r == color.r && state.color.g == color.g &&
      state.color.b == color.b) {
    return;
  }
  ops.op("rg", color.r, color.g, color.b);
  state.has_color = true;
  state.color = color;
}

void set_font(text::FontId font, double size, Operators& ops, TextState& state) {
  if (state.has_font && state.font == font && state.size == size) return;
  ops.op("Tf", Name{FontSet::resource_name(font)}, size);
  state.has_font = true;
  state.font = font;
  state.size = size;
}

// Moves the line start to (x, y), in 1/1000 pt, relative to the last one.
void move_line(long long x_milli, long long y_milli, Operators& ops, TextState& state) {
  ops.op("Td", static_cast<double>(x_milli - state.line_x) / 1000.0,
         static_cast<double>(y_milli - state.line_y) / 1000.0);
  state.line_x = x_milli;
  state.line_y = y_milli;
}

// One TJ operator's array of glyph codes and the adjustments between
// them, written to the content when it ends; an array with nothing in it
// is left out.
class GlyphArray {
 public:
  GlyphArray(std::string& content, bool short_codes)
      : content_(content),
        short_codes_(short_codes),
        open_(short_codes ? '(' : '<'),
        close_(short_codes ? ')' : '>') {}

  // Adds to the adjustment before the next glyph (1/1000 em; positive
  // moves left, PDF 32000-1 9.4.3).
  void adjust(double by) { pending_ += by; }
  void set_adjustment(double to) { pending_ = to; }

  void show(std::uint16_t cid) {
    flush_adjustment();
    if (!in_string_) tj_ += open_;
    in_string_ = true;
    if (short_codes_) {
      append_short_code(tj_, cid);
    } else {
      append_hex4(tj_, cid);
    }
  }

  void end() {
    if (in_string_) tj_ += close_;
    in_string_ = false;
    tj_ += "]TJ\n";
    if (tj_ != "[]TJ\n") content_ += tj_;
    tj_.clear();  // not tj_ = "[": GCC 12 -O3 misreports that as -Wrestrict
    tj_.push_back('[');
  }

 private:
  void flush_adjustment() {
    if (std::abs(pending_) >= 0.0005) {
      if (in_string_) tj_ += close_;
      in_string_ = false;
      append_number(tj_, pending_);
    }
    pending_ = 0;
  }

  std::string& content_;
  const bool short_codes_;
  const char open_, close_;
  std::string tj_ = "[";
  bool in_string_ = false;
  double pending_ = 0;
};

}  // namespace

void UsedGlyphs::add(const UsedGlyphs& other) {
  // A merge, not a sort of both: a document adds every page's list to its
  // own, and sorting the growing list each time was 2 % of a build.
  for (const auto& [font, theirs] : other.cids) {
    auto& mine = cids[font];
    std::vector<std::uint16_t> merged;
    merged.reserve(mine.size() + theirs.size());
    std::set_union(mine.begin(), mine.end(), theirs.begin(), theirs.end(),
                   std::back_inserter(merged));
    mine = std::move(merged);
  }
}

struct FontSet::Font {
  std::mutex mutex;
  text::FontId id = 0;
  bool cff = false;
  bool short_codes = false;  // uses_short_codes
  double scale = 1;          // font units -> 1/1000 em
  // TrueType: one CID per distinct (glyph, text) pair, so a glyph that
  // reads differently in two places gets two CIDs mapped to the same glyph
  // by CIDToGIDMap. CFF: CID = glyph id (Adobe-Identity-0), so the first
  // text seen for a glyph is the one it reads as. Key: glyph id (4 bytes),
  // carrier flag, text; looked up for every glyph drawn, so hashed straight
  // from the glyph's own fields, without building a key.
  struct CidKeyView {
    std::uint32_t glyph;
    bool carrier;
    std::string_view text;
    bool operator==(const CidKeyView&) const = default;
  };
  struct CidKey {
    std::uint32_t glyph;
    bool carrier;
    std::string text;
    operator CidKeyView() const { return {glyph, carrier, text}; }
  };
  struct CidKeyHash {
    using is_transparent = void;
    std::size_t operator()(const CidKeyView& k) const {
      return std::hash<std::string_view>{}(k.text) ^
             (static_cast<std::size_t>(k.glyph) * 0x9E3779B97F4A7C15ull) ^ (k.carrier ? 1u : 0u);
    }
  };
  struct CidKeyEqual {
    using is_transparent = void;
    bool operator()(const CidKeyView& a, const CidKeyView& b) const { return a == b; }
  };
  std::unordered_map<CidKey, std::uint16_t, CidKeyHash, CidKeyEqual> cid_of;
  std::uint32_t last_cid = 0;                     // CID 0 stays .notdef
  std::vector<std::uint16_t> first_cid_of_glyph;  // by glyph id; 0: none yet
  // CIDs numbered so far, by CID through an index: a CFF font's CIDs are
  // its glyph ids, up to 65,535, and a vector of entries indexed by them
  // was megabytes of page faults for a few hundred glyphs drawn.
  std::vector<std::uint32_t> slot_of_cid;  // by CID; 0: not used
  std::vector<Cid> cids;                   // slot - 1
  const Cid* find(std::uint16_t cid) const {
    return cid < slot_of_cid.size() && slot_of_cid[cid] != 0 ? &cids[slot_of_cid[cid] - 1u]
                                                             : nullptr;
  }
  const Cid& at(std::uint16_t cid) const { return cids[slot_of_cid[cid] - 1u]; }
  Cid& add(std::uint16_t cid) {
    if (slot_of_cid.size() <= cid) slot_of_cid.resize(cid + 1u, 0);
    cids.emplace_back();
    slot_of_cid[cid] = static_cast<std::uint32_t>(cids.size());
    return cids.back();
  }
};

FontSet::FontSet(const text::FontLibrary& fonts) : fonts_(fonts), slots_(fonts.size()) {}
FontSet::~FontSet() = default;

// A subset made by one thread and waited for by the others.
struct FontSet::PendingSubset {
  std::mutex mutex;
  std::condition_variable made_cv;
  bool making = false;
  std::shared_ptr<const Subset> made;
};

std::shared_ptr<const FontSet::Subset> FontSet::subset(text::FontId id,
                                                       const std::set<std::uint32_t>& glyphs) {
  std::shared_ptr<PendingSubset> pending;
  {
    std::lock_guard lock(mutex_);
    auto& slot = subsets_[std::make_pair(id, glyphs)];
    if (!slot) slot = std::make_shared<PendingSubset>();
    pending = slot;
  }
  std::unique_lock lock(pending->mutex);
  pending->made_cv.wait(lock, [&] { return !pending->making; });
  if (pending->made) return pending->made;
  pending->making = true;
  lock.unlock();
  std::shared_ptr<const Subset> made;
  try {
    made = std::make_shared<const Subset>(subset_program(fonts_, id, glyphs));
  } catch (...) {
    // A waiting thread tries for itself and meets the error on its own.
    lock.lock();
    pending->making = false;
    pending->made_cv.notify_all();
    throw;
  }
  lock.lock();
  pending->made = made;
  pending->making = false;
  pending->made_cv.notify_all();
  return made;
}

std::set<std::uint32_t> FontSet::subset_glyphs(text::FontId id,
                                               const std::vector<std::uint16_t>& cids) {
  std::set<std::uint32_t> glyphs{0};
  for (const auto& [cid, entry] : resolve(id, cids)) glyphs.insert(entry.glyph);
  return glyphs;
}

std::string FontSet::resource_name(text::FontId id) {
  std::string name(1, 'F');  // not "F" + ...: GCC 12 -O3 misreports that as -Wrestrict
  name += std::to_string(id);
  return name;
}

FontSet::Font& FontSet::font(text::FontId id) {
  auto& slot = slots_.at(id);
  if (auto* f = slot.load(std::memory_order_acquire)) return *f;
  std::lock_guard lock(mutex_);
  if (auto* f = slot.load(std::memory_order_relaxed)) return *f;
  auto f = std::make_unique<Font>();
  f->id = id;
  f->cff = fonts_.info(id).outlines == text::Outlines::Cff;
  f->short_codes = uses_short_codes(fonts_.info(id));
  f->scale = 1000.0 / fonts_.info(id).units_per_em;
  slot.store(f.get(), std::memory_order_release);
  owned_.push_back(std::move(f));
  return *owned_.back();
}

// Called with font.mutex held.
std::uint16_t FontSet::cid_for(Font& font, const text::Glyph& glyph) {
  auto record = [&](std::uint16_t cid) {
    auto& entry = font.add(cid);
    entry.glyph = glyph.id;
    entry.carrier = glyph.is_carrier;
    entry.text = glyph.text;
    entry.width =
        glyph.is_carrier
            ? 0
            : static_cast<int>(std::lround(fonts_.advance(font.id, glyph.id) * font.scale));
  };
  if (font.cff) {
    if (glyph.id > 0xFFFF) throw PdfError("glyph id beyond the CID range");
    auto cid = static_cast<std::uint16_t>(glyph.id);
    if (!font.find(cid)) record(cid);
    return cid;
  }
  // Most glyphs read one way only: the first CID a glyph was given is
  // checked before the map is hashed.
  if (glyph.id < font.first_cid_of_glyph.size()) {
    if (auto cid = font.first_cid_of_glyph[glyph.id]; cid != 0) {
      const auto& entry = font.at(cid);
      if (entry.carrier == glyph.is_carrier && entry.text == glyph.text) return cid;
    }
  }
  const Font::CidKeyView key{glyph.id, glyph.is_carrier, glyph.text};
  auto it = font.cid_of.find(key);
  if (it != font.cid_of.end()) return it->second;
  std::uint32_t next = font.last_cid + 1;
  if (font.short_codes) next = next_short_code(next);
  // The two-byte code space of short codes ends at 0x7FFF.
  if (next > (font.short_codes ? 0x7FFFu : 0xFFFFu)) {
    throw PdfError(fmt::format("font {} needs more distinct glyphs than CIDs can number",
                               fonts_.info(font.id).postscript_name));
  }
  auto cid = static_cast<std::uint16_t>(next);
  font.last_cid = next;
  font.cid_of.emplace(Font::CidKey{glyph.id, glyph.is_carrier, glyph.text}, cid);
  record(cid);
  if (glyph.id <= 0xFFFF) {
    if (font.first_cid_of_glyph.size() <= glyph.id) font.first_cid_of_glyph.resize(glyph.id + 1u);
    if (font.first_cid_of_glyph[glyph.id] == 0) font.first_cid_of_glyph[glyph.id] = cid;
  }
  return cid;
}

void FontSet::reserve(const layout::TextItem& item, Codes* codes) {
  if (!item.text) return;
  for (const auto& run : item.text->runs) {
    auto& f = font(run.font);
    std::lock_guard lock(f.mutex);
    for (const auto& g : run.glyphs) {
      auto cid = cid_for(f, g);
      if (codes) codes->push_back({cid, f.at(cid).width});
    }
  }
}

void TextState::end(std::string& content) {
  end_span(content);
  if (in_text) content += "ET\n";
  in_text = false;
}

void TextState::end_span(std::string& content) {
  if (in_span) content += "EMC\n";
  in_span = false;
}

void FontSet::encode(const layout::TextItem& item, std::string& content, UsedGlyphs& used,
                     TextState& state, std::span<const Coded>* codes) {
  if (!item.text || item.text->runs.empty()) return;
  const bool actual_text = begin_text(item, content, state);
  Operators ops(content);
  set_fill_color(item.color, ops, state);
  const long long y_milli = std::llround(item.y * 1000.0);
  double x = item.x;
  for (const auto& run : item.text->runs) {
    auto& f = font(run.font);
    auto& cids = used.cids[run.font];
    set_font(run.font, item.size, ops, state);
    move_line(std::llround(x * 1000.0), y_milli, ops, state);
    show_glyphs(f, run, item.size, content, cids, codes);
    x += static_cast<double>(run.width) * item.size / fonts_.info(run.font).units_per_em;
  }
  if (actual_text && item.reads != layout::Reads::Whole) state.end_span(content);
}

// Glyphs go out as one TJ array with HarfBuzz's positions as adjustments
// against the widths in /W; a vertical mark offset needs the text rise,
// which only changes between TJ operators.
void FontSet::show_glyphs(Font& f, const text::GlyphRun& run, double size, std::string& content,
                          std::vector<std::uint16_t>& cids, std::span<const Coded>* codes) {
  GlyphArray tj(content, f.short_codes);
  Operators ops(content);
  // The font's lock only where this item was not reserved with codes.
  std::unique_lock lock(f.mutex, std::defer_lock);
  if (!codes) lock.lock();
  auto next_code = [&](const text::Glyph& g) -> Coded {
    if (!codes) {
      auto cid = cid_for(f, g);
      return {cid, f.at(cid).width};
    }
    if (codes->empty()) throw std::logic_error("an item has more glyphs than it reserved");
    auto c = codes->front();
    *codes = codes->subspan(1);
    return c;
  };
  for (const auto& g : run.glyphs) {
    const auto [cid, width] = next_code(g);
    cids.push_back(cid);
    double x_off = g.x_offset * f.scale;
    tj.adjust(-x_off);
    bool raised = g.y_offset != 0;
    if (raised) {
      tj.end();
      ops.op("Ts", g.y_offset * f.scale * size / 1000.0);
    }
    tj.show(cid);
    tj.set_adjustment(-(g.x_advance * f.scale - width) + x_off);
    if (raised) {
      tj.end();
      ops.op("Ts", 0.0);
    }
  }
  tj.end();
}

std::vector<std::pair<std::uint16_t, FontSet::Cid>> FontSet::resolve(
    text::FontId id, const std::vector<std::uint16_t>& wanted) {
  auto& f = font(id);
  std::lock_guard lock(f.mutex);
  std::vector<std::pair<std::uint16_t, Cid>> out;
  out.reserve(wanted.size());
  for (auto cid : wanted) {
    if (const auto* entry = f.find(cid)) out.emplace_back(cid, *entry);
  }
  return out;
}

namespace {

// Adobe-Identity-0, the character collection of every CIDFont here.
HPDF_Dict identity_system_info(HpdfDoc& doc) {
  const char* what = "describe a CID font";
  DictEntries system_info(doc, doc.new_dict(what), what);
  system_info.literal("Registry", "Adobe");
  system_info.literal("Ordering", "Identity");
  system_info.number("Supplement", 0);
  return system_info.dict();
}

using Cids = std::vector<std::pair<std::uint16_t, FontSet::Cid>>;

HPDF_Dict font_program(HpdfDoc& doc, const Subset& subset, bool cff) {
  HPDF_Dict file = doc.new_deflated_stream(subset.deflated, "embed a font program");
  DictEntries entries(doc, file, "describe a font program");
  if (cff) {
    entries.name("Subtype", "CIDFontType0C");
  } else {
    entries.number("Length1", static_cast<HPDF_INT32>(subset.program_size));
  }
  return file;
}

HPDF_Dict font_descriptor(HpdfDoc& doc, const text::FaceInfo& info, const std::string& base_name,
                          HPDF_Dict file) {
  const char* what = "describe a font";
  const bool cff = info.outlines == text::Outlines::Cff;
  const double scale = 1000.0 / info.units_per_em;
  auto scaled = [&](int v) { return static_cast<HPDF_INT32>(std::lround(v * scale)); };
  DictEntries descriptor(doc, doc.new_indirect_dict("create a font descriptor"), what);
  descriptor.name("Type", "FontDescriptor");
  descriptor.name("FontName", base_name.c_str());
  int flags = (info.fixed_pitch ? 1 : 0) | (info.serif ? 2 : 0) | (info.symbolic ? 4 : 32);
  descriptor.number("Flags", flags);
  HPDF_Array bbox = doc.new_array(what);
  for (int v : info.bbox) doc.append_number(bbox, scaled(v), what);
  descriptor.add("FontBBox", bbox);
  descriptor.real("ItalicAngle", static_cast<HPDF_REAL>(info.italic_angle));
  descriptor.number("Ascent", scaled(info.ascender));
  descriptor.number("Descent", scaled(info.descender));
  descriptor.number("CapHeight", scaled(info.cap_height));
  // StemV is required but unknown for OpenType fonts; 80 is the customary
  // regular-weight value, used by readers only for substitution.
  descriptor.number("StemV", 80);
  descriptor.add(cff ? "FontFile3" : "FontFile2", file);
  return descriptor.dict();
}

// Runs of consecutive CIDs share one array (PDF 32000-1 9.7.4.3).
HPDF_Array glyph_widths(HpdfDoc& doc, const Cids& cids) {
  const char* what = "write glyph widths";
  HPDF_Array widths = doc.new_array(what);
  HPDF_Array group = nullptr;
  std::int64_t last = -2;
  for (const auto& [cid, entry] : cids) {
    if (cid != last + 1) {
      doc.append_number(widths, cid, what);
      group = doc.new_array(what);
      doc.append(widths, group, what);
    }
    doc.append_number(group, entry.width, what);
    last = cid;
  }
  return widths;
}

// Each CID's glyph in the subset, two bytes per CID (PDF 32000-1 9.7.4.2).
std::string cid_to_gid_map(const Cids& cids, const Subset& subset) {
  std::size_t max_cid = cids.empty() ? 0 : cids.back().first;
  std::string map(2 * (max_cid + 1), '\0');
  for (const auto& [cid, entry] : cids) {
    auto gid = subset.new_glyph.at(entry.glyph);
    map[2 * cid] = static_cast<char>((gid >> 8) & 0xff);
    map[2 * cid + 1] = static_cast<char>(gid & 0xff);
  }
  return map;
}

// The descendant CIDFont, with its widths and, for TrueType, its
// CIDToGIDMap.
HPDF_Dict descendant_font(HpdfDoc& doc, const text::FaceInfo& info, const std::string& base_name,
                          HPDF_Dict descriptor, const Cids& cids, const Subset& subset) {
  const char* what = "describe a CID font";
  const bool cff = info.outlines == text::Outlines::Cff;
  DictEntries font(doc, doc.new_indirect_dict("create a CID font"), what);
  font.name("Type", "Font");
  font.name("Subtype", cff ? "CIDFontType0" : "CIDFontType2");
  font.name("BaseFont", base_name.c_str());
  font.add("CIDSystemInfo", identity_system_info(doc));
  font.add("FontDescriptor", descriptor);
  DictEntries(doc, font.dict(), "write glyph widths").add("W", glyph_widths(doc, cids));
  if (!cff) {
    font.add("CIDToGIDMap", doc.new_stream(cid_to_gid_map(cids, subset), "write a CIDToGIDMap"));
  }
  return font.dict();
}

// Every CID drawn has an entry, so no reader has to guess.
HPDF_Dict to_unicode_map(HpdfDoc& doc, const Cids& cids, bool short_codes) {
  std::vector<std::pair<std::uint32_t, std::string>> entries;
  for (const auto& [cid, entry] : cids) entries.emplace_back(cid, entry.text);
  return doc.new_stream(to_unicode_cmap(entries, short_codes), "write a ToUnicode map");
}

}  // namespace

DocumentFonts::DocumentFonts(HpdfDoc& doc, FontSet& set) : doc_(doc), set_(set) {}

HPDF_Dict DocumentFonts::type0(text::FontId id) {
  auto it = type0_.find(id);
  if (it != type0_.end()) return it->second;
  // Created empty on first use so pages can refer to it; filled by embed().
  return type0_.emplace(id, doc_.new_indirect_dict("create a font dictionary")).first->second;
}

void DocumentFonts::use(HPDF_Dict font_resources, const UsedGlyphs& used) {
  for (const auto& [id, cids] : used.cids) {
    auto name = FontSet::resource_name(id);
    if (!HPDF_Dict_GetItem(font_resources, name.c_str(), HPDF_OCLASS_DICT)) {
      DictEntries(doc_, font_resources, "name a font in the page resources")
          .add(name.c_str(), type0(id));
    }
  }
  used_.add(used);
}

HPDF_Dict DocumentFonts::short_code_encoding(std::uint16_t max_cid) {
  const unsigned last_lead = max_cid >> 8u;
  auto& cmap = short_code_cmaps_[last_lead];
  if (cmap) return cmap;
  const char* what = "write a short-code CMap";
  cmap = doc_.new_stream(short_code_cmap(last_lead), what);
  DictEntries entries(doc_, cmap, what);
  entries.name("Type", "CMap");
  entries.name("CMapName", short_code_cmap_name(last_lead).c_str());
  // The same system as the CIDFonts' (PDF/A-2, ISO 19005-2 6.2.11.3.1).
  entries.add("CIDSystemInfo", identity_system_info(doc_));
  entries.number("WMode", 0);
  return cmap;
}

void DocumentFonts::finish() {
  // The subset programs first. Documents written at the same time need the
  // same ones; taking them from opposite ends, two documents share the
  // work instead of each waiting for the other's font. The order only
  // decides who makes a program, never the bytes.
  std::vector<std::pair<text::FontId, std::set<std::uint32_t>>> programs;
  for (const auto& [id, dict] : type0_)
    programs.emplace_back(id, set_.subset_glyphs(id, used_.cids[id]));
  if (set_.next_embedding() % 2 == 1) std::reverse(programs.begin(), programs.end());
  for (const auto& [id, glyphs] : programs) set_.subset(id, glyphs);
  for (const auto& [id, dict] : type0_) embed(id, dict, used_.cids[id]);
}

void DocumentFonts::embed(text::FontId id, HPDF_Dict t0, const std::vector<std::uint16_t>& wanted) {
  const auto& info = set_.fonts().info(id);
  const bool cff = info.outlines == text::Outlines::Cff;
  const auto cids = set_.resolve(id, wanted);
  const auto glyphs = set_.subset_glyphs(id, wanted);
  const std::string base_name =
      subset_tag(info.postscript_name, glyphs) + "+" + info.postscript_name;
  const auto subset = set_.subset(id, glyphs);
  // The objects in the order they are numbered in.
  HPDF_Dict file = font_program(doc_, *subset, cff);
  HPDF_Dict descriptor = font_descriptor(doc_, info, base_name, file);
  HPDF_Dict cid_font = descendant_font(doc_, info, base_name, descriptor, cids, *subset);
  HPDF_Dict to_unicode = to_unicode_map(doc_, cids, uses_short_codes(info));
  fill_type0(t0, info, base_name, cid_font, to_unicode, cids);
}

// The Type0 font the pages refer to.
void DocumentFonts::fill_type0(HPDF_Dict t0, const text::FaceInfo& info,
                               const std::string& base_name, HPDF_Dict cid_font,
                               HPDF_Dict to_unicode,
                               const std::vector<std::pair<std::uint16_t, FontSet::Cid>>& cids) {
  const char* what = "describe a font";
  const bool cff = info.outlines == text::Outlines::Cff;
  DictEntries font(doc_, t0, what);
  font.name("Type", "Font");
  font.name("Subtype", "Type0");
  std::string type0_name = cff ? base_name + "-Identity-H" : base_name;
  font.name("BaseFont", type0_name.c_str());
  if (uses_short_codes(info)) {
    const std::uint16_t max_cid = cids.empty() ? 0 : cids.back().first;
    font.add("Encoding", short_code_encoding(max_cid));
  } else {
    font.name("Encoding", "Identity-H");
  }
  HPDF_Array descendants = doc_.new_array(what);
  doc_.append(descendants, cid_font, what);
  font.add("DescendantFonts", descendants);
  font.add("ToUnicode", to_unicode);
}

}  // namespace dossier::pdf
