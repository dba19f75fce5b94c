// The command line. Thin: it parses arguments, calls the stages, and turns
// their errors into one message and an exit code (2 = bad input or
// environment, 1 = the work itself failed).
#include <fmt/format.h>
#include <unicode/uchar.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "dossier/dossier.h"
#include "ingest/ingest.h"
#include "pdf/pdf.h"
#include "sample/sample.h"
#include "specimen/specimen.h"
#include "text/text.h"
#include "verify/verify.h"

namespace fs = std::filesystem;
using namespace dossier;

namespace {

constexpr int kExitBadInput = 2;

// The repository's fonts/ and templates/ are found next to the working
// directory first, then in the source tree this binary was built from.
fs::path project_file(const fs::path& relative) {
  if (fs::exists(relative)) return relative;
  fs::path in_source = fs::path(DOSSIER_SOURCE_DIR) / relative;
  if (fs::exists(in_source)) return in_source;
  return relative;
}

std::string char_name(char32_t cp) {
  char name[256];
  UErrorCode err = U_ZERO_ERROR;
  u_charName(static_cast<UChar32>(cp), U_UNICODE_CHAR_NAME, name, sizeof name, &err);
  if (U_FAILURE(err) || name[0] == '\0') return "unnamed";
  return name;
}

text::FontManifest load_manifest(const std::string& fonts) {
  return text::FontManifest::load(fonts.empty() ? project_file("fonts/fonts.toml")
                                                : fs::path(fonts));
}

struct SpecimenOptions {
  std::string out = "output/specimen.pdf";
  std::string fonts;
  std::string lines_file;
  std::vector<std::string> extra_lines;
};

int run_specimen(const SpecimenOptions& opt) {
  text::FontLibrary fonts(load_manifest(opt.fonts));
  auto lines_path =
      opt.lines_file.empty() ? project_file("templates/specimen.tsv") : fs::path(opt.lines_file);
  auto lines = specimen::load_lines(lines_path);
  for (const auto& extra : opt.extra_lines) {
    text::normalize_nfc(extra);  // rejects invalid UTF-8 before any work
    lines.push_back({"Your line", "", extra});
  }
  auto built = specimen::build(fonts, lines);
  for (const auto& w : built.warnings) {
    std::fprintf(stderr,
                 "warning: %s (%s) at byte %zu of line %zu \"%s\" is covered by no font; it is "
                 "drawn as the font's missing-glyph box and still reads as text. Add a font "
                 "that covers it to fonts/fonts.toml.\n",
                 text::codepoint_label(w.missing.codepoint).c_str(),
                 char_name(w.missing.codepoint).c_str(), w.missing.offset, w.line + 1,
                 w.text.c_str());
  }
  pdf::DocumentInfo info;
  info.title = "dossier type specimen";
  info.subject = "One line per supported script, with the fonts chosen";
  info.author = "dossier";
  pdf::write_pdf(built.pages, info, fonts, opt.out);
  std::printf("wrote %s: %zu lines, %zu page(s), %zu character(s) without a font\n",
              opt.out.c_str(), lines.size(), built.pages.size(), built.warnings.size());
  return 0;
}

struct BuildCli {
  std::string signatures;
  std::string out = "output";
  std::string templates;
  std::string fonts;
  std::vector<std::string> columns;  // name="Full Name" or name=First+Last
  std::uint64_t sample_count = 100000;
  std::uint64_t seed = 1;
  bool keep_duplicates = false;
  bool strict = false;
  bool quiet = false;
  bool attach_source = false;
  std::string only;  // VOLUME or VOLUME/PART
};

book::BuildOptions build_options(const BuildCli& cli) {
  book::BuildOptions o;
  o.templates = cli.templates.empty() ? project_file("templates") : fs::path(cli.templates);
  o.out_dir = cli.out;
  o.signatures = cli.signatures;
  o.sample_count = cli.sample_count;
  o.sample_seed = cli.seed;
  o.strict = cli.strict;
  o.attach_source = cli.attach_source;
  o.read.duplicates =
      cli.keep_duplicates ? ingest::DuplicatePolicy::Keep : ingest::DuplicatePolicy::Merge;
  for (const auto& mapping : cli.columns) {
    auto eq = mapping.find('=');
    if (eq == std::string::npos) {
      throw ingest::InputError(
          "--column expects FIELD=\"Column\" (for example name=\"Full Name\")");
    }
    auto field = mapping.substr(0, eq), column = mapping.substr(eq + 1);
    if (field == "name") {
      // "First+Last" joins several columns into the name.
      o.read.name_columns.clear();
      std::size_t start = 0;
      while (true) {
        auto plus = column.find('+', start);
        o.read.name_columns.push_back(column.substr(start, plus - start));
        if (plus == std::string::npos) break;
        start = plus + 1;
      }
    } else if (field == "city") {
      o.read.city_column = column;
    } else if (field == "country") {
      o.read.country_column = column;
    } else if (field == "signed_at") {
      o.read.signed_at_column = column;
    } else {
      throw ingest::InputError("--column knows name, city, country and signed_at, not '" + field +
                               "'");
    }
  }
  if (!cli.only.empty()) {
    auto slash = cli.only.find('/');
    try {
      o.only_volume = std::stoul(cli.only.substr(0, slash));
      if (slash != std::string::npos) o.only_part = std::stoul(cli.only.substr(slash + 1));
    } catch (const std::exception&) {
      throw ingest::InputError("--only expects VOLUME or VOLUME/PART, such as 2 or 2/1");
    }
  }
  if (!cli.quiet) {
    o.progress = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  }
  return o;
}

int run_build(const BuildCli& cli) {
  auto started = std::chrono::steady_clock::now();
  text::FontLibrary fonts(load_manifest(cli.fonts));
  auto result = book::build(build_options(cli), fonts);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::size_t pages = 0;
  for (const auto& v : result.volumes) pages += v.pages;
  std::printf(
      "wrote %zu volume(s), %zu pages, %llu signatures%s; %llu row(s) rejected (%s); "
      "manifest %s; %.1f s\n",
      result.volumes.size(), pages, static_cast<unsigned long long>(result.signatures),
      result.synthetic ? " (SPECIMEN: synthetic sample data)" : "",
      static_cast<unsigned long long>(result.rejected), result.rejects.c_str(),
      result.manifest.c_str(), seconds);
  for (const auto& v : result.volumes) {
    std::printf("  %s  %zu pages  %s\n", v.file.c_str(), v.pages, v.recipient.c_str());
  }
  return 0;
}

int run_letters(const BuildCli& cli) {
  text::FontLibrary fonts(load_manifest(cli.fonts));
  auto files = book::build_letters(build_options(cli), fonts);
  std::printf("wrote %zu letter(s) into %s\n", files.size(), cli.out.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"dossier: print-ready PDF dossiers of an open letter and its signatures"};
  app.require_subcommand(1);

  SpecimenOptions spec;
  auto* specimen_cmd = app.add_subcommand("specimen",
                                          "Render one line per supported script, labelled with the "
                                          "fonts chosen, to check that the fonts cover your names");
  specimen_cmd->add_option("--out,-o", spec.out, "PDF to write")->capture_default_str();
  specimen_cmd->add_option("--fonts", spec.fonts, "font manifest (default fonts/fonts.toml)");
  specimen_cmd->add_option("--lines", spec.lines_file,
                           "specimen lines, tab-separated (default templates/specimen.tsv)");
  specimen_cmd->add_option("--line", spec.extra_lines, "an extra line to set (repeatable)");

  BuildCli build;
  auto add_build_options = [&](CLI::App* cmd) {
    cmd->add_option("--out,-o", build.out, "output directory")->capture_default_str();
    cmd->add_option("--templates", build.templates,
                    "folder with dossier.toml, letter.*.md, signatories.csv (default templates/)");
    cmd->add_option("--fonts", build.fonts, "font manifest (default fonts/fonts.toml)");
    cmd->add_flag("--quiet,-q", build.quiet, "no progress on the terminal");
  };
  auto* build_cmd =
      app.add_subcommand("build",
                         "Render one volume per recipient: cover, letter, parliamentarians, every "
                         "signature, summary; plus manifest.json and rejects.csv");
  build_cmd->add_option("--signatures,-s", build.signatures,
                        "petition export (CSV with a header and at least a name column); "
                        "without it, synthetic sample data marked SPECIMEN");
  build_cmd->add_option("--column", build.columns,
                        "map a column: name=\"Full Name\", name=First+Last, city=Town, "
                        "country=..., signed_at=... (repeatable)");
  build_cmd
      ->add_option("--sample-count", build.sample_count,
                   "signatures to synthesise without --signatures")
      ->capture_default_str();
  build_cmd->add_flag("--keep-duplicates", build.keep_duplicates,
                      "keep rows with the same name, city and country (default: merge them)");
  build_cmd->add_flag("--strict", build.strict, "fail (exit 1) if any row is rejected");
  build_cmd->add_flag("--attach-source", build.attach_source,
                      "PDF/A-3u: embed each volume's accepted signatures (name, city, country) "
                      "as a CSV associated as its source");
  build_cmd->add_option("--only", build.only,
                        "write only VOLUME or VOLUME/PART (1-based), numbered as in the whole "
                        "dossier; join the pieces' manifests with `dossier manifest merge`");
  add_build_options(build_cmd);

  auto* letters_cmd =
      app.add_subcommand("letters", "Render, per recipient, the letter and the parliamentarians");
  add_build_options(letters_cmd);

  std::uint64_t sample_count = 1000, sample_seed = 1;
  auto* sample_cmd = app.add_subcommand(
      "sample", "Write realistic synthetic signatures as CSV on stdout (deterministic per seed)");
  sample_cmd->add_option("--count,-n", sample_count, "how many")->capture_default_str();
  sample_cmd->add_option("--seed", sample_seed, "random seed")->capture_default_str();

  std::vector<std::string> merge_inputs;
  std::string merge_out = "output/manifest.json";
  auto* manifest_cmd = app.add_subcommand("manifest", "Work with manifests");
  auto* merge_cmd = manifest_cmd->add_subcommand(
      "merge", "Join the manifests of pieces built with --only into one");
  merge_cmd->add_option("manifests", merge_inputs, "manifest.json files of the pieces")->required();
  merge_cmd->add_option("--out,-o", merge_out, "merged manifest to write")->capture_default_str();
  manifest_cmd->require_subcommand(1);

  std::string verify_dir = "output";
  bool verify_quiet = false;
  auto* verify_cmd = app.add_subcommand(
      "verify",
      "Check a build against its manifest: hashes, page counts, PDF/A identification, and every "
      "signature in every volume, in order (exit 0 all good, 1 discrepancies, 2 unusable input)");
  verify_cmd->add_option("dir", verify_dir, "output directory of `dossier build`")
      ->capture_default_str();
  verify_cmd->add_flag("--quiet,-q", verify_quiet, "print only failures");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }

  // A write past a file size limit (ulimit -f) should fail like a full
  // disk, with an error naming the file, instead of killing the process
  // half-way through the output set.
  std::signal(SIGXFSZ, SIG_IGN);
  try {
    if (*specimen_cmd) return run_specimen(spec);
    if (*build_cmd) return run_build(build);
    if (*letters_cmd) return run_letters(build);
    if (*merge_cmd) {
      std::vector<fs::path> inputs(merge_inputs.begin(), merge_inputs.end());
      auto n = book::merge_manifests(inputs, merge_out);
      std::printf("wrote %s: %zu piece(s)\n", merge_out.c_str(), n);
      return 0;
    }
    if (*verify_cmd) return verify::command(verify_dir, verify_quiet);
    if (*sample_cmd) {
      sample::write_csv(std::cout, sample_count, sample_seed);
      std::cout.flush();
      return std::cout ? 0 : 1;
    }
  } catch (const book::WriteFailure& e) {
    std::fprintf(stderr, "dossier: %s; the output folder still holds the previous set\n", e.what());
    return 1;
  } catch (const book::StrictFailure& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return 1;
  } catch (const ingest::InputError& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const text::FontError& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const text::EncodingError& e) {
    std::fprintf(stderr, "dossier: text that is not valid UTF-8: %s\n", e.what());
    return kExitBadInput;
  } catch (const pdf::OutputError& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const pdf::PdfError& e) {
    std::fprintf(stderr, "dossier: PDF generation failed: %s\n", e.what());
    return 1;
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    // A bug, not bad input: say so rather than abort.
    std::fprintf(stderr, "dossier: internal error: %s\n", e.what());
    return 1;
  }
  return 0;
}
