// [privacy] and [editions.<name>] in dossier.toml.
#include "ingest/privacy_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "ingest/ingest.h"

namespace dossier::ingest {
namespace {

PrivacyLevel level_at(const toml::node& node, const std::string& file, const std::string& key) {
  auto text = node.value<std::string>();
  auto level = text ? parse_level(*text) : std::nullopt;
  if (!level) {
    throw InputError(
        fmt::format("{}: {} must be one of \"full\", \"no-city\", \"initials\", \"withheld\", "
                    "\"withheld-all\"",
                    file, key));
  }
  return *level;
}

// `default` and `by_country` of [privacy] or of one edition.
PrivacyRules rules_of(const toml::table& table, const std::string& file, const std::string& where) {
  PrivacyRules rules;
  if (const auto* d = table.get("default")) {
    rules.default_level = level_at(*d, file, where + ".default");
  }
  if (const auto* node = table.get("by_country")) {
    const auto* countries = node->as_table();
    if (!countries) {
      throw InputError(fmt::format(
          "{}: {}.by_country must be a table such as {{ BY = \"initials\" }}", file, where));
    }
    for (const auto& [key, value] : *countries) {
      std::string code(key.str());
      std::transform(code.begin(), code.end(), code.begin(), [](char c) {
        return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      });
      if (code.size() != 2 || !std::isalpha(static_cast<unsigned char>(code[0])) ||
          !std::isalpha(static_cast<unsigned char>(code[1]))) {
        throw InputError(
            fmt::format("{}: {}.by_country: \"{}\" is not a two-letter country code (ISO 3166-1)",
                        file, where, key.str()));
      }
      rules.by_country[code] = level_at(value, file, fmt::format("{}.by_country.{}", where, code));
    }
  }
  return rules;
}

}  // namespace

PrivacyConfig read_privacy(const toml::table& root, const std::string& file) {
  PrivacyConfig config;
  std::string language = root["language"].value_or(std::string("en"));
  config.withheld_label = withheld_label_for(language);
  if (const auto* privacy = root["privacy"].as_table()) {
    config.rules = rules_of(*privacy, file, "privacy");
    if (const auto* label = privacy->get("withheld")) {
      auto text = label->value<std::string>();
      if (!text || text->empty()) {
        throw InputError(fmt::format("{}: privacy.withheld must be a non-empty text", file));
      }
      config.withheld_label = *text;
    }
  }
  if (const auto* editions = root["editions"].as_table()) {
    for (const auto& [key, node] : *editions) {
      const std::string where = fmt::format("editions.{}", key.str());
      const auto* table = node.as_table();
      if (!table) throw InputError(fmt::format("{}: [{}] must be a table", file, where));
      EditionConfig e;
      e.name = std::string(key.str());
      e.output = table->get("output") ? (*table)["output"].value_or(std::string())
                                      : (e.name == "handover" ? "output" : "output/" + e.name);
      if (e.output.empty()) {
        throw InputError(fmt::format("{}: {}.output must be a folder name", file, where));
      }
      e.rules = rules_of(*table, file, where);
      e.base_rules = (*table)["base_rules"].value_or(true);
      config.editions.push_back(std::move(e));
    }
  }
  // A dossier.toml without editions still builds what it always built.
  if (std::none_of(config.editions.begin(), config.editions.end(),
                   [](const EditionConfig& e) { return e.name == "handover"; })) {
    EditionConfig handover;
    handover.name = "handover";
    handover.output = "output";
    config.editions.insert(config.editions.begin(), std::move(handover));
  }
  return config;
}

}  // namespace dossier::ingest
