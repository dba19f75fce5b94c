// The short commands: specimen, verify, sample and manifest merge.
#include "app/commands.h"

#include <cstdio>
#include <iostream>
#include <optional>

#include "book/book.h"
#include "pdf/pdf.h"
#include "sample/sample.h"
#include "specimen/specimen.h"
#include "verify/verify.h"

namespace dossier::app {

namespace fs = std::filesystem;

int run_specimen(const SpecimenCli& opt) {
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
                 "warning: %s at byte %zu of line %zu \"%s\" is covered by no font; it is "
                 "drawn as the font's missing-glyph box and still reads as text. Add a font "
                 "that covers it to fonts/fonts.toml.\n",
                 text::describe_codepoint(w.missing.codepoint).c_str(), w.missing.offset,
                 w.line + 1, w.text.c_str());
  }
  pdf::DocumentInfo info;
  info.title = "dossier type specimen";
  info.subject = "One line per supported script, with the fonts chosen";
  info.author = "dossier";
  info.tagged = true;
  info.language = "en";  // its labels; each line says its own language
  pdf::write_pdf(built.pages, info, fonts, opt.out);
  std::printf("wrote %s: %zu lines, %zu page(s), %zu character(s) without a font\n",
              opt.out.c_str(), lines.size(), built.pages.size(), built.warnings.size());
  return 0;
}

int run_verify(const VerifyCli& cli) {
  // A templates folder of its own carries the catalogues of its language.
  const auto own = fs::path(cli.templates) / "messages";
  return verify::command(
      cli.dir, cli.quiet, cli.trust.empty() ? std::nullopt : std::optional<fs::path>(cli.trust),
      !cli.templates.empty() && fs::is_directory(own) ? own : project_file("templates/messages"));
}

int run_sample(const SampleCli& cli) {
  sample::write_csv(std::cout, sample::Tables::load(project_file("data/sample")), cli.count,
                    cli.seed);
  std::cout.flush();
  return std::cout ? 0 : 1;
}

int run_merge(const MergeCli& cli) {
  std::vector<fs::path> inputs(cli.inputs.begin(), cli.inputs.end());
  auto n = book::merge_manifests(inputs, cli.out);
  std::printf("wrote %s: %zu piece(s)\n", cli.out.c_str(), n);
  return 0;
}

}  // namespace dossier::app
