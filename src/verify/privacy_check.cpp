#include "verify/privacy_check.h"

#include <fmt/format.h>

namespace dossier::verify {
namespace {

ingest::PrivacyLevel level_of(const nlohmann::json& value, const std::string& where) {
  auto level = value.is_string() ? ingest::parse_level(value.get<std::string>()) : std::nullopt;
  if (!level) {
    throw UnusableInput(fmt::format("manifest.json: {} is not a privacy level", where));
  }
  return *level;
}

}  // namespace

ingest::Edition edition_from_manifest(const nlohmann::json& entry) {
  if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string() ||
      !entry.contains("withheld") || !entry["withheld"].is_string()) {
    throw UnusableInput("manifest.json: \"edition\" lacks its name or withheld label");
  }
  ingest::Edition e;
  e.name = entry["name"].get<std::string>();
  e.withheld_label = entry["withheld"].get<std::string>();
  e.rules.default_level = level_of(entry.value("default", nlohmann::json()), "edition.default");
  if (entry.contains("by_country")) {
    const auto& countries = entry["by_country"];
    if (!countries.is_object()) {
      throw UnusableInput("manifest.json: edition.by_country is not an object");
    }
    for (const auto& [country, level] : countries.items()) {
      e.rules.by_country[country] = level_of(level, "edition.by_country." + country);
    }
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
