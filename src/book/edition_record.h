// Internal to the book stage: the edition's rules and how many
// signatures print at each level, as the manifest records them ("edition",
// which `dossier verify` checks each printed signature against) and as
// every build and check reports them.
#pragma once

#include <vector>

#include "book/book.h"
#include "book/petition.h"
#include "ingest/ingest.h"
#include "manifest/manifest.h"

namespace dossier::book {

// {"name", "default", "by_country": {CC: level}, "withheld", "levels":
// {level: count}}: the edition's resolved rules and how many signatures
// are printed at each level (every level is counted in the totals).
manifest::Edition edition_record(const ingest::Edition& edition,
                                 const std::vector<ingest::Signature>& signatures);

// The same figures for the privacy block of the command line, with
// whether the export had a consent column (`consent_column` names the one
// that was looked for).
PrivacyReport privacy_report(const Petition& petition, const std::string& consent_column);

}  // namespace dossier::book
