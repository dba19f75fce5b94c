// Small Unicode questions the tests ask of expected names.
#pragma once

#include <string>

namespace dossier::test {

// Whether the text has a strong right-to-left character (Hebrew, Arabic,
// Syriac, Thaana, N'Ko, Adlam, ...).
bool has_rtl(const std::string& utf8);

// Unicode's Bidi_Control characters (ALM, LRM, RLM, LRE..RLO, LRI..PDI):
// what the ingest stage removes from names, and what readers insert
// around right-to-left text when they extract it.
bool is_bidi_control(char32_t c);

}  // namespace dossier::test
