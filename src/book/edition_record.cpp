#include "book/edition_record.h"

#include <map>
#include <string>

namespace dossier::book {
namespace {

// Every level, from most to least shown, with its count (zero included).
std::vector<std::pair<std::string, std::uint64_t>> level_counts(
    const std::vector<ingest::Signature>& signatures) {
  std::map<ingest::PrivacyLevel, std::uint64_t> counts;
  for (const auto& s : signatures) ++counts[s.privacy];
  std::vector<std::pair<std::string, std::uint64_t>> out;
  for (auto level :
       {ingest::PrivacyLevel::Full, ingest::PrivacyLevel::NoCity, ingest::PrivacyLevel::Initials,
        ingest::PrivacyLevel::Withheld, ingest::PrivacyLevel::WithheldAll}) {
    out.emplace_back(std::string(ingest::level_name(level)), counts[level]);
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> rules_by_country(const ingest::Edition& edition) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [country, level] : edition.rules.by_country) {
    out.emplace_back(country, std::string(ingest::level_name(level)));
  }
  return out;
}

}  // namespace

manifest::Edition edition_record(const ingest::Edition& edition,
                                 const std::vector<ingest::Signature>& signatures) {
  manifest::Edition e;
  e.name = edition.name;
  e.default_level = std::string(ingest::level_name(edition.rules.default_level));
  e.by_country = rules_by_country(edition);
  e.withheld = edition.withheld_label;
  e.levels = level_counts(signatures);
  return e;
}

PrivacyReport privacy_report(const Petition& petition, const std::string& consent_column) {
  PrivacyReport r;
  r.edition = petition.edition.name;
  r.default_level = std::string(ingest::level_name(petition.edition.rules.default_level));
  r.by_country = rules_by_country(petition.edition);
  r.base_rules = petition.edition.base_rules;
  if (petition.set.has_consent) r.consent_column = consent_column;
  r.levels = level_counts(petition.set.signatures);
  return r;
}

}  // namespace dossier::book
