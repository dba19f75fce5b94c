// Golden line-breaking cases, one per line of paragraph.tests:
//   width;language;options;text => line [r=ratio b=badness] / line ...
// width in points; options (comma-separated, may be empty): `hyphenate`
// (libhyphen's en_US patterns), `ragged` (not justified). Each line of the
// result shows its text (a trailing "-" on a line broken inside a word),
// then how far its word spaces must stretch (r > 0) or shrink (r < 0) to
// fill the width, in units of their stretch (0.6 space) or shrink
// (0.3 space), and the Knuth-Plass badness 100 |r|^3. The last line has
// none: its glue stretches without limit. See support/golden_lines.h for
// DOSSIER_UPDATE_FIXTURES.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <sstream>

#include "layout/layout.h"
#include "support/golden_lines.h"
#include "support/raw_font.h"

namespace dossier::test {
namespace {

const std::string kFixtures = std::string(DOSSIER_SOURCE_DIR) + "/tests/layout/paragraph.tests";

std::vector<std::string> split(const std::string& s, char sep, std::size_t parts) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (out.size() + 1 < parts) {
    const auto at = s.find(sep, from);
    if (at == std::string::npos) break;
    out.push_back(s.substr(from, at - from));
    from = at + 1;
  }
  out.push_back(s.substr(from));
  return out;
}

class ParagraphCases {
 public:
  ParagraphCases() : fonts_(project_fonts()), cache_(fonts_) {}

  std::string run(const std::string& input) {
    const auto f = split(input, ';', 4);
    if (f.size() != 4) return "? width;language;options;text expected";
    const double width = std::stod(f[0]);
    const text::Style style{"serif", f[1]};
    layout::ParagraphStyle paragraph;
    paragraph.language = f[1];
    // A right-to-left language's paragraph is set right to left; its words
    // are described in reading order below.
    paragraph.rtl = f[1] == "ar" || f[1] == "he" || f[1] == "fa" || f[1] == "ur";
    bool hyphenate = false;
    std::istringstream options(f[2]);
    for (std::string o; std::getline(options, o, ',');) {
      if (o == "hyphenate") hyphenate = true;
      if (o == "ragged") paragraph.justify = false;
    }
    const auto lines = layout::break_paragraph(cache_, hyphenate ? &hyphenator(f[1]) : nullptr,
                                               {{unescape(f[3]), style}}, paragraph, width);
    const double space = cache_.get(" ", style)->width(fonts_, paragraph.size);
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) out += " / ";
      rtl_ = paragraph.rtl;
      out += describe(lines[i], style, space, paragraph.size, width, i + 1 == lines.size());
    }
    return out;
  }

 private:
  std::string describe(const layout::Line& line, const text::Style& style, double space,
                       double size, double width, bool last) {
    std::string words;
    double natural = 0;
    auto items = line.items;  // in visual order
    if (rtl_) std::reverse(items.begin(), items.end());
    // A word before a word space is drawn with its space glyph; the breaker
    // counts the space as glue, and so does this description. Items with no
    // space between them (a break after a hyphen, between ideographs) are
    // written together.
    double gaps = 0;
    bool space_before = false;
    for (const auto& item : items) {
      auto word = item.text->text;
      const bool space_after = !word.empty() && word.back() == ' ';
      if (space_after) word.pop_back();
      if (space_before) {
        words += ' ';
        ++gaps;
      }
      words += word;
      natural += cache_.get(word, style)->width(fonts_, size);
      space_before = space_after;
    }
    if (last) return words;
    const double slack = width - natural - gaps * space;
    const double give = slack >= 0 ? 0.6 * space * gaps : 0.3 * space * gaps;
    if (give <= 0) return fmt::format("{} [r=inf]", words);
    const double r = slack / give;
    const double badness = r < -1 ? 10000 : 100 * std::pow(std::abs(r), 3);
    return fmt::format("{} [r={:.2f} b={:.0f}]", words, r, badness);
  }

  // The language's own patterns (English without a language).
  const layout::Hyphenator& hyphenator(const std::string& language) {
    auto& h = hyphenators_[language];
    if (!h) {
      auto patterns = layout::hyphenation_patterns(language.empty() ? "en" : language);
      h = std::make_unique<layout::Hyphenator>(patterns ? *patterns : layout::kEnglishHyphenation);
    }
    return *h;
  }

  text::FontLibrary fonts_;
  text::ShapeCache cache_;
  std::map<std::string, std::unique_ptr<layout::Hyphenator>> hyphenators_;
  bool rtl_ = false;
};

TEST(ParagraphFixtures, EveryParagraphBreaksAsRecorded) {
  ParagraphCases cases;
  check_golden_lines(
      kFixtures, [&](const std::string& input) { return cases.run(input); }, 12);
}

// Whatever the script, the styles and the measure, every line fits its
// measure and the paragraph's text is all there, in order. Words are cut
// where they are wider than the line; a cut piece is drawn shaped on its
// own (an Arabic letter takes its final form, a conjunct falls apart), so
// the breaker must measure it as drawn and not as part of the whole word.
TEST(Paragraph, EveryLineFitsItsMeasureInEveryScript) {
  const auto fonts = project_fonts();
  text::ShapeCache cache(fonts);
  struct Case {
    std::string language;
    std::vector<std::string> pieces;  // one span each, in alternating styles
  };
  const std::vector<Case> cases = {
      // Two spans that join into one Persian word (the case found by the fuzzer).
      {"fa", {"مهدی‌زاده", "می‌خواهم"}},
      {"ar", {"الموقعينأدناهندعوإلىالإفراج", "عنجميعالسجناء"}},
      {"hi", {"अन्तर्राष्ट्रीयकरण", "स्वतन्त्रताक्षत्रिय"}},
      {"th", {"ประเทศไทยรวมเลือดเนื้อชาติเชื้อไทย"}},
      {"zh", {"我们签名者呼吁", "白俄罗斯当局释放所有政治犯。"}},
      {"en", {"https://example.org/campaign/", "open-letter/signatures?id=1234567890"}},
      {"de", {"Menschenrechtszentrum", "Friedensnobelpreisträger"}},
  };
  const char* const roles[] = {"serif", "sans", "serif-bold", "serif-italic"};
  for (const auto& c : cases) {
    std::vector<layout::Span> spans;
    std::string all;
    for (std::size_t i = 0; i < c.pieces.size(); ++i) {
      spans.push_back({c.pieces[i], {roles[i % std::size(roles)], c.language}});
      all += c.pieces[i];
    }
    layout::ParagraphStyle style;
    style.language = c.language;
    style.rtl = c.language == "ar" || c.language == "fa";
    for (double width = 40; width <= 200; width += 3) {
      SCOPED_TRACE(fmt::format("{} at {} pt", c.language, width));
      std::vector<layout::Line> lines;
      ASSERT_NO_THROW(lines = layout::break_paragraph(cache, nullptr, spans, style, width));
      ASSERT_FALSE(lines.empty());
      std::string text;
      for (const auto& line : lines) {
        EXPECT_GE(line.left, -0.01);
        EXPECT_LE(line.left + line.width, width + 0.01);
        // Items are in visual order: read back in logical order per line.
        auto items = line.items;
        if (style.rtl) std::reverse(items.begin(), items.end());
        for (const auto& item : items) text += item.text->text;
      }
      EXPECT_EQ(text, all);
    }
  }
}

}  // namespace
}  // namespace dossier::test
