// The verify stage: reads a finished build back (manifest.json,
// signatures.csv, every volume) and checks that what was handed over is
// what the manifest promises: the bytes, the page counts, the PDF/A
// identification, and every accepted signature in every volume (or in the
// part of a volume that the manifest says holds it), in order, with its
// number. It reads only what `dossier build` wrote, never the templates or
// the petition export. This header is the stage's whole public surface.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "errors/error.h"

namespace dossier::verify {

// The build directory cannot be checked at all: no manifest, a manifest
// that is not JSON or lacks a key, or an unreadable signatures.csv.
using UnusableInput = StageError<ErrorKind::bad_input, struct UnusableInputTag>;

struct Options {
  std::filesystem::path dir = "output";
  // Discrepancies listed per file; the rest are only counted, because the
  // first few say where a volume went wrong and the rest repeat it.
  std::size_t max_listed = 10;
  unsigned threads = 0;  // 0: one per volume, up to the hardware's cores
  // PEM certificates a seal's signer and timestamp authority must chain
  // up to; without them a seal is checked but its signer is not trusted.
  std::optional<std::filesystem::path> trust;
  // The message catalogues (templates/messages): the footers are read in
  // each volume's language.
  std::filesystem::path messages = "templates/messages";
};

// What a volume's seal says and whether it holds (the holding is in the
// volume's discrepancies).
struct SealSummary {
  std::string level, signer, signing_time, timestamp_time, timestamp_authority;
  std::optional<bool> trusted;  // nullopt: no trust anchors given
};

struct Discrepancy {
  std::string file;             // relative to the build directory
  std::size_t page = 0;         // 1-based; 0 when it concerns the whole file
  std::uint64_t signature = 0;  // its number; 0 when it concerns no signature
  std::string what;
};

// One PDF: a whole volume or one part of it.
struct VolumeReport {
  std::string file;
  std::size_t volume = 0;  // 1-based, shared by the parts of a volume
  bool exists = false;
  std::size_t pages_expected = 0;  // manifest
  std::size_t pages_found = 0;     // poppler
  std::uint64_t signatures_expected = 0;
  std::uint64_t signatures_found = 0;  // found in order with their numbers
  std::string pdfa;                    // "PDF/A-2U"; empty without identification
  std::optional<SealSummary> seal;     // a sealed file's seal
  std::vector<Discrepancy> listed;     // the first Options::max_listed
  std::size_t discrepancies = 0;       // listed and not
  bool ok() const { return discrepancies == 0; }
};

struct Report {
  std::filesystem::path dir;
  std::string signatures_file;       // as the manifest names it
  std::uint64_t signatures = 0;      // rows of signatures.csv
  std::vector<Discrepancy> archive;  // manifest.json and signatures.csv
  std::vector<VolumeReport> volumes;
  // As the build recorded it (manifest totals), when it did.
  std::optional<std::uint64_t> names_with_missing_glyphs;
  bool ok() const;
};

// Checks the build in options.dir. Throws UnusableInput when there is
// nothing to check against; every other finding is a discrepancy.
Report verify(const Options& options);

// The report as people read it: one line per volume, then the listed
// discrepancies ("FILE page P: signature N "NAME" …"). Quiet: discrepancies
// only, nothing at all when everything holds.
void print(const Report& report, std::FILE* out, bool quiet);

// `dossier verify`: runs, prints, and returns the exit code (0 all holds,
// 1 discrepancies, 2 unusable input, with the reason on stderr).
// `messages`: the catalogues' folder (templates/messages).
int command(const std::filesystem::path& dir, bool quiet,
            const std::optional<std::filesystem::path>& trust,
            const std::filesystem::path& messages);

}  // namespace dossier::verify
