// Privacy levels as pure functions: consent values, strictest wins, the
// printed form of each level, initials per grapheme in every script, and
// the check verify applies to a printed list.
#include "ingest/privacy.h"

#include <gtest/gtest.h>

#include "ingest/ingest.h"
#include "support/process.h"

namespace dossier::ingest {
namespace {

using L = PrivacyLevel;

TEST(Privacy, ConsentValuesInEveryLanguageTheIssueNames) {
  for (const char* yes : {"yes", "YES", " true ", "1", "ja", "Oui", ""}) {
    EXPECT_EQ(parse_consent(yes), L::Full) << yes;
  }
  for (const char* no : {"no", "False", "0", "nein", "NON"}) {
    EXPECT_EQ(parse_consent(no), L::Withheld) << no;
  }
  EXPECT_EQ(parse_consent("initials"), L::Initials);
  EXPECT_EQ(parse_consent("No-City"), L::NoCity);
  EXPECT_EQ(parse_consent("withheld-all"), L::WithheldAll);
  // Anything else is never read as a yes.
  for (const char* odd : {"maybe", "y", "n", "2", "yes please", "nicht"}) {
    EXPECT_EQ(parse_consent(odd), std::nullopt) << odd;
  }
}

TEST(Privacy, LevelsRoundTripByName) {
  for (auto l : {L::Full, L::NoCity, L::Initials, L::Withheld, L::WithheldAll}) {
    EXPECT_EQ(parse_level(level_name(l)), l);
  }
  EXPECT_EQ(parse_level("yes"), std::nullopt);
}

TEST(Privacy, InitialsAreOneGraphemePerWord) {
  EXPECT_EQ(initials("Anna Kowalska"), "A. K.");
  EXPECT_EQ(initials("Сяргей Ціханоўскі"), "С. Ц.");
  EXPECT_EQ(initials("élodie marchand"), "É. M.");
  EXPECT_EQ(initials("Madonna"), "M.");
  // Decomposed e + combining acute: the mark stays with its letter.
  EXPECT_EQ(initials("E\u0301mile Zola"), "E\u0301. Z.");
  // No letter case: the first grapheme alone, no full stop.
  EXPECT_EQ(initials("渡辺健二"), "渡");
  EXPECT_EQ(initials("علي حسن"), "ع ح");
  // A Devanagari syllable with its vowel sign is one grapheme.
  EXPECT_EQ(initials("सीता राम"), "सी रा");
  EXPECT_TRUE(is_initials("A. K."));
  EXPECT_TRUE(is_initials("सी रा"));
  EXPECT_TRUE(is_initials(initials("E\u0301mile Zola")));
  EXPECT_FALSE(is_initials("Anna K."));
  EXPECT_FALSE(is_initials(""));
}

Edition handover() {
  PrivacyConfig config;
  config.withheld_label = "Name withheld";
  config.rules.by_country = {{"BY", L::Initials}, {"RU", L::NoCity}};
  config.editions.push_back({"handover", "output", {}, true});
  return find_edition(config, "handover");
}

TEST(Privacy, TheStrictestOfConsentCountryAndEditionWins) {
  PrivacyConfig config;
  config.withheld_label = "Name withheld";
  config.rules.by_country = {{"BY", L::Initials}, {"RU", L::NoCity}};
  EditionConfig pub{"public", "output/public", {}, true};
  pub.rules.default_level = L::Initials;
  pub.rules.by_country = {{"RU", L::Withheld}};
  config.editions = {{"handover", "output", {}, true}, pub, {"archive", "a", {}, false}};

  auto h = find_edition(config, "handover");
  EXPECT_EQ(h.level_for("BY"), L::Initials);
  EXPECT_EQ(h.level_for("RU"), L::NoCity);
  EXPECT_EQ(h.level_for("DE"), L::Full);
  auto p = find_edition(config, "public");
  EXPECT_EQ(p.level_for("DE"), L::Initials);
  EXPECT_EQ(p.level_for("RU"), L::Withheld);
  EXPECT_EQ(p.output, "output/public");
  // The archive ignores the country rules, never the signer's consent.
  auto a = find_edition(config, "archive");
  EXPECT_EQ(a.level_for("BY"), L::Full);
  std::vector<Signature> sigs(2);
  sigs[0].name = "Anna Berg";
  sigs[0].city = "Minsk";
  sigs[0].country = "BY";
  sigs[1] = sigs[0];
  sigs[1].privacy = L::Withheld;  // said no
  redact_all(sigs, a);
  EXPECT_EQ(sigs[0].name, "Anna Berg");
  EXPECT_EQ(sigs[1].name, "Name withheld");
  EXPECT_THROW(find_edition(config, "embassy"), InputError);
}

TEST(Privacy, EachLevelLeavesOnlyItsPrintedForm) {
  auto edition = handover();
  auto printed = [&](L level) {
    Signature s;
    s.name = "Aliaksandra Kavalenka";
    s.city = "Minsk";
    s.country = "BY";
    redact(s, level, edition.withheld_label);
    return s.name + "|" + s.city + "|" + s.country;
  };
  EXPECT_EQ(printed(L::Full), "Aliaksandra Kavalenka|Minsk|BY");
  EXPECT_EQ(printed(L::NoCity), "Aliaksandra Kavalenka||BY");
  EXPECT_EQ(printed(L::Initials), "A. K.||BY");
  EXPECT_EQ(printed(L::Withheld), "Name withheld||BY");
  EXPECT_EQ(printed(L::WithheldAll), "Name withheld||");
}

TEST(Privacy, RejectsShowNoMoreThanTheStrictestRule) {
  auto edition = handover();  // strictest rule: initials (BY)
  std::vector<Reject> rejects{{3, "why", "Anna Berg"}};
  redact_rejects(rejects, edition, false);
  EXPECT_EQ(rejects[0].name, "A. B.");
  redact_rejects(rejects, edition, true);  // with a consent column: nothing
  EXPECT_EQ(rejects[0].name, "");
}

TEST(Privacy, APrintedFormBeyondItsLevelOrTheRulesIsABreach) {
  auto edition = handover();
  EXPECT_EQ(privacy_breach(edition, "A. K.", "", "BY", L::Initials), std::nullopt);
  EXPECT_EQ(privacy_breach(edition, "Name withheld", "", "", L::WithheldAll), std::nullopt);
  EXPECT_NE(privacy_breach(edition, "Aliaksandra Kavalenka", "", "BY", L::Initials), std::nullopt);
  EXPECT_NE(privacy_breach(edition, "Aliaksandra Kavalenka", "Minsk", "BY", L::Full), std::nullopt);
  EXPECT_NE(privacy_breach(edition, "Ivan Petrov", "Kazan", "RU", L::NoCity), std::nullopt);
  EXPECT_NE(privacy_breach(edition, "Olga Smirnova", "", "RU", L::Withheld), std::nullopt);
  EXPECT_NE(privacy_breach(edition, "Name withheld", "", "PT", L::WithheldAll), std::nullopt);
}

TEST(Privacy, ConfigReadsPrivacyAndEditionsAndNamesBadValues) {
  dossier::test::TempDir dir;
  const std::string head = "title = \"T\"\nlanguage = \"de\"\n[[recipients]]\nname = \"A B\"\n";
  dossier::test::write_file(dir / "ok.toml",
                            head +
                                "[privacy]\ndefault = \"no-city\"\nby_country = { by = "
                                "\"initials\" }\n[editions.public]\ndefault = \"initials\"\n");
  auto c = load_config(dir / "ok.toml");
  EXPECT_EQ(c.privacy.withheld_label, std::nullopt) << "unworded: the catalogue's words it";
  auto h = find_edition(c.privacy, "handover");  // implied when not written
  EXPECT_EQ(h.output, "output");
  EXPECT_EQ(h.level_for("BY"), L::Initials);
  EXPECT_EQ(h.level_for("FR"), L::NoCity);
  EXPECT_EQ(find_edition(c.privacy, "public").output, "output/public");

  dossier::test::write_file(dir / "bad.toml",
                            head + "[privacy]\nby_country = { BY = \"initial\" }\n");
  try {
    load_config(dir / "bad.toml");
    FAIL() << "a misspelt level must stop the build";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("privacy.by_country.BY"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace dossier::ingest
