// Internal to the verify stage: checks each printed signature of
// signatures.csv against the privacy rules of the edition the manifest
// records, so a copy that shows a redacted name or city is caught by its
// number even when its PDFs and list were altered alike.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "manifest/manifest.h"
#include "verify/signature_list.h"
#include "verify/verify.h"

namespace dossier::verify {

// The manifest's "edition" entry. Throws UnusableInput for one that does
// not say a known level where it must.
ingest::Edition edition_from_manifest(const manifest::Edition& entry);

// A discrepancy (file `list`, naming the number) for each signature shown
// beyond its level or the edition's rules.
std::vector<Discrepancy> check_privacy(const ingest::Edition& edition,
                                       const std::vector<PrintedSignature>& rows,
                                       const std::string& list);

}  // namespace dossier::verify
