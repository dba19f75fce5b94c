// The dossier in its own language, on real builds of the 3,000-row
// fixture with `build --language`: the words the project prints itself
// come from the language's catalogue (none of the English ones is left on
// the cover, the summary or a footer), the footer reads as the language
// writes "page 3 of N", the summary names countries as ICU does in that
// language and groups its numbers the language's way, and verify still
// reads every name.
#include <gtest/gtest.h>
#include <toml++/toml.h>
#include <unicode/locid.h>
#include <unicode/numfmt.h>

#include <regex>
#include <set>

#include "messages/messages.h"
#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = DOSSIER_SOURCE_DIR;
const fs::path kMessages = kSource / "templates/messages";

std::string utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// The words of the English catalogue that say something of their own (not
// "from", "with"...): none may stay in another language's dossier.
std::set<std::string> english_words() {
  static const std::set<std::string> kSyntax = {"plural", "one", "other", "number", "group",
                                                "off",    "few", "many",  "zero",   "two"};
  static const std::set<std::string> kCommon = {"from", "with", "after",  "most",   "given",
                                                "open", "name", "city",   "order",  "real",
                                                "data", "over", "sample", "letter", "recipient"};
  std::set<std::string> words;
  auto table = toml::parse_file((kMessages / "en.toml").string());
  const std::regex word("[A-Za-z]{4,}");
  for (const auto& [group, node] : table) {
    for (const auto& [name, message] : *node.as_table()) {
      const std::string text = message.as_table()->get_as<std::string>("text")->get();
      for (std::sregex_iterator it(text.begin(), text.end(), word), end; it != end; ++it) {
        auto w = it->str();
        std::string lower;
        for (char c : w) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!kSyntax.count(lower) && !kCommon.count(lower)) words.insert(w);
      }
    }
  }
  return words;
}

// English words a language writes the same way.
const std::map<std::string, std::set<std::string>> kSameWords = {
    {"fr", {"Signatures", "signatures", "signature", "Page", "Volume", "Part"}},
};

std::vector<std::string> pages_of(const fs::path& pdf) {
  std::vector<std::string> pages;
  const int n = page_count(pdf);
  for (int p = 1; p <= n; ++p) pages.push_back(pdftotext(pdf, p, p));
  return pages;
}

std::string squeeze_spaces(std::string s) {
  // Spaces, no-break spaces (U+00A0, U+202F: French and Russian grouping).
  s = std::regex_replace(s, std::regex("( |\t|\n|\xC2\xA0|\xE2\x80\xAF)+"), " ");
  return s;
}

class LanguageBuild : public ::testing::TestWithParam<std::string> {};

TEST_P(LanguageBuild, PrintsItsOwnWordsNumbersAndCountries) {
  const auto language = GetParam();
  TempDir out;
  auto built = run({DOSSIER_BINARY, "build", "--signatures",
                    (kSource / "tests/fixtures/signatures-3000.csv").string(), "--language",
                    language, "--out", out.path().string(), "--quiet"});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  EXPECT_EQ(built.err.find("no message catalogue"), std::string::npos) << built.err;
  const auto pdf = out / "01-alexander-lukashenko.pdf";
  const auto pages = pages_of(pdf);
  ASSERT_GT(pages.size(), 5u);
  messages::Catalog words(kMessages, language);

  // The cover, the summary and every footer: what the project prints itself.
  // The texts dossier.toml gives (title, place, date) are the campaign's
  // and stay as written; they are taken out first.
  auto config = toml::parse_file((kSource / "templates/dossier.toml").string());
  std::vector<std::string> given = {*config["title"].value<std::string>(),
                                    *config["subtitle"].value<std::string>(),
                                    *config["campaign"].value<std::string>(),
                                    *config["handover"]["place"].value<std::string>(),
                                    *config["handover"]["display"].value<std::string>(),
                                    "Alexander Lukashenko"};
  std::string own = squeeze_spaces(pages.front());
  const auto heading = words.text("summary.heading");
  for (const auto& page : pages) {
    if (page.find(heading) != std::string::npos) own += " " + squeeze_spaces(page);
  }
  for (const auto& text : given) {
    for (auto at = own.find(squeeze_spaces(text)); at != std::string::npos;
         at = own.find(squeeze_spaces(text))) {
      own.erase(at, squeeze_spaces(text).size());
    }
  }
  // Wrapped over two lines on the cover.
  own = std::regex_replace(own,
                           std::regex("Free Ales Bialiatski and all political|prisoners in "
                                      "Belarus|Open letter from 131 parliamentarians and the "
                                      "signatures of the|petition"),
                           "");
  const auto same = kSameWords.count(language) ? kSameWords.at(language) : std::set<std::string>{};
  for (const auto& w : english_words()) {
    if (same.count(w)) continue;
    EXPECT_FALSE(std::regex_search(own, std::regex("(^|[^A-Za-z])" + w + "([^A-Za-z]|$)")))
        << language << ": the English \"" << w << "\" is on the cover or the summary";
  }

  // The handover's moment as the language writes it (dossier.toml words it
  // in English only).
  const std::map<std::string, std::string> handover = {{"de", "Freitag, 9. Dezember 2022"},
                                                       {"fr", "vendredi 9 décembre 2022"},
                                                       {"ru", "9 декабря 2022"}};
  if (handover.count(language)) {
    EXPECT_NE(pages.front().find(handover.at(language)), std::string::npos) << pages.front();
  }

  // Page 3's footer, as the catalogue says it and as a reader of the
  // language expects it.
  const auto total = pages.size();
  const auto footer = words.text(
      "footer.page", {{"page", std::int64_t{3}}, {"total", static_cast<std::int64_t>(total)}});
  if (words.right_to_left()) {
    // Poppler gives the numbers of a right-to-left line where they stand
    // on it (docs/ARCHITECTURE.md, mixed direction): its words, then.
    for (const auto& part : {std::string("صفحة"), words.number(3), words.number(total)}) {
      EXPECT_NE(pages[2].find(part), std::string::npos) << language << ": " << part;
    }
  } else {
    EXPECT_NE(squeeze_spaces(pages[2]).find(footer), std::string::npos)
        << language << ": " << footer;
  }
  const std::map<std::string, std::string> expected_footer = {
      {"de", "Seite 3 von "}, {"ru", "Страница 3 из "}, {"fr", "Page 3 sur "},
      {"es", "Página 3 de "}, {"uk", "Сторінка 3 з "},  {"be", "Старонка 3 з "}};
  if (expected_footer.count(language)) {
    EXPECT_NE(pages[2].find(expected_footer.at(language) + std::to_string(total)),
              std::string::npos)
        << language;
  }

  // The summary: ICU's country names in the language, and its grouping.
  std::string summary;
  for (const auto& page : pages) {
    if (page.find(heading) != std::string::npos) summary += page;
  }
  ASSERT_FALSE(summary.empty()) << language << ": no page says " << heading;
  for (const auto* code : {"DE", "BY", "FR"}) {
    icu::UnicodeString name;
    icu::Locale("", code).getDisplayCountry(icu::Locale(language.c_str()), name);
    EXPECT_NE(summary.find(utf8(name)), std::string::npos) << language << ": " << utf8(name);
  }
  // The total as ICU's MessageFormat groups it in the language (2.990,
  // 2 990, ٢٬٩٩٠).
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(
      icu::NumberFormat::createInstance(icu::Locale(language.c_str()), err));
  ASSERT_TRUE(U_SUCCESS(err));
  icu::UnicodeString formatted;
  format->format(static_cast<int32_t>(2990), formatted);
  EXPECT_NE(squeeze_spaces(summary).find(squeeze_spaces(utf8(formatted))), std::string::npos)
      << language << ": " << utf8(formatted);

  // The first signature's number: in the rightmost column of a
  // right-to-left dossier, beside the name on its right; in the leftmost
  // otherwise (pdftotext -bbox).
  {
    const auto accepted = read_file(out / "signatures.csv");
    const auto first_line = accepted.substr(accepted.find('\n') + 1);
    const auto first_name = first_line.substr(2, first_line.find(',', 2) - 2);
    int page = 0;
    for (std::size_t i = 0; i < pages.size() && !page; ++i) {
      if (pages[i].find(first_name) != std::string::npos) page = static_cast<int>(i) + 1;
    }
    ASSERT_GT(page, 0) << first_name;
    auto boxes = output_of({"pdftotext", "-bbox", "-f", std::to_string(page), "-l",
                            std::to_string(page), pdf.string(), "-"});
    std::smatch m;
    ASSERT_TRUE(std::regex_search(boxes, m, std::regex("<word xMin=\"([0-9.]+)\"[^>]*>1</word>")))
        << "no signature number 1 on page " << page;
    const double x = std::stod(m[1]);
    if (words.right_to_left()) {
      EXPECT_GT(x, 0.6 * 595.276) << language << ": number 1 at x " << x;
    } else {
      EXPECT_LT(x, 0.4 * 595.276) << language << ": number 1 at x " << x;
    }
  }

  // Mirrored pages move whole lines: a name of several words, and the
  // summary's heading, keep their words in order.
  const auto everything = squeeze_spaces(pdftotext(pdf));
  EXPECT_NE(everything.find("Jennifer Carroll MacNeill"), std::string::npos) << language;
  EXPECT_NE(everything.find(heading), std::string::npos) << language;

  // Every name is still where it was.
  auto verified = run({DOSSIER_BINARY, "verify", out.path().string(), "--quiet"});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
}

INSTANTIATE_TEST_SUITE_P(Shipped, LanguageBuild,
                         ::testing::Values("de", "fr", "es", "ru", "be", "uk", "ar"),
                         [](const auto& param) { return param.param; });

TEST(Language, WithoutACatalogueTheDossierIsEnglishWithOneWarning) {
  TempDir out;
  auto built = run({DOSSIER_BINARY, "build", "--signatures",
                    (kSource / "tests/fixtures/signatures-3000.csv").string(), "--language", "it",
                    "--out", out.path().string(), "--quiet"});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  EXPECT_NE(built.err.find("language \"it\": no message catalogue"), std::string::npos)
      << built.err;
  EXPECT_NE(pdftotext(out / "01-alexander-lukashenko.pdf", 1, 1).find("Addressed to"),
            std::string::npos);
}

TEST(Language, CheckListsTheMessagesACatalogueLacks) {
  TempDir dir;
  fs::create_directories(dir / "templates");
  for (const auto& e : fs::directory_iterator(kSource / "templates")) {
    fs::copy(e.path(), dir / "templates" / e.path().filename(), fs::copy_options::recursive);
  }
  auto de = read_file(dir / "templates/messages/de.toml");
  de = std::regex_replace(de, std::regex("\\[summary\\.share_column\\][^\\[]*"), "");
  write_file(dir / "templates/messages/de.toml", de);
  auto checked = run({DOSSIER_BINARY, "check", "--signatures",
                      (kSource / "tests/fixtures/signatures-3000.csv").string(), "--templates",
                      (dir / "templates").string(), "--language", "de", "--out",
                      (dir / "check").string(), "--quiet"});
  ASSERT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_NE(checked.out.find("messages de: 1 message(s) not translated"), std::string::npos)
      << checked.out;
  EXPECT_NE(checked.out.find("  summary.share_column"), std::string::npos) << checked.out;
  // The build says that key in English.
  auto built = run({DOSSIER_BINARY, "build", "--signatures",
                    (kSource / "tests/fixtures/signatures-3000.csv").string(), "--templates",
                    (dir / "templates").string(), "--language", "de", "--out",
                    (dir / "out").string(), "--quiet"});
  ASSERT_EQ(built.exit_code, 0) << built.err;
  auto last = pdftotext(dir / "out/01-alexander-lukashenko.pdf",
                        page_count(dir / "out/01-alexander-lukashenko.pdf"),
                        page_count(dir / "out/01-alexander-lukashenko.pdf"));
  EXPECT_NE(last.find("Share"), std::string::npos);
  EXPECT_NE(last.find("Unterschriften"), std::string::npos);
}

}  // namespace
}  // namespace dossier::test
