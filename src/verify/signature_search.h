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
  // Compared exactly in every direction, as verify reads a line back
  // (as_read): a name with two letters swapped, or two glyphs swapped
  // under its /ActualText, fails.
  std::u32string name;
  const std::string* display = nullptr;  // the name as signatures.csv has it
};

// The signatures of the list prepared once for all volumes. `accepted`
// must outlive the result (display points into it).
std::vector<Wanted> prepare(const std::vector<PrintedSignature>& accepted);

// Where a signature was found: its number at `pos` in VolumeText::text,
// its name right after.
struct Found {
  std::size_t pos = 0;
  const Wanted* wanted = nullptr;
};

// Finds each of `wanted` (in list order) in the volume's text after the
// one before it; counts those found in r.signatures_found and adds a
// finding for each run of missing or out-of-order ones. Returns where each
// found one is, in list order.
std::vector<Found> check_signatures(const VolumeText& vt, const std::vector<const Wanted*>& wanted,
                                    VolumeReport& r, Findings& findings);

// A finding for each line whose /ActualText is not what its glyphs say,
// with the signature the line belongs to: the one whose number is printed
// just before it, or, for a name's second line or its place, the last one
// found before it.
void check_lines(const VolumeText& vt, const std::vector<LineMismatch>& lines,
                 const std::vector<const Wanted*>& wanted, const std::vector<Found>& found,
                 Findings& findings);

}  // namespace dossier::verify
