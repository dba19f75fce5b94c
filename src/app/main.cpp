// The command line. Thin: it declares the commands and their options, runs
// the one given, and turns errors into one message and an exit code
// (2 = bad input or environment, 1 = the work itself failed).
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>

#include "app/commands.h"
#include "errors/error.h"

namespace fs = std::filesystem;
using namespace dossier;
using namespace dossier::app;

namespace {

constexpr int kExitBadInput = 2;

// A subcommand and what runs it once the command line chose it.
struct Command {
  CLI::App* cli = nullptr;
  std::function<int()> run;
};

Command declare_specimen(CLI::App& app) {
  auto opt = std::make_shared<SpecimenCli>();
  auto* cmd = app.add_subcommand("specimen",
                                 "Render one line per supported script, labelled with the fonts "
                                 "chosen, to check that the fonts cover your names");
  cmd->add_option("--out,-o", opt->out, "PDF to write")->capture_default_str();
  cmd->add_option("--fonts", opt->fonts, "font manifest (default fonts/fonts.toml)");
  cmd->add_option("--lines", opt->lines_file,
                  "specimen lines, tab-separated (default templates/specimen.tsv)");
  cmd->add_option("--line", opt->extra_lines, "an extra line to set (repeatable)");
  return {cmd, [opt] { return run_specimen(*opt); }};
}

// Where build, check and letters find the dossier's own files.
void add_folder_options(CLI::App* cmd, BuildCli& cli) {
  cmd->add_option("--templates", cli.templates,
                  "folder with dossier.toml, letter.*.md, signatories.csv (default templates/)");
  cmd->add_option("--fonts", cli.fonts, "font manifest (default fonts/fonts.toml)");
  cmd->add_option("--language", cli.language,
                  "the dossier's language (de, fr, ru, ar...), over dossier.toml's `language`: "
                  "its own words, numbers and country names");
}

// How build and check read an export, and which privacy rules apply.
CLI::Option* add_export_options(CLI::App* cmd, BuildCli& cli) {
  auto* signatures = cmd->add_option("--signatures,-s", cli.signatures,
                                     "petition export (CSV or .xlsx with a header and a name "
                                     "column)");
  cmd->add_option("--column", cli.columns,
                  "map a column: name=\"Full Name\", name=First+Last, city=Town, country=..., "
                  "signed_at=..., email=..., consent=\"May we pass on your name?\" (repeatable; "
                  "default: recognised from the header)");
  cmd->add_option("--encoding", cli.encoding,
                  "the CSV file's encoding, any ICU name: windows-1252 (Excel's CSV), "
                  "windows-1250, iso-8859-2, UTF-16LE... (default UTF-8, or its BOM)");
  cmd->add_option("--delimiter", cli.delimiter,
                  "the CSV field separator: comma, semicolon or tab (default: detected)");
  cmd->add_option("--sheet", cli.sheet, "the worksheet of an .xlsx file (default: first)");
  cmd->add_option("--edition", cli.edition,
                  "the [editions.NAME] of dossier.toml whose privacy rules apply")
      ->capture_default_str();
  cmd->add_flag("--keep-duplicates", cli.keep_duplicates,
                "keep every row (default: rows of one signer are merged: the same e-mail "
                "address, or without one the same name, city and country)");
  cmd->add_flag("--strict", cli.strict,
                "exit 1 when any row is rejected or any name misses a glyph");
  add_folder_options(cmd, cli);
  return signatures;
}

void add_seal_options(CLI::App* cmd, SealCli& seal, const char* key_name, const char* key_help) {
  cmd->add_option(key_name, seal.key, key_help);
  cmd->add_option("--password-file", seal.password_file,
                  "the key's password, on the first line of this file (default: the "
                  "environment variable DOSSIER_SEAL_PASSWORD)");
  cmd->add_option("--tsa", seal.tsa,
                  "URL of an RFC 3161 timestamping authority: a timestamp on each seal "
                  "(PAdES B-T)");
  cmd->add_option("--chain", seal.chain,
                  "PEM file of issuer certificates to embed with the key's (repeatable)");
  cmd->add_option("--validation-data", seal.validation_data,
                  "a certificate, CRL or OCSP response file for the /DSS (PAdES B-LT; needs "
                  "--tsa; repeatable; nothing is fetched)");
}

Command declare_build(CLI::App& app) {
  auto cli = std::make_shared<BuildCli>();
  auto* cmd =
      app.add_subcommand("build",
                         "Render one volume per recipient: cover, letter, parliamentarians, "
                         "every signature, summary; plus manifest.json and rejects.csv");
  add_export_options(cmd, *cli)->description(
      "petition export (CSV or .xlsx with a header and a name column); without it, synthetic "
      "sample data marked SPECIMEN");
  cmd->add_option("--sample-count", cli->sample_count,
                  "signatures to synthesise without --signatures")
      ->capture_default_str();
  cmd->add_flag("--attach-source", cli->attach_source,
                "PDF/A-3u: embed each volume's accepted signatures (name, city, country) as a "
                "CSV associated as its source");
  cmd->add_option("--only", cli->only,
                  "write only VOLUME or VOLUME/PART (1-based), numbered as in the whole dossier; "
                  "join the pieces' manifests with `dossier manifest merge`");
  add_seal_options(cmd, cli->seal, "--seal-key",
                   "seal every volume with this PKCS#12 key (PAdES) before the set replaces the "
                   "previous one");
  cmd->add_option("--out,-o", cli->out,
                  "output directory (without it: the edition's folder, handover: output/, "
                  "public: output/public/)")
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", cli->quiet,
                "print only errors and warnings (no progress, no summary)");
  return {cmd, [cli, cmd] {
            cli->out_from_edition = cmd->get_option("--out")->count() == 0;
            return run_build(*cli);
          }};
}

Command declare_check(CLI::App& app) {
  auto cli = std::make_shared<BuildCli>();
  cli->out = "output/check";
  auto* cmd = app.add_subcommand(
      "check",
      "Pre-flight: read an export exactly as build does and report rejects, scripts and fonts, "
      "and names no font can fully render; writes rejects.csv and coverage.csv, no PDF (exit 1 "
      "with --strict when anything is rejected or uncovered)");
  add_export_options(cmd, *cli)->required();
  cmd->add_option("--out,-o", cli->out, "where rejects.csv and coverage.csv go")
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", cli->quiet, "no progress on the terminal");
  return {cmd, [cli] { return run_check(*cli); }};
}

Command declare_letters(CLI::App& app) {
  auto cli = std::make_shared<BuildCli>();
  auto* cmd =
      app.add_subcommand("letters", "Render, per recipient, the letter and the parliamentarians");
  cmd->add_option("--out,-o", cli->out, "output directory")->capture_default_str();
  add_folder_options(cmd, *cli);
  cmd->add_flag("--quiet,-q", cli->quiet,
                "print only errors and warnings (no progress, no summary)");
  return {cmd, [cli] { return run_letters(*cli); }};
}

Command declare_sample(CLI::App& app) {
  auto cli = std::make_shared<SampleCli>();
  auto* cmd = app.add_subcommand(
      "sample", "Write realistic synthetic signatures as CSV on stdout (deterministic per seed)");
  cmd->add_option("--count,-n", cli->count, "how many")->capture_default_str();
  cmd->add_option("--seed", cli->seed, "random seed")->capture_default_str();
  return {cmd, [cli] { return run_sample(*cli); }};
}

Command declare_merge(CLI::App& app) {
  auto cli = std::make_shared<MergeCli>();
  auto* manifest = app.add_subcommand("manifest", "Work with manifests");
  manifest->require_subcommand(1);
  auto* cmd =
      manifest->add_subcommand("merge", "Join the manifests of pieces built with --only into one");
  cmd->add_option("manifests", cli->inputs, "manifest.json files of the pieces")->required();
  cmd->add_option("--out,-o", cli->out, "merged manifest to write")->capture_default_str();
  return {cmd, [cli] { return run_merge(*cli); }};
}

// seal and verify work on the folder a build wrote.
void add_build_folder(CLI::App* cmd, std::string& dir) {
  cmd->add_option("dir", dir, "output directory of `dossier build`")->capture_default_str();
}

Command declare_seal(CLI::App& app) {
  auto cli = std::make_shared<SealCommandCli>();
  auto* cmd = app.add_subcommand(
      "seal",
      "Seal every volume of a build with the organisation's key (PAdES: signature, timestamp, "
      "validation data), replacing the unsealed volumes together with the manifest");
  add_build_folder(cmd, cli->dir);
  add_seal_options(cmd, cli->seal, "--key",
                   "the PKCS#12 file of the key and its certificate (default: key in [seal])");
  cmd->add_option("--templates", cli->templates,
                  "folder with dossier.toml, for its [seal] texts (default templates/)");
  cmd->add_flag("--quiet,-q", cli->quiet, "print only errors");
  return {cmd, [cli] { return run_seal(*cli); }};
}

Command declare_verify(CLI::App& app) {
  auto cli = std::make_shared<VerifyCli>();
  auto* cmd = app.add_subcommand(
      "verify",
      "Check a build against its manifest: hashes, page counts, PDF/A identification, and every "
      "signature in every volume, in order (exit 0 all good, 1 discrepancies, 2 unusable input)");
  add_build_folder(cmd, cli->dir);
  cmd->add_flag("--quiet,-q", cli->quiet, "print only failures");
  cmd->add_option("--templates", cli->templates,
                  "the build's templates folder, for the message catalogues of a language of its "
                  "own (default: the shipped catalogues)");
  cmd->add_option("--trust", cli->trust,
                  "PEM certificates that sealed volumes' signer and timestamp authority must "
                  "chain up to");
  return {cmd, [cli] { return run_verify(*cli); }};
}

// The one place where an error becomes what the user reads and the exit
// code scripts test.
int report(const Error& e) {
  switch (e.kind()) {
    case ErrorKind::bad_input:
      std::fprintf(stderr, "dossier: %s\n", e.what());
      return kExitBadInput;
    case ErrorKind::not_sealed:
      std::fprintf(stderr,
                   "dossier: cannot seal: %s; the output folder still holds the previous set\n",
                   e.what());
      return kExitBadInput;
    case ErrorKind::not_written:
      std::fprintf(stderr, "dossier: %s; the output folder still holds the previous set\n",
                   e.what());
      return 1;
    case ErrorKind::rejected:
      std::fprintf(stderr, "dossier: %s\n", e.what());
      return 1;
    case ErrorKind::internal:
      break;
  }
  std::fprintf(stderr, "dossier: internal error: %s\n", e.what());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dossier: print-ready PDF dossiers of an open letter and its signatures"};
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text,
                       "print the version, its commit and the libraries' versions");
  const Command commands[] = {declare_specimen(app), declare_build(app),  declare_check(app),
                              declare_letters(app),  declare_sample(app), declare_merge(app),
                              declare_seal(app),     declare_verify(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);  // help and --version are parse "errors" that succeed
    return e.get_exit_code() == 0 ? status : kExitBadInput;
  }
  // A write past a file size limit (ulimit -f) should fail like a full
  // disk, with an error naming the file, instead of killing the process
  // half-way through the output set.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    for (const auto& command : commands) {
      if (*command.cli) return command.run();
    }
  } catch (const Error& e) {
    return report(e);
  } catch (const fs::filesystem_error& e) {
    // The environment: a folder that cannot be read or made.
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    // A bug, not bad input: say so rather than abort.
    std::fprintf(stderr, "dossier: internal error: %s\n", e.what());
    return 1;
  }
  return 0;
}
