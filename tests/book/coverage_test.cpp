// Every installed script on the page: builds a committed export with two
// names in each script people write names in, then reads the volumes back
// (mutool trace for the glyphs drawn, pdftotext and pdf.js for the text,
// the font names for the CJK faces). Then a name with a character no font
// has: reported in coverage.csv, the manifest and on stderr (even with
// --quiet), and --strict fails only after everything is written.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "support/pdf_readback.h"
#include "support/process.h"
#include "support/unicode_text.h"
#include "text/text.h"

namespace dossier::test {
namespace {

const std::string kScripts = std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/scripts.csv";

struct Row {
  std::uint64_t number;
  std::string name, city, country;
};

// The fixture has no quoting: name,city,country per line.
std::vector<Row> fixture_rows() {
  std::ifstream in(kScripts);
  std::string line;
  std::getline(in, line);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    auto a = line.find(','), b = line.find(',', a + 1);
    rows.push_back(
        {rows.size() + 1, line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1)});
  }
  return rows;
}

class ScriptCoverage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    // --strict: a single uncovered character would fail the build.
    auto r = run({DOSSIER_BINARY, "build", "--signatures", kScripts, "--out", dir_->path().string(),
                  "--strict", "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    rows_ = fixture_rows();
    ASSERT_GE(rows_.size(), 46u);
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::filesystem::path volume() { return dir_->path() / "01-alexander-lukashenko.pdf"; }
  static std::unique_ptr<TempDir> dir_;
  static std::vector<Row> rows_;
};
std::unique_ptr<TempDir> ScriptCoverage::dir_;
std::vector<Row> ScriptCoverage::rows_;

TEST_F(ScriptCoverage, NoPageDrawsTheMissingGlyphAndTheReportIsEmpty) {
  std::size_t glyphs = 0;
  for (const auto& span : drawn_spans(volume())) {
    for (const auto& g : span.glyphs) {
      ++glyphs;
      EXPECT_NE(g.glyph, 0u) << "page " << span.page << ", font " << span.font << ", text "
                             << g.unicode;
    }
  }
  EXPECT_GT(glyphs, 1000u);
  EXPECT_EQ(read_file(dir_->path() / "coverage.csv"), "number,where,text,character,script\n");
  std::ifstream in(dir_->path() / "manifest.json");
  auto m = nlohmann::json::parse(in);
  EXPECT_EQ(m["totals"]["names_with_missing_glyphs"], 0);
  EXPECT_EQ(m["inputs"][0]["names_with_missing_glyphs"], 0);
}

TEST_F(ScriptCoverage, PopplerAndPdfjsReadEveryLeftToRightNameExactly) {
  auto poppler = pdftotext(volume(), 0, 0, /*raw=*/true);
  auto pdfjs = pdfjs_text(volume());
  std::size_t checked = 0;
  for (const auto& row : rows_) {
    if (has_rtl(row.name)) continue;
    ++checked;
    auto line = std::to_string(row.number) + " " + row.name + "\n";
    EXPECT_NE(poppler.find(line), std::string::npos) << "pdftotext: " << line;
    EXPECT_NE(pdfjs.find(line), std::string::npos) << "pdf.js: " << line;
  }
  EXPECT_GE(checked, 36u);
}

TEST_F(ScriptCoverage, HanNamesTakeTheFaceOfTheirCountryAndKoreanTheKoreanFace) {
  // 王小明 signed from CN (no. 41) and from TW (no. 43); 김민준 金敏俊 from KR.
  std::set<std::string> wang_fonts, korean_fonts;
  for (const auto& span : drawn_spans(volume())) {
    for (const auto& g : span.glyphs) {
      if (g.unicode == "王") wang_fonts.insert(span.font.substr(span.font.find('+') + 1));
      if (g.unicode == "김" || g.unicode == "金") {
        korean_fonts.insert(span.font.substr(span.font.find('+') + 1));
      }
    }
  }
  ASSERT_EQ(wang_fonts.size(), 2u) << "one face per country";
  EXPECT_EQ(wang_fonts.begin()->rfind("NotoSerifCJKsc", 0), 0u) << *wang_fonts.begin();
  EXPECT_EQ(wang_fonts.rbegin()->rfind("NotoSerifCJKtc", 0), 0u) << *wang_fonts.rbegin();
  ASSERT_EQ(korean_fonts.size(), 1u) << "Hangul and Hanja of one name in one face";
  EXPECT_EQ(korean_fonts.begin()->rfind("NotoSerifCJKkr", 0), 0u) << *korean_fonts.begin();
}

TEST(Coverage, AnUncoveredCharacterIsReportedAndStrictFailsAfterWritingEverything) {
  TempDir dir;
  auto csv = dir / "export.csv";
  write_file(csv, "name,city,country\nAnna Berg,Berlin,DE\nJan \uE000 Novak,Praha,CZ\n");
  auto out = dir / "out";
  auto r = run({DOSSIER_BINARY, "build", "--signatures", csv.string(), "--out", out.string(),
                "--strict", "--quiet"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (const char* f : {"01-alexander-lukashenko.pdf", "04-oleg-matkin.pdf", "manifest.json",
                        "signatures.csv", "rejects.csv", "coverage.csv"}) {
    EXPECT_TRUE(std::filesystem::exists(out / f)) << f;
  }
  EXPECT_EQ(read_file(out / "coverage.csv"),
            "number,where,text,character,script\n"
            "2,name,Jan \uE000 Novak,U+E000 <private use area-E000>,Zzzz\n");
  EXPECT_NE(r.err.find("warning: 1 text(s) contain characters no installed font covers"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("no. 2 (name)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("U+E000"), std::string::npos) << r.err;
  std::ifstream in(out / "manifest.json");
  auto m = nlohmann::json::parse(in);
  EXPECT_EQ(m["totals"]["names_with_missing_glyphs"], 1);
  EXPECT_EQ(m["inputs"][0]["names_with_missing_glyphs"], 1);
  // The name still reads as its full text, and the set verifies.
  EXPECT_NE(pdftotext(out / "01-alexander-lukashenko.pdf").find("Jan \uE000 Novak"),
            std::string::npos);
  auto v = run({DOSSIER_BINARY, "verify", out.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  EXPECT_NE(v.out.find("names with missing glyphs (manifest): 1"), std::string::npos) << v.out;

  // The pre-flight check finds the same name, and --strict fails it too.
  auto c = run({DOSSIER_BINARY, "check", "--signatures", csv.string(), "--out",
                (dir / "check").string(), "--strict", "--quiet"});
  EXPECT_EQ(c.exit_code, 1) << c.err;
  EXPECT_EQ(read_file(dir / "check" / "coverage.csv"), read_file(out / "coverage.csv"));
}

}  // namespace
}  // namespace dossier::test
