// Entries at the length limit (256 characters, dossier.toml [limits]) in
// every script class, in the default layout (A4, three columns, the
// smallest type): every glyph drawn stays inside its column and inside the
// page, and all of each name is drawn. Positions are read back from the
// PDF with mutool trace. An entry no column can hold is refused, named,
// and nothing is drawn off the page.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;

std::string repeat_to(const std::string& word, std::size_t word_clusters, std::size_t clusters,
                      const std::string& tail) {
  std::string s;
  for (std::size_t n = 0; n + word_clusters <= clusters; n += word_clusters) s += word;
  return s + tail;
}

// Each code point of a UTF-8 string, as its own string.
std::vector<std::string> code_points(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// 256 grapheme clusters each, one word without a break opportunity where
// the script has spaces (so it must be cut by cluster).
struct LongName {
  std::string script, name, unit;  // unit: a character to count back
  std::size_t units = 0;
};
const std::vector<LongName> kNames = {
    // 7 x 35 + 11 letters.
    {"Latin", repeat_to("Wolfeschlegelsteinhausenbergerdorff", 35, 245, "Wolfeschleg"), "W", 8},
    // 42 x 6 + 4.
    {"CJK", repeat_to("张伟王芳李娜", 6, 252, "张伟王芳"), "张", 43},
    // 28 x 9 + 4 letters, each its own cluster.
    {"Arabic", repeat_to("عبدالرحمن", 9, 252, "عبدا"), "", 0},
    // 51 x 5 + 1 (ส ม ช า ย are five spacing letters).
    {"Thai", repeat_to("สมชาย", 5, 255, "ส"), "", 0},
    // 51 x 5 + 1 (रा म कि श न: a vowel sign stays with its consonant).
    {"Devanagari", repeat_to("रामकिशन", 5, 255, "न"), "", 0},
};

// The project's templates with one recipient (one volume is enough) and
// `edit` applied to dossier.toml.
fs::path one_volume_templates(const TempDir& dir, const std::string& replace = "",
                              const std::string& with = "") {
  auto t = dir / "templates";
  fs::create_directories(t);
  for (const auto& e : fs::directory_iterator(fs::path(DOSSIER_SOURCE_DIR) / "templates")) {
    fs::copy(e.path(), t / e.path().filename());
  }
  auto toml = read_file(t / "dossier.toml");
  toml = toml.substr(0, toml.find("[[recipients]]", toml.find("[[recipients]]") + 1));
  if (!replace.empty()) {
    auto at = toml.find(replace);
    if (at != std::string::npos) toml.replace(at, replace.size(), with);
  }
  write_file(t / "dossier.toml", toml);
  return t;
}

// A4 as layout::Geometry::a4() has it; the signature grid's columns.
constexpr double kWidth = 595.276, kHeight = 841.89;
constexpr double kMarginLeft = 62, kMarginRight = 62, kMarginTop = 64, kMarginBottom = 62;
constexpr double kColumnGap = 14;
constexpr int kColumns = 3;
const double kColumnWidth =
    (kWidth - kMarginLeft - kMarginRight - (kColumns - 1) * kColumnGap) / kColumns;
constexpr double kNameSize = 8.5;

TEST(LongEntries, StayInsideTheirColumnAndThePage) {
  TempDir dir;
  std::string csv = "name,city,country\nAnna Berg,Berlin,DE\n";
  for (const auto& n : kNames) csv += n.name + ",Genève,CH\n";
  csv += "Eve Falk,Wien,AT\n";
  write_file(dir / "long.csv", csv);
  auto r = run({DOSSIER_BINARY, "build", "--signatures", (dir / "long.csv").string(), "--templates",
                one_volume_templates(dir).string(), "--out", (dir / "out").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // None of them was rejected: they are at the limit, not over it.
  EXPECT_NE(r.out.find("7 signatures"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("0 row(s) rejected"), std::string::npos) << r.out;

  const auto pdf = dir / "out" / "01-alexander-lukashenko.pdf";
  // mutool joins the lines of one font and size drawn in one text object
  // into one span: cut them where the baseline changes, one span a line.
  std::vector<DrawnSpan> spans;
  for (auto& span : drawn_spans(pdf)) {
    for (std::size_t i = 0; i < span.glyphs.size(); ++i) {
      if (i == 0 || std::abs(span.glyphs[i].y - span.glyphs[i - 1].y) > 0.01) {
        spans.push_back(span);
        spans.back().glyphs.clear();
      }
      spans.back().glyphs.push_back(span.glyphs[i]);
    }
  }
  ASSERT_FALSE(spans.empty());
  std::set<std::string> letters;
  for (const auto& n : kNames) {
    for (const auto& c : code_points(n.name)) letters.insert(c);
  }
  std::map<std::string, std::size_t> counted;
  std::size_t name_spans = 0;
  for (const auto& span : spans) {
    for (const auto& g : span.glyphs) {
      const double right = g.x + g.advance * span.size;
      // Inside the page, every glyph of every page.
      EXPECT_GE(g.x, 0) << "page " << span.page << " " << g.unicode;
      EXPECT_LE(right, kWidth + 0.01) << "page " << span.page << " " << g.unicode;
      EXPECT_GE(g.y, 0) << "page " << span.page << " " << g.unicode;
      EXPECT_LE(g.y, span.page_height) << "page " << span.page << " " << g.unicode;
    }
    // The long names' lines: set in the name size, inside one column and
    // between the margins.
    if (span.glyphs.empty() || std::abs(span.size - kNameSize) > 0.01) continue;
    std::string text;
    for (const auto& g : span.glyphs) text += g.unicode;
    // A line of one of the long names: made only of their characters
    // (right-to-left lines read back in drawn order, so no substring test).
    bool ours = text.size() >= 6;
    for (const auto& c : code_points(text)) ours = ours && letters.count(c) > 0;
    if (!ours) continue;
    ++name_spans;
    const double left = span.glyphs.front().x;
    int column = static_cast<int>((left - kMarginLeft) / (kColumnWidth + kColumnGap));
    const double x0 = kMarginLeft + column * (kColumnWidth + kColumnGap);
    for (const auto& g : span.glyphs) {
      EXPECT_GE(g.x, x0 - 0.01) << text;
      EXPECT_LE(g.x + g.advance * span.size, x0 + kColumnWidth + 0.01)
          << "page " << span.page << " column " << column << ": " << text;
      EXPECT_GE(g.y, kMarginBottom) << text;
      EXPECT_LE(g.y, kHeight - kMarginTop) << text;
      for (const auto& n : kNames) {
        if (!n.unit.empty() && g.unicode == n.unit) ++counted[n.script];
      }
    }
  }
  EXPECT_GT(name_spans, kNames.size()) << "each long name wraps over several lines";
  // All of each name is on the page: its every occurrence of a letter.
  for (const auto& n : kNames) {
    if (!n.unit.empty()) {
      EXPECT_EQ(counted[n.script], n.units) << n.script;
    }
  }
  // And it reads back whole (the CJK one: no spaces to get in the way).
  auto text = pdftotext(pdf);
  std::string squeezed;
  for (char c : text) {
    if (c != '\n' && c != ' ' && c != '\f') squeezed += c;
  }
  EXPECT_NE(squeezed.find(kNames[1].name), std::string::npos);
}

TEST(LongEntries, AnEntryNoColumnCanHoldIsRefusedByName) {
  TempDir dir;
  // A limit raised far beyond the default, six columns: 2,000 CJK
  // characters need more than a whole column's height.
  auto templates = one_volume_templates(dir, "columns = 3", "columns = 6");
  auto toml = read_file(templates / "dossier.toml");
  auto at = toml.find("name = 256");
  ASSERT_NE(at, std::string::npos);
  toml.replace(at, 10, "name = 5000");
  write_file(templates / "dossier.toml", toml);
  std::string huge;
  for (int i = 0; i < 2000; ++i) huge += "张";
  write_file(dir / "huge.csv", "name\nAnna Berg\n" + huge + "\nEve Falk\n");

  // A complete earlier set stays as it was.
  write_file(dir / "small.csv", "name\nAnna Berg\n");
  auto first = run({DOSSIER_BINARY, "build", "--signatures", (dir / "small.csv").string(),
                    "--templates", templates.string(), "--out", (dir / "out").string(), "--quiet"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  auto before = read_file(dir / "out" / "manifest.json");

  auto r = run({DOSSIER_BINARY, "build", "--signatures", (dir / "huge.csv").string(), "--templates",
                templates.string(), "--out", (dir / "out").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 2) << "a name no column can hold is bad input";
  EXPECT_NE(r.err.find("signature no. 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("张张张"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("cannot be placed"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "out" / "manifest.json"), before);
  EXPECT_FALSE(fs::exists(dir / "out" / ".dossier-staging"));
}

}  // namespace
}  // namespace dossier::test
