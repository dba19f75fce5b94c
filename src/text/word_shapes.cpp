#include "text/word_shapes.h"

#include <hb-ot.h>

#include <optional>

#include "text/hb_handles.h"
#include "text/loaded_face.h"

namespace dossier::text {
namespace {

// The LookupFlag of every lookup of a GSUB or GPOS table (OpenType, "Lookup
// table"), by lookup index; empty when the face has no such table, nullopt
// when the table is not what it should be. HarfBuzz has no call for them.
std::optional<std::vector<std::uint16_t>> lookup_flags(hb_face_t* face, hb_tag_t table) {
  HbBlob blob(hb_face_reference_table(face, table));
  unsigned size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob.get(), &size));
  std::vector<std::uint16_t> flags;
  if (size == 0) return flags;
  auto u16 = [&](std::size_t at) -> std::optional<std::uint16_t> {
    if (at + 2 > size) return std::nullopt;
    return static_cast<std::uint16_t>(data[at] << 8 | data[at + 1]);
  };
  const auto list = u16(8);  // after version (4 bytes), ScriptList, FeatureList
  if (!list || *list == 0) return list ? std::optional(flags) : std::nullopt;
  const auto count = u16(*list);
  if (!count) return std::nullopt;
  for (std::size_t i = 0; i < *count; ++i) {
    const auto offset = u16(*list + 2 + 2 * i);
    if (!offset) return std::nullopt;
    const auto flag = u16(std::size_t{*list} + *offset + 2);  // after LookupType
    if (!flag) return std::nullopt;
    flags.push_back(*flag);
  }
  return flags;
}

constexpr std::uint16_t kIgnoreBaseGlyphs = 0x0002;

bool has_table(hb_face_t* face, hb_tag_t tag) {
  HbBlob blob(hb_face_reference_table(face, tag));
  return hb_blob_get_length(blob.get()) > 0;
}

// No tables that HarfBuzz applies besides GSUB and GPOS ('kern' when GPOS
// has no kerning, AAT's 'morx', 'kerx' and 'trak') and no variations.
bool only_gsub_and_gpos(hb_face_t* face) {
  for (hb_tag_t tag : {HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'),
                       HB_TAG('k', 'e', 'r', 'x'), HB_TAG('t', 'r', 'a', 'k')}) {
    if (has_table(face, tag)) return false;
  }
  return !hb_ot_var_has_data(face);
}

HbShapePlan plan_for(hb_face_t* face, hb_script_t script, hb_language_t language) {
  // The plan hb_shape() makes for a buffer with these properties.
  hb_segment_properties_t props = HB_SEGMENT_PROPERTIES_DEFAULT;
  props.direction = HB_DIRECTION_LTR;
  props.script = script;
  props.language = language;
  return HbShapePlan(hb_shape_plan_create_cached(face, &props, nullptr, 0, nullptr));
}

}  // namespace

std::bitset<128> untouched_ascii(hb_face_t* face, hb_font_t* font, hb_script_t script,
                                 hb_language_t language) {
  std::bitset<128> untouched;
  if (!only_gsub_and_gpos(face)) return untouched;
  HbShapePlan plan = plan_for(face, script, language);
  if (!plan) return untouched;
  HbSet inputs(hb_set_create());
  for (hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
    // The lookups of every feature but the fraction ones, in any script and
    // language: a lookup shared with another feature counts.
    unsigned count = hb_ot_layout_table_get_feature_tags(face, table, 0, nullptr, nullptr);
    std::vector<hb_tag_t> tags(count);
    hb_ot_layout_table_get_feature_tags(face, table, 0, &count, tags.data());
    std::vector<hb_tag_t> features;
    for (hb_tag_t tag : tags) {
      if (tag != HB_TAG('f', 'r', 'a', 'c') && tag != HB_TAG('n', 'u', 'm', 'r') &&
          tag != HB_TAG('d', 'n', 'o', 'm')) {
        features.push_back(tag);
      }
    }
    features.push_back(HB_TAG_NONE);
    HbSet unfractional(hb_set_create()), applied(hb_set_create());
    hb_ot_layout_collect_lookups(face, table, nullptr, nullptr, features.data(),
                                 unfractional.get());
    hb_ot_shape_plan_collect_lookups(plan.get(), table, applied.get());
    for (hb_codepoint_t l = HB_SET_VALUE_INVALID; hb_set_next(applied.get(), &l);) {
      if (!hb_set_has(unfractional.get(), l)) continue;
      hb_ot_layout_lookup_collect_glyphs(face, table, l, nullptr, inputs.get(), nullptr, nullptr);
    }
  }
  for (char32_t c = 0x20; c < 0x7F; ++c) {
    hb_codepoint_t glyph = 0;
    if (hb_font_get_nominal_glyph(font, c, &glyph) && !hb_set_has(inputs.get(), glyph)) {
      untouched.set(c);
    }
  }
  return untouched;
}

bool spaces_stand_alone(hb_face_t* face, hb_font_t* font, hb_script_t script,
                        hb_language_t language) {
  if (!only_gsub_and_gpos(face)) return false;
  hb_codepoint_t space = 0;
  if (!hb_font_get_nominal_glyph(font, 0x20, &space)) return false;
  const auto space_class = hb_ot_layout_get_glyph_class(face, space);
  if (space_class != HB_OT_LAYOUT_GLYPH_CLASS_UNCLASSIFIED &&
      space_class != HB_OT_LAYOUT_GLYPH_CLASS_BASE_GLYPH) {
    return false;
  }
  HbShapePlan plan = plan_for(face, script, language);
  if (!plan) return false;
  for (hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
    const auto flags = lookup_flags(face, table);
    if (!flags) return false;
    HbSet lookups(hb_set_create());
    hb_ot_shape_plan_collect_lookups(plan.get(), table, lookups.get());
    HbSet before(hb_set_create()), input(hb_set_create()), after(hb_set_create()),
        output(hb_set_create());
    for (hb_codepoint_t l = HB_SET_VALUE_INVALID; hb_set_next(lookups.get(), &l);) {
      if (l >= flags->size() || ((*flags)[l] & kIgnoreBaseGlyphs) != 0) return false;
      hb_ot_layout_lookup_collect_glyphs(face, table, l, before.get(), input.get(), after.get(),
                                         output.get());
    }
    for (const auto& set : {&before, &input, &after, &output}) {
      if (hb_set_has(set->get(), space)) return false;
    }
  }
  return true;
}

int shortcut_script_index(hb_script_t script) {
  for (std::size_t i = 0; i < kShortcutScripts.size(); ++i) {
    if (kShortcutScripts[i] == script) return static_cast<int>(i);
  }
  return -1;
}

ShapingShortcuts find_shortcuts(hb_face_t* face, hb_font_t* font, hb_script_t script) {
  const hb_language_t language = hb_language_get_default();
  return {spaces_stand_alone(face, font, script, language),
          untouched_ascii(face, font, script, language)};
}

const ShapingShortcuts& LoadedFace::shortcuts(hb_script_t script) const {
  static constexpr ShapingShortcuts kNone{};
  const int s = shortcut_script_index(script);
  if (s < 0) return kNone;
  auto& slot = shortcuts_[static_cast<std::size_t>(s)];
  if (const auto* known = slot.load(std::memory_order_acquire)) return *known;
  std::lock_guard lock(shortcuts_mutex_);
  if (const auto* known = slot.load(std::memory_order_relaxed)) return *known;
  auto& decided = decided_[static_cast<std::size_t>(s)];
  decided = std::make_unique<const ShapingShortcuts>(find_shortcuts(hb_face(), hb_font(), script));
  slot.store(decided.get(), std::memory_order_release);
  return *decided;
}

WordShapes::WordShapes(const FontLibrary& fonts) : fonts_(fonts) {}

const ShapingShortcuts& WordShapes::shortcuts(FontId font, hb_script_t script) const {
  return fonts_.face(font).shortcuts(script);
}

const ShapedPiece& WordShapes::word(FontId font, hb_script_t script, std::string_view word,
                                    const std::function<ShapedPiece()>& shape_alone,
                                    ShapedPiece& spare) {
  // Three bytes before the word: most keys stay short enough for a
  // std::string to hold without allocating.
  std::string key;
  key.reserve(word.size() + 3);
  key += static_cast<char>(font & 0xFF);
  key += static_cast<char>((font >> 8) & 0xFF);
  key += static_cast<char>(shortcut_script_index(script));
  key.append(word);
  const std::size_t hash = std::hash<std::string>{}(key);
  auto& shard = shards_[hash % shards_.size()];
  {
    std::lock_guard lock(shard.mutex);
    auto it = shard.words.find(key);
    const bool hit = it != shard.words.end();
    shard.hits += hit ? 1 : 0;
    const bool probing = unrewarding_.load(std::memory_order_relaxed);
    if (++shard.lookups >= (probing ? kJudgeProbesEvery : kJudgeEvery)) {
      const bool unrewarding = shard.hits < shard.lookups / 2;
      if (unrewarding != probing) unrewarding_.store(unrewarding, std::memory_order_relaxed);
      shard.lookups = shard.hits = 0;
    }
    if (hit) return it->second;
  }
  // Shaped outside the lock; if two threads race, both results are equal.
  spare = shape_alone();
  std::lock_guard lock(shard.mutex);
  if (shard.words.size() >= kMaxWords / shards_.size()) return spare;
  const std::size_t seen_bit = hash / shards_.size() % kSeenBits;
  if (!shard.seen.test(seen_bit)) {
    shard.seen.set(seen_bit);
    if (++shard.seen_count > kSeenBits / 8) {
      shard.seen.reset();
      shard.seen_count = 0;
    }
    return spare;
  }
  return shard.words.emplace(std::move(key), spare).first->second;
}

}  // namespace dossier::text
