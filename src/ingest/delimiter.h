// Internal to the ingest stage: which character separates the fields of a
// CSV export. Excel writes commas or, with German, French or Swiss
// settings, semicolons; its "Unicode text" writes tabs.
#pragma once

#include <string>
#include <string_view>

namespace dossier::ingest {

// The separator (',', ';' or '\t') that splits the header and the first
// rows of `head` (decoded text from the start of the file) into the same
// number of fields, more than one. Quoted fields are skipped as RFC 4180
// says, so a separator inside a quoted name does not count. Comma when
// nothing splits the text (a file with a single column).
char detect_delimiter(std::string_view head);

// "comma", "semicolon", "tab": how people call them.
std::string delimiter_name(char delimiter);

}  // namespace dossier::ingest
