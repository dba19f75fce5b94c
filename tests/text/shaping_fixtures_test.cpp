// Golden shaping cases, one per line of shaping.tests, in the spirit of
// HarfBuzz's own .tests files:
//   role;language;text => runs
// where each run is "DIR Script PostScriptName [glyph:text+advance@dx,dy|...]"
// (visual order; `*` marks a zero-width carrier of mark text, `_` a word
// space drawn as a gap) and runs are separated by " || ". Text may use
// \uXXXX escapes. A bug found later becomes one more line. To add a case,
// write its input with "=> ?" and run the test with
// DOSSIER_UPDATE_FIXTURES=1, then read what it wrote before committing.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <fstream>

#include "support/golden_lines.h"
#include "support/raw_font.h"

namespace dossier::test {
namespace {

const std::string kFixtures = std::string(DOSSIER_SOURCE_DIR) + "/tests/text/shaping.tests";

std::string dump(const text::FontLibrary& fonts, const text::ShapedText& shaped) {
  std::string out;
  for (const auto& run : shaped.runs) {
    RawFont raw(fonts, run.font);
    if (!out.empty()) out += " || ";
    out += fmt::format("{} {} {} [", run.rtl ? "R" : "L", run.script,
                       fonts.info(run.font).postscript_name);
    bool first = true;
    for (const auto& g : run.glyphs) {
      if (!first) out += '|';
      first = false;
      std::string marker = g.is_carrier ? "*" : g.is_space ? "_" : "";
      out += fmt::format("{}{}:{}+{}", marker, raw.glyph_name(g.id), g.text, g.x_advance);
      if (g.x_offset || g.y_offset) out += fmt::format("@{},{}", g.x_offset, g.y_offset);
    }
    out += "]";
  }
  for (const auto& m : shaped.missing) out += " !missing " + text::codepoint_label(m.codepoint);
  return out;
}

TEST(ShapingFixtures, EveryCaseShapesAsRecorded) {
  auto fonts = project_fonts();
  check_golden_lines(
      kFixtures,
      [&](const std::string& input) -> std::string {
        auto s1 = input.find(';'), s2 = input.find(';', s1 + 1);
        if (s2 == std::string::npos) return "? role;language;text expected";
        text::Style style{input.substr(0, s1), input.substr(s1 + 1, s2 - s1 - 1)};
        return dump(fonts, text::shape(fonts, unescape(input.substr(s2 + 1)), style));
      },
      20);
}

}  // namespace
}  // namespace dossier::test
