// The message catalogues against ICU's own plural rules and locale data:
// every plural message of every shipped language has the form CLDR gives
// each count, counts read as a native speaker writes them, and what a
// catalogue lacks is said in English.
#include <gtest/gtest.h>
#include <toml++/toml.h>
#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/numberformatter.h>
#include <unicode/plurrule.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "messages/messages.h"
#include "support/process.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;
const fs::path kMessages = fs::path(DOSSIER_SOURCE_DIR) / "templates/messages";

std::string utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Each message of a catalogue file, by key.
std::map<std::string, std::string> patterns(const fs::path& file) {
  std::map<std::string, std::string> out;
  auto table = toml::parse_file(file.string());
  for (const auto& [group, node] : table) {
    if (!node.is_table()) continue;
    for (const auto& [name, message] : *node.as_table()) {
      if (const auto* text = message.as_table()->get_as<std::string>("text")) {
        out[std::string(group.str()) + "." + std::string(name.str())] = text->get();
      }
    }
  }
  return out;
}

// For each plural argument of a pattern, the keywords it has a branch for.
std::vector<std::set<std::string>> plural_branches(const std::string& pattern) {
  UErrorCode err = U_ZERO_ERROR;
  icu::MessagePattern mp(icu::UnicodeString::fromUTF8(pattern), nullptr, err);
  EXPECT_TRUE(U_SUCCESS(err)) << pattern;
  std::vector<std::set<std::string>> out;
  const int32_t n = mp.countParts();
  for (int32_t i = 0; i < n; ++i) {
    const auto& part = mp.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START ||
        part.getArgType() != UMSGPAT_ARG_TYPE_PLURAL) {
      continue;
    }
    std::set<std::string> keywords;
    const int32_t limit = mp.getLimitPartIndex(i);
    for (int32_t j = i + 1; j < limit; ++j) {
      const auto& p = mp.getPart(j);
      if (p.getType() == UMSGPAT_PART_TYPE_ARG_SELECTOR) {
        keywords.insert(utf8(mp.getSubstring(p)));
        j = mp.getLimitPartIndex(j + 1);  // skip the branch's message
      }
    }
    out.push_back(std::move(keywords));
  }
  return out;
}

TEST(Catalog, EveryPluralMessageHasTheFormCldrGivesEachCount) {
  const std::vector<std::int64_t> counts = {0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 111};
  std::size_t plural_messages = 0;
  for (const auto* language : {"ru", "be", "uk", "ar", "de", "en", "fr", "es"}) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::PluralRules> rules(
        icu::PluralRules::forLocale(icu::Locale(language), err));
    ASSERT_TRUE(U_SUCCESS(err)) << language;
    for (const auto& [key, pattern] : patterns(kMessages / (std::string(language) + ".toml"))) {
      for (const auto& branches : plural_branches(pattern)) {
        ++plural_messages;
        for (auto n : counts) {
          const auto keyword = utf8(rules->select(static_cast<int32_t>(n)));
          EXPECT_TRUE(branches.count(keyword) || branches.count("=" + std::to_string(n)))
              << language << " " << key << ": no \"" << keyword << "\" form for " << n
              << " (falls back to \"other\")";
        }
      }
    }
  }
  EXPECT_GT(plural_messages, 40u);
}

TEST(Catalog, RussianAndArabicCountsReadAsTheirSpeakersWriteThem) {
  messages::Catalog ru(kMessages, "ru");
  auto sigs = [&](const messages::Catalog& c, std::int64_t n) {
    return c.text("summary.figures", {{"signatures", n}, {"countries", std::int64_t{1}}});
  };
  EXPECT_EQ(sigs(ru, 1), "1 подпись из 1 страны");
  EXPECT_EQ(sigs(ru, 2), "2 подписи из 1 страны");
  EXPECT_EQ(sigs(ru, 5), "5 подписей из 1 страны");
  EXPECT_EQ(sigs(ru, 21), "21 подпись из 1 страны");
  EXPECT_EQ(sigs(ru, 100000), "100\u00A0000 подписей из 1 страны");
  messages::Catalog ar(kMessages, "ar");
  EXPECT_EQ(sigs(ar, 2), "توقيعان من دولة واحدة");
  EXPECT_EQ(sigs(ar, 3), "٣ توقيعات من دولة واحدة");
  EXPECT_EQ(sigs(ar, 11), "١١ توقيعًا من دولة واحدة");
  EXPECT_EQ(sigs(ar, 100), "١٠٠ توقيع من دولة واحدة");
}

TEST(Catalog, NumbersAndCountriesComeFromTheLanguage) {
  EXPECT_EQ(messages::Catalog(kMessages, "en").number(100000), "100,000");
  EXPECT_EQ(messages::Catalog(kMessages, "de").number(100000), "100.000");
  EXPECT_EQ(messages::Catalog(kMessages, "ar").number(100000), "١٠٠٬٠٠٠");
  EXPECT_EQ(messages::Catalog(kMessages, "de").country("DE"), "Deutschland");
  EXPECT_EQ(messages::Catalog(kMessages, "ru").country("DE"), "Германия");
  EXPECT_EQ(messages::Catalog(kMessages, "fr").country("DE"), "Allemagne");
  EXPECT_EQ(messages::Catalog(kMessages, "en").share(208, 1000), "20.8 %");
  EXPECT_EQ(messages::Catalog(kMessages, "de").share(208, 1000), "20,8 %");
  EXPECT_EQ(messages::Catalog(kMessages, "en").share(1, 100000), "< 0.1 %");
  EXPECT_TRUE(messages::Catalog(kMessages, "ar").right_to_left());
  EXPECT_FALSE(messages::Catalog(kMessages, "de").right_to_left());
}

TEST(Catalog, EveryShippedLanguageHasEveryMessage) {
  const auto shipped = messages::shipped_languages(kMessages);
  for (const auto* language : {"en", "de", "fr", "es", "ru", "be", "uk", "ar"}) {
    EXPECT_TRUE(std::count(shipped.begin(), shipped.end(), language)) << language;
    messages::Catalog c(kMessages, language);
    EXPECT_TRUE(c.found()) << language;
    EXPECT_TRUE(c.missing_keys().empty()) << language << " lacks " << c.missing_keys().front();
  }
}

TEST(Catalog, ALanguageWithoutACatalogueAndAMissingKeySpeakEnglish) {
  TempDir dir;
  fs::copy_file(kMessages / "en.toml", dir / "en.toml");
  write_file(dir / "xx.toml",
             "[summary.heading]\nen = \"Signatures by country\"\ntext = \"Xx xx xx\"\n");
  messages::Catalog xx(dir.path(), "xx");
  EXPECT_TRUE(xx.found());
  EXPECT_EQ(xx.text("summary.heading"), "Xx xx xx");
  EXPECT_EQ(xx.text("summary.country"), "Country");
  EXPECT_TRUE(std::count(xx.missing_keys().begin(), xx.missing_keys().end(), "summary.country"));
  messages::Catalog it(dir.path(), "it");
  EXPECT_FALSE(it.found());
  EXPECT_EQ(it.text("footer.page", {{"page", std::int64_t{3}}, {"total", std::int64_t{1234}}}),
            "Page 3 of 1234");
  // A region falls back to its language's catalogue.
  EXPECT_TRUE(messages::Catalog(kMessages, "de-CH").found());
}

TEST(Catalog, ABrokenCatalogueIsAnErrorNamingTheFileAndKey) {
  TempDir dir;
  fs::copy_file(kMessages / "en.toml", dir / "en.toml");
  write_file(dir / "de.toml", "[summary.heading]\ntext = \"{count, plural, one {x}\"\n");
  try {
    messages::Catalog de(dir.path(), "de");
    FAIL() << "a pattern ICU cannot read was accepted";
  } catch (const messages::CatalogError& e) {
    EXPECT_NE(std::string(e.what()).find("de.toml"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("summary.heading"), std::string::npos) << e.what();
  }
  write_file(dir / "de.toml", "[summary.headng]\ntext = \"Unterschriften\"\n");
  EXPECT_THROW(messages::Catalog(dir.path(), "de"), messages::CatalogError);
}

}  // namespace
}  // namespace dossier::test
