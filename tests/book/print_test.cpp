// The volumes as a printer and a reader see them (issue 16): the binding
// correction on the inner margin, blank pages that are blank, the summary
// table, the parliamentarians in two columns and the print hints. Each
// suite builds one volume of the 3,000-signature fixture with the real
// binary and reads it back with pdftotext -bbox, mutool and qpdf.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "support/fixtures.h"
#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

const std::string kFixture =
    std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/signatures-3000.csv";
// The template's 12 mm, in points.
const double kCorrection = 12 * 72 / 25.4;
// A4 and the margins of layout::Geometry::a4().
const double kPageWidth = 595.276, kMarginLeft = 62, kMarginRight = 62;
const double kTextWidth = kPageWidth - kMarginLeft - kMarginRight;

struct Word {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // pdftotext: origin top left
  std::string text;
};
struct BboxPage {
  double width = 0, height = 0;
  std::vector<Word> words;
};

// Every word of every page with its box, as `pdftotext -bbox` sees it.
std::vector<BboxPage> bbox(const std::filesystem::path& pdf) {
  auto r = run({"pdftotext", "-bbox", pdf.string(), "-"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<BboxPage> pages;
  static const std::regex page_re(R"re(<page width="([0-9.]+)" height="([0-9.]+)">)re");
  static const std::regex word_re(
      R"re(<word xMin="([-0-9.]+)" yMin="([-0-9.]+)" xMax="([-0-9.]+)" yMax="([-0-9.]+)">([^<]*)</word>)re");
  for (const auto& line : split_lines(r.out)) {
    std::smatch m;
    if (std::regex_search(line, m, page_re)) {
      pages.push_back({std::stod(m[1]), std::stod(m[2]), {}});
    } else if (std::regex_search(line, m, word_re) && !pages.empty()) {
      pages.back().words.push_back(
          {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
    }
  }
  return pages;
}

double min_x(const BboxPage& page) {
  double x = 1e9;
  for (const auto& w : page.words) x = std::min(x, w.x0);
  return x;
}

struct Mark {
  int level = 0;
  std::string title;
  int page = 0;  // 1-based
};

// `mutool show outline`: one bookmark a line, a tab per level.
std::vector<Mark> outline(const std::filesystem::path& pdf) {
  auto r = run({"mutool", "show", pdf.string(), "outline"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<Mark> marks;
  static const std::regex re("^.(\t+)\"(.*)\"\t#page=([0-9]+)");
  for (const auto& line : split_lines(r.out)) {
    std::smatch m;
    if (std::regex_search(line, m, re)) {
      marks.push_back({static_cast<int>(m[1].length()) - 1, m[2], std::stoi(m[3])});
    }
  }
  return marks;
}

int page_of(const std::vector<Mark>& marks, const std::string& title) {
  for (const auto& m : marks) {
    if (m.title == title) return m.page;
  }
  ADD_FAILURE() << "no bookmark " << title;
  return 0;
}

// The first page of the top-level section after the one starting at `page`.
int next_section(const std::vector<Mark>& marks, int page, int total) {
  int next = total + 1;
  for (const auto& m : marks) {
    if (m.level == 0 && m.page > page) next = std::min(next, m.page);
  }
  return next;
}

// Lines of a page's text block (running head and footer left out), split
// where a gap wider than a word space separates columns.
struct TextLine {
  double x0 = 0, x1 = 0, y = 0;
  std::string text;
};
std::vector<TextLine> text_lines(const BboxPage& page) {
  std::map<long, std::vector<Word>> rows;  // by baseline, to 0.1 pt
  for (const auto& w : page.words) {
    // Running head above 64 pt from the top, footer below the last 62 pt.
    if (w.y1 < 64 || w.y0 > page.height - 62) continue;
    rows[std::lround(w.y1 * 10)].push_back(w);
  }
  std::vector<TextLine> lines;
  for (auto& [y, words] : rows) {
    std::sort(words.begin(), words.end(), [](auto& a, auto& b) { return a.x0 < b.x0; });
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i == 0 || words[i].x0 - words[i - 1].x1 > 12) {
        lines.push_back({words[i].x0, words[i].x1, words[i].y1, words[i].text});
      } else {
        lines.back().text += " " + words[i].text;
        lines.back().x1 = words[i].x1;
      }
    }
  }
  return lines;
}

bool is_number(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Columns of the signature grid: the right edges of the entry numbers
// (right-aligned in each column's gutter), clustered.
std::size_t grid_columns(const BboxPage& page) {
  std::vector<double> edges;
  for (const auto& line : text_lines(page)) {
    auto first = line.text.substr(0, line.text.find(' '));
    if (is_number(first)) edges.push_back(line.x0);
  }
  std::sort(edges.begin(), edges.end());
  std::size_t clusters = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (i == 0 || edges[i] - edges[i - 1] > 40) ++clusters;
  }
  return clusters;
}

void expect_nothing_off_the_page(const std::vector<BboxPage>& pages) {
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (const auto& w : pages[p].words) {
      EXPECT_TRUE(w.x0 >= 0 && w.x1 <= pages[p].width && w.y0 >= 0 && w.y1 <= pages[p].height)
          << "page " << p + 1 << ": " << w.text << " at " << w.x0 << ".." << w.x1;
    }
  }
}

// The catalog as qpdf shows it.
std::string catalog(const std::filesystem::path& pdf) {
  auto trailer = output_of({"qpdf", "--show-object=trailer", pdf.string()});
  std::smatch m;
  static const std::regex root("/Root ([0-9]+) 0 R");
  if (!std::regex_search(trailer, m, root)) {
    ADD_FAILURE() << trailer;
    return {};
  }
  auto r = run({"qpdf", "--show-object=" + std::string(m[1]), pdf.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

std::filesystem::path build_volume(const TempDir& dir, bool duplex, const std::string& out) {
  write_templates(dir / (out + "-templates"), "duplex", duplex ? "true" : "false");
  auto r = run({DOSSIER_BINARY, "build", "--templates", (dir / (out + "-templates")).string(),
                "--signatures", kFixture, "--out", (dir / out).string(), "--only", "1", "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return dir / out / "01-alexander-lukashenko.pdf";
}

class DuplexPrint : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    pdf_ = build_volume(*dir_, true, "duplex");
    pages_ = bbox(pdf_);
    marks_ = outline(pdf_);
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::unique_ptr<TempDir> dir_;
  static std::filesystem::path pdf_;
  static std::vector<BboxPage> pages_;
  static std::vector<Mark> marks_;
};
std::unique_ptr<TempDir> DuplexPrint::dir_;
std::filesystem::path DuplexPrint::pdf_;
std::vector<BboxPage> DuplexPrint::pages_;
std::vector<Mark> DuplexPrint::marks_;

TEST_F(DuplexPrint, TheInnerMarginGrowsOnRightAndLeftHandPagesAndNothingLeavesThePage) {
  ASSERT_GT(pages_.size(), 20u);
  const int total = static_cast<int>(pages_.size());
  const int first = page_of(marks_, "Signatures");
  const int end = next_section(marks_, first, total);
  std::set<long> right_hand, left_hand;  // smallest x, to 0.1 pt
  double right_x = 0, left_x = 0;
  for (int p = first; p < end; ++p) {
    const auto& page = pages_[static_cast<std::size_t>(p - 1)];
    if (page.words.empty()) continue;
    // The grid keeps its three columns, narrower.
    EXPECT_EQ(grid_columns(page), 3u) << "page " << p;
    double x = min_x(page);
    (p % 2 == 1 ? right_hand : left_hand).insert(std::lround(x * 10));
    (p % 2 == 1 ? right_x : left_x) = x;
  }
  // Every right-hand page alike, every left-hand page alike.
  ASSERT_EQ(right_hand.size(), 1u);
  ASSERT_EQ(left_hand.size(), 1u);
  EXPECT_NEAR(right_x - left_x, kCorrection, 0.5);
  EXPECT_NEAR(left_x, kMarginLeft, 0.5);  // the outer margin is untouched

  // The letter's text block keeps its width and moves away from the spine.
  const int letter = page_of(marks_, "Letter");
  const auto& page = pages_[static_cast<std::size_t>(letter - 1)];
  double right = 0;
  for (const auto& line : text_lines(page)) right = std::max(right, line.x1);
  EXPECT_NEAR(min_x(page), kMarginLeft + (letter % 2 == 1 ? kCorrection : -kCorrection), 0.5);
  EXPECT_NEAR(right - min_x(page), kTextWidth, 1.5);
  expect_nothing_off_the_page(pages_);
}

TEST_F(DuplexPrint, BlankPagesCarryNothingAndAreStillCounted) {
  const int total = page_count(pdf_);
  ASSERT_EQ(total, static_cast<int>(pages_.size()));
  std::set<int> starts;  // the first pages of the sections
  for (const auto& m : marks_) {
    if (m.level == 0) starts.insert(m.page);
  }
  // pdftotext ends every page with a form feed.
  std::vector<std::string> texts(1);
  for (char c : pdftotext(pdf_)) {
    if (c == '\f') {
      texts.emplace_back();
    } else {
      texts.back() += c;
    }
  }
  ASSERT_GE(texts.size(), static_cast<std::size_t>(total));
  int blanks = 0;
  for (int p = 1; p <= total; ++p) {
    const auto& text = texts[static_cast<std::size_t>(p - 1)];
    bool empty = text.find_first_not_of(" \n\r\t") == std::string::npos;
    if (empty) {
      // Read alone too: nothing at all on it.
      EXPECT_EQ(pdftotext(pdf_, p, p).find_first_not_of(" \n\f"), std::string::npos);
      ++blanks;
      // Only a left-hand page before a section start is left blank.
      EXPECT_TRUE(p % 2 == 0 && starts.count(p + 1)) << "page " << p << " is empty";
      continue;
    }
    auto footer = "Page " + std::to_string(p) + " of " + std::to_string(total);
    EXPECT_NE(text.find(footer), std::string::npos) << "page " << p << ": " << text;
  }
  // At least the page after the one-page cover.
  EXPECT_GE(blanks, 1);
  EXPECT_TRUE(pdftotext(pdf_, 2, 2).find_first_not_of(" \n\f") == std::string::npos);
}

TEST_F(DuplexPrint, TheSummaryMarksSmallSharesAndRepeatsItsHeaderOnEveryPage) {
  const int total = static_cast<int>(pages_.size());
  const int first = page_of(marks_, "Signatures by country");
  ASSERT_LT(first, total) << "the summary of 60-odd countries should span two pages";
  auto text = pdftotext(pdf_, first, total);
  // Countries with one of 2,990 signatures: 0.03 %.
  EXPECT_NE(text.find("< 0.1 %"), std::string::npos) << text;
  EXPECT_EQ(text.find("0.0 %"), std::string::npos) << text;
  for (int p = first; p <= total; ++p) {
    // The header: Country, Signatures and Share side by side on one line.
    const auto& words = pages_[static_cast<std::size_t>(p - 1)].words;
    bool header = false;
    for (const auto& share : words) {
      if (share.text != "Share") continue;
      std::set<std::string> row;
      for (const auto& w : words) {
        if (std::abs(w.y1 - share.y1) < 0.5 && w.x1 <= share.x0) row.insert(w.text);
      }
      header = header || (row.count("Country") && row.count("Signatures"));
    }
    EXPECT_TRUE(header) << "no table header on page " << p;
  }
}

TEST_F(DuplexPrint, ParliamentariansStandInTwoBalancedColumnsWithTheirHeadings) {
  const int total = static_cast<int>(pages_.size());
  const int first = page_of(marks_, "Parliamentarians");
  const int end = next_section(marks_, first, total);
  std::set<std::string> headings;
  std::vector<Mark> countries;
  bool inside = false;
  for (const auto& m : marks_) {
    if (m.level == 0) inside = m.title == "Parliamentarians";
    if (inside && m.level == 1) {
      headings.insert(m.title);
      countries.push_back(m);
    }
  }
  ASSERT_GT(countries.size(), 10u);
  std::vector<int> pages;
  for (int p = first; p < end; ++p) {
    if (!pages_[static_cast<std::size_t>(p - 1)].words.empty()) pages.push_back(p);
  }
  EXPECT_LE(pages.size(), 3u);
  std::map<int, std::vector<TextLine>> lines;
  for (int p : pages) {
    const auto& page = pages_[static_cast<std::size_t>(p - 1)];
    const double left = min_x(page);
    // Two columns: the lowest line of each is not a country heading.
    std::vector<TextLine> last(2);
    std::vector<bool> used(2, false);
    for (const auto& line : text_lines(page)) {
      std::size_t c = line.x0 > left + kTextWidth / 2 - 20 ? 1 : 0;
      if (!used[c] || line.y > last[c].y) last[c] = line;
      used[c] = true;
    }
    EXPECT_TRUE(used[0] && used[1]) << "page " << p << " has one column";
    for (std::size_t c = 0; c < 2; ++c) {
      EXPECT_EQ(headings.count(last[c].text), 0u)
          << "the heading " << last[c].text << " ends column " << c + 1 << " of page " << p;
    }
    if (p == pages.back()) {
      // Balanced: the columns end within about two lines of each other.
      EXPECT_LT(std::abs(last[0].y - last[1].y), 40) << "page " << p;
    }
    lines[p] = text_lines(page);
  }
  // Each country's bookmark points at the page its heading is on.
  for (const auto& m : countries) {
    bool found = false;
    for (const auto& line : lines[m.page]) found = found || line.text == m.title;
    EXPECT_TRUE(found) << m.title << " is not on page " << m.page;
  }
}

TEST_F(DuplexPrint, PrintHintsKeepPdfAAndTheBytesReproducible) {
  auto cat = catalog(pdf_);
  EXPECT_NE(cat.find("/ViewerPreferences"), std::string::npos) << cat;
  EXPECT_NE(cat.find("/PrintScaling /None"), std::string::npos) << cat;
  EXPECT_NE(cat.find("/Duplex /DuplexFlipLongEdge"), std::string::npos) << cat;
  EXPECT_NE(cat.find("/PickTrayByPDFSize true"), std::string::npos) << cat;
  EXPECT_NE(cat.find("/Metadata"), std::string::npos) << cat;
  EXPECT_NE(cat.find("/OutputIntents"), std::string::npos) << cat;
  auto check = run({"qpdf", "--check", pdf_.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  auto verify = run({DOSSIER_BINARY, "verify", (dir_->path() / "duplex").string(), "--quiet"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto again = build_volume(*dir_, true, "again");
  EXPECT_TRUE(read_file(again) == read_file(pdf_)) << "two duplex builds differ";
}

// Simplex: every page is bound on the left.
TEST(SimplexPrint, EveryInnerMarginGrowsAndTheCoverIsCentredOnTheTrimmedPage) {
  TempDir dir;
  auto pdf = build_volume(dir, false, "simplex");
  auto pages = bbox(pdf);
  auto marks = outline(pdf);
  ASSERT_GT(pages.size(), 20u);
  for (std::size_t p = 1; p < pages.size(); ++p) {
    EXPECT_NEAR(min_x(pages[p]), kMarginLeft + kCorrection, 0.5) << "page " << p + 1;
  }
  // Every line of the cover is centred on what binding leaves visible.
  for (const auto& line : text_lines(pages[0])) {
    EXPECT_NEAR((line.x0 + line.x1) / 2, (kPageWidth + kCorrection) / 2, 2) << line.text;
  }
  const int first = page_of(marks, "Signatures");
  EXPECT_EQ(grid_columns(pages[static_cast<std::size_t>(first - 1)]), 3u);
  const int parl = page_of(marks, "Parliamentarians");
  EXPECT_LE(next_section(marks, parl, static_cast<int>(pages.size())) - parl, 3);
  expect_nothing_off_the_page(pages);
  auto cat = catalog(pdf);
  EXPECT_NE(cat.find("/PrintScaling /None"), std::string::npos) << cat;
  EXPECT_NE(cat.find("/PickTrayByPDFSize true"), std::string::npos) << cat;
  EXPECT_EQ(cat.find("/Duplex"), std::string::npos) << cat;
}

}  // namespace
}  // namespace dossier::test
