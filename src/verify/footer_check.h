// Internal to the verify stage: the "Page X of Y" footer of every page,
// recognised from layout::PageFooter, the definition that draws it.
#pragma once

#include <cstddef>

#include "verify/findings.h"
#include "verify/volume_text.h"

namespace dossier::verify {

// The footer is drawn on every page with the volume's true total: a
// dropped, added or moved page shows here even outside the signatures.
// One finding for all wrong pages, naming the first and what it says.
void check_footers(const VolumeText& vt, std::size_t first_page, std::size_t expected_total,
                   Findings& findings);

}  // namespace dossier::verify
