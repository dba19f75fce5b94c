// Builds the type specimen with the real binary and reads it back with the
// tools readers use: pdffonts, pdftotext (poppler), pdf.js (Firefox) and
// mutool trace (the glyph ids actually drawn).
#include <gtest/gtest.h>
#include <hb.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>

#include "support/pdf_readback.h"
#include "support/process.h"
#include "support/raw_font.h"
#include "support/unicode_text.h"
#include "text/text.h"

namespace dossier::test {
namespace {

struct Line {
  std::string label, language, text;  // text in NFC
};

std::vector<Line> specimen_lines() {
  std::ifstream in(std::string(DOSSIER_SOURCE_DIR) + "/templates/specimen.tsv");
  std::vector<Line> lines;
  std::string l;
  while (std::getline(in, l)) {
    if (l.empty() || l[0] == '#') continue;
    auto a = l.find('\t'), b = l.find('\t', a + 1);
    lines.push_back(
        {l.substr(0, a), l.substr(a + 1, b - a - 1), text::normalize_nfc(l.substr(b + 1))});
  }
  return lines;
}

std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

// The characters of a text as a sorted multiset, without white space and
// the bidi marks readers insert around right-to-left text; `drop_format`
// also drops the other format characters (ZWNJ), which pdf.js never
// extracts from any PDF.
std::vector<char32_t> char_multiset(const std::string& s, bool drop_format = false) {
  std::vector<char32_t> out;
  for (auto c : code_points(s)) {
    if (u_isUWhiteSpace(static_cast<UChar32>(c))) continue;
    if (is_bidi_control(c)) continue;
    if (drop_format && u_charType(static_cast<UChar32>(c)) == U_FORMAT_CHAR) continue;
    out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The extracted lines that follow a line's label, up to the next label or
// page title. With `label_tail`, what pdf.js appended to the label line
// after the font names: a zero-width mark drawn first in a right-to-left
// line (Thaana fili on the last letter) is joined to the text item before
// it. That is a reader-order defect tracked with the reader matrix; it is
// asserted here as exactly that, so any other loss still fails.
std::string text_after_label(const std::vector<std::string>& extracted, const Line& line,
                             const std::vector<Line>& all, std::string* label_tail = nullptr) {
  auto is_label = [&](const std::string& l) {
    return l.rfind("dossier · type specimen", 0) == 0 ||
           std::any_of(all.begin(), all.end(),
                       [&](const Line& x) { return l.rfind(x.label + " · ", 0) == 0; });
  };
  std::string out;
  bool inside = false;
  for (const auto& l : extracted) {
    if (l.rfind(line.label + " · ", 0) == 0) {
      inside = true;
      if (label_tail) {
        // The label ends with the last font's family name (ASCII).
        auto end = l.size();
        while (end > 0 && (static_cast<unsigned char>(l[end - 1]) & 0x80)) --end;
        *label_tail = l.substr(end);
      }
      continue;
    }
    if (inside && is_label(l)) break;
    if (inside && !l.empty()) out += (out.empty() ? "" : "\n") + l;
  }
  return out;
}

class SpecimenReadback : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    pdf_ = dir_->path() / "specimen.pdf";
    auto r = run({DOSSIER_BINARY, "specimen", "--out", pdf_.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    lines_ = specimen_lines();
    ASSERT_GE(lines_.size(), 19u);
    // Each page starts with its title (11 pt), then label and line for
    // each entry; labels are 7.5 pt, lines 15 pt, so consecutive spans of
    // one size are one item. Titles are left out.
    int titled_page = 0;
    for (const auto& s : drawn_spans(pdf_)) {
      if (s.page != titled_page) {
        titled_page = s.page;
        ASSERT_EQ(s.size, 11) << "page " << s.page << " starts with its title";
        items_.emplace_back();  // the title's spans, then the next item
        continue;
      }
      if (items_.back().empty() && s.size == 11) continue;  // rest of the title
      if (items_.back().empty() || items_.back().back().size != s.size) {
        if (!items_.back().empty()) items_.emplace_back();
      }
      items_.back().push_back(s);
    }
    ASSERT_EQ(items_.size(), 2 * lines_.size());
  }
  // The spans mutool saw for specimen line i.
  static const std::vector<DrawnSpan>& line_spans(std::size_t i) { return items_[1 + 2 * i]; }
  static void TearDownTestSuite() { dir_.reset(); }

  static std::unique_ptr<TempDir> dir_;
  static std::filesystem::path pdf_;
  static std::vector<Line> lines_;
  static std::vector<std::vector<DrawnSpan>> items_;
};
std::vector<std::vector<DrawnSpan>> SpecimenReadback::items_;
std::unique_ptr<TempDir> SpecimenReadback::dir_;
std::filesystem::path SpecimenReadback::pdf_;
std::vector<Line> SpecimenReadback::lines_;

TEST_F(SpecimenReadback, EveryFontIsAnEmbeddedSubsetWithToUnicode) {
  auto fonts = pdffonts(pdf_);
  ASSERT_GE(fonts.size(), 10u) << "one font per script family expected";
  for (const auto& f : fonts) {
    EXPECT_NE(f.type, "Type 3") << f.name;
    // Noto CJK is CFF-flavoured (embedded as FontFile3), every other font TrueType.
    const bool cff = f.name.find("CJK") != std::string::npos;
    EXPECT_EQ(f.type, cff ? "CID Type 0C" : "CID TrueType") << f.name;
    // TrueType fonts are written in short codes through an embedded CMap,
    // which pdffonts reports as Custom; CFF fonts keep Identity-H.
    EXPECT_EQ(f.encoding, cff ? "Identity-H" : "Custom") << f.name;
    EXPECT_TRUE(f.embedded) << f.name;
    EXPECT_TRUE(f.subset) << f.name;
    EXPECT_TRUE(f.to_unicode) << f.name;
    EXPECT_EQ(f.name.find('+'), 6u) << f.name << " lacks a subset tag";
  }
  EXPECT_TRUE(std::any_of(fonts.begin(), fonts.end(), [](const FontRow& f) {
    return f.type == "CID Type 0C";
  })) << "Noto CJK (CFF outlines) should be embedded as CIDFontType0C";
}

// Each line is cut out of the page by its position (poppler orders
// right-aligned right-to-left lines among the labels otherwise).
TEST_F(SpecimenReadback, PdftotextReadsEveryLine) {
  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const auto& line = lines_[i];
    const auto& first = line_spans(i).front();
    double baseline = first.glyphs.front().y;
    for (const auto& span : line_spans(i))
      for (const auto& g : span.glyphs) baseline = std::min(baseline, g.y);
    auto got = text::normalize_nfc(
        pdftotext_band(pdf_, first.page, first.page_height, baseline + 12, baseline - 6));
    while (!got.empty() && (got.back() == '\n' || got.back() == '\f')) got.pop_back();
    if (has_rtl(line.text)) {
      EXPECT_EQ(char_multiset(got), char_multiset(line.text))
          << line.label << ": got \"" << got << "\"";
    } else {
      EXPECT_EQ(got, line.text) << line.label;
    }
  }
}

TEST_F(SpecimenReadback, PdfjsReadsEveryLine) {
  auto extracted = split_lines(text::normalize_nfc(pdfjs_text(pdf_)));
  for (const auto& line : lines_) {
    std::string tail;
    auto got = text_after_label(extracted, line, lines_, &tail);
    if (has_rtl(line.text)) {
      for (auto c : code_points(tail)) {
        EXPECT_EQ(u_charType(static_cast<UChar32>(c)), U_NON_SPACING_MARK)
            << line.label << ": only a leading mark may stray onto the label";
      }
      EXPECT_EQ(char_multiset(tail + got, true), char_multiset(line.text, true))
          << line.label << ": got \"" << got << "\"";
    } else {
      EXPECT_EQ(got, line.text) << line.label;
    }
  }
}

// The glyphs drawn for each line, read back by mutool, are exactly the
// glyphs HarfBuzz gives for the same text with the same font: shaping is
// redone here straight through HarfBuzz, run by run.
TEST_F(SpecimenReadback, DrawnGlyphsAreHarfBuzzGlyphs) {
  auto fonts = project_fonts();
  // The fonts the specimen can draw with: those the lines are shaped in
  // (the library also lists every installed face, most never used).
  std::map<std::string, text::FontId> by_name;
  for (const auto& line : lines_) {
    for (const auto& run : text::shape(fonts, line.text, {"serif", line.language, ""}).runs) {
      by_name[fonts.info(run.font).postscript_name] = run.font;
    }
  }

  for (std::size_t i = 0; i < lines_.size(); ++i) {
    const auto& line = lines_[i];
    auto shaped = text::shape(fonts, line.text, text::Style{"serif", line.language, ""});
    std::vector<std::pair<std::string, unsigned>> expected, drawn;
    for (const auto& run : shaped.runs) {
      const auto& info = fonts.info(run.font);
      RawFont raw(fonts, run.font);
      auto offset = line.text.find(run.text);
      ASSERT_NE(offset, std::string::npos);
      hb_buffer_t* buf = hb_buffer_create();
      hb_buffer_add_utf8(buf, line.text.data(), static_cast<int>(line.text.size()),
                         static_cast<unsigned>(offset), static_cast<int>(run.text.size()));
      hb_buffer_set_direction(buf, run.rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
      hb_buffer_set_script(buf, hb_script_from_string(run.script.c_str(), -1));
      if (!line.language.empty())
        hb_buffer_set_language(buf, hb_language_from_string(line.language.c_str(), -1));
      hb_buffer_set_flags(buf, HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES);
      hb_shape(raw.font, buf, nullptr, 0);
      unsigned n = 0;
      auto* glyphs = hb_buffer_get_glyph_infos(buf, &n);
      // Word spaces are drawn as the font's space glyph too (Tagged PDF
      // word breaks are space characters, ISO 32000-1 14.8.2.5).
      for (unsigned g = 0; g < n; ++g) {
        expected.emplace_back(info.postscript_name, glyphs[g].codepoint);
      }
      hb_buffer_destroy(buf);
    }
    for (const auto& span : line_spans(i)) {
      // mutool cuts font names at 31 bytes.
      auto name = span.font.substr(span.font.find('+') + 1);
      auto it = std::find_if(by_name.begin(), by_name.end(),
                             [&](const auto& entry) { return entry.first.rfind(name, 0) == 0; });
      ASSERT_NE(it, by_name.end()) << "unknown font " << span.font;
      name = it->first;
      RawFont raw(fonts, it->second);
      for (const auto& g : span.glyphs) {
        // Zero-width carriers of mark text (invisible glyphs).
        if (!raw.invisible.count(g.glyph)) drawn.emplace_back(name, g.glyph);
      }
    }
    EXPECT_EQ(drawn, expected) << line.label;
  }
}

TEST_F(SpecimenReadback, SubsettingKeepsTheSpecimenSmall) {
  auto size = std::filesystem::file_size(pdf_);
  // One line per script in every face they need, over three pages.
  EXPECT_LT(size, 400u * 1024u);
  EXPECT_LE(page_count(pdf_), 3);
}

}  // namespace
}  // namespace dossier::test
