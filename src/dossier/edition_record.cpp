#include "dossier/edition_record.h"

#include <map>
#include <string>

namespace dossier::book {

manifest::Edition edition_record(const ingest::Edition& edition,
                                 const std::vector<ingest::Signature>& signatures) {
  manifest::Edition e;
  e.name = edition.name;
  e.default_level = std::string(ingest::level_name(edition.rules.default_level));
  for (const auto& [country, level] : edition.rules.by_country) {
    e.by_country.emplace_back(country, std::string(ingest::level_name(level)));
  }
  e.withheld = edition.withheld_label;
  std::map<ingest::PrivacyLevel, std::uint64_t> counts;
  for (const auto& s : signatures) ++counts[s.privacy];
  for (auto level :
       {ingest::PrivacyLevel::Full, ingest::PrivacyLevel::NoCity, ingest::PrivacyLevel::Initials,
        ingest::PrivacyLevel::Withheld, ingest::PrivacyLevel::WithheldAll}) {
    e.levels.emplace_back(std::string(ingest::level_name(level)), counts[level]);
  }
  return e;
}

}  // namespace dossier::book
