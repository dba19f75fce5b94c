#include "text/glyph_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace dossier::text {
namespace {

// U+200B: what a glyph reads as when its cluster has no character left for
// it (a glyph decomposed beyond the text's canonical decomposition). Readers
// drop it; it keeps pdf.js from inventing a character from the CID.
constexpr const char* kNothing = "\u200B";

std::vector<std::string> split_chars(const std::string& s) {
  std::vector<std::string> chars;
  int32_t k = 0, n = static_cast<int32_t>(s.size());
  while (k < n) {
    int32_t b = k;
    UChar32 c;
    U8_NEXT(s.data(), k, n, c);
    (void)c;
    chars.push_back(s.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(k - b)));
  }
  return chars;
}

std::string reverse_code_points(const std::string& s) {
  auto chars = split_chars(s);
  std::string out;
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) out += *it;
  return out;
}

// What pdf.js will not read from a glyph that has an advance: a text with a
// nonspacing mark anywhere makes it a zero-width diacritic, one ending in a
// format character (ZWNJ, ZWJ) makes it an invisible glyph that it skips
// (getCharUnicodeCategory in pdf.js's fonts code).
bool needs_carrier(const std::string& ch) {
  int32_t k = 0;
  UChar32 c;
  U8_NEXT(ch.data(), k, static_cast<int32_t>(ch.size()), c);
  if (c < 0) return false;
  auto type = u_charType(c);
  return type == U_NON_SPACING_MARK || type == U_FORMAT_CHAR;
}

bool is_format_only(const std::string& text) {
  if (text.empty()) return false;
  int32_t k = 0, n = static_cast<int32_t>(text.size());
  while (k < n) {
    UChar32 c;
    U8_NEXT(text.data(), k, n, c);
    if (c < 0 || u_charType(c) != U_FORMAT_CHAR) return false;
  }
  return true;
}

// pdf.js skips a glyph whose text ends in a format character, so a joiner
// drawn as a glyph of its own (ZWNJ in Persian names, between two words of
// one name) would be lost to it. Its text moves to the start of the glyph
// drawn after it. In a left-to-right run that glyph comes next in reading
// order; in a right-to-left run it comes before, and as its text is stored
// backwards the joiner lands after it. Either way the run reads the same in
// drawn order. The joiner's own glyph, left with nothing to say, goes: it
// has no advance, and HarfBuzz draws default ignorables with an invisible
// glyph. Kept as U+200B it would stand in the /ActualText's way, which
// MuPDF 1.24 and later match against the glyphs' texts (it doubled the
// word before the joiner). A space keeps its own text.
void move_format_text_forward(std::vector<Glyph>& glyphs) {
  std::vector<bool> drop(glyphs.size(), false);
  for (std::size_t k = 0; k + 1 < glyphs.size(); ++k) {
    auto& g = glyphs[k];
    auto& next = glyphs[k + 1];
    if (g.text == kNothing || !is_format_only(g.text)) continue;
    // pdf.js tells a space by its text's first character.
    if (next.is_space || next.text == kNothing || next.text.front() == ' ') continue;
    next.text = g.text + next.text;
    g.text = kNothing;
    drop[k] = g.x_advance == 0;
  }
  std::size_t k = 0;
  std::erase_if(glyphs, [&](const Glyph&) { return drop[k++]; });
}

std::string nfd(const std::string& text) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(err);
  std::string out;
  if (U_FAILURE(err)) return text;
  icu::StringByteSink<std::string> sink(&out);
  n->normalizeUTF8(0, text, sink, nullptr, err);
  return U_SUCCESS(err) ? out : text;
}

// Deals one cluster's characters to its glyphs, given in reading order;
// returns the glyphs (carriers included) in reading order.
std::vector<Glyph> deal_cluster(const std::string& text, std::vector<Glyph> glyphs,
                                std::optional<std::uint32_t> carrier_glyph) {
  auto chars = split_chars(text);
  if (chars.size() < glyphs.size()) chars = split_chars(nfd(text));
  if (glyphs.size() == 1 && text == " ") {
    glyphs[0].text = text;
    glyphs[0].is_space = true;
    return glyphs;
  }

  std::vector<Glyph> out;
  std::size_t p = 0;
  auto carry = [&](std::size_t end) {
    if (p >= end) return;
    std::string t;
    for (; p < end; ++p) t += chars[p];
    if (!out.empty() && out.back().x_advance == 0 && !out.back().is_carrier) {
      out.back().text += t;  // a zero-width glyph can read as anything
      return;
    }
    Glyph c;
    c.id = *carrier_glyph;
    c.is_carrier = true;
    c.text = std::move(t);
    out.push_back(std::move(c));
  };
  auto mark_run_end = [&](std::size_t from) {
    while (from < chars.size() && needs_carrier(chars[from])) ++from;
    return from;
  };

  for (std::size_t k = 0; k < glyphs.size(); ++k) {
    Glyph g = std::move(glyphs[k]);
    bool last = k + 1 == glyphs.size();
    bool visible = g.x_advance != 0 && carrier_glyph;
    if (visible) carry(mark_run_end(p));
    if (p < chars.size()) {
      g.text = chars[p++];
      // The last glyph takes the rest, up to the first mark if it is
      // visible; a carrier after it takes the marks and what follows.
      if (last) {
        while (p < chars.size() && !(visible && needs_carrier(chars[p]))) g.text += chars[p++];
      }
    } else {
      g.text = kNothing;
    }
    out.push_back(std::move(g));
  }
  if (p < chars.size()) {
    if (carrier_glyph) {
      carry(chars.size());
    } else {
      for (; p < chars.size(); ++p) out.back().text += chars[p];
    }
  }
  return out;
}

}  // namespace

std::vector<Glyph> assign_glyph_text(const std::string& para, std::size_t run_begin,
                                     std::size_t run_end, bool rtl, std::vector<Glyph> glyphs,
                                     const std::vector<std::uint32_t>& clusters,
                                     std::optional<std::uint32_t> carrier_glyph) {
  std::vector<std::uint32_t> starts(clusters);
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());

  std::vector<Glyph> out;
  out.reserve(glyphs.size());
  std::size_t i = 0;
  while (i < glyphs.size()) {
    std::size_t j = i + 1;
    while (j < glyphs.size() && clusters[j] == clusters[i]) ++j;
    auto next = std::upper_bound(starts.begin(), starts.end(), clusters[i]);
    std::size_t begin = std::clamp<std::size_t>(clusters[i], run_begin, run_end);
    std::size_t end =
        std::clamp<std::size_t>(next == starts.end() ? run_end : *next, begin, run_end);

    std::vector<Glyph> cluster(std::make_move_iterator(glyphs.begin() + static_cast<long>(i)),
                               std::make_move_iterator(glyphs.begin() + static_cast<long>(j)));
    // Readers reverse right-to-left runs: reading order is drawn order
    // backwards there.
    if (rtl) std::reverse(cluster.begin(), cluster.end());
    auto dealt = deal_cluster(para.substr(begin, end - begin), std::move(cluster), carrier_glyph);
    if (rtl) {
      std::reverse(dealt.begin(), dealt.end());
      // Readers string right-to-left glyphs together in drawn order and
      // then reverse the characters (poppler and pdf.js alike), so a glyph
      // that stands for several characters (lam-alef, a letter with a
      // joiner) lists them backwards to come out forwards.
      for (auto& g : dealt) g.text = reverse_code_points(g.text);
    }
    for (auto& g : dealt) {
      g.cluster = static_cast<std::uint32_t>(begin);
      out.push_back(std::move(g));
    }
    i = j;
  }
  move_format_text_forward(out);
  return out;
}

}  // namespace dossier::text
