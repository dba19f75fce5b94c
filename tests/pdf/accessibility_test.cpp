// Tagged PDF (PDF/UA-1, PDF/A-2a) read back as assistive technology gets
// it: poppler's structure text (pdfinfo -struct-text), the structure tree
// Firefox builds from pdf.js (tests/pdfjs/structtree.mjs) and the one
// Chrome builds from PDFium (tests/pdfjs/pdfium-structtree.mjs), and the
// machine-checkable Matterhorn failure conditions (tests/pdfua/matterhorn.py,
// pikepdf) on real builds.
#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "support/fixtures.h"
#include "support/process.h"
#include "support/reader_matrix.h"

namespace dossier::test {
namespace {

const std::filesystem::path kSource = DOSSIER_SOURCE_DIR;
const std::filesystem::path kFixtures = kSource / "tests/fixtures";
const std::string kStructTree = (kSource / "tests/pdfjs/structtree.mjs").string();
const std::string kPdfiumStructTree = (kSource / "tests/pdfjs/pdfium-structtree.mjs").string();
const std::string kMatterhorn = (kSource / "tests/pdfua/matterhorn.py").string();

std::filesystem::path volume_one(const std::filesystem::path& dir) {
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().starts_with("01-")) return e.path();
  }
  ADD_FAILURE() << "no volume 1 in " << dir;
  return {};
}

int page_count(const std::filesystem::path& pdf) {
  auto info = output_of({"pdfinfo", pdf.string()});
  std::smatch m;
  std::regex pages("Pages:\\s+(\\d+)");
  return std::regex_search(info, m, pages) ? std::stoi(m[1]) : 0;
}

bool has_rtl(const std::string& utf8) {
  auto u = icu::UnicodeString::fromUTF8(utf8);
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    auto d = u_charDirection(u.char32At(i));
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return true;
  }
  return false;
}

// The code points of a text, sorted: the same letters in any order.
std::vector<UChar32> letters(const std::string& utf8) {
  auto u = icu::UnicodeString::fromUTF8(utf8);
  std::vector<UChar32> out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    auto c = u.char32At(i);
    if (!u_isWhitespace(c)) out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Signature entries as a structure gives them: number → the entry's text.
using Entries = std::map<std::uint64_t, std::string>;

// A list item's text that begins with a signature number.
void add_entry(Entries& entries, const std::string& text) {
  static const std::regex numbered("^(\\d+) (.*)$");
  std::smatch m;
  if (std::regex_match(text, m, numbered)) entries.emplace(std::stoull(m[1]), m[2]);
}

class Accessibility : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    for (const auto& [name, csv] :
         std::map<std::string, std::string>{{"3000", (kFixtures / "signatures-3000.csv").string()},
                                            {"hard-names", (kFixtures / "hard-names.csv").string()},
                                            {"scripts", (kFixtures / "scripts.csv").string()},
                                            {"default", ""}}) {
      std::vector<std::string> argv{DOSSIER_BINARY, "build", "--out",
                                    (dir_->path() / name).string(), "--quiet"};
      if (!csv.empty()) argv.insert(argv.end(), {"--signatures", csv});
      auto r = run(argv);
      ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
    }
    auto letters =
        run({DOSSIER_BINARY, "letters", "--out", (dir_->path() / "default").string(), "--quiet"});
    ASSERT_EQ(letters.exit_code, 0) << letters.err;
    auto specimen = run({DOSSIER_BINARY, "specimen", "--out",
                         (dir_->path() / "default" / "specimen.pdf").string()});
    ASSERT_EQ(specimen.exit_code, 0) << specimen.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::filesystem::path out(const std::string& build) { return dir_->path() / build; }
  static std::unique_ptr<TempDir> dir_;
};
std::unique_ptr<TempDir> Accessibility::dir_;

TEST_F(Accessibility, EveryPdfOfTheDefaultBuildIsTagged) {
  int checked = 0;
  for (const auto& e : std::filesystem::directory_iterator(out("default"))) {
    if (e.path().extension() != ".pdf") continue;
    auto info = output_of({"pdfinfo", e.path().string()});
    EXPECT_NE(info.find("Tagged:          yes"), std::string::npos) << e.path().filename();
    ++checked;
  }
  EXPECT_EQ(checked, 9) << "4 volumes, 4 letters, the specimen";
}

// poppler's structure text (what Evince and Okular's accessibility read):
// every signature a list item, in order, reading its number and name; no
// running head or page number among the structure's text.
TEST_F(Accessibility, PopplersStructureTextListsEverySignatureInOrder) {
  const auto pdf = volume_one(out("3000"));
  const auto text = output_of({"pdfinfo", "-struct-text", pdf.string()});
  EXPECT_EQ(text.find("Page 1 of"), std::string::npos) << "a footer in the structure";
  EXPECT_EQ(text.find(" · Alexander Lukashenko"), std::string::npos) << "a running head";

  // Lines: "      LI (block)" then its text as one or more quoted lines.
  Entries entries;
  std::vector<std::uint64_t> order;
  std::istringstream lines(text);
  std::string line, item;
  bool in_item = false;
  auto close_item = [&] {
    if (!in_item) return;
    const auto before = entries.size();
    add_entry(entries, item);
    if (entries.size() > before) order.push_back(std::prev(entries.end())->first);
    in_item = false;
    item.clear();
  };
  while (std::getline(lines, line)) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    if (line[start] == '"') {
      if (in_item) item += line.substr(start + 1, line.rfind('"') - start - 1);
    } else {
      close_item();
      in_item = line.compare(start, 3, "LI ") == 0;
    }
  }
  close_item();

  const auto names = printed_names(out("3000"));
  ASSERT_EQ(entries.size(), names.size()) << "one list item per signature";
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end())) << "in the order of the numbers";
  std::size_t rtl = 0;
  for (std::size_t n = 1; n <= names.size(); ++n) {
    const auto& name = names[n - 1];
    ASSERT_TRUE(entries.count(n)) << "no list item for no. " << n;
    // As a search sees it (NFC, no invisible U+200B): the text of a glyph
    // is its ToUnicode entry, which for a vowel sign drawn apart may be
    // decomposed.
    const auto got = searchable(entries.at(n));
    if (has_rtl(name)) {
      // poppler's structure text takes glyphs in drawn order and applies no
      // bidi (MarkedContentOutputDev): a right-to-left name comes back in
      // visual order, its letters all there (docs/pdfa.md).
      auto want = letters(name);
      auto have = letters(got);
      EXPECT_TRUE(std::includes(have.begin(), have.end(), want.begin(), want.end()))
          << "no. " << n << ": " << got;
      ++rtl;
    } else {
      EXPECT_EQ(got.substr(0, name.size()), name) << "no. " << n << ": " << got;
    }
  }
  EXPECT_GT(rtl, 0u) << "the fixture has right-to-left names";
}

// What Firefox hands a screen reader: the list items of the signature
// pages read each signature's number and exact name, in every direction
// the reader matrix reads today (its pinned pdf.js gaps excepted).
void expect_pdfjs_reads_every_name(const std::filesystem::path& build, const std::string& fixture) {
  const auto pdf = volume_one(build);
  const auto dump = output_of({"node", kStructTree, pdf.string()});
  std::map<std::string, int> roles;
  Entries entries;
  std::istringstream lines(dump);
  for (std::string line; std::getline(lines, line);) {
    auto node = nlohmann::json::parse(line);
    const auto role = node.at("role").get<std::string>();
    ++roles[role];
    if (role == "LI") add_entry(entries, searchable(node.value("text", "")));
  }
  for (const char* role :
       {"Document", "Sect", "H1", "P", "L", "LI", "Table", "TR", "TH", "TD", "Figure"}) {
    EXPECT_GT(roles[role], 0) << fixture << ": no " << role;
  }
  std::set<std::string> gaps;
  std::ifstream known(kFixtures / "reader-gaps" / ("pdf-js-" + fixture + ".txt"));
  for (std::string g; std::getline(known, g);) gaps.insert(g);
  const auto names = printed_names(build);
  std::size_t exact = 0;
  for (std::size_t n = 1; n <= names.size(); ++n) {
    // A name pdf.js is known to miss may take its number with it (a
    // Thaana word-final mark read before the name, next to the number).
    if (gaps.count(names[n - 1])) continue;
    ASSERT_TRUE(entries.count(n)) << fixture << ": no list item for no. " << n;
    const auto& got = entries.at(n);
    EXPECT_EQ(got.substr(0, names[n - 1].size()), names[n - 1]) << fixture << " no. " << n;
    ++exact;
  }
  EXPECT_GE(exact + gaps.size(), names.size()) << fixture;
}

TEST_F(Accessibility, PdfJsStructureTreeReadsEveryName) {
  expect_pdfjs_reads_every_name(out("hard-names"), "hard-names");
  expect_pdfjs_reads_every_name(out("3000"), "3000");
}

// What Chrome hands one: PDFium's structure tree of a signature page and of
// the summary page, with the chart's alternative text.
TEST_F(Accessibility, PdfiumStructureTreeHasTheRolesAndTheChartsAlt) {
  const auto pdf = volume_one(out("3000"));
  auto tree = [&](int page) {
    std::vector<nlohmann::json> nodes;
    std::istringstream lines(
        output_of({"node", kPdfiumStructTree, pdf.string(), std::to_string(page)}));
    for (std::string line; std::getline(lines, line);) nodes.push_back(nlohmann::json::parse(line));
    return nodes;
  };
  auto count = [](const std::vector<nlohmann::json>& nodes, const std::string& role) {
    return std::count_if(nodes.begin(), nodes.end(),
                         [&](const auto& n) { return n.at("role") == role; });
  };
  // The first page of signatures: columns as lists of items, nothing else.
  const auto grid = tree(6);
  EXPECT_EQ(count(grid, "L"), 3) << "three columns";
  EXPECT_GT(count(grid, "LI"), 60);
  EXPECT_EQ(count(grid, "P") + count(grid, "H1"), 0);

  const int pages = page_count(pdf);
  std::vector<nlohmann::json> summary;
  for (int p = pages; p > pages - 3 && count(summary, "Figure") == 0; --p) summary = tree(p);
  ASSERT_EQ(count(summary, "Figure"), 1);
  for (const auto& n : summary) {
    if (n.at("role") == "Figure") {
      EXPECT_EQ(n.value("alt", "").rfind("Bar chart of the signatures", 0), 0u) << n;
    }
  }
  EXPECT_EQ(count(summary, "Table"), 1);
  EXPECT_EQ(count(summary, "TH"), 3);
  EXPECT_GT(count(summary, "TD"), 30);
}

// The Matterhorn Protocol's machine-checkable conditions on the default
// build (volume 1, a letter, the specimen), the hard names and the scripts
// fixture; and the checker itself refuses an untagged file.
TEST_F(Accessibility, MatterhornFailureConditionsDoNotOccur) {
  std::vector<std::string> files{volume_one(out("default")).string(),
                                 (out("default") / "letter-01-alexander-lukashenko.pdf").string(),
                                 (out("default") / "specimen.pdf").string(),
                                 volume_one(out("hard-names")).string(),
                                 volume_one(out("scripts")).string()};
  std::vector<std::string> argv{"/usr/bin/python3", kMatterhorn};
  argv.insert(argv.end(), files.begin(), files.end());
  auto r = run(argv);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const auto& f : files) {
    const auto at = r.out.find("ok " + f + " ");
    ASSERT_NE(at, std::string::npos) << r.out;
    const auto line = r.out.substr(at, r.out.find('\n', at) - at);
    EXPECT_EQ(line.find("elements=0"), std::string::npos) << line;
    EXPECT_EQ(line.find("mcids=0"), std::string::npos) << line;
  }

  TempDir plain;
  write_templates(plain / "templates", "tagged", "false");
  auto untagged =
      run({DOSSIER_BINARY, "build", "--signatures", (kFixtures / "hard-names.csv").string(),
           "--templates", (plain / "templates").string(), "--out", (plain / "out").string(),
           "--quiet"});
  ASSERT_EQ(untagged.exit_code, 0) << untagged.err;
  auto refused = run({"/usr/bin/python3", kMatterhorn, volume_one(plain / "out").string()});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("01-006"), std::string::npos) << "untagged content goes unnoticed";
}

}  // namespace
}  // namespace dossier::test
