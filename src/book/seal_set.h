// Internal to the book stage: the seal as the last step of a build,
// over the pieces still in the staging folder.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "book/book.h"
#include "book/output_set.h"
#include "manifest/manifest.h"

namespace dossier::book {

// Seals every staged piece in place and records each seal in its
// manifest record.
void seal_staged(OutputSet& output, std::vector<manifest::Volume>& volumes,
                 const seal::Sealer& sealer, const std::function<void(const std::string&)>& say);

// A seal as the manifest records it.
manifest::Seal to_manifest(const seal::SealRecord& record);

}  // namespace dossier::book
