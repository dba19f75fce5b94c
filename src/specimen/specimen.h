// The type specimen: one line per supported script, each labelled with the
// script and the fonts chosen, so users can see that their fonts cover
// their names before a build.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "layout/layout.h"
#include "text/text.h"

namespace dossier::specimen {

struct SpecimenLine {
  std::string label;     // what the line shows, e.g. "Arabic: lam-alef, harakat"
  std::string language;  // BCP 47 or empty
  std::string text;
};

// Reads templates/specimen.tsv: label, language, text, tab-separated; '#'
// starts a comment line. Throws Error (bad input) naming the file and line.
std::vector<SpecimenLine> load_lines(const std::filesystem::path& tsv);

// A character of a line that no font covers.
struct MissingWarning {
  std::size_t line = 0;  // index into the lines
  std::string text;      // the line
  text::MissingChar missing;
};

struct Specimen {
  std::vector<layout::Page> pages;
  std::vector<MissingWarning> warnings;
  // Per line: the scripts and fonts chosen, "Arab: Noto Sans Arabic".
  std::vector<std::string> fonts_chosen;
};

Specimen build(const text::FontLibrary& fonts, const std::vector<SpecimenLine>& lines);

}  // namespace dossier::specimen
