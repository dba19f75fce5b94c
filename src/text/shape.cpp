#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>

#include "text/glyph_text.h"
#include "text/loaded_face.h"
#include "text/word_shapes.h"

namespace dossier::text {
namespace {

// Appends HarfBuzz's glyph to the run, its advance to the run's width; the
// glyph's text is dealt out afterwards.
void take_glyph(const hb_glyph_info_t& info, const hb_glyph_position_t& pos, GlyphRun& run) {
  auto& gl = run.glyphs.emplace_back();
  gl.id = info.codepoint;
  gl.x_advance = pos.x_advance;
  gl.x_offset = pos.x_offset;
  gl.y_offset = pos.y_offset;
  gl.is_missing = gl.id == 0;
  run.width += pos.x_advance;
}

struct UBiDiDeleter {
  void operator()(UBiDi* b) const { ubidi_close(b); }
};
using BidiHandle = std::unique_ptr<UBiDi, UBiDiDeleter>;

// One code point of the paragraph with what itemisation decides for it.
struct CodePoint {
  char32_t cp;
  std::size_t byte;  // offset in the UTF-8 text
  int32_t utf16;     // offset in the UTF-16 text (ICU's unit)
  UScriptCode script;
  FontId font = 0;
  bool missing = false;
};

std::u16string to_utf16(std::string_view utf8) {
  std::u16string out(utf8.size() + 1, u'\0');
  int32_t len = 0;
  UErrorCode err = U_ZERO_ERROR;
  u_strFromUTF8(reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()), &len,
                utf8.data(), static_cast<int32_t>(utf8.size()), &err);
  if (U_FAILURE(err)) throw EncodingError("text is not valid UTF-8");
  out.resize(static_cast<std::size_t>(len));
  return out;
}

std::vector<CodePoint> decode(std::string_view utf8) {
  std::vector<CodePoint> cps;
  int32_t i = 0, n = static_cast<int32_t>(utf8.size()), u16 = 0;
  while (i < n) {
    std::size_t start = static_cast<std::size_t>(i);
    UChar32 c;
    U8_NEXT(utf8.data(), i, n, c);
    if (c < 0) {
      throw EncodingError(fmt::format("invalid UTF-8 at byte {}", start));
    }
    cps.push_back({static_cast<char32_t>(c), start, u16, USCRIPT_COMMON});
    u16 += U16_LENGTH(c);
  }
  return cps;
}

bool is_neutral_script(UScriptCode s) {
  return s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_UNKNOWN;
}

// Common and inherited characters (spaces, digits, punctuation, marks) take
// the script of the text before them, or after them at the start. Called
// once per bidi run, so a space between Hebrew and Latin goes with the
// run it is laid out in.
void assign_scripts(std::span<CodePoint> cps) {
  UScriptCode last = USCRIPT_COMMON;
  for (auto& c : cps) {
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(static_cast<UChar32>(c.cp), &err);
    if (U_FAILURE(err)) s = USCRIPT_COMMON;
    if (is_neutral_script(s)) {
      c.script = last;
    } else {
      c.script = s;
      last = s;
    }
  }
  UScriptCode next = USCRIPT_COMMON;
  for (auto it = cps.rbegin(); it != cps.rend(); ++it) {
    if (is_neutral_script(it->script)) {
      it->script = next;
    } else {
      next = it->script;
    }
  }
  // Hiragana, Katakana and Han mix within one Japanese name; one run keeps
  // them in one font and lets HarfBuzz see the whole word.
  for (auto& c : cps) {
    if (c.script == USCRIPT_HIRAGANA || c.script == USCRIPT_KATAKANA || c.script == USCRIPT_HAN ||
        c.script == USCRIPT_HANGUL) {
      c.script = c.script == USCRIPT_HANGUL ? USCRIPT_HANGUL : USCRIPT_HAN;
    }
  }
}

bool attaches_to_previous(char32_t cp) {
  auto gc = u_charType(static_cast<UChar32>(cp));
  return gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK || gc == U_COMBINING_SPACING_MARK ||
         u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
         u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_EMOJI_MODIFIER);
}

bool is_cjk_script(UScriptCode s) {
  return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA ||
         s == USCRIPT_KATAKANA_OR_HIRAGANA || s == USCRIPT_HANGUL || s == USCRIPT_BOPOMOFO;
}

bool is_cjk(char32_t cp) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(static_cast<UChar32>(cp), &err);
  return U_SUCCESS(err) && is_cjk_script(s);
}

// Which face of the CJK collections a paragraph's Han, kana and Hangul get:
// kana only occurs in Japanese and Hangul only in Korean (a Korean name
// with Hanja stays in the Korean face); Han alone follows the signer's
// country, else the language's likely country (zh-Hant -> TW), else the
// default. Empty when the paragraph has no CJK character.
std::string cjk_variant(const FontLibrary& fonts, const std::vector<CodePoint>& cps,
                        const Style& style) {
  bool han = false;
  for (const auto& c : cps) {
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(static_cast<UChar32>(c.cp), &err);
    if (U_FAILURE(err)) continue;
    if (s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA || s == USCRIPT_KATAKANA_OR_HIRAGANA) {
      return "JP";
    }
    if (s == USCRIPT_HANGUL) return "KR";
    han = han || is_cjk_script(s);
  }
  if (!han) return {};
  if (!style.region.empty()) return fonts.cjk_variant_for_region(style.region);
  if (!style.language.empty()) {
    UErrorCode err = U_ZERO_ERROR;
    auto locale = icu::Locale::forLanguageTag(style.language, err);
    if (U_SUCCESS(err)) locale.addLikelySubtags(err);
    if (U_SUCCESS(err) && locale.getCountry()[0] != '\0') {
      return fonts.cjk_variant_for_region(locale.getCountry());
    }
  }
  return fonts.cjk_variant_for_region("");
}

bool is_ignorable(char32_t cp) {
  return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// A base character and the marks and joiners after it: a unit that stays
// in one font.
struct Unit {
  std::size_t begin, end;
  bool common;
  std::optional<FontId> font;
};

std::vector<Unit> split_units(std::span<const CodePoint> cps) {
  auto is_common = [](char32_t cp) {
    UErrorCode err = U_ZERO_ERROR;
    return is_neutral_script(uscript_getScript(static_cast<UChar32>(cp), &err));
  };
  std::vector<Unit> units;
  for (std::size_t u = 0; u < cps.size();) {
    std::size_t ue = u + 1;
    while (ue < cps.size() && attaches_to_previous(cps[ue].cp)) ++ue;
    units.push_back({u, ue, is_common(cps[u].cp), std::nullopt});
    u = ue;
  }
  return units;
}

// The fonts the units of one bidi run may take, in order of preference.
struct FontCandidates {
  const FontLibrary& fonts;
  const std::vector<FontId>& declared;
  const std::vector<FontId>& installed;
  std::optional<FontId> cjk;
  std::span<const CodePoint> cps;

  bool covers(FontId f, const Unit& unit) const {
    for (std::size_t i = unit.begin; i < unit.end; ++i) {
      if (!is_ignorable(cps[i].cp) && !fonts.covers(f, cps[i].cp)) return false;
    }
    return true;
  }

  std::optional<FontId> first_covering(const Unit& unit) const {
    const char32_t base = cps[unit.begin].cp;
    const bool use_cjk = cjk && is_cjk(base);
    if (use_cjk && covers(*cjk, unit)) return cjk;
    for (const auto* order : {&declared, &installed}) {
      for (FontId f : *order) {
        if (covers(f, unit)) return f;
      }
    }
    // Partial cover: a font with the base character, marks as they come.
    if (use_cjk && fonts.covers(*cjk, base)) return cjk;
    for (const auto* order : {&declared, &installed}) {
      for (FontId f : *order) {
        if (fonts.covers(f, base)) return f;
      }
    }
    return std::nullopt;
  }

  // A neutral unit (spaces, digits, punctuation) takes the font of the
  // letter before it, or after it, when that covers it.
  std::optional<FontId> for_neutral(const std::vector<Unit>& units, std::size_t i) const {
    std::optional<FontId> before = i > 0 ? units[i - 1].font : std::nullopt;
    std::optional<FontId> after;
    for (std::size_t k = i + 1; k < units.size() && !after; ++k) {
      if (!units[k].common) after = units[k].font;
    }
    if (before && covers(*before, units[i])) return before;
    if (after && covers(*after, units[i])) return after;
    return first_covering(units[i]);
  }
};

// Picks a font for the code points of one bidi run. A base character and
// the marks and joiners after it form a unit that stays in one font. A
// letter of a script takes the first font of the role that covers it;
// spaces, digits, punctuation and symbols (script Common) take the font of
// the letter before them, or after them, when it covers them, so the spaces
// between Arabic words are shaped with the Arabic font and a name after an
// emoji returns to the text font.
//
// After the role's declared list come the installed faces (see
// FontLibrary::installed); Han, kana and Hangul try the name's CJK face
// first, so a name stays in the face that fits its language.
void assign_fonts(const FontLibrary& fonts, const std::vector<FontId>& declared,
                  const std::vector<FontId>& installed, std::optional<FontId> cjk,
                  std::span<CodePoint> cps) {
  const FontCandidates candidates{fonts, declared, installed, cjk, cps};
  auto units = split_units(cps);
  for (auto& unit : units) {
    if (!unit.common) unit.font = candidates.first_covering(unit);
  }
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].common) units[i].font = candidates.for_neutral(units, i);
  }
  for (const auto& unit : units) {
    FontId font = unit.font.value_or(declared.front());
    for (std::size_t i = unit.begin; i < unit.end; ++i) {
      cps[i].font = font;
      cps[i].missing = !is_ignorable(cps[i].cp) && !fonts.covers(font, cps[i].cp);
    }
  }
}

std::string script_tag(UScriptCode s) {
  const char* name = uscript_getShortName(s);
  return name ? name : "Zyyy";
}

}  // namespace

std::string normalize_nfc(std::string_view utf8) {
  // ASCII is valid UTF-8 and already NFC: every number, and most Latin
  // names, skip the decoding and ICU.
  if (std::all_of(utf8.begin(), utf8.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(utf8);
  }
  decode(utf8);  // throws on invalid UTF-8 with the byte offset
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) throw EncodingError("ICU has no NFC data");
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink,
                     nullptr, err);
  if (U_FAILURE(err)) throw EncodingError("text is not valid UTF-8");
  return out;
}

std::string codepoint_label(char32_t cp) {
  return fmt::format("U+{:04X}", static_cast<std::uint32_t>(cp));
}

std::string describe_codepoint(char32_t cp) {
  char name[256] = {};
  UErrorCode err = U_ZERO_ERROR;
  // The extended name also names characters that have none of their own
  // ("<private use-E000>", "<unassigned-50000>").
  u_charName(static_cast<UChar32>(cp), U_EXTENDED_CHAR_NAME, name, sizeof name, &err);
  if (U_FAILURE(err) || name[0] == '\0') return codepoint_label(cp);
  return fmt::format("{} {}", codepoint_label(cp), name);
}

std::string script_code(char32_t cp) {
  UErrorCode err = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(static_cast<UChar32>(cp), &err);
  return U_FAILURE(err) ? "Zzzz" : script_tag(s);
}

double ShapedText::width(const FontLibrary& fonts, double size) const {
  double w = 0;
  for (const auto& r : runs) {
    w += static_cast<double>(r.width) * size / fonts.info(r.font).units_per_em;
  }
  return w;
}

ShapedText hang_trailing_spaces(const FontLibrary& fonts, ShapedText shaped) {
  std::size_t words = shaped.text.size();
  while (words > 0 && shaped.text[words - 1] == ' ') --words;
  for (auto& run : shaped.runs) {
    const auto carrier = fonts.face(run.font).carrier_glyph();
    for (auto& g : run.glyphs) {
      if (g.cluster < words || g.text != " ") continue;
      run.width -= g.x_advance;
      g.x_advance = 0;
      g.x_offset = 0;
      g.is_space = false;
      if (carrier) {
        g.id = *carrier;
        g.is_carrier = true;
      }
    }
    // A font with no zero-width glyph loses the space rather than let it
    // hang out.
    if (!carrier) {
      std::erase_if(run.glyphs, [&](const Glyph& g) {
        return g.cluster >= words && g.text == " " && g.x_advance == 0;
      });
    }
  }
  return shaped;
}

namespace {

struct BidiRun {
  std::size_t begin, end;  // code point indices
  bool rtl;
};

// A paragraph as itemisation leaves it: every code point with its script
// and font, and the bidi runs in visual order.
struct Paragraph {
  std::string text;  // NFC
  bool rtl = false;
  std::vector<CodePoint> cps;
  std::vector<BidiRun> bidi_runs;
  std::vector<MissingChar> missing;
};

Paragraph itemise_paragraph(const FontLibrary& fonts, std::string_view utf8, const Style& style) {
  Paragraph out;
  out.text = normalize_nfc(utf8);
  if (out.text.empty()) return out;
  const auto& declared = fonts.role(style.role);
  const auto& installed = fonts.installed(style.role);

  auto& cps = out.cps;
  cps = decode(out.text);
  std::optional<FontId> cjk;
  if (auto variant = cjk_variant(fonts, cps, style); !variant.empty()) {
    cjk = fonts.cjk_face(style.role, variant);
  }
  auto u16 = to_utf16(out.text);
  BidiHandle bidi(ubidi_open());
  UErrorCode err = U_ZERO_ERROR;
  // UBIDI_DEFAULT_LTR: base direction from the first strong character (P2, P3).
  ubidi_setPara(bidi.get(), reinterpret_cast<const UChar*>(u16.data()),
                static_cast<int32_t>(u16.size()), UBIDI_DEFAULT_LTR, nullptr, &err);
  if (U_FAILURE(err))
    throw EncodingError(fmt::format("bidi analysis failed: {}", u_errorName(err)));
  out.rtl = ubidi_getParaLevel(bidi.get()) & 1;
  int32_t run_count = ubidi_countRuns(bidi.get(), &err);
  if (U_FAILURE(err))
    throw EncodingError(fmt::format("bidi analysis failed: {}", u_errorName(err)));

  // UTF-16 offset -> code point index.
  auto cp_at = [&](int32_t u) {
    auto it = std::lower_bound(cps.begin(), cps.end(), u,
                               [](const CodePoint& c, int32_t v) { return c.utf16 < v; });
    return static_cast<std::size_t>(it - cps.begin());
  };
  for (int32_t r = 0; r < run_count; ++r) {
    int32_t start16 = 0, len16 = 0;
    bool rtl = ubidi_getVisualRun(bidi.get(), r, &start16, &len16) == UBIDI_RTL;
    out.bidi_runs.push_back({cp_at(start16), cp_at(start16 + len16), rtl});
    auto span = std::span(cps).subspan(out.bidi_runs.back().begin,
                                       out.bidi_runs.back().end - out.bidi_runs.back().begin);
    assign_scripts(span);
    assign_fonts(fonts, declared, installed, cjk, span);
  }
  for (const auto& c : cps) {
    if (c.missing) out.missing.push_back({c.cp, c.byte});
  }
  return out;
}

}  // namespace

Itemisation itemise(const FontLibrary& fonts, std::string_view utf8, const Style& style) {
  auto p = itemise_paragraph(fonts, utf8, style);
  Itemisation out;
  out.missing = std::move(p.missing);
  for (const auto& [a, b, rtl] : p.bidi_runs) {
    for (std::size_t s = a; s < b;) {
      std::size_t e = s + 1;
      while (e < b && p.cps[e].script == p.cps[s].script && p.cps[e].font == p.cps[s].font) ++e;
      out.runs.push_back({script_tag(p.cps[s].script), p.cps[s].font, e - s});
      s = e;
    }
  }
  return out;
}

namespace {

// Whether a character leaves a paragraph of left-to-right text at embedding
// level 0 (UAX #9): strong L, and the weak and neutral types that resolve
// to L when no R, AL or AN character and no explicit embedding, override or
// isolate is present (W7 turns EN into L after sos = L). Segment and
// paragraph separators and boundary neutrals are left to the general path.
bool stays_left_to_right(UChar32 c) {
  switch (u_charDirection(c)) {
    case U_LEFT_TO_RIGHT:
    case U_EUROPEAN_NUMBER:
    case U_EUROPEAN_NUMBER_SEPARATOR:
    case U_EUROPEAN_NUMBER_TERMINATOR:
    case U_COMMON_NUMBER_SEPARATOR:
    case U_WHITE_SPACE_NEUTRAL:
    case U_OTHER_NEUTRAL:
    case U_DIR_NON_SPACING_MARK:
      return true;
    default:
      return false;
  }
}

// Runs HarfBuzz on `text` on its own, left to right, in one face.
void shape_alone(hb_buffer_t* buf, const LoadedFace& face, hb_script_t script, const Style& style,
                 std::string_view text) {
  hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0,
                     static_cast<int>(text.size()));
  hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, script);
  if (!style.language.empty()) {
    hb_buffer_set_language(buf, hb_language_from_string(style.language.c_str(), -1));
  }
  hb_buffer_guess_segment_properties(buf);
  hb_buffer_set_flags(buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
  hb_shape(face.hb_font(), buf, nullptr, 0);
}

// The byte offset of each code point of `text`.
std::vector<std::uint32_t> code_point_starts(std::string_view text) {
  std::vector<std::uint32_t> starts;
  starts.reserve(text.size());
  for (int32_t i = 0, n = static_cast<int32_t>(text.size()); i < n;) {
    starts.push_back(static_cast<std::uint32_t>(i));
    U8_FWD_1(text.data(), i, n);
  }
  return starts;
}

// Gives each glyph of a run with one glyph per character, in order, the
// character it reads as. False when one of the characters is a mark or a
// format character: the run's text must then be dealt by assign_glyph_text.
bool read_one_to_one(std::string_view text, const std::vector<std::uint32_t>& starts,
                     GlyphRun& run) {
  const std::size_t count = run.glyphs.size();
  for (std::size_t g = 0; g < count; ++g) {
    std::size_t b = starts[g];
    std::size_t e = g + 1 < count ? starts[g + 1] : text.size();
    UChar32 c;
    U8_GET(reinterpret_cast<const uint8_t*>(text.data()), 0, static_cast<int32_t>(b),
           static_cast<int32_t>(text.size()), c);
    auto type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_FORMAT_CHAR) return false;
    auto& gl = run.glyphs[g];
    gl.text.assign(text.substr(b, e - b));
    gl.is_space = gl.text == " ";
    gl.cluster = static_cast<std::uint32_t>(b);
  }
  return true;
}

// HarfBuzz's glyphs for `text` shaped on its own, left to right in one
// font, each with the text it reads as; clusters count from its first byte.
ShapedPiece shape_piece(const FontLibrary& fonts, FontId font, hb_script_t script,
                        const Style& style, std::string_view text) {
  HbBuffer buf(hb_buffer_create());
  shape_alone(buf.get(), fonts.face(font), script, style, text);
  const auto starts = code_point_starts(text);
  unsigned count = 0;
  auto* infos = hb_buffer_get_glyph_infos(buf.get(), &count);
  auto* pos = hb_buffer_get_glyph_positions(buf.get(), &count);
  GlyphRun run;
  run.glyphs.reserve(count);
  // One glyph per character, in order, none of them a mark or format
  // character: each glyph reads as its own character, which is what
  // assign_glyph_text deals out for such clusters. Anything else (a
  // ligature, a decomposition, a mark) goes through it.
  bool one_to_one = count == starts.size();
  for (unsigned g = 0; g < count; ++g) {
    take_glyph(infos[g], pos[g], run);
    one_to_one = one_to_one && infos[g].cluster == starts[g];
  }
  if (one_to_one) one_to_one = read_one_to_one(text, starts, run);
  if (!one_to_one) {
    std::vector<std::uint32_t> clusters(count);
    for (unsigned g = 0; g < count; ++g) clusters[g] = infos[g].cluster;
    for (auto& gl : run.glyphs) {
      gl.text.clear();
      gl.is_space = false;
    }
    run.glyphs = assign_glyph_text(std::string(text), 0, text.size(), false, std::move(run.glyphs),
                                   clusters, fonts.face(font).carrier_glyph());
  }
  return {std::move(run.glyphs), run.width};
}

// What HarfBuzz gives for ASCII text that no lookup can touch (see
// untouched_ascii): each character's nominal glyph with its advance, its
// cluster counted from `first_cluster`, added to `glyphs`.
std::int64_t add_unshaped(const LoadedFace& face, std::string_view text,
                          std::uint32_t first_cluster, std::vector<Glyph>& glyphs) {
  std::int64_t width = 0;
  for (std::size_t b = 0; b < text.size(); ++b) {
    hb_codepoint_t id = 0;
    hb_font_get_nominal_glyph(face.hb_font(), static_cast<unsigned char>(text[b]), &id);
    auto& g = glyphs.emplace_back();
    g.id = id;
    g.x_advance = hb_font_get_glyph_h_advance(face.hb_font(), id);
    g.is_missing = id == 0;
    g.text.assign(1, text[b]);
    g.is_space = text[b] == ' ';
    g.cluster = first_cluster + static_cast<std::uint32_t>(b);
    width += g.x_advance;
  }
  return width;
}

bool is_mark(UChar32 c) {
  const auto type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK;
}

// What shape_simple learns of a text in one pass over it.
struct SimpleText {
  UScriptCode script = USCRIPT_COMMON;
  bool has_space = false;
  bool word_starts_with_mark = false;
};

// nullopt when the text is not one left-to-right run of one script that
// `font` covers (see shape_simple).
std::optional<SimpleText> scan_simple(const FontLibrary& fonts, FontId font,
                                      const std::string& nfc) {
  SimpleText out;
  bool after_space = false;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(nfc.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(nfc.data(), i, n, c);
    if (c < 0 || !stays_left_to_right(c) || is_ignorable(static_cast<char32_t>(c)) ||
        !fonts.covers(font, static_cast<char32_t>(c))) {
      return std::nullopt;
    }
    out.word_starts_with_mark = out.word_starts_with_mark || (after_space && is_mark(c));
    after_space = c == ' ';
    out.has_space = out.has_space || after_space;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(c, &err);
    if (U_FAILURE(err)) return std::nullopt;
    if (is_neutral_script(s)) continue;
    // Han, kana and Hangul pick a CJK face first: the general path decides.
    if (is_cjk_script(s) || (out.script != USCRIPT_COMMON && s != out.script)) {
      return std::nullopt;
    }
    out.script = s;
  }
  return out;
}

// How shape_simple shapes a text of one font and script.
struct SimpleShaping {
  const FontLibrary& fonts;
  FontId font;
  hb_script_t script;
  const Style& style;
  WordShapes* words;
  const ShapingShortcuts* shortcuts;  // null: every piece goes through HarfBuzz

  // Text no lookup can touch is its nominal glyphs: a whole number, or a
  // space or a number between the words of a name.
  bool untouched(std::string_view piece) const {
    return shortcuts && std::all_of(piece.begin(), piece.end(), [&](char c) {
             const auto byte = static_cast<unsigned char>(c);
             return byte < 0x80 && shortcuts->untouched.test(byte);
           });
  }

  // Shapes each word, and each space, on its own, a word seen before
  // from `words`.
  void word_by_word(std::string_view text, GlyphRun& run) const {
    run.glyphs.reserve(text.size());
    ShapedPiece spare;
    for (std::size_t b = 0; b < text.size();) {
      const std::size_t e = text[b] == ' ' ? b + 1 : std::min(text.find(' ', b), text.size());
      const auto word = text.substr(b, e - b);
      if (untouched(word)) {
        run.width +=
            add_unshaped(fonts.face(font), word, static_cast<std::uint32_t>(b), run.glyphs);
        b = e;
        continue;
      }
      const auto& piece = words->word(
          font, script, word, [&] { return shape_piece(fonts, font, script, style, word); }, spare);
      for (const auto& g : piece.glyphs) {
        run.glyphs.push_back(g);
        run.glyphs.back().cluster += static_cast<std::uint32_t>(b);
      }
      run.width += piece.width;
      b = e;
    }
  }
};

// The common case of a signature list, a name that is one left-to-right
// run of one script in the role's first font, shaped without bidi
// analysis, script runs or font fallback. It is taken only where the
// general path provably decides the same (one level-0 bidi run; one
// script, neutrals joining it; the first declared font covering every
// character, so every unit and every neutral gets that font), so it gives
// exactly the same glyphs and texts. nullopt: not such a text.
//
// With `words`, ASCII text that no lookup of its font can touch (a
// signature's number) takes its glyphs from the font's cmap, and a text
// whose spaces stand alone in its font (see spaces_stand_alone) is shaped
// word by word, each distinct word once; both give the same glyphs again.
std::optional<ShapedText> shape_simple(const FontLibrary& fonts, std::string& nfc,
                                       const Style& style, WordShapes* words) {
  const auto& declared = fonts.role(style.role);
  if (declared.empty() || nfc.empty()) return std::nullopt;
  const FontId font = declared.front();
  const auto scan = scan_simple(fonts, font, nfc);
  if (!scan) return std::nullopt;

  ShapedText out;
  out.text = std::move(nfc);
  GlyphRun run;
  run.font = font;
  run.script = script_tag(scan->script);
  run.text = out.text;
  const hb_script_t hb_script = hb_script_from_string(run.script.c_str(), -1);
  const std::string_view text = out.text;
  const SimpleShaping how{fonts,
                          font,
                          hb_script,
                          style,
                          words,
                          words && style.language.empty() && font <= 0xFFFF
                              ? &words->shortcuts(font, hb_script)
                              : nullptr};
  if (how.untouched(text)) {
    run.glyphs.reserve(text.size());
    run.width = add_unshaped(fonts.face(font), text, 0, run.glyphs);
  } else if (how.shortcuts && how.shortcuts->spaces_stand_alone && scan->has_space &&
             !scan->word_starts_with_mark && words->worth_splitting(text)) {
    how.word_by_word(text, run);
  } else {
    auto piece = shape_piece(fonts, font, hb_script, style, text);
    run.glyphs = std::move(piece.glyphs);
    run.width = piece.width;
  }
  out.runs.push_back(std::move(run));
  return out;
}

// What shape_itemised needs to shape the runs of a paragraph.
struct ItemShaping {
  const FontLibrary& fonts;
  hb_buffer_t* buf;         // reused from run to run
  hb_language_t lang;       // null: none given
  const std::string& text;  // the whole paragraph, NFC
};

// The run of code points from `first` to byte `byte_end`, of one font and
// script within a bidi run, shaped.
GlyphRun shape_item(const ItemShaping& para, const CodePoint& first, std::size_t byte_end,
                    bool rtl) {
  GlyphRun run;
  run.font = first.font;
  run.rtl = rtl;
  run.script = script_tag(first.script);
  const std::size_t byte_begin = first.byte;
  run.text = para.text.substr(byte_begin, byte_end - byte_begin);

  hb_buffer_t* buf = para.buf;
  hb_buffer_clear_contents(buf);
  // The whole paragraph is passed as context so that joining and
  // contextual forms see across font and script boundaries.
  hb_buffer_add_utf8(buf, para.text.data(), static_cast<int>(para.text.size()),
                     static_cast<unsigned>(byte_begin), static_cast<int>(byte_end - byte_begin));
  hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, hb_script_from_string(run.script.c_str(), -1));
  if (para.lang) hb_buffer_set_language(buf, para.lang);
  hb_buffer_guess_segment_properties(buf);
  // Joiners and variation selectors steer shaping but draw nothing;
  // their text stays with the cluster they belong to.
  hb_buffer_set_flags(buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
  hb_shape(para.fonts.face(run.font).hb_font(), buf, nullptr, 0);

  unsigned n = 0;
  auto* infos = hb_buffer_get_glyph_infos(buf, &n);
  auto* pos = hb_buffer_get_glyph_positions(buf, &n);
  std::vector<std::uint32_t> clusters(n);
  run.glyphs.reserve(n);
  for (unsigned g = 0; g < n; ++g) {
    take_glyph(infos[g], pos[g], run);
    clusters[g] = infos[g].cluster;
  }
  run.glyphs = assign_glyph_text(para.text, byte_begin, byte_end, rtl, std::move(run.glyphs),
                                 clusters, para.fonts.face(run.font).carrier_glyph());
  return run;
}

ShapedText shape_text(const FontLibrary& fonts, std::string_view utf8, const Style& style,
                      WordShapes* words) {
  auto nfc = normalize_nfc(utf8);
  if (auto simple = shape_simple(fonts, nfc, style, words)) return std::move(*simple);
  return shape_itemised(fonts, nfc, style);
}

}  // namespace

ShapedText shape(const FontLibrary& fonts, std::string_view utf8, const Style& style) {
  return shape_text(fonts, utf8, style, nullptr);
}

ShapedText shape(const FontLibrary& fonts, std::string_view utf8, const Style& style,
                 WordShapes& words) {
  return shape_text(fonts, utf8, style, &words);
}

ShapedText shape_itemised(const FontLibrary& fonts, std::string_view utf8, const Style& style) {
  auto para = itemise_paragraph(fonts, utf8, style);
  ShapedText out;
  out.text = std::move(para.text);
  out.rtl = para.rtl;
  out.missing = std::move(para.missing);
  if (out.text.empty()) return out;
  const auto& cps = para.cps;

  const char* lang = style.language.empty() ? nullptr : style.language.c_str();
  HbBuffer buf(hb_buffer_create());
  const ItemShaping how{fonts, buf.get(), lang ? hb_language_from_string(lang, -1) : nullptr,
                        out.text};
  for (const auto& [a, b, rtl] : para.bidi_runs) {
    std::vector<GlyphRun> pieces;
    for (std::size_t s = a; s < b;) {
      std::size_t e = s + 1;
      while (e < b && cps[e].script == cps[s].script && cps[e].font == cps[s].font) ++e;
      pieces.push_back(
          shape_item(how, cps[s], e < cps.size() ? cps[e].byte : out.text.size(), rtl));
      s = e;
    }
    if (rtl) std::reverse(pieces.begin(), pieces.end());
    for (auto& p : pieces) out.runs.push_back(std::move(p));
  }
  return out;
}

}  // namespace dossier::text
