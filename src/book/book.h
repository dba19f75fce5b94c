// The book stage: what a volume contains and in which order, the
// per-recipient letters, and the manifest. This header is the stage's whole
// public surface.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "errors/error.h"
#include "ingest/ingest.h"
#include "manifest/manifest.h"
#include "seal/seal.h"
#include "text/text.h"

namespace dossier::book {

struct BuildOptions {
  std::filesystem::path templates = "templates";
  // --language: the dossier's language for this build, over dossier.toml's
  // `language` (one export, a German and an English edition).
  std::optional<std::string> language;
  // The message catalogues (docs/languages.md): the templates folder's own
  // messages/, else the ones shipped with dossier.
  std::filesystem::path messages = "templates/messages";
  std::filesystem::path out_dir = "output";
  // The petition export; empty: synthetic signatures from `dossier sample`
  // (sample_count, sample_seed), and every volume is marked as a specimen.
  std::filesystem::path signatures;
  std::uint64_t sample_count = 100000;
  std::uint64_t sample_seed = 1;
  // The name and place tables synthetic signatures are drawn from.
  std::filesystem::path sample_data = "data/sample";
  ingest::ReadOptions read;
  // The [editions.<name>] of dossier.toml whose privacy rules apply; its
  // name and rules are recorded in the manifest.
  std::string edition = "handover";
  // Any rejected row fails the build after the reject report. Glyphs no
  // font covers never stop a build: they are in BuildResult::uncovered,
  // and the caller decides (the CLI's --strict exits 1 after everything
  // is written).
  bool strict = false;
  // PDF/A-3u: each volume (or part) carries its accepted signatures as an
  // embedded CSV (name, city, country), associated as its /Source.
  bool attach_source = false;
  // Fan-out: write only this volume (1-based), or only this part of it,
  // numbered exactly as in the whole dossier.
  std::optional<std::size_t> only_volume;
  std::optional<std::size_t> only_part;
  // Progress lines for people watching the terminal; empty: silent.
  std::function<void(const std::string&)> progress;
  // What nobody may miss, --quiet or not: a letter's element that is not
  // set (raw HTML), a picture without alternative text. Empty: dropped.
  std::function<void(const std::string&)> warn;
  // How far the phase last named by `progress` has got, from 0 to 1, for
  // a live line on a terminal; empty: not wanted.
  std::function<void(double)> advance;
  // Seals every volume as the build's last step, before the set replaces
  // the previous one (build --seal-key); null: unsealed.
  const seal::Sealer* sealer = nullptr;
};

// A text of the dossier that draws a character no installed font covers:
// the text is still printed with all its other characters and still reads
// as its full text, but a glyph is missing on the page.
struct UncoveredText {
  std::uint64_t number = 0;  // the signature's number; 0 for other text
  std::string where;         // "name", "place", "front matter", "summary"
  std::string text;
  std::vector<char32_t> missing;  // distinct, in order of appearance
};

// The privacy a build or check applies, for the block every run prints
// (even with --quiet): staff must see which rules protect the signers
// before the volumes leave the building.
struct PrivacyReport {
  std::string edition;
  std::string default_level;                                    // "full", "initials", ...
  std::vector<std::pair<std::string, std::string>> by_country;  // code, level
  bool base_rules = true;      // false: the [privacy] rules are ignored
  std::string consent_column;  // the export's consent column; empty: none found
  // Signatures printed at each level, from full to withheld-all, every
  // level listed (the manifest's edition.levels).
  std::vector<std::pair<std::string, std::uint64_t>> levels;
};

struct BuildResult {
  // What manifest.json records of each PDF written: a whole volume, or one
  // part of it; sha256 as built, before any seal.
  std::vector<manifest::Volume> volumes;
  std::vector<ingest::InputStats> inputs;
  std::uint64_t signatures = 0;
  std::uint64_t rejected = 0;
  std::filesystem::path manifest;
  std::filesystem::path rejects;
  std::filesystem::path accepted;  // signatures.csv: number,name,city,country
  std::filesystem::path coverage;  // coverage.csv: what no font covers
  std::vector<UncoveredText> uncovered;
  std::uint64_t names_with_missing_glyphs = 0;  // signatures, each once
  bool synthetic = false;
  PrivacyReport privacy;
};

// What `dossier check` finds in an export without rendering it.
struct CheckResult {
  ingest::InputStats stats;
  std::filesystem::path rejects;   // rejects.csv, as build writes it
  std::filesystem::path coverage;  // coverage.csv, as build writes it
  std::vector<UncoveredText> uncovered;
  std::uint64_t names_with_missing_glyphs = 0;
  // Each script that occurs in the names: how many names use it, and the
  // font families it is set in.
  struct ScriptUse {
    std::string script;  // ISO 15924
    std::uint64_t names = 0;
    std::vector<std::string> fonts;
  };
  std::vector<ScriptUse> scripts;  // most names first
  PrivacyReport privacy;
};

// Thrown by a --strict build with rejected rows, after the reject report
// has been written.
using StrictFailure = StageError<ErrorKind::rejected, struct StrictFailureTag>;

// What was asked of the book stage cannot be done: `--only` names a
// piece the dossier does not have, or the manifests to merge are not the
// pieces of one dossier.
using RequestError = StageError<ErrorKind::bad_input, struct RequestErrorTag>;

// A write that failed part-way (a full disk, a file size limit): the
// message names the file. The output folder still holds the previous set,
// untouched.
using WriteFailure = StageError<ErrorKind::not_written, struct WriteFailureTag>;

// Builds one volume per recipient into out_dir, with manifest.json and
// rejects.csv, as one output set (book/output_set.h): staged, then
// replacing the previous set whole; on any failure, SIGINT or SIGTERM the
// previous set stays as it was. Throws ingest::InputError for unusable
// inputs, RequestError for an --only that names no piece of the dossier,
// OutputError when out_dir cannot be created or another build
// is writing into it, WriteFailure when a write fails part-way.
BuildResult build(const BuildOptions& options, const text::FontLibrary& fonts);

// Reads the export exactly as build() does (same reader, same numbering),
// writes rejects.csv and coverage.csv into out_dir and no PDF. Throws what
// build() throws for unusable inputs.
CheckResult check(const BuildOptions& options, const text::FontLibrary& fonts);

// Per recipient, a PDF with just the letter and the parliamentarians. The
// letters are an output set of their own: they replace every letter-*.pdf
// of out_dir together, and nothing else there.
std::vector<std::filesystem::path> build_letters(const BuildOptions& options,
                                                 const text::FontLibrary& fonts);

// What `dossier seal` did to a built set.
struct SealedSet {
  std::vector<std::pair<std::string, manifest::Seal>> records;  // file, seal
  std::filesystem::path manifest;
};

// Seals every volume a build left in `dir` (its manifest.json says which)
// and records the seals in the manifest, as one output set: every volume
// sealed and the manifest replaced, or nothing changed. Throws
// RequestError when `dir` holds no build, a volume is not the file its
// manifest lists, or is sealed already; seal::SealError when a file cannot
// be sealed (the authority); OutputError and WriteFailure as build does.
SealedSet seal_set(const std::filesystem::path& dir, const seal::Sealer& sealer,
                   const std::function<void(const std::string&)>& progress);

// Joins the manifests of pieces of one dossier built with --only (on other
// machines, say) into one, as a single build would have written it.
// Throws RequestError when they are not pieces of the same dossier
// (different inputs) or a piece appears twice. Creates the folder of `out`
// when missing. Returns the pieces joined.
std::size_t merge_manifests(const std::vector<std::filesystem::path>& inputs,
                            const std::filesystem::path& out);

}  // namespace dossier::book
