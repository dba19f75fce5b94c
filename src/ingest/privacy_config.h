// Internal to the ingest stage: reads [privacy] and [editions.*] from the
// parsed dossier.toml (load_config calls it).
#pragma once

#include <toml++/toml.h>

#include <string>

#include "ingest/privacy.h"

namespace dossier::ingest {

// Throws InputError naming the file and key for an unknown level, a
// country that is not two letters, or an edition without a name.
PrivacyConfig read_privacy(const toml::table& root, const std::string& file);

}  // namespace dossier::ingest
