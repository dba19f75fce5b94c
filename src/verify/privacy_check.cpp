#include "verify/privacy_check.h"

#include <fmt/format.h>

namespace dossier::verify {
namespace {

ingest::PrivacyLevel level_of(const std::string& value, const std::string& where) {
  auto level = ingest::parse_level(value);
  if (!level) {
    throw UnusableInput(fmt::format("manifest.json: {} is not a privacy level", where));
  }
  return *level;
}

}  // namespace

// The manifest library checked the edition's shape; the levels are the
// ingest stage's to judge. A level of another type reads as "", no level.
ingest::Edition edition_from_manifest(const manifest::Edition& entry) {
  ingest::Edition e;
  e.name = entry.name;
  e.withheld_label = entry.withheld;
  e.rules.default_level = level_of(entry.default_level, "edition.default");
  for (const auto& [country, level] : entry.by_country) {
    e.rules.by_country[country] = level_of(level, "edition.by_country." + country);
  }
  return e;
}

std::vector<Discrepancy> check_privacy(const ingest::Edition& edition,
                                       const std::vector<PrintedSignature>& rows,
                                       const std::string& list) {
  std::vector<Discrepancy> found;
  for (const auto& row : rows) {
    auto level = ingest::parse_level(row.privacy);
    std::optional<std::string> why;
    if (!level) {
      why = fmt::format("privacy \"{}\" is not a level", row.privacy);
    } else {
      why = ingest::privacy_breach(edition, row.name, row.city, row.country, *level);
    }
    if (why) {
      found.push_back(
          {list, 0, row.number,
           fmt::format("signature {}: {} (edition {})", row.number, *why, edition.name)});
    }
  }
  return found;
}

}  // namespace dossier::verify
