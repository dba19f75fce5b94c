// Internal to the book stage: manifest.json of a build, beside the merging
// of pieces' manifests (book.h).
#pragma once

#include <string>

#include "book/book.h"
#include "book/output_set.h"
#include "book/petition.h"

namespace dossier::book {

// Stages manifest.json: what was written (result.volumes), how the input
// rows add up, signatures.csv's hash. `parliamentarians` is the count in
// the totals.
void write_manifest(OutputSet& output, const BuildResult& result, const std::string& title,
                    std::size_t parliamentarians, const Petition& petition);

}  // namespace dossier::book
