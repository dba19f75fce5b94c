// Internal to the verify stage: signatures.csv, the list of accepted
// signatures as build wrote it (number, name, city, country, privacy).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace dossier::verify {

// One row of signatures.csv as build writes it.
struct PrintedSignature {
  std::uint64_t number = 0;
  std::string name;
  std::string city;
  std::string country;
  std::string privacy = "full";  // the level column; "full" in lists from before it
};

// Every row, in file order, with the fields a spreadsheet would have taken
// for formulas restored. Throws UnusableInput naming the file and line for
// a list that cannot be read, is not RFC 4180, or is not as build writes it.
std::vector<PrintedSignature> read_signature_list(const std::filesystem::path& file);

}  // namespace dossier::verify
