// Internal to the ingest stage: reads [privacy] and [editions.*] from
// dossier.toml, already held to its declaration (load_config calls it).
#pragma once

#include <string>

#include "config/config.h"
#include "ingest/privacy.h"

namespace dossier::ingest {

// Throws InputError naming the file and key for an edition whose folder
// is empty.
PrivacyConfig read_privacy(const config::Section& root);

}  // namespace dossier::ingest
