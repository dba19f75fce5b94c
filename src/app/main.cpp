// The command line. Thin: it parses arguments, calls the stages, and turns
// their errors into one message and an exit code (2 = bad input or
// environment, 1 = the work itself failed).
#include <fmt/format.h>
#include <unicode/uchar.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "pdf/pdf.h"
#include "specimen/specimen.h"
#include "text/text.h"

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

struct SpecimenOptions {
  std::string out = "output/specimen.pdf";
  std::string fonts;
  std::string lines_file;
  std::vector<std::string> extra_lines;
};

int run_specimen(const SpecimenOptions& opt) {
  auto manifest_path = opt.fonts.empty() ? project_file("fonts/fonts.toml") : fs::path(opt.fonts);
  text::FontLibrary fonts(text::FontManifest::load(manifest_path));
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

  try {
    if (*specimen_cmd) return run_specimen(spec);
  } catch (const text::FontError& e) {
    std::fprintf(stderr, "dossier: %s\n", e.what());
    return kExitBadInput;
  } catch (const text::EncodingError& e) {
    std::fprintf(stderr, "dossier: a command-line argument is not valid UTF-8: %s\n", e.what());
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
  }
  return 0;
}
