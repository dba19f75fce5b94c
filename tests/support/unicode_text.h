// Small Unicode questions the tests ask of expected names.
#pragma once

#include <string>

namespace dossier::test {

// Whether the text has a strong right-to-left character (Hebrew, Arabic,
// Syriac, Thaana, N'Ko, Adlam, ...).
bool has_rtl(const std::string& utf8);

}  // namespace dossier::test
