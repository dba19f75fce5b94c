// Internal to the dossier stage: the manifest's "edition" entry, which
// `dossier verify` checks each printed signature against.
#pragma once

#include <vector>

#include "ingest/ingest.h"
#include "manifest/manifest.h"

namespace dossier::book {

// {"name", "default", "by_country": {CC: level}, "withheld", "levels":
// {level: count}}: the edition's resolved rules and how many signatures
// are printed at each level (every level is counted in the totals).
manifest::Edition edition_record(const ingest::Edition& edition,
                                 const std::vector<ingest::Signature>& signatures);

}  // namespace dossier::book
