// A line's characters between the order they are read in (logical) and
// the order they stand on the page, left to right (visual), by the Unicode
// Bidirectional Algorithm (ICU). The writer tells readers that take
// /ActualText the visual text of every right-to-left line; verify turns the
// text it reads back from a line's glyphs into the logical text again.
#pragma once

#include <optional>
#include <string>

namespace dossier::text {

// The line as it is seen on the page, left to right, brackets mirrored
// (ICU's UBIDI_DO_MIRRORING). The paragraph direction is the first strong
// character's, as the shaper sets the line.
std::string visual_order(const std::string& logical);

// The logical text whose visual_order is `visual` exactly, or nothing when
// none is found. Two lines can look alike and read differently, so this is
// not an inverse of visual_order in general: it tries the inverse
// algorithm in both paragraph directions and keeps an answer only where
// visual_order gives `visual` back.
std::optional<std::string> logical_order(const std::string& visual);

// Whether the text holds a right-to-left letter (bidi class R or AL).
bool has_rtl_letter(const std::string& utf8);

}  // namespace dossier::text
