// Internal to the ingest stage: which encoding a text file was saved in,
// decided once, before any of its rows is read.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace dossier::ingest {

struct TextEncoding {
  std::string name = "UTF-8";  // an ICU converter name, as the manifest shows it
  std::size_t bom = 0;         // bytes of byte order mark at the start of the file
  bool is_utf8() const;
};

// A byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) says it all. Else
// `requested` (--encoding, any ICU converter name) if given. Else the file
// must be UTF-8: a file that is clearly in a legacy encoding (Excel's
// "CSV" is windows-1252) is refused with an InputError that names the
// likely encoding and the flag to pass, so that it is never half-read. A
// few stray invalid bytes in an otherwise UTF-8 file are left to the row
// checks.
TextEncoding choose_encoding(const std::filesystem::path& file, const std::string& requested);

}  // namespace dossier::ingest
