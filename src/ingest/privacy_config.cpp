// [privacy] and [editions.<name>] in dossier.toml.
#include "ingest/privacy_config.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "ingest/ingest.h"

namespace dossier::ingest {
namespace {

// The declaration has already held every level to its choices.
PrivacyLevel level_of(const std::string& text) { return parse_level(text).value(); }

std::string upper(std::string code) {
  std::transform(code.begin(), code.end(), code.begin(), [](char c) {
    return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  });
  return code;
}

// `default` and `by_country` of [privacy] or of one edition.
PrivacyRules rules_of(const config::Section& table) {
  PrivacyRules rules;
  rules.default_level = level_of(table.text("default"));
  for (const auto& [code, level] : table.table("by_country").named_texts()) {
    rules.by_country[upper(code)] = level_of(level);
  }
  return rules;
}

}  // namespace

PrivacyConfig read_privacy(const config::Section& root) {
  PrivacyConfig config;
  const auto privacy = root.table("privacy");
  config.rules = rules_of(privacy);
  if (privacy.has("withheld")) {
    config.withheld_label = privacy.text("withheld");
    if (config.withheld_label->empty()) {
      throw InputError(fmt::format("{}: {} must be a non-empty text", privacy.where("withheld"),
                                   privacy.path_of("withheld")));
    }
  }
  for (const auto& [name, table] : root.table("editions").named_tables()) {
    EditionConfig e;
    e.name = name;
    e.output = table.has("output") ? table.text("output")
                                   : (name == "handover" ? "output" : "output/" + name);
    if (e.output.empty()) {
      throw InputError(fmt::format("{}: {} must be a folder name", table.where("output"),
                                   table.path_of("output")));
    }
    e.rules = rules_of(table);
    e.base_rules = table.boolean("base_rules");
    e.attach_source = table.boolean("attach_source");
    e.seal = table.boolean("seal");
    config.editions.push_back(std::move(e));
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
