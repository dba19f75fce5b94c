// Internal to the verify stage: every accepted signature searched for in a
// volume's text by its number, in list order, and the failures reported as
// runs (a dropped page fails a hundred entries at once).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "verify/findings.h"
#include "verify/signature_list.h"
#include "verify/volume_text.h"

namespace dossier::verify {

// A signature as searched for, prepared once for all volumes.
struct Wanted {
  std::uint64_t number = 0;
  std::size_t digits = 0;
  // Compared exactly in every direction: the writer gives right-to-left
  // items /ActualText in visual order, which poppler's raw order reads
  // back as the name (pdf/cid_fonts.cpp, visual_order), so a name with two
  // letters swapped fails. Two classes poppler still reorders on its own,
  // whatever the writer says, keep the old comparison of the characters as
  // a multiset: right-to-left names with digits or left-to-right words in
  // them (poppler keeps those where they stand on the line: "2 אברהם לוי"),
  // and right-to-left names with combining marks (poppler moves a mark that
  // ends a right-to-left word to its front). See docs/ARCHITECTURE.md.
  std::u32string name;
  bool as_multiset = false;
  std::u32string sorted;
  const std::string* display = nullptr;  // the name as signatures.csv has it
};

// The signatures of the list prepared once for all volumes. `accepted`
// must outlive the result (display points into it).
std::vector<Wanted> prepare(const std::vector<PrintedSignature>& accepted);

// Finds each of `wanted` (in list order) in the volume's text after the
// one before it; counts those found in r.signatures_found and adds a
// finding for each run of missing or out-of-order ones.
void check_signatures(const VolumeText& vt, const std::vector<const Wanted*>& wanted,
                      VolumeReport& r, Findings& findings);

}  // namespace dossier::verify
