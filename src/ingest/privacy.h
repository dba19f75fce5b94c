// Signer privacy: how much of a signature an edition of the dossier may
// show. The volumes go to a government that imprisons people for political
// activity, so a signer's name and town are shown only as far as the
// signer's consent, the campaign's rules by country and the edition all
// allow; the strictest of them wins. Part of the ingest stage's public
// surface (ingest.h includes it).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::ingest {

struct Signature;
struct Reject;

// From most to least shown; a later level is stricter.
enum class PrivacyLevel : std::uint8_t { Full, NoCity, Initials, Withheld, WithheldAll };

// "full", "no-city", "initials", "withheld", "withheld-all".
std::string_view level_name(PrivacyLevel level);

// A level's own name (case-insensitive, surrounding blanks ignored), or
// nullopt.
std::optional<PrivacyLevel> parse_level(std::string_view text);

// What a consent cell of the export says, or nullopt when it says nothing
// we recognise (the row is then rejected, never guessed toward `full`).
// yes/true/1/ja/oui: Full (the configured rules still apply); no/false/0/
// nein/non: Withheld; a level's name: that level; a blank cell: Full, so
// the configured default decides.
std::optional<PrivacyLevel> parse_consent(std::string_view text);

// The stricter of two levels.
PrivacyLevel strictest(PrivacyLevel a, PrivacyLevel b);

// Privacy rules as dossier.toml states them ([privacy] or one edition).
struct PrivacyRules {
  PrivacyLevel default_level = PrivacyLevel::Full;
  std::map<std::string, PrivacyLevel> by_country;  // ISO 3166-1 alpha-2 → level
};

// One [editions.<name>] table.
struct EditionConfig {
  std::string name;
  std::filesystem::path output;  // its default output folder
  PrivacyRules rules;
  // false: the [privacy] rules do not apply to this edition (the
  // campaign's own archive); the signers' consent always does.
  bool base_rules = true;
  bool attach_source = false;  // the accepted signatures embedded (PDF/A-3)
  bool seal = false;           // sealed with [seal] key as the build's last step
};

// [privacy], [editions.*] and the label of withheld names.
struct PrivacyConfig {
  PrivacyRules rules;  // [privacy]
  // [privacy] withheld, when dossier.toml words it; otherwise the book
  // stage takes the message catalogue's (privacy.withheld) in the
  // dossier's language.
  std::optional<std::string> withheld_label;
  std::vector<EditionConfig> editions;  // in name order; `handover` always present
};

// An edition with its rules resolved: what verify checks the printed form
// against, recorded in the manifest.
struct Edition {
  std::string name = "handover";
  std::filesystem::path output = "output";
  PrivacyRules rules;  // [privacy] and the edition's own, strictest per entry
  std::string withheld_label = "Name withheld";
  // false: the [privacy] rules were not applied (base_rules = false).
  bool base_rules = true;
  bool attach_source = false;
  bool seal = false;

  // The level the edition's rules give a signer from `country`, before
  // consent.
  PrivacyLevel level_for(const std::string& country) const;
};

// The edition called `name`. Throws InputError listing the editions there
// are when there is no such edition.
Edition find_edition(const PrivacyConfig& config, const std::string& name);

// Initials of a name: the first grapheme (ICU character boundaries) of each
// word, upper-cased and followed by a full stop when its script has letter
// case ("Anna Kowalska" → "A. K."), alone otherwise ("毛泽东" → "毛").
std::string initials(const std::string& name);

// Whether a text could be initials() of some name: every word one grapheme,
// with or without its full stop.
bool is_initials(const std::string& text);

// Replaces what `level` does not allow in place (and records the level in
// s.privacy): after this the signature holds only its printed form.
void redact(Signature& s, PrivacyLevel level, const std::string& withheld_label);

// Applies the edition's rules and each signer's consent to every signature.
void redact_all(std::vector<Signature>& signatures, const Edition& edition);

// A rejected row is not printed, but rejects.csv lies in the edition's
// folder: its name is shown no more than the strictest level the edition
// could give anyone, and never where the export has a consent column (a
// rejected row's consent cannot be relied on).
void redact_rejects(std::vector<Reject>& rejects, const Edition& edition, bool has_consent);

// Why a printed signature (as signatures.csv has it) shows more than its
// recorded level or than the edition's rules allow; nullopt when it holds.
std::optional<std::string> privacy_breach(const Edition& edition, const std::string& name,
                                          const std::string& city, const std::string& country,
                                          PrivacyLevel level);

}  // namespace dossier::ingest
