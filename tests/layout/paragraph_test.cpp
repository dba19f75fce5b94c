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

}  // namespace
}  // namespace dossier::test
