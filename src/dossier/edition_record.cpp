#include "dossier/edition_record.h"

#include <map>
#include <string>

namespace dossier::book {

nlohmann::ordered_json edition_record(const ingest::Edition& edition,
                                      const std::vector<ingest::Signature>& signatures) {
  nlohmann::ordered_json e;
  e["name"] = edition.name;
  e["default"] = std::string(ingest::level_name(edition.rules.default_level));
  e["by_country"] = nlohmann::ordered_json::object();
  for (const auto& [country, level] : edition.rules.by_country) {
    e["by_country"][country] = std::string(ingest::level_name(level));
  }
  e["withheld"] = edition.withheld_label;
  std::map<ingest::PrivacyLevel, std::uint64_t> counts;
  for (const auto& s : signatures) ++counts[s.privacy];
  e["levels"] = nlohmann::ordered_json::object();
  for (auto level :
       {ingest::PrivacyLevel::Full, ingest::PrivacyLevel::NoCity, ingest::PrivacyLevel::Initials,
        ingest::PrivacyLevel::Withheld, ingest::PrivacyLevel::WithheldAll}) {
    e["levels"][std::string(ingest::level_name(level))] = counts[level];
  }
  return e;
}

}  // namespace dossier::book
