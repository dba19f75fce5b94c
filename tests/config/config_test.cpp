// A slip in a file staff edit must stop the build before anything is
// written: every key of the shipped dossier.toml and fonts.toml misspelt
// and mistyped, a misspelt placeholder in every letter, an unknown country
// among the parliamentarians. And every build and check says which privacy
// rules it applied, with the figures the manifest records.
#include "config/config.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/process.h"

namespace dossier::test {
namespace {

const std::filesystem::path kSource = DOSSIER_SOURCE_DIR;
const std::string kFixture3000 = (kSource / "tests/fixtures/signatures-3000.csv").string();

// The key with one letter taken out of its middle: "privacy" → "privcy",
// "by_country" → "by_contry", "BY" → "B".
std::string misspelt(const std::string& key) {
  auto s = key;
  s.erase(s.size() / 2, 1);
  return s;
}

// Where one key of a parsed file sits: its parent table and its name.
struct KeyAt {
  std::vector<std::string> path;  // from the root: table keys, "[i]" for list items
  std::string name;
};

void collect(const toml::table& t, std::vector<std::string> path, std::vector<KeyAt>& out) {
  for (const auto& [key, node] : t) {
    out.push_back({path, std::string(key.str())});
    auto below = path;
    below.emplace_back(key.str());
    if (const auto* sub = node.as_table()) collect(*sub, below, out);
    if (const auto* list = node.as_array(); list && list->is_array_of_tables()) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto item = below;
        item.push_back(fmt::format("[{}]", i));
        collect(*(*list)[i].as_table(), item, out);
      }
    }
  }
}

toml::table* parent_of(toml::table& root, const std::vector<std::string>& path) {
  toml::table* t = &root;
  toml::array* list = nullptr;
  for (const auto& step : path) {
    if (step.front() == '[') {
      t = (*list)[std::stoul(step.substr(1))].as_table();
    } else if (auto* sub = (*t)[step].as_table()) {
      t = sub;
    } else {
      list = (*t)[step].as_array();
    }
  }
  return t;
}

std::string serialised(const toml::table& t) {
  std::ostringstream out;
  out << toml::toml_formatter(t);
  return out.str() + "\n";
}

// The line the key `name` under `path` is on in `text`.
std::size_t line_of(const std::string& text, const std::vector<std::string>& path,
                    const std::string& name) {
  auto parsed = toml::parse(text);
  const auto* parent = parent_of(parsed, path);
  for (const auto& [key, node] : *parent) {
    if (key.str() == name) return key.source().begin.line;
  }
  ADD_FAILURE() << "no key " << name << " in the rewritten file";
  return 0;
}

// Whether the declaration lets the user choose this key's name (an
// edition's name): then a misspelling is only another name.
bool chosen_by_user(const config::Table& shape, const std::vector<std::string>& path,
                    const std::string& name, const std::string& spelling) {
  const config::Table* t = &shape;
  for (const auto& step : path) {
    if (step.front() == '[') continue;
    const config::Key* k = nullptr;
    for (const auto& key : t->keys) {
      if (key.name == step) k = &key;
    }
    if (!k) k = t->named.get();
    if (!k || !k->table) return false;
    t = k->table.get();
  }
  for (const auto& key : t->keys) {
    if (key.name == name) return false;
  }
  return t->named && (!t->name_check || !t->name_check(spelling));
}

// The project's templates in `dir`, the shipped files as they are.
void copy_templates(const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  for (const auto& e : std::filesystem::directory_iterator(kSource / "templates")) {
    std::filesystem::copy(e.path(), dir / e.path().filename(),
                          std::filesystem::copy_options::overwrite_existing);
  }
}

// An output folder holding a previous set (one file), and what it holds.
std::filesystem::path previous_set(const TempDir& dir) {
  auto out = dir / "out";
  std::filesystem::create_directories(out);
  write_file(out / "manifest.json", "{\"previous\": true}");
  return out;
}

void expect_untouched(const std::filesystem::path& out, const std::string& what) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(out)) {
    names.push_back(e.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"manifest.json"}) << what;
  EXPECT_EQ(read_file(out / "manifest.json"), "{\"previous\": true}") << what;
}

struct Mutation {
  std::string what;      // for failure messages
  std::string section;   // the table the key is in ("editions.public")
  std::string text;      // the file as written
  std::string named;     // what the message must name
  std::size_t line = 0;  // and the line it must name
};

// Every key of `file` misspelt, and every key's value given another type,
// each as a whole file.
std::vector<Mutation> mutations(const std::filesystem::path& file,
                                const config::Declaration& declaration) {
  const auto original = toml::parse_file(file.string());
  std::vector<KeyAt> keys;
  collect(original, {}, keys);
  std::vector<Mutation> out;
  for (const auto& k : keys) {
    const auto spelling = misspelt(k.name);
    std::string section;
    for (const auto& step : k.path) section += (section.empty() ? "" : ".") + step;
    if (!chosen_by_user(declaration.root, k.path, k.name, spelling)) {
      auto copy = original;
      auto* parent = parent_of(copy, k.path);
      parent->get(k.name)->visit([&](const auto& node) { parent->insert(spelling, node); });
      parent->erase(k.name);
      auto text = serialised(copy);
      out.push_back({fmt::format("{} misspelt as {}", k.name, spelling), section, text, spelling,
                     line_of(text, k.path, spelling)});
    }
    auto copy = original;
    auto* parent = parent_of(copy, k.path);
    // A text becomes a number; anything else becomes a text.
    if (parent->get(k.name)->is_string()) {
      parent->insert_or_assign(k.name, 7);
    } else {
      parent->insert_or_assign(k.name, "seven");
    }
    auto text = serialised(copy);
    out.push_back({fmt::format("{} of another type", k.name), section, text, k.name,
                   line_of(text, k.path, k.name)});
  }
  return out;
}

void expect_refused(const CommandResult& r, const Mutation& m, const std::string& file) {
  EXPECT_EQ(r.exit_code, 2) << m.what << "\n" << r.err << "\n" << m.text;
  EXPECT_NE(r.err.find(file), std::string::npos) << m.what << ": " << r.err;
  EXPECT_NE(r.err.find(m.named), std::string::npos) << m.what << ": " << r.err;
  EXPECT_NE(r.err.find(fmt::format("line {},", m.line)), std::string::npos)
      << m.what << " (line " << m.line << "): " << r.err;
}

TEST(StrictConfig, EveryKeyOfDossierTomlMisspeltOrMistypedStopsTheBuildNamingIt) {
  TempDir dir;
  const auto all = mutations(kSource / "templates/dossier.toml", config::dossier_toml());
  // The shipped file has some forty keys; each gives one or two cases.
  EXPECT_GT(all.size(), 60u);
  bool privacy_section = false, by_country = false, edition_default = false;
  for (const auto& m : all) {
    // The three slips of the issue that put signers at risk, among others.
    privacy_section |= m.named == misspelt("privacy") && m.section.empty();
    by_country |= m.named == misspelt("by_country") && m.section == "privacy";
    edition_default |= m.named == misspelt("default") && m.section == "editions.public";
    auto templates = dir / "templates";
    copy_templates(templates);
    write_file(templates / "dossier.toml", m.text);
    auto out = previous_set(dir);
    auto r = run({DOSSIER_BINARY, "build", "--templates", templates.string(), "--signatures",
                  kFixture3000, "--out", out.string(), "--quiet"});
    expect_refused(r, m, "dossier.toml");
    expect_untouched(out, m.what);
    std::filesystem::remove_all(out);
  }
  EXPECT_TRUE(privacy_section && by_country && edition_default);
}

TEST(StrictConfig, EveryKeyOfFontsTomlMisspeltOrMistypedStopsTheSpecimenNamingIt) {
  TempDir dir;
  for (const auto& m : mutations(kSource / "fonts/fonts.toml", config::fonts_toml())) {
    write_file(dir / "fonts.toml", m.text);
    auto r = run({DOSSIER_BINARY, "specimen", "--fonts", (dir / "fonts.toml").string(), "--out",
                  (dir / "s.pdf").string()});
    expect_refused(r, m, "fonts.toml");
    EXPECT_FALSE(std::filesystem::exists(dir / "s.pdf")) << m.what;
  }
}

TEST(StrictConfig, TheShippedFilesFollowTheirDeclarations) {
  EXPECT_NO_THROW(
      config::Document::load(kSource / "templates/dossier.toml", config::dossier_toml()));
  EXPECT_NO_THROW(config::Document::load(kSource / "fonts/fonts.toml", config::fonts_toml()));
}

TEST(StrictConfig, SuggestionsAndMessagesSayWhatToWrite) {
  auto refused = [](const std::string& toml) {
    try {
      config::Document::parse(toml, "d.toml", config::dossier_toml());
    } catch (const config::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  const std::string head = "title = \"T\"\n[[recipients]]\nname = \"A\"\n";
  EXPECT_EQ(refused(head + "[privcy]\ndefault = \"full\"\n"),
            "d.toml, line 4, column 2: [privcy]: no such section; did you mean [privacy]?");
  EXPECT_EQ(refused(head + "[layout]\ncolumns = \"three\"\n"),
            "d.toml, line 5, column 11: layout.columns is the text \"three\"; it must be a whole "
            "number");
  EXPECT_EQ(refused(head + "[layout]\ncolumns = 9\n"),
            "d.toml, line 5, column 11: layout.columns is 9; it must be between 1 and 6");
  EXPECT_EQ(refused(head + "[privacy]\nby_country = { BY = \"initals\" }\n"),
            "d.toml, line 5, column 21: privacy.by_country.BY is \"initals\"; use \"full\", "
            "\"no-city\", \"initials\", \"withheld\" or \"withheld-all\" (did you mean "
            "\"initials\"?)");
  EXPECT_EQ(refused(head + "[privacy]\nby_country = { XX = \"initials\" }\n"),
            "d.toml, line 5, column 16: privacy.by_country.XX: not an ISO 3166-1 country code "
            "(two letters, such as BY or DE)");
  EXPECT_EQ(refused("[[recipients]]\nname = \"A\"\n"),
            "d.toml, line 1, column 1: title is missing; it is required (the dossier's title: "
            "cover, running head, PDF properties)");
  // Far from every key: no guess, the keys there are instead.
  EXPECT_EQ(refused(head + "[limits]\nsurname = 3\n"),
            "d.toml, line 5, column 1: surname: no such key in [limits] (known here: name, city)");
  EXPECT_EQ(refused(head), "accepted");
}

TEST(StrictConfig, NearestFindsSlipsAndNotStrangers) {
  const std::vector<std::string> keys{"default", "by_country", "withheld"};
  EXPECT_EQ(config::nearest("defualt", keys), "default");
  EXPECT_EQ(config::nearest("by_contry", keys), "by_country");
  EXPECT_EQ(config::nearest("Withheld", keys), "withheld");
  EXPECT_EQ(config::nearest("colour", keys), std::nullopt);
  EXPECT_TRUE(config::is_country_code("BY"));
  EXPECT_TRUE(config::is_country_code("XK"));  // Kosovo: signers come from there too
  EXPECT_FALSE(config::is_country_code("XX"));
  EXPECT_FALSE(config::is_country_code("EU"));  // a grouping, not a country
  EXPECT_FALSE(config::is_country_code("by"));
}

// The letter files of the shipped templates, each with its first
// placeholder misspelt.
TEST(StrictTemplates, AMisspeltPlaceholderInEachLetterStopsTheBuildNamingFileAndLine) {
  TempDir dir;
  for (const auto& e : std::filesystem::directory_iterator(kSource / "templates")) {
    const auto name = e.path().filename().string();
    if (!name.starts_with("letter.") || !name.ends_with(".md")) continue;
    auto templates = dir / "templates";
    copy_templates(templates);
    auto text = read_file(e.path());
    auto at = text.find("{{salutation}}");
    ASSERT_NE(at, std::string::npos) << name;
    text.replace(at, 14, "{{salutaton}}");
    write_file(templates / name, text);
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n');
    auto out = previous_set(dir);
    for (const char* command : {"build", "letters"}) {
      std::vector<std::string> argv{DOSSIER_BINARY,     command, "--templates",
                                    templates.string(), "--out", out.string()};
      if (std::string(command) == "build") {
        argv.insert(argv.end(), {"--signatures", kFixture3000});
      }
      auto r = run(argv);
      EXPECT_EQ(r.exit_code, 2) << command << " " << name << ": " << r.err;
      EXPECT_NE(r.err.find(fmt::format("{}, line {}: \"{{{{salutaton}}}}\"", name, line)),
                std::string::npos)
          << r.err;
      EXPECT_NE(r.err.find("did you mean {{salutation}}?"), std::string::npos) << r.err;
      expect_untouched(out, name);
    }
    std::filesystem::remove_all(dir / "templates");
    std::filesystem::remove_all(out);
  }
}

TEST(StrictTemplates, AnUnknownCountryAmongTheParliamentariansStopsTheBuildNamingItsLine) {
  TempDir dir;
  auto templates = dir / "templates";
  copy_templates(templates);
  auto csv = read_file(templates / "signatories.csv");
  // The country of line 5 (the header is line 1): the line ending at the
  // fifth line break.
  std::size_t at = 0;
  for (int i = 0; i < 5; ++i) at = csv.find('\n', at) + 1;
  const auto comma = csv.rfind(',', at - 2);
  csv.replace(comma + 1, at - 2 - comma, "XX");
  write_file(templates / "signatories.csv", csv);
  auto out = previous_set(dir);
  for (const char* command : {"build", "letters"}) {
    auto r =
        run({DOSSIER_BINARY, command, "--templates", templates.string(), "--out", out.string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("signatories.csv: line 5: country \"XX\""), std::string::npos) << r.err;
    expect_untouched(out, command);
  }
}

// "printed: full 2,790 · no-city 29 · ...": the block's figures by level.
std::map<std::string, std::uint64_t> printed_levels(const std::string& output) {
  std::map<std::string, std::uint64_t> levels;
  auto at = output.find("  printed: ");
  EXPECT_NE(at, std::string::npos) << output;
  if (at == std::string::npos) return levels;
  const auto line = output.substr(at + 11, output.find('\n', at) - at - 11);
  static const std::regex entry("([a-z-]+) ([0-9,]+)");
  for (std::sregex_iterator it(line.begin(), line.end(), entry), end; it != end; ++it) {
    auto digits = (*it)[2].str();
    std::erase(digits, ',');
    levels[(*it)[1].str()] = std::stoull(digits);
  }
  return levels;
}

std::map<std::string, std::uint64_t> manifest_levels(const std::filesystem::path& dir) {
  auto m = nlohmann::json::parse(read_file(dir / "manifest.json"));
  std::map<std::string, std::uint64_t> levels;
  for (const auto& [level, n] : m["edition"]["levels"].items()) levels[level] = n;
  return levels;
}

TEST(PrivacyBlock, BuildAndCheckPrintTheManifestsFiguresForEachEdition) {
  TempDir dir;
  for (const char* edition : {"handover", "public"}) {
    auto out = dir / edition;
    auto loud = run({DOSSIER_BINARY, "build", "--signatures", kFixture3000, "--edition", edition,
                     "--out", out.string()});
    ASSERT_EQ(loud.exit_code, 0) << loud.err;
    const auto expected = manifest_levels(out);
    ASSERT_EQ(expected.size(), 5u);
    EXPECT_EQ(printed_levels(loud.out), expected) << edition;
    EXPECT_NE(loud.out.find(fmt::format("privacy (edition {}):", edition)), std::string::npos);
    EXPECT_NE(loud.out.find("BY initials, RU no-city"), std::string::npos) << loud.out;

    auto quiet = run({DOSSIER_BINARY, "build", "--signatures", kFixture3000, "--edition", edition,
                      "--out", out.string(), "--quiet"});
    ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
    EXPECT_EQ(printed_levels(quiet.err), expected) << edition;

    auto check = run({DOSSIER_BINARY, "check", "--signatures", kFixture3000, "--edition", edition,
                      "--out", (dir / "check").string()});
    ASSERT_EQ(check.exit_code, 0) << check.err;
    EXPECT_EQ(printed_levels(check.out), expected) << edition;
  }
  // The fixture has signers from Belarus and Russia: the rules by country
  // are at work in the handover, and the public edition prints initials.
  EXPECT_GT(manifest_levels(dir / "handover")["initials"], 0u);
  EXPECT_EQ(manifest_levels(dir / "public")["full"], 0u);
}

// The archive edition the templates ship sets base_rules = false.
TEST(PrivacyBlock, AnEditionThatIgnoresThePrivacyRulesSaysSo) {
  TempDir dir;
  auto templates = dir / "templates";
  copy_templates(templates);
  auto r = run({DOSSIER_BINARY, "check", "--templates", templates.string(), "--signatures",
                kFixture3000, "--edition", "archive", "--out", (dir / "check").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("this edition ignores the privacy rules by country"), std::string::npos)
      << r.out;
  EXPECT_EQ(printed_levels(r.out)["initials"], 0u);
}

// docs/configuration.md is the declarations' reference; rewritten with
// DOSSIER_UPDATE_FIXTURES=1.
TEST(ConfigReference, DocsMatchTheDeclarations) {
  const auto file = kSource / "docs/configuration.md";
  const auto written = config::reference({&config::dossier_toml(), &config::fonts_toml()});
  if (std::getenv("DOSSIER_UPDATE_FIXTURES")) write_file(file, written);
  EXPECT_EQ(read_file(file), written)
      << "docs/configuration.md has drifted from src/config/declarations.cpp; run the test "
         "with DOSSIER_UPDATE_FIXTURES=1";
}

}  // namespace
}  // namespace dossier::test
