#include "app/reports.h"

#include <fmt/format.h>

#include <algorithm>

#include "messages/messages.h"
#include "text/text.h"

namespace dossier::app {

namespace fs = std::filesystem;

// The first few texts that miss a glyph, on stderr: a name left blank on
// the page must never pass unnoticed.
void report_uncovered(const std::vector<book::UncoveredText>& uncovered, const fs::path& coverage) {
  if (uncovered.empty()) return;
  constexpr std::size_t kShown = 10;
  std::fprintf(stderr,
               "warning: %zu text(s) contain characters no installed font covers; they print "
               "without those glyphs (all listed in %s):\n",
               uncovered.size(), coverage.c_str());
  for (std::size_t i = 0; i < std::min(kShown, uncovered.size()); ++i) {
    const auto& u = uncovered[i];
    std::string chars;
    for (char32_t cp : u.missing) {
      chars += (chars.empty() ? "" : ", ") + text::describe_codepoint(cp);
    }
    std::string who = u.number ? fmt::format("no. {} ({})", u.number, u.where) : u.where;
    std::fprintf(stderr, "  %s: \"%s\": %s\n", who.c_str(), u.text.c_str(), chars.c_str());
  }
  if (uncovered.size() > kShown) {
    std::fprintf(stderr, "  ... and %zu more\n", uncovered.size() - kShown);
  }
}

// Country values that are neither a code nor a name ICU knows: the rows
// are kept with no country, and staff should see which values those were.
void report_unknown_countries(const ingest::InputStats& input, std::FILE* to) {
  if (input.unknown_country_rows == 0) return;
  std::fprintf(to,
               "%llu row(s) name a country that is not recognised (kept, country left empty):\n",
               static_cast<unsigned long long>(input.unknown_country_rows));
  for (const auto& u : input.unknown_countries) {
    std::fprintf(to, "  %6llu  %s\n", static_cast<unsigned long long>(u.rows), u.value.c_str());
  }
}

// Which privacy rules the run applied and how many signatures print at
// each level: printed by every build and check, --quiet included, since a
// slip in dossier.toml or the wrong --edition shows here first.
void report_privacy(const book::PrivacyReport& p, std::FILE* to) {
  std::string rules = "default " + p.default_level;
  for (const auto& [country, level] : p.by_country) rules += fmt::format(", {} {}", country, level);
  std::string printed;
  for (const auto& [level, count] : p.levels) {
    printed += fmt::format("{}{} {}", printed.empty() ? "" : " · ", level, ingest::grouped(count));
  }
  std::fprintf(to, "privacy (edition %s):\n  rules:   %s\n", p.edition.c_str(), rules.c_str());
  if (!p.base_rules) {
    std::fprintf(to,
                 "  warning: this edition ignores the privacy rules by country and the default of "
                 "[privacy] in dossier.toml (base_rules = false); never hand it over\n");
  }
  std::fprintf(to, "  consent: %s\n",
               p.consent_column.empty()
                   ? "no consent column in the export"
                   : fmt::format("column \"{}\" read", p.consent_column).c_str());
  std::fprintf(to, "  printed: %s\n", printed.c_str());
}

// The dossier's own words: whether its language has a catalogue, and each
// catalogue's messages that are still in English.
void report_catalogues(const book::BuildOptions& options) {
  const auto& dir = options.messages;
  const auto language = options.language
                            ? *options.language
                            : ingest::load_config(options.templates / "dossier.toml").language;
  if (!messages::Catalog(dir, language).found()) {
    std::printf(
        "language %s: no message catalogue in %s: the dossier's own words print in "
        "English\n",
        language.c_str(), dir.c_str());
  }
  for (const auto& shipped : messages::shipped_languages(dir)) {
    const messages::Catalog catalog(dir, shipped);
    if (catalog.missing_keys().empty()) continue;
    std::printf("messages %s: %zu message(s) not translated, printed in English:\n",
                shipped.c_str(), catalog.missing_keys().size());
    for (const auto& key : catalog.missing_keys()) std::printf("  %s\n", key.c_str());
  }
}

}  // namespace dossier::app
