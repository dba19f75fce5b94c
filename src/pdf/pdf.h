// The PDF stage: writes display-list pages to a PDF file with libharu.
// This header is the stage's whole public surface.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "layout/display_list.h"
#include "text/text.h"

namespace dossier::pdf {

// libharu or the font embedding failed while building the document.
class PdfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The output file could not be written. Nothing is left under its name.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DocumentInfo {
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string creator = "dossier";
};

// Writes the pages to `out`. Every font used is embedded once as a subset
// Type0 font with a ToUnicode map. The file is written under a temporary
// name in the same directory and renamed when complete, so `out` is either
// the whole new document or untouched.
void write_pdf(const std::vector<layout::Page>& pages, const DocumentInfo& info,
               const text::FontLibrary& fonts, const std::filesystem::path& out);

}  // namespace dossier::pdf
