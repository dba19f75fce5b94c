// What build and check print about a run, besides the PDFs: texts that
// miss glyphs, unknown countries, the privacy rules applied, catalogues.
#pragma once

#include <cstdio>
#include <filesystem>
#include <vector>

#include "book/book.h"
#include "ingest/ingest.h"

namespace dossier::app {

void report_uncovered(const std::vector<book::UncoveredText>& uncovered,
                      const std::filesystem::path& coverage);
void report_unknown_countries(const ingest::InputStats& input, std::FILE* to);
void report_privacy(const book::PrivacyReport& p, std::FILE* to);
void report_catalogues(const book::BuildOptions& options);

}  // namespace dossier::app
