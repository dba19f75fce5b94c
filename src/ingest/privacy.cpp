// Privacy levels, consent values, strictest-wins resolution and the
// redaction that turns a signature into its printed form.
#include "ingest/privacy.h"

#include <fmt/format.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <memory>

#include "ingest/ingest.h"

namespace dossier::ingest {
namespace {

constexpr std::array<std::pair<PrivacyLevel, std::string_view>, 5> kLevelNames{{
    {PrivacyLevel::Full, "full"},
    {PrivacyLevel::NoCity, "no-city"},
    {PrivacyLevel::Initials, "initials"},
    {PrivacyLevel::Withheld, "withheld"},
    {PrivacyLevel::WithheldAll, "withheld-all"},
}};

std::string normalised_word(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (c == ' ') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// The first grapheme cluster (UAX #29) of a word: a letter with its
// combining marks, a Devanagari conjunct's first cluster, a whole emoji
// sequence. A code-point cut would leave a bare mark or half a syllable.
icu::UnicodeString first_grapheme(const icu::UnicodeString& word) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
  if (U_FAILURE(err)) return icu::UnicodeString(word, 0, U16_LENGTH(word.char32At(0)));
  it->setText(word);
  int32_t end = it->following(0);
  if (end == icu::BreakIterator::DONE) end = word.length();
  return icu::UnicodeString(word, 0, end);  // a copy: `word` may be a temporary
}

// Counts grapheme clusters, up to two (all is_initials needs to know).
int graphemes_up_to_two(const icu::UnicodeString& word) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
  if (U_FAILURE(err)) return 2;
  it->setText(word);
  int n = 0;
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE && n < 2; b = it->next()) ++n;
  return n;
}

bool cased(const icu::UnicodeString& grapheme) {
  return grapheme.length() > 0 && u_hasBinaryProperty(grapheme.char32At(0), UCHAR_CASED);
}

}  // namespace

std::string_view level_name(PrivacyLevel level) {
  for (const auto& [l, name] : kLevelNames) {
    if (l == level) return name;
  }
  return "withheld-all";
}

std::optional<PrivacyLevel> parse_level(std::string_view text) {
  auto word = normalised_word(text);
  for (const auto& [l, name] : kLevelNames) {
    if (word == name) return l;
  }
  return std::nullopt;
}

std::optional<PrivacyLevel> parse_consent(std::string_view text) {
  auto word = normalised_word(text);
  // Blank: the signer said nothing, so the configured rules alone decide.
  if (word.empty()) return PrivacyLevel::Full;
  for (std::string_view yes : {"yes", "true", "1", "ja", "oui"}) {
    if (word == yes) return PrivacyLevel::Full;
  }
  for (std::string_view no : {"no", "false", "0", "nein", "non"}) {
    if (word == no) return PrivacyLevel::Withheld;
  }
  return parse_level(word);
}

PrivacyLevel strictest(PrivacyLevel a, PrivacyLevel b) { return std::max(a, b); }

PrivacyLevel Edition::level_for(const std::string& country) const {
  auto level = rules.default_level;
  if (auto it = rules.by_country.find(country); it != rules.by_country.end()) {
    level = strictest(level, it->second);
  }
  return level;
}

Edition find_edition(const PrivacyConfig& config, const std::string& name) {
  auto it = std::find_if(config.editions.begin(), config.editions.end(),
                         [&](const EditionConfig& e) { return e.name == name; });
  if (it == config.editions.end()) {
    std::string known;
    for (const auto& e : config.editions) known += (known.empty() ? "" : ", ") + e.name;
    throw InputError(fmt::format("--edition {}: dossier.toml has no [editions.{}] (editions: {})",
                                 name, name, known));
  }
  Edition e;
  e.name = it->name;
  e.output = it->output;
  if (config.withheld_label) e.withheld_label = *config.withheld_label;
  e.rules = it->rules;
  e.base_rules = it->base_rules;
  e.attach_source = it->attach_source;
  e.seal = it->seal;
  if (it->base_rules) {
    e.rules.default_level = strictest(e.rules.default_level, config.rules.default_level);
    for (const auto& [country, level] : config.rules.by_country) {
      auto [at, fresh] = e.rules.by_country.emplace(country, level);
      if (!fresh) at->second = strictest(at->second, level);
    }
  }
  return e;
}

std::string initials(const std::string& name) {
  std::string out;
  for (const auto& word : words_of(name)) {
    auto g = first_grapheme(icu::UnicodeString::fromUTF8(word));
    // Upper case alone (not title case): "ǆ" becomes "Ǆ" as an initial.
    bool has_case = cased(g);
    if (has_case) g.toUpper(icu::Locale::getRoot());
    if (!out.empty()) out += ' ';
    g.toUTF8String(out);
    if (has_case) out += '.';
  }
  return out;
}

bool is_initials(const std::string& text) {
  auto words = words_of(text);
  if (words.empty()) return false;
  return std::all_of(words.begin(), words.end(), [](std::string w) {
    if (w.size() > 1 && w.back() == '.') w.pop_back();
    return graphemes_up_to_two(icu::UnicodeString::fromUTF8(w)) == 1;
  });
}

void redact(Signature& s, PrivacyLevel level, const std::string& withheld_label) {
  s.privacy = level;
  if (level == PrivacyLevel::Full) return;
  // The city goes at every level but `full`. signed_at stays: it only
  // orders the list and no output prints it.
  s.city.clear();
  if (level == PrivacyLevel::Initials) s.name = initials(s.name);
  if (level >= PrivacyLevel::Withheld) s.name = withheld_label;
  if (level == PrivacyLevel::WithheldAll) s.country.clear();
}

void redact_all(std::vector<Signature>& signatures, const Edition& edition) {
  for (auto& s : signatures) {
    redact(s, strictest(s.privacy, edition.level_for(s.country)), edition.withheld_label);
  }
}

void redact_rejects(std::vector<Reject>& rejects, const Edition& edition, bool has_consent) {
  auto level = edition.rules.default_level;
  for (const auto& [country, l] : edition.rules.by_country) level = strictest(level, l);
  if (has_consent) level = PrivacyLevel::WithheldAll;
  for (auto& r : rejects) {
    // White space alone (an "empty name" reject) has nothing to hide and
    // shows the reason.
    if (words_of(r.name).empty()) continue;
    if (level == PrivacyLevel::Initials) {
      r.name = initials(r.name);
    } else if (level >= PrivacyLevel::Withheld) {
      r.name.clear();
    }
  }
}

std::optional<std::string> privacy_breach(const Edition& edition, const std::string& name,
                                          const std::string& city, const std::string& country,
                                          PrivacyLevel level) {
  auto required = edition.level_for(country);
  if (level < required) {
    return fmt::format("recorded as {}, but edition {} requires at least {} for {}",
                       level_name(level), edition.name, level_name(required),
                       country.empty() ? "signers without a country" : country);
  }
  const bool withheld = level >= PrivacyLevel::Withheld;
  if (level != PrivacyLevel::Full && !city.empty()) {
    return fmt::format("{}: the city \"{}\" is printed", level_name(level), city);
  }
  if (withheld && name != edition.withheld_label) {
    return fmt::format("{}: the name is printed instead of \"{}\"", level_name(level),
                       edition.withheld_label);
  }
  if (level == PrivacyLevel::Initials && !is_initials(name)) {
    return fmt::format("initials: \"{}\" is more than initials", name);
  }
  if (level == PrivacyLevel::WithheldAll && !country.empty()) {
    return fmt::format("withheld-all: the country {} is printed", country);
  }
  return std::nullopt;
}

}  // namespace dossier::ingest
