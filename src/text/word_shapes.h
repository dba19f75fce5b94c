// Internal to the text stage: plain left-to-right text shaped word by word,
// each distinct word once. A petition's names are nearly all distinct, but
// their words are not (a hundred thousand names hold some fifteen thousand
// words), and HarfBuzz's work grows with every glyph it shapes.
#pragma once

#include <hb.h>

#include <array>
#include <atomic>
#include <bitset>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/text.h"

namespace dossier::text {

// Glyphs of a piece of text shaped on its own, clusters counted from the
// piece's first byte.
struct ShapedPiece {
  std::vector<Glyph> glyphs;
  std::int64_t width = 0;  // font units
};

// Whether shaping any text in this face, direction left to right, with
// this script and language gives exactly what shaping its words and its
// U+0020 spaces one by one and putting the results side by side gives.
// True only where no substitution or positioning HarfBuzz would apply can
// see a space or reach past one: the space glyph is in none of the shape
// plan's GSUB and GPOS lookups (as input, context or output), no lookup
// skips base glyphs (which would step over the space), the space is a
// base glyph or unclassified, and the face has no table that HarfBuzz
// applies outside GSUB and GPOS ('kern', 'morx', 'kerx', 'trak') and no
// variations. Marks at the start of a word are the caller's to refuse.
bool spaces_stand_alone(hb_face_t* face, hb_font_t* font, hb_script_t script,
                        hb_language_t language);

// The ASCII characters that no GSUB or GPOS lookup can touch in this face,
// direction left to right, with this script and language: their glyph is
// in the input of none of the lookups the shape plan applies to text
// without a fraction slash (HarfBuzz enables 'frac', 'numr' and 'dnom'
// only around U+2044), and the face has none of the tables that
// spaces_stand_alone() rules out. A text made only of such characters
// shapes, in HarfBuzz, to their nominal glyphs with their advances and no
// offsets: no lookup can start at any of its glyphs. Most signature
// numbers are such texts (in Noto Sans, those without a zero, which a
// 'ccmp' lookup takes in).
std::bitset<128> untouched_ascii(hb_face_t* face, hb_font_t* font, hb_script_t script,
                                 hb_language_t language);

// What shaping plain text in one face, left to right, in one script and
// the default language, can be spared. Decided once per face and script
// (LoadedFace::shortcuts): finding it walks every lookup of the face.
struct ShapingShortcuts {
  bool spaces_stand_alone = false;  // see spaces_stand_alone()
  std::bitset<128> untouched;       // see untouched_ascii()
};

// The scripts of HarfBuzz's default shaper that shortcuts are taken in.
inline constexpr std::array<hb_script_t, 4> kShortcutScripts = {
    HB_SCRIPT_COMMON, HB_SCRIPT_LATIN, HB_SCRIPT_CYRILLIC, HB_SCRIPT_GREEK};
// The script's index in kShortcutScripts, or -1.
int shortcut_script_index(hb_script_t script);

// ShapingShortcuts for a face and a script of kShortcutScripts.
ShapingShortcuts find_shortcuts(hb_face_t* face, hb_font_t* font, hb_script_t script);

// Shaped words by (font, script, word), shared by the threads of a run, for
// text in the default language (what a signer's name is set in). Bounded:
// past a fixed number of words, new ones are shaped each time and not kept,
// so hostile input cannot make it grow.
class WordShapes {
 public:
  explicit WordShapes(const FontLibrary& fonts);

  // The shortcuts for text of this font and script in the default
  // language (LoadedFace::shortcuts).
  const ShapingShortcuts& shortcuts(FontId font, hb_script_t script) const;

  // Whether to split this text into words. Every text while words come
  // from the store; once too few do (names of words that never recur, as
  // in hostile or random input, where shaping word by word costs more than
  // shaping each name whole), one text in kProbeEvery, picked by its hash,
  // whose look-ups tell when words recur again (a petition whose junk rows
  // come first). Either way gives the same glyphs.
  bool worth_splitting(std::string_view text) const {
    return splitting_all() || std::hash<std::string_view>{}(text) % kProbeEvery == 0;
  }
  // Whether every text is split at present.
  bool splitting_all() const { return !unrewarding_.load(std::memory_order_relaxed); }

  // The word's glyphs as `shape_alone` gives them, from the store or by
  // calling it. Only where shortcuts() says spaces stand alone. A kept word is
  // returned by reference, valid as long as the store; one that is not kept
  // (the store is full) in `spare`.
  const ShapedPiece& word(FontId font, hb_script_t script, std::string_view word,
                          const std::function<ShapedPiece()>& shape_alone, ShapedPiece& spare);

 private:
  // About 20 MB at most; a hundred thousand sample names hold 15,015
  // distinct words.
  static constexpr std::size_t kMaxWords = std::size_t{1} << 15;
  // A shard judges the store by its last this many look-ups while every
  // text is split, and by fewer while only probes are, so that a turn to
  // recurring words is seen within a few tens of thousands of names.
  static constexpr std::uint32_t kJudgeEvery = 2048;
  static constexpr std::uint32_t kJudgeProbesEvery = 128;
  static constexpr std::size_t kProbeEvery = 4;
  static constexpr std::size_t kSeenBits = std::size_t{1} << 16;
  struct Shard {
    std::mutex mutex;
    // Entries are never removed: references to them stay valid. No
    // shared_ptr: counting references to a common word ("Maria") from two
    // threads would pass its count between the cores for every name.
    std::unordered_map<std::string, ShapedPiece> words;
    std::uint32_t lookups = 0, hits = 0;  // since the shard last judged
    // Words seen once, by a few bits of their hash: a word is kept only
    // when seen again, so words that never recur (hostile rows) leave room
    // in the store for names whose words do. Cleared when an eighth full:
    // a word seen once is then mistaken for one seen twice at most one
    // time in eight, and the store fills with such words only slowly.
    std::bitset<kSeenBits> seen;
    std::size_t seen_count = 0;
  };
  const FontLibrary& fonts_;
  std::array<Shard, 16> shards_;
  // Set by a shard that found fewer than half its look-ups in the store,
  // cleared by one that found at least half; read for every name, written
  // only when it changes: no cache line passes between cores.
  std::atomic<bool> unrewarding_{false};
};

// shape(), with the words of plain left-to-right text taken from and kept
// in `words`: the same glyphs and texts.
ShapedText shape(const FontLibrary& fonts, std::string_view utf8, const Style& style,
                 WordShapes& words);

}  // namespace dossier::text
