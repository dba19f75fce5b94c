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

#include "support/process.h"
#include "support/raw_font.h"

namespace dossier::test {
namespace {

const std::string kFixtures = std::string(DOSSIER_SOURCE_DIR) + "/tests/text/shaping.tests";

// \uXXXX and \UXXXXXXXX escapes, so invisible characters stay visible here.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::size_t digits = s.compare(i, 2, "\\u") == 0 ? 4 : s.compare(i, 2, "\\U") == 0 ? 8 : 0;
    if (digits == 0 || i + 2 + digits > s.size()) {
      out += s[i];
      continue;
    }
    auto cp = static_cast<UChar32>(std::stoul(s.substr(i + 2, digits), nullptr, 16));
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, cp);
    out.append(buf, static_cast<std::size_t>(len));
    i += 1 + digits;
  }
  return out;
}

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
  std::ifstream in(kFixtures);
  ASSERT_TRUE(in) << kFixtures;
  const bool update = std::getenv("DOSSIER_UPDATE_FIXTURES") != nullptr;
  std::string rewritten, line;
  int number = 0, cases = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') {
      rewritten += line + "\n";
      continue;
    }
    auto arrow = line.find(" => ");
    ASSERT_NE(arrow, std::string::npos) << "line " << number << " has no ' => '";
    auto input = line.substr(0, arrow);
    auto expected = line.substr(arrow + 4);
    auto s1 = input.find(';'), s2 = input.find(';', s1 + 1);
    ASSERT_NE(s2, std::string::npos) << "line " << number << ": role;language;text expected";
    text::Style style{input.substr(0, s1), input.substr(s1 + 1, s2 - s1 - 1)};
    auto got = dump(fonts, text::shape(fonts, unescape(input.substr(s2 + 1)), style));
    ++cases;
    if (update) {
      rewritten += input + " => " + got + "\n";
    } else {
      EXPECT_EQ(got, expected) << "shaping.tests:" << number << ": " << input;
    }
  }
  EXPECT_GE(cases, 20);
  if (update) write_file(kFixtures, rewritten);
}

}  // namespace
}  // namespace dossier::test
