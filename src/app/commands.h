// The commands of the command line: what each one was given, and the
// function that runs it. main.cpp declares the options and turns errors
// into exit codes; the files beside it run one command each.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "manifest/manifest.h"
#include "seal/seal.h"
#include "text/text.h"

namespace dossier::app {

// fonts/, templates/ and data/ of the project (see project_files.cpp).
std::filesystem::path project_file(const std::filesystem::path& relative);
// The font manifest given with --fonts, else the project's.
text::FontManifest load_manifest(const std::string& fonts);
// `dossier --version`: this build and the libraries it runs with.
std::string version_text();

struct SpecimenCli {
  std::string out = "output/specimen.pdf";
  std::string fonts;
  std::string lines_file;
  std::vector<std::string> extra_lines;
};

// The seal's key and where its timestamp and validation data come from
// (dossier seal, build --seal-key).
struct SealCli {
  std::string key;  // PKCS#12
  std::string password_file;
  std::string tsa;
  std::vector<std::string> chain, validation_data;
};

struct SealCommandCli {
  SealCli seal;
  std::string dir = "output";
  std::string templates;
  bool quiet = false;
};

// What build, check and letters were given.
struct BuildCli {
  std::string signatures;
  std::string out = "output";
  std::string templates;
  std::string fonts;
  std::vector<std::string> columns;  // name="Full Name" or name=First+Last
  std::string encoding;              // any ICU converter name
  std::string delimiter;             // comma, semicolon, tab or the character
  std::string sheet;                 // xlsx worksheet
  std::uint64_t sample_count = 100000;
  std::uint64_t seed = 1;
  bool keep_duplicates = false;
  bool strict = false;
  bool quiet = false;
  bool attach_source = false;
  std::string only;  // VOLUME or VOLUME/PART
  std::string edition = "handover";
  std::string language;           // over dossier.toml's `language`
  bool out_from_edition = false;  // no --out: the edition's own folder
  SealCli seal;                   // --seal-key: sealed as the last step
};

struct VerifyCli {
  std::string dir = "output";
  std::string templates;
  std::string trust;
  bool quiet = false;
};

struct SampleCli {
  std::uint64_t count = 1000;
  std::uint64_t seed = 1;
};

struct MergeCli {
  std::vector<std::string> inputs;
  std::string out = "output/manifest.json";
};

// The sealer: the command line's key, authority, chain and validation
// data, else those of the templates' [seal], with its texts. nullptr when
// neither names a key. Reads the key at once: a wrong password stops a
// build before it renders anything.
std::unique_ptr<seal::Sealer> make_sealer(const SealCli& cli, const ingest::Config& config);
// One line per sealed volume, after a build or a seal.
void print_seal(const std::string& file, const manifest::Seal& seal);

int run_specimen(const SpecimenCli& cli);
int run_build(const BuildCli& cli);
int run_check(const BuildCli& cli);
int run_letters(const BuildCli& cli);
int run_seal(const SealCommandCli& cli);
int run_verify(const VerifyCli& cli);
int run_sample(const SampleCli& cli);
int run_merge(const MergeCli& cli);

}  // namespace dossier::app
