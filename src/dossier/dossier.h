// The dossier stage: what a volume contains and in which order, the
// per-recipient letters, and the manifest. This header is the stage's whole
// public surface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "text/text.h"

namespace dossier::book {

struct BuildOptions {
  std::filesystem::path templates = "templates";
  std::filesystem::path out_dir = "output";
  // The petition export; empty: synthetic signatures from `dossier sample`
  // (sample_count, sample_seed), and every volume is marked as a specimen.
  std::filesystem::path signatures;
  std::uint64_t sample_count = 100000;
  std::uint64_t sample_seed = 1;
  ingest::ReadOptions read;
  bool strict = false;  // any rejected row fails the build after the report
  // PDF/A-3u: each volume (or part) carries its accepted signatures as an
  // embedded CSV (name, city, country), associated as its /Source.
  bool attach_source = false;
  // Fan-out: write only this volume (1-based), or only this part of it,
  // numbered exactly as in the whole dossier.
  std::optional<std::size_t> only_volume;
  std::optional<std::size_t> only_part;
  // Progress lines for people watching the terminal; empty: silent.
  std::function<void(const std::string&)> progress;
};

// One written PDF: a whole volume, or one part of it.
struct VolumeResult {
  std::string file;  // relative to the output directory
  std::string recipient;
  std::size_t volume = 0, part = 1, parts = 1;  // 1-based
  std::size_t pages = 0;
  std::size_t first_page = 1;    // its first page's number in the volume
  std::size_t volume_pages = 0;  // pages of the whole volume
  std::uint64_t signatures = 0;
  std::uint64_t first_number = 0;
  std::uint64_t last_number = 0;
  std::string sha256;
};

struct BuildResult {
  std::vector<VolumeResult> volumes;
  std::vector<ingest::InputStats> inputs;
  std::uint64_t signatures = 0;
  std::uint64_t rejected = 0;
  std::filesystem::path manifest;
  std::filesystem::path rejects;
  std::filesystem::path accepted;  // signatures.csv: number,name,city,country
  bool synthetic = false;
};

// Thrown by a --strict build with rejected rows, after the reject report
// has been written.
class StrictFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A write that failed part-way (a full disk, a file size limit): the
// message names the file. The output folder still holds the previous set,
// untouched.
class WriteFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Builds one volume per recipient into out_dir, with manifest.json and
// rejects.csv, as one output set (dossier/output_set.h): staged, then
// replacing the previous set whole; on any failure, SIGINT or SIGTERM the
// previous set stays as it was. Throws ingest::InputError for unusable
// inputs, pdf::OutputError when out_dir cannot be created or another build
// is writing into it, WriteFailure when a write fails part-way.
BuildResult build(const BuildOptions& options, const text::FontLibrary& fonts);

// Per recipient, a PDF with just the letter and the parliamentarians. The
// letters are an output set of their own: they replace every letter-*.pdf
// of out_dir together, and nothing else there.
std::vector<std::filesystem::path> build_letters(const BuildOptions& options,
                                                 const text::FontLibrary& fonts);

// Joins the manifests of pieces of one dossier built with --only (on other
// machines, say) into one, as a single build would have written it.
// Throws ingest::InputError when they are not pieces of the same dossier
// (different inputs) or a piece appears twice. Creates the folder of `out`
// when missing. Returns the pieces joined.
std::size_t merge_manifests(const std::vector<std::filesystem::path>& inputs,
                            const std::filesystem::path& out);

}  // namespace dossier::book
