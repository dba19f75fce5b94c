// The text stage: turns a UTF-8 string into shaped glyph runs.
//
// UTF-8 -> NFC -> bidi runs (ICU ubidi) -> script runs -> font fallback by
// coverage -> HarfBuzz shaping -> GlyphRuns in visual order. This header is
// the stage's whole public surface.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "errors/error.h"

namespace dossier::text {

// A font file that cannot be found, read or parsed. The message names the
// file and says what to do.
using FontError = StageError<ErrorKind::bad_input, struct FontErrorTag>;

// Bytes that are not valid UTF-8.
using EncodingError = StageError<ErrorKind::bad_input, struct EncodingErrorTag>;

// Index of a face inside a FontLibrary; stable for the library's lifetime.
using FontId = std::uint32_t;

enum class Outlines { TrueType, Cff };

// What the PDF stage needs to know about a face to embed it.
struct FaceInfo {
  std::filesystem::path file;
  unsigned face_index = 0;
  std::string postscript_name;
  std::string family;
  Outlines outlines = Outlines::TrueType;
  unsigned units_per_em = 1000;
  unsigned glyph_count = 0;
  int ascender = 0;   // font units
  int descender = 0;  // font units, negative below the baseline
  int cap_height = 0;
  int bbox[4] = {0, 0, 0, 0};  // xmin ymin xmax ymax
  double italic_angle = 0;
  bool fixed_pitch = false;
  bool serif = false;
  bool symbolic = false;
};

// One entry of the font manifest: a file, a face in it, and a name to show
// (e.g. in the specimen's labels).
struct FontSpec {
  std::string file;  // relative to one of the search directories, or absolute
  unsigned face_index = 0;
};

// The fonts manifest: ordered fallback lists per role ("serif", "sans"),
// after which every other installed face is a candidate (see FontLibrary),
// and which face of the CJK collections each kind of CJK name gets.
struct FontManifest {
  std::vector<std::filesystem::path> search_dirs;
  std::map<std::string, std::vector<FontSpec>> roles;
  // Per role, the CJK face for each variant: "JP", "KR", "SC", "TC", "HK".
  std::map<std::string, std::map<std::string, FontSpec>> cjk_faces;
  // Signer's country (ISO 3166 alpha-2) -> variant, for names of Han alone.
  std::map<std::string, std::string> cjk_regions;
  std::string cjk_default = "SC";
  // False: only the declared lists are used (tests of the lists themselves).
  bool installed_fallback = true;

  // Reads fonts/fonts.toml. Throws FontError naming the file on any problem.
  static FontManifest load(const std::filesystem::path& toml_file);
};

class LoadedFace;  // RAII owner of the bytes, hb_face_t, hb_font_t, FT_Face
class WordShapes;  // the words of names, each shaped once

// All faces of a manifest, shared read-only by every document built in a
// run. The declared faces are loaded at once (so a missing or corrupt one
// is reported before any work); every other face installed in the search
// directories is a fallback candidate whose cmap is read only when a
// character needs it, and whose file is loaded only when it is used. Font
// ids are fixed when the library is made, so output bytes never depend on
// the order in which threads first touch a face. Safe to use from several
// threads.
class FontLibrary {
 public:
  // Loads every face named by the manifest and lists the installed ones.
  // Throws FontError for a missing, unreadable or corrupt declared file,
  // naming it.
  explicit FontLibrary(const FontManifest& manifest);
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  // The role's declared fallback list, in order.
  const std::vector<FontId>& role(const std::string& name) const;
  bool has_role(const std::string& name) const { return roles_.count(name) > 0; }
  // The installed faces tried after the declared list, in their fixed
  // order: same style as the role (Serif, Sans) first, then faces of
  // neither style, then the other; the role's weight, then Regular, then
  // any other; ordinary faces before UI, Display, Mono, Condensed, Looped,
  // Unjoined and Slanted ones; ties by file name and face index.
  const std::vector<FontId>& installed(const std::string& role) const;
  // The CJK face of the role for a variant ("JP", "KR", "SC", "TC", "HK"),
  // if the manifest names one.
  std::optional<FontId> cjk_face(const std::string& role, const std::string& variant) const;
  // The variant for a name of Han characters alone from this country (ISO
  // 3166 alpha-2; empty or unknown: the default).
  const std::string& cjk_variant_for_region(const std::string& region) const;
  std::size_t size() const { return slots_.size(); }
  const FaceInfo& info(FontId id) const;
  bool covers(FontId id, char32_t cp) const;
  // The raw font file bytes (for subsetting); a .ttc's whole collection.
  std::string_view file_bytes(FontId id) const;
  // Horizontal advance of a glyph in font units.
  int advance(FontId id, std::uint32_t glyph) const;

  const LoadedFace& face(FontId id) const;

 private:
  struct File;
  struct Slot;
  std::vector<std::unique_ptr<File>> files_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::map<std::string, std::vector<FontId>> roles_;
  std::map<std::string, std::vector<FontId>> installed_;
  std::map<std::string, std::map<std::string, FontId>> cjk_faces_;
  std::map<std::string, std::string> cjk_regions_;
  std::string cjk_default_;
};

// How a string is to be set.
struct Style {
  Style() = default;
  Style(std::string role_, std::string language_ = {}, std::string region_ = {})
      : role(std::move(role_)), language(std::move(language_)), region(std::move(region_)) {}

  std::string role = "serif";  // a role of the font manifest
  std::string language;        // BCP 47, e.g. "fa"; empty = none
  // The signer's country (ISO 3166 alpha-2), or empty: it picks the face of
  // a name written in Han characters alone (Chinese from TW in the
  // Traditional face, from CN in the Simplified one).
  std::string region;
};

// One glyph as HarfBuzz placed it, in font units.
struct Glyph {
  std::uint32_t id = 0;
  std::int32_t x_advance = 0;
  std::int32_t x_offset = 0;
  std::int32_t y_offset = 0;
  // The exact source text this glyph stands for when read back: the run's
  // glyph texts in drawn order give the run's text (left-to-right runs), or
  // its text with the characters reversed (right-to-left runs, which
  // readers reverse). Never empty.
  std::string text;
  // True for a glyph that is a word space: it is not drawn, only its advance
  // is kept, so readers see a gap (pdf.js reorders RTL words otherwise).
  bool is_space = false;
  // True for glyphs drawn for a character no font covers (.notdef).
  bool is_missing = false;
  // True for a zero-width glyph that draws nothing and only carries text
  // (see glyph_text.h); its PDF width must be zero whatever the font says.
  bool is_carrier = false;
  // Byte offset into ShapedText::text where this glyph's cluster begins:
  // lets the layout measure any piece of a shaped string without shaping
  // it again (cutting a long word by cluster).
  std::uint32_t cluster = 0;
};

// A maximal run of one font, script and direction, in visual order.
struct GlyphRun {
  FontId font = 0;
  bool rtl = false;
  std::string script;         // ISO 15924 code, e.g. "Arab"
  std::string text;           // the run's source text, logical order (NFC)
  std::vector<Glyph> glyphs;  // visual order, left to right
  std::int64_t width = 0;     // font units
};

// A character that no font of the role covers.
struct MissingChar {
  char32_t codepoint = 0;
  std::size_t offset = 0;  // byte offset into the NFC text
};

// One run as itemisation decides it, before shaping.
struct ItemRun {
  std::string script;  // ISO 15924 code
  FontId font = 0;
  std::size_t characters = 0;
};

// What shaping a paragraph would decide, without shaping it: its runs'
// scripts and fonts and the characters no font covers. shape() itemises
// with the same code, so a pre-flight check and a build agree.
struct Itemisation {
  std::vector<ItemRun> runs;  // logical order
  std::vector<MissingChar> missing;
};

struct ShapedText {
  std::string text;            // the NFC text that was shaped
  bool rtl = false;            // paragraph base direction
  std::vector<GlyphRun> runs;  // visual order, left to right
  std::vector<MissingChar> missing;

  // Width in points at the given size.
  double width(const FontLibrary& fonts, double size) const;
};

// The same text with its trailing spaces drawn as zero-width glyphs that
// still read as spaces (carriers, glyph_text.h): a line broken at a word
// space keeps its word break for whoever reads the text, and nothing of
// it hangs beyond the line's edge. A font without a zero-width glyph keeps
// its spaces as they are.
ShapedText hang_trailing_spaces(const FontLibrary& fonts, ShapedText shaped);

// Checks UTF-8 and returns the NFC form. Throws EncodingError.
std::string normalize_nfc(std::string_view utf8);

// Itemises one paragraph as shape() would (bidi, scripts, fonts). Throws
// EncodingError for invalid UTF-8.
Itemisation itemise(const FontLibrary& fonts, std::string_view utf8, const Style& style);

// Shapes one paragraph. The text is normalised to NFC first; the base
// direction comes from the first strong character; the whole string is an
// isolated bidi paragraph. Throws EncodingError for invalid UTF-8.
ShapedText shape(const FontLibrary& fonts, std::string_view utf8, const Style& style);

// Shapes each distinct (text, style) once and shares the result: the names
// of a dossier are shaped once for all its volumes. Safe to use from
// several threads.
class ShapeCache {
 public:
  explicit ShapeCache(const FontLibrary& fonts);
  ~ShapeCache();
  ShapeCache(const ShapeCache&) = delete;
  ShapeCache& operator=(const ShapeCache&) = delete;

  std::shared_ptr<const ShapedText> get(std::string_view utf8, const Style& style);
  // Shapes without keeping the result: for texts that never come again (a
  // signer's name, a signature's number), which would only fill the cache.
  // Their words do come again and are kept, each shaped once (see
  // word_shapes.h). Counts towards saw_missing() like get().
  std::shared_ptr<const ShapedText> shape_once(std::string_view utf8, const Style& style);
  const FontLibrary& fonts() const { return fonts_; }
  std::size_t size() const;
  // Whether any text shaped so far has a character no font covers: a
  // build looks for the texts concerned only when there are some.
  bool saw_missing() const { return saw_missing_.load(); }

 private:
  struct Shards;
  const FontLibrary& fonts_;
  std::unique_ptr<Shards> shards_;
  std::unique_ptr<WordShapes> words_;
  std::atomic<bool> saw_missing_{false};
};

// "U+0041" for diagnostics.
std::string codepoint_label(char32_t cp);
// "U+E000 <private use-E000>", "U+0041 LATIN CAPITAL LETTER A".
std::string describe_codepoint(char32_t cp);
// The ISO 15924 code of a character's script ("Latn", "Zzzz" unknown).
std::string script_code(char32_t cp);

}  // namespace dossier::text
