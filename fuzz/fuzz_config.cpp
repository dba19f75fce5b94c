// dossier.toml and fonts.toml are edited by hand the night before a
// handover: whatever bytes they hold, the strict reader either accepts the
// file or refuses it with a ConfigError, never crashes or throws anything
// else, and a file it accepts reads back through its declared sections.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "config/config.h"

namespace config = dossier::config;

namespace {

// Every declared value of an accepted file, as the readers take them.
void read_all(const config::Section& section, const config::Table& shape) {
  for (const auto& key : shape.keys) {
    switch (key.kind) {
      case config::Kind::Text:
        (void)section.text(key.name);
        break;
      case config::Kind::Integer:
        (void)section.integer(key.name);
        break;
      case config::Kind::Boolean:
        (void)section.boolean(key.name);
        break;
      case config::Kind::TextList:
        (void)section.texts(key.name);
        break;
      case config::Kind::Localised:
        (void)section.localised(key.name);
        break;
      case config::Kind::Table:
        read_all(section.table(key.name), *key.table);
        break;
      case config::Kind::TableList:
        for (const auto& item : section.tables(key.name)) read_all(item, *key.table);
        break;
    }
  }
  if (shape.named && shape.named->kind == config::Kind::Table) {
    for (const auto& [name, table] : section.named_tables()) read_all(table, *shape.named->table);
  } else if (shape.named) {
    (void)section.named_texts();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto* declaration : {&config::dossier_toml(), &config::fonts_toml()}) {
    try {
      auto document = config::Document::parse(text, "fuzz.toml", *declaration);
      read_all(document.root(), declaration->root);
    } catch (const config::ConfigError&) {
      // Refused with a message naming the place: what it is for.
    }
  }
  return 0;
}
