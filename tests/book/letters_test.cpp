// Letters in every script and language, read back from real PDFs: nothing
// set outside the text area, every character of the source on the page in
// order, right-to-left letters flush right and justified, Chinese and
// Japanese lines full and without a closing mark at their start, breaks
// inside words only where the language's patterns allow, and a salutation
// per language or a clear error.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "layout/layout.h"
#include "support/process.h"

namespace dossier::test {
namespace {

const std::filesystem::path kSource = DOSSIER_SOURCE_DIR;
const std::filesystem::path kLetters = kSource / "tests/fixtures/letters";
// A4 with no binding correction: the text area's edges.
constexpr double kLeft = 62, kRight = 595.276 - 62, kTop = 64, kBottom = 841.89 - 62;

const std::vector<std::string> kLanguages{"de", "ru", "be", "zh-Hans", "ja", "th", "ar", "he"};

// Every language's salutation for the one recipient of the test templates.
const char* kSalutations =
    "{ en = \"Dear Mr Lukashenko,\", de = \"Sehr geehrter Herr Lukaschenko,\", "
    "ru = \"Уважаемый господин Лукашенко!\", be = \"Шаноўны спадар Лукашэнка!\", "
    "zh-Hans = \"尊敬的卢卡申科先生：\", ja = \"ルカシェンコ殿\", th = \"เรียน นายลูกาเชนโก\", "
    "ar = \"السيد لوكاشينكو المحترم،\", he = \"לכבוד מר לוקשנקו,\" }";

// The project's templates with one recipient, no binding correction, the
// fixture letters beside the English one, and `salutation` as given.
void write_templates(const std::filesystem::path& dir, const std::string& salutation,
                     const std::vector<std::string>& languages) {
  std::filesystem::create_directories(dir);
  for (const auto& e : std::filesystem::directory_iterator(kSource / "templates")) {
    std::filesystem::copy(e.path(), dir / e.path().filename());
  }
  for (const auto& l : languages) {
    std::filesystem::copy(kLetters / ("letter." + l + ".md"), dir / ("letter." + l + ".md"));
  }
  auto toml = read_file(dir / "dossier.toml");
  toml = std::regex_replace(toml, std::regex("binding_correction = \"12mm\""),
                            "binding_correction = \"0mm\"");
  toml = toml.substr(0, toml.find("[[recipients]]"));
  toml +=
      "[[recipients]]\nname = \"Alexander Lukashenko\"\nname_cyrillic = \"Александр "
      "Лукашенко\"\nsalutation = " +
      salutation + "\n";
  write_file(dir / "dossier.toml", toml);
}

struct Word {
  double x0, y0, x1, y1;
  std::string text;
};
struct TextLine {
  double x0, y0, x1, y1;
  std::vector<Word> words;
};

// The lines of a page as pdftotext -bbox-layout finds them, top to bottom.
std::vector<TextLine> page_lines(const std::filesystem::path& pdf, int page) {
  const auto xhtml = output_of({"pdftotext", "-bbox-layout", "-f", std::to_string(page), "-l",
                                std::to_string(page), pdf.string(), "-"});
  static const std::regex line_re(
      "<line xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">");
  static const std::regex word_re(
      "<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)"
      "</word>");
  std::vector<TextLine> lines;
  std::istringstream in(xhtml);
  std::smatch m;
  for (std::string l; std::getline(in, l);) {
    if (std::regex_search(l, m, line_re)) {
      lines.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), {}});
    } else if (std::regex_search(l, m, word_re) && !lines.empty()) {
      lines.back().words.push_back(
          {std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
    }
  }
  return lines;
}

int page_count(const std::filesystem::path& pdf) {
  auto info = output_of({"pdfinfo", pdf.string()});
  std::smatch m;
  return std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")) ? std::stoi(m[1]) : 0;
}

// Text to compare: NFC, without white space, U+200B, soft hyphens and
// directional controls; a guillemet either way round (poppler reverses a
// right-to-left line without mirroring its brackets back).
std::u32string comparable(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  auto u =
      icu::Normalizer2::getNFCInstance(err)->normalize(icu::UnicodeString::fromUTF8(utf8), err);
  std::u32string out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (u_isUWhiteSpace(c) || c == 0x200B || c == 0x00AD || (c >= 0x200E && c <= 0x200F) ||
        (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
      continue;
    }
    if (c == 0x00BB) c = 0x00AB;
    out += static_cast<char32_t>(c);
  }
  return out;
}

// The source's heading and paragraphs, in order.
std::vector<std::string> source_blocks(const std::string& language) {
  std::ifstream in(kLetters / ("letter." + language + ".md"));
  std::vector<std::string> blocks;
  for (std::string l; std::getline(in, l);) {
    if (l.empty() || l.find("{{") != std::string::npos) continue;
    blocks.push_back(l.rfind("# ", 0) == 0 ? l.substr(2) : l);
  }
  return blocks;
}

class Letters : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    write_templates(dir_->path() / "templates", kSalutations, kLanguages);
    auto r = run({DOSSIER_BINARY, "letters", "--templates", (dir_->path() / "templates").string(),
                  "--out", (dir_->path() / "out").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    output_ = r.out + r.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::filesystem::path letter(const std::string& language) {
    return dir_->path() / "out" / ("letter-01-alexander-lukashenko." + language + ".pdf");
  }
  // The lines of the letter's pages (not the parliamentarians), without
  // the running head and the page number.
  static std::vector<std::vector<TextLine>> letter_pages(const std::string& language) {
    std::vector<std::vector<TextLine>> pages;
    const auto pdf = letter(language);
    for (int p = 1; p <= page_count(pdf); ++p) {
      auto lines = page_lines(pdf, p);
      bool parliamentarians = false;
      std::vector<TextLine> body;
      for (auto& l : lines) {
        std::string text;
        for (const auto& w : l.words) text += w.text;
        parliamentarians = parliamentarians || text.find("parliamentarianswhosigned") == 0;
        if (l.y0 >= kTop - 2 && l.y1 <= kBottom + 2) body.push_back(l);
      }
      if (parliamentarians) break;
      pages.push_back(std::move(body));
    }
    return pages;
  }
  static std::unique_ptr<TempDir> dir_;
  static std::string output_;
};
std::unique_ptr<TempDir> Letters::dir_;
std::string Letters::output_;

TEST_F(Letters, EveryGlyphIsInsideTheTextAreaAndEveryCharacterOnThePageInOrder) {
  for (const auto& language : kLanguages) {
    SCOPED_TRACE(language);
    std::string text;
    for (const auto& page : letter_pages(language)) {
      for (const auto& line : page) {
        for (const auto& w : line.words) {
          EXPECT_GE(w.x0, kLeft - 0.5) << w.text;
          EXPECT_LE(w.x1, kRight + 0.5) << w.text;
        }
      }
    }
    // The text poppler reads: in the content's order (pdftotext -raw, what
    // the reader matrix calls poppler) where that is the reading order, and
    // in its reading order (plain pdftotext, what Evince and Okular copy)
    // for right-to-left letters, whose words are drawn in visual order. The
    // source's blocks, with only the hyphens of hyphenated line ends added.
    const bool rtl = language == "ar" || language == "he";
    const auto pdf = letter(language);
    std::string all;
    for (int p = 1; p <= page_count(pdf); ++p) {
      std::vector<std::string> argv{"pdftotext",  "-f", std::to_string(p), "-l", std::to_string(p),
                                    pdf.string(), "-"};
      if (!rtl) argv.insert(argv.begin() + 1, "-raw");
      all += output_of(argv);
    }
    const auto got = comparable(all);
    std::u32string want;
    for (const auto& b : source_blocks(language)) want += comparable(b);
    const auto heading = comparable(source_blocks(language).front());
    auto at = got.find(heading.substr(0, 4));
    ASSERT_NE(at, std::u32string::npos);
    std::size_t g = at, k = 0;
    while (k < want.size() && g < got.size()) {
      if (got[g] == want[k]) {
        ++g;
        ++k;
      } else if (got[g] == U'-') {
        ++g;  // a hyphen the breaker added at a line's end
      } else {
        break;
      }
    }
    EXPECT_EQ(k, want.size()) << "the page's text departs from the source at character " << k;
  }
}

TEST_F(Letters, RightToLeftLettersAreFlushRightAndJustified) {
  for (const std::string language : {"ar", "he"}) {
    SCOPED_TRACE(language);
    auto pages = letter_pages(language);
    ASSERT_FALSE(pages.empty());
    // The paragraphs: the lines below the heading (the fifth line on: sender,
    // date line, two address lines, salutation, heading) and above the
    // closing line, grouped by the space between paragraphs.
    const auto& lines = pages.front();
    std::vector<std::vector<TextLine>> paragraphs;
    for (std::size_t i = 6; i + 1 < lines.size(); ++i) {
      if (paragraphs.empty() || lines[i].y0 - lines[i - 1].y0 > 20) paragraphs.emplace_back();
      paragraphs.back().push_back(lines[i]);
    }
    ASSERT_GE(paragraphs.size(), 3u);
    for (std::size_t p = 0; p < 3; ++p) {
      const auto& para = paragraphs[p];
      ASSERT_GE(para.size(), 2u);
      for (std::size_t i = 0; i < para.size(); ++i) {
        EXPECT_NEAR(para[i].x1, kRight, 0.5) << "paragraph " << p + 1 << ", line " << i + 1;
        if (i + 1 < para.size()) {
          EXPECT_NEAR(para[i].x0, kLeft, 0.5) << "paragraph " << p + 1 << ", line " << i + 1;
        }
      }
    }
  }
}

TEST_F(Letters, ChineseAndJapaneseLinesAreFullAndKeepTheirPunctuation) {
  const std::u32string closing = U"，。、」）』》！？：；";
  const std::u32string opening = U"「（『《“";
  for (const std::string language : {"zh-Hans", "ja"}) {
    SCOPED_TRACE(language);
    auto pages = letter_pages(language);
    const auto& lines = pages.front();
    int full = 0;
    for (std::size_t i = 6; i + 1 < lines.size(); ++i) {
      const bool last_of_paragraph = lines[i + 1].y0 - lines[i].y0 > 20 || i + 2 == lines.size();
      std::string text;
      for (const auto& w : lines[i].words) text += w.text;
      const auto u = comparable(text);
      if (u.empty()) continue;
      EXPECT_EQ(closing.find(u.front()), std::u32string::npos) << "a line starts with " << text;
      EXPECT_EQ(opening.find(u.back()), std::u32string::npos) << "a line ends with " << text;
      if (!last_of_paragraph) {
        EXPECT_NEAR(lines[i].x0, kLeft, 0.5) << text;
        EXPECT_NEAR(lines[i].x1, kRight, 0.5) << text;
        ++full;
      }
    }
    EXPECT_GE(full, 6) << "three paragraphs of several lines";
  }
}

TEST_F(Letters, WordsBreakOnlyWhereTheLanguagesPatternsAllowAndGapsStayInBounds) {
  for (const std::string language : {"de", "ru", "be"}) {
    SCOPED_TRACE(language);
    const auto patterns = layout::hyphenation_patterns(language);
    ASSERT_TRUE(patterns) << "Debian's hyphen-" << language << " is installed";
    layout::Hyphenator hyphenator(*patterns);
    const auto source = comparable([&] {
      std::string s;
      for (const auto& b : source_blocks(language)) s += b;
      return s;
    }());
    int hyphenated = 0;
    for (const auto& page : letter_pages(language)) {
      for (std::size_t i = 0; i + 1 < page.size(); ++i) {
        const auto& words = page[i].words;
        if (words.empty() || page[i + 1].words.empty()) continue;
        auto head = words.back().text;
        // A line-end hyphen reads "-" and an invisible U+200B (for PDFium).
        if (head.ends_with("\u200B")) head.resize(head.size() - 3);
        if (head.size() < 2 || head.back() != '-') continue;
        head.pop_back();
        const auto tail = page[i + 1].words.front().text;
        // A hyphen of the source's own (a compound) is no hyphenation.
        if (source.find(comparable(head + "-" + tail)) != std::u32string::npos) continue;
        ++hyphenated;
        // The word broken: letters only, as the patterns see it.
        auto letters_of = [](const std::string& s) {
          std::string out;
          auto u = icu::UnicodeString::fromUTF8(s);
          for (int32_t k = 0; k < u.length(); k = u.moveIndex32(k, 1)) {
            if (u_isalpha(u.char32At(k))) {
              icu::UnicodeString(u.char32At(k)).toUTF8String(out);
            }
          }
          return out;
        };
        const auto a = letters_of(head), b = letters_of(tail);
        const auto points = hyphenator.points(a + b);
        EXPECT_NE(std::find(points.begin(), points.end(), a.size()), points.end())
            << head << "-" << tail;
      }
      // A justified line's widest word gap: the breaker accepts lines whose
      // spaces stretch up to three times their stretchability (0.6 of a
      // space), 2.8 spaces in all; a word's box adds its side bearings.
      for (std::size_t i = 0; i + 1 < page.size(); ++i) {
        if (page[i + 1].y0 - page[i].y0 > 20) continue;  // a paragraph's last line
        const auto& words = page[i].words;
        for (std::size_t w = 1; w < words.size(); ++w) {
          EXPECT_LE(words[w].x0 - words[w - 1].x1, 2.8 * 0.26 * 11 + 1.5)
              << words[w - 1].text << " " << words[w].text;
        }
      }
    }
    EXPECT_GT(hyphenated, 0) << "the paragraphs were chosen to need hyphenation";
  }
}

TEST_F(Letters, LanguagesWithoutPatternsAreNamedOnce) {
  const auto line = output_.find("set without hyphenation");
  ASSERT_NE(line, std::string::npos) << output_;
  EXPECT_EQ(output_.find("set without hyphenation", line + 1), std::string::npos);
  EXPECT_NE(output_.find("th", line), std::string::npos);
}

TEST(LetterSalutations, ARussianLetterWithoutARussianSalutationStopsTheRunNamingBoth) {
  TempDir dir;
  write_templates(dir / "templates", "\"Dear Mr Lukashenko,\"", {"ru"});
  auto out = dir / "out";
  std::filesystem::create_directories(out);
  write_file(out / "manifest.json", "{}");
  const std::vector<std::vector<std::string>> commands{
      {DOSSIER_BINARY, "letters", "--templates", (dir / "templates").string(), "--out",
       out.string()},
      {DOSSIER_BINARY, "build", "--templates", (dir / "templates").string(), "--out", out.string(),
       "--sample-count", "10"}};
  for (const auto& argv : commands) {
    const auto& command = argv[1];
    auto r = run(argv);
    EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
    EXPECT_NE(r.err.find("Alexander Lukashenko"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no salutation in ru"), std::string::npos) << r.err;
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(out)) {
      names.push_back(e.path().filename().string());
    }
    EXPECT_EQ(names, std::vector<std::string>{"manifest.json"}) << "nothing written";
  }
}

TEST(LetterSalutations, EachLanguagesLetterHasItsOwnSalutationAndFile) {
  TempDir dir;
  write_templates(dir / "templates",
                  "{ en = \"Dear Mr Lukashenko,\", ru = \"Уважаемый господин Лукашенко!\" }",
                  {"ru"});
  auto r = run({DOSSIER_BINARY, "letters", "--templates", (dir / "templates").string(), "--out",
                (dir / "out").string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto en =
      output_of({"pdftotext", (dir / "out/letter-01-alexander-lukashenko.pdf").string(), "-"});
  const auto ru =
      output_of({"pdftotext", (dir / "out/letter-01-alexander-lukashenko.ru.pdf").string(), "-"});
  EXPECT_NE(en.find("Dear Mr Lukashenko,"), std::string::npos);
  EXPECT_EQ(en.find("Уважаемый"), std::string::npos) << "the English file has only English";
  EXPECT_NE(ru.find("Уважаемый господин Лукашенко!"), std::string::npos);
  EXPECT_EQ(ru.find("Dear Mr"), std::string::npos) << "the Russian file has only Russian";
  EXPECT_EQ(ru.find("Open Letter to"), std::string::npos);
  // The Russian letter's date is the handover's, as Russian writes it.
  EXPECT_NE(ru.find("9 декабря 2022"), std::string::npos) << ru.substr(0, 300);
}

}  // namespace
}  // namespace dossier::test
