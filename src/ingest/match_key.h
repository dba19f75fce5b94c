// Internal to the ingest stage: the form in which header names and country
// names are compared.
#pragma once

#include <string>
#include <string_view>

namespace dossier::ingest {

// Case-folded (ICU full case folding), accents and other combining marks
// removed, every run of punctuation and white space one space, trimmed:
// "Città" and "citta", "E-Mail" and "e_mail", "Côte d’Ivoire" and
// "cote d'ivoire" give the same key.
std::string match_key(std::string_view utf8);

// ICU full case folding, nothing else: how names are compared when
// duplicates are found by name.
std::string fold_case(std::string_view utf8);

}  // namespace dossier::ingest
