// The letter as campaigns write it (tests/fixtures/letters/markdown): list
// markers, hard breaks, heading levels, pictures, links, and what is not
// set said with its line; page breaks that leave no heading at a page's
// foot and no paragraph's line alone; a missing picture stops the run.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "support/process.h"

namespace dossier::test {
namespace {

const std::filesystem::path kSource = DOSSIER_SOURCE_DIR;
const std::filesystem::path kMarkdown = kSource / "tests/fixtures/letters/markdown";

// The project's templates with `letter` as the English letter (and the
// pictures beside it), one recipient, no binding correction.
std::filesystem::path templates_with(const std::filesystem::path& dir, const std::string& letter) {
  auto t = dir / "templates";
  std::filesystem::create_directories(t);
  for (const auto& e : std::filesystem::directory_iterator(kSource / "templates")) {
    std::filesystem::copy(e.path(), t / e.path().filename());
  }
  for (const auto& e : std::filesystem::directory_iterator(kMarkdown)) {
    std::filesystem::copy(e.path(), t / e.path().filename(),
                          std::filesystem::copy_options::overwrite_existing);
  }
  write_file(t / "letter.en.md", letter);
  auto toml = read_file(t / "dossier.toml");
  toml = std::regex_replace(toml, std::regex("binding_correction = \"12mm\""),
                            "binding_correction = \"0mm\"");
  toml = toml.substr(0, toml.find("[[recipients]]")) +
         "[[recipients]]\nname = \"Alexander Lukashenko\"\nsalutation = \"Dear Mr Lukashenko,\"\n";
  write_file(t / "dossier.toml", toml);
  return t;
}

struct TextLine {
  double x0, y0, x1, y1;
  std::string text;
};

std::vector<std::vector<TextLine>> pages_of(const std::filesystem::path& pdf) {
  const auto xhtml = output_of({"pdftotext", "-bbox-layout", pdf.string(), "-"});
  static const std::regex line_re(
      "<line xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">");
  static const std::regex word_re("<word [^>]*>([^<]*)</word>");
  std::vector<std::vector<TextLine>> pages;
  std::istringstream in(xhtml);
  std::smatch m;
  for (std::string l; std::getline(in, l);) {
    if (l.find("<page ") != std::string::npos) pages.emplace_back();
    if (std::regex_search(l, m, line_re)) {
      pages.back().push_back(
          {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), ""});
    } else if (std::regex_search(l, m, word_re) && !pages.empty() && !pages.back().empty()) {
      auto& t = pages.back().back().text;
      t += (t.empty() ? "" : " ") + m[1].str();
    }
  }
  return pages;
}

const TextLine* line_starting(const std::vector<TextLine>& lines, const std::string& text) {
  for (const auto& l : lines) {
    if (l.text.rfind(text, 0) == 0) return &l;
  }
  return nullptr;
}

class Markdown : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    auto t = templates_with(dir_->path(), read_file(kMarkdown / "letter.en.md"));
    auto r = run({DOSSIER_BINARY, "letters", "--templates", t.string(), "--out",
                  (dir_->path() / "out").string(), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    err_ = r.err;
    pdf_ = dir_->path() / "out" / "letter-01-alexander-lukashenko.pdf";
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::unique_ptr<TempDir> dir_;
  static std::string err_;
  static std::filesystem::path pdf_;
};
std::unique_ptr<TempDir> Markdown::dir_;
std::string Markdown::err_;
std::filesystem::path Markdown::pdf_;

TEST_F(Markdown, ListMarkersStandBeforeTheirItemsAndHardBreaksBreakTheLine) {
  const auto page = pages_of(pdf_).front();
  for (const char* item :
       {"3. Release all political prisoners", "4. End the prosecution", "◦ of the staff of Viasna,",
        "◦ of lawyers who defend them.", "5. Let independent observers"}) {
    EXPECT_NE(line_starting(page, item), nullptr) << item;
  }
  // The markers hang: an item's text starts further in than the letter's.
  const auto* letter = line_starting(page, "We write about");
  const auto* item = line_starting(page, "3. Release");
  const auto* nested = line_starting(page, "◦ of the staff");
  ASSERT_TRUE(letter && item && nested);
  EXPECT_GT(item->x0, letter->x0);
  EXPECT_GT(nested->x0, item->x0);
  // Hard breaks, a backslash and two trailing spaces: a line each.
  std::set<double> baselines;
  for (const char* text : {"Yours sincerely,", "Jane Doe", "Chair of the delegation"}) {
    const auto* l = line_starting(page, text);
    ASSERT_NE(l, nullptr) << text;
    EXPECT_EQ(l->text, text);
    baselines.insert(l->y1);
  }
  EXPECT_EQ(baselines.size(), 3u);
}

TEST_F(Markdown, HeadingsGetSmallerWithTheirLevel) {
  const auto page = pages_of(pdf_).front();
  const auto* h1 = line_starting(page, "Our demands");
  const auto* h2 = line_starting(page, "What we have seen");
  const auto* h3 = line_starting(page, "The undersigned");
  ASSERT_TRUE(h1 && h2 && h3);
  EXPECT_GT(h1->y1 - h1->y0, h2->y1 - h2->y0);
  EXPECT_GT(h2->y1 - h2->y0, h3->y1 - h3->y0);
}

TEST_F(Markdown, PicturesAreEmbeddedAtTheirPixelSizes) {
  const auto list = output_of({"pdfimages", "-list", pdf_.string()});
  EXPECT_NE(list.find("image     240    80  rgb     3   8  image"), std::string::npos) << list;
  EXPECT_NE(list.find("image     100   141  rgb     3   8  jpeg"), std::string::npos) << list;
}

TEST_F(Markdown, ALinkIsALinkAnnotationWithItsUri) {
  auto json =
      nlohmann::json::parse(output_of({"qpdf", "--json=2", "--json-key=qpdf", pdf_.string()}));
  int links = 0;
  for (const auto& [key, obj] : json.at("qpdf").at(1).items()) {
    if (!obj.contains("value") || !obj.at("value").is_object()) continue;
    const auto& v = obj.at("value");
    if (v.value("/Subtype", "") != "/Link") continue;
    ++links;
    EXPECT_EQ(v.at("/A").at("/URI"), "u:https://example.org/findings");
    EXPECT_EQ(v.at("/F"), 4) << "printed, as PDF/A asks";
  }
  EXPECT_EQ(links, 1);
}

TEST_F(Markdown, RawHtmlIsOneWarningNamingItsLine) {
  const std::regex warning("warning: [^\n]*letter\\.en\\.md, line (\\d+): raw HTML");
  auto begin = std::sregex_iterator(err_.begin(), err_.end(), warning);
  ASSERT_EQ(std::distance(begin, std::sregex_iterator()), 1) << err_;
  EXPECT_EQ((*begin)[1], "23");
  // Nothing else of the letter is said to be lost.
  EXPECT_EQ(err_.find("warning: ", err_.find("raw HTML")), std::string::npos) << err_;
}

TEST_F(Markdown, TheLetterMeetsTheMatterhornConditions) {
  auto r =
      run({"/usr/bin/python3", (kSource / "tests/pdfua/matterhorn.py").string(), pdf_.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("figures=2"), std::string::npos) << r.out;
  auto check = run({"qpdf", "--check", pdf_.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

// Headings and paragraphs laid so that, at some count of the lines before
// them, a heading falls at a page's foot and a paragraph is cut by a page:
// whatever the count, a heading is never a page's last line and no page
// starts or ends with a paragraph's single line.
TEST(MarkdownPages, NoHeadingAtAPagesFootAndNoLoneLineOfAParagraph) {
  // Every word of paragraph p ends in "x<p>", so that every line says
  // which paragraph it is of (and none is hyphenated: digits).
  const std::vector<std::string> words{"lorem",       "ipsum",      "dolor", "sit", "amet",
                                       "consectetur", "adipiscing", "elit",  "sed", "do"};
  int checked_breaks = 0;
  for (int filler = 30; filler < 44; ++filler) {
    std::string letter = "{{salutation}}\n\n";
    for (int k = 0; k < filler; ++k) letter += fmt::format("Filler line {}.\\\n", k);
    letter += "End of filler.\n\n";
    for (int p = 0; p < 4; ++p) {
      letter += fmt::format("## Heading h{}\n\n", p);
      std::string paragraph;
      for (int w = 0; w < 60; ++w) paragraph += fmt::format("{}x{} ", words[w % words.size()], p);
      letter += paragraph + "\n\n";
    }
    TempDir dir;
    auto t = templates_with(dir.path(), letter);
    auto r = run({DOSSIER_BINARY, "letters", "--templates", t.string(), "--out",
                  (dir / "out").string(), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto pages = pages_of(dir / "out" / "letter-01-alexander-lukashenko.pdf");
    // The lines of the letter's pages, without running head and footer.
    std::map<std::string, std::map<std::size_t, int>> lines_of;  // paragraph -> page -> lines
    for (std::size_t p = 0; p < pages.size(); ++p) {
      std::vector<const TextLine*> body;
      for (const auto& l : pages[p]) {
        if (l.y0 > 62 && l.y1 < 841.89 - 62) body.push_back(&l);
      }
      if (body.empty()) continue;
      if (body.back()->text.rfind("Heading", 0) == 0) {
        ADD_FAILURE() << "filler " << filler << ": a heading ends page " << p + 1;
      }
      for (const auto* l : body) {
        std::smatch m;
        if (std::regex_search(l->text, m, std::regex("[a-z]+x(\\d)"))) ++lines_of[m[1]][p];
      }
    }
    for (const auto& [paragraph, on] : lines_of) {
      if (on.size() < 2) continue;
      ++checked_breaks;
      for (const auto& [page, count] : on) {
        EXPECT_GE(count, 2) << "filler " << filler << ": paragraph " << paragraph
                            << " has a lone line on page " << page + 1;
      }
    }
  }
  EXPECT_GT(checked_breaks, 0) << "some paragraph must have been cut by a page";
}

TEST(MarkdownPictures, AMissingPictureStopsTheRunNamingFileAndLine) {
  TempDir dir;
  auto t =
      templates_with(dir.path(), "{{salutation}}\n\nText.\n\n![The chair's signature](gone.png)\n");
  auto out = dir / "out";
  std::filesystem::create_directories(out);
  write_file(out / "letter-01-alexander-lukashenko.pdf", "previous");
  for (const std::vector<std::string>& argv :
       {std::vector<std::string>{DOSSIER_BINARY, "letters", "--templates", t.string(), "--out",
                                 out.string()},
        std::vector<std::string>{DOSSIER_BINARY, "build", "--templates", t.string(), "--out",
                                 out.string(), "--sample-count", "10"}}) {
    auto r = run(argv);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("letter.en.md, line 5: the picture gone.png cannot be read"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(read_file(out / "letter-01-alexander-lukashenko.pdf"), "previous");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(out)) ++files;
    EXPECT_EQ(files, 1u) << "nothing written";
  }
}

}  // namespace
}  // namespace dossier::test
