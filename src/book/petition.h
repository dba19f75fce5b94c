// Internal to the book stage: the petition export as `build` and
// `check` both read it, so a pre-flight check sees exactly what a build
// will render.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "book/book.h"

namespace dossier::book {

struct Petition {
  // Accepted signatures ordered and numbered as the volumes show them;
  // stats.file is the name the manifest shows.
  ingest::SignatureSet set;
  bool synthetic = false;   // no export given: the SPECIMEN sample
  ingest::Edition edition;  // options.edition, its rules resolved
};

// Where a file of the run goes: the build's staging folder, or the check's
// output folder.
using Place = std::function<std::filesystem::path(const std::string& name)>;

// Creates the output directory. Throws OutputError naming it.
void ensure_out_dir(const std::filesystem::path& dir);

// Reads options.signatures (or synthesises the sample), with the config's
// field limits, checks that every row is accounted for, redacts every
// signature and reject to what options.edition may show, writes
// rejects.csv to place("rejects.csv"), then orders and numbers the
// signatures (by their printed form, so the order says nothing a line does
// not). Throws ingest::InputError for an unknown edition before reading
// anything.
Petition read_petition(const BuildOptions& options, const ingest::Config& config,
                       const Place& place, const std::function<void(const std::string&)>& say);

// signatures.csv: the accepted signatures as rendered (number, name, city,
// country, privacy level) and nothing else. Throws OutputError.
void write_accepted(const std::filesystem::path& file,
                    const std::vector<ingest::Signature>& signatures);

}  // namespace dossier::book
