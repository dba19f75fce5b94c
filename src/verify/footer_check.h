// Internal to the verify stage: the "Page X of Y" footer of every page,
// recognised from the message catalogue's "footer.page", the definition
// that draws it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "verify/findings.h"
#include "verify/volume_text.h"

namespace dossier::verify {

// The footer is drawn on every page with the volume's true total: a
// dropped, added or moved page shows here even outside the signatures.
// One finding for all wrong pages, naming the first and what it says.
// `footer` gives the footer of page X of Y, in the volume's language.
using FooterText = std::function<std::string(std::size_t page, std::size_t total)>;
void check_footers(const VolumeText& vt, std::size_t first_page, std::size_t expected_total,
                   const FooterText& footer, Findings& findings);

}  // namespace dossier::verify
