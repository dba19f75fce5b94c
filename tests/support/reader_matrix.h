// Reads a PDF with the engines people search it with: poppler (Evince,
// Okular, pdftotext), pdf.js (Firefox), PDFium (Chrome, Edge) and MuPDF
// (SumatraPDF, PyMuPDF, mutool), and says which names each finds.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dossier::test {

enum class Reader { Poppler, PopplerReadingOrder, PdfJs, Pdfium, MuPdf, MuPdfToday };
inline constexpr Reader kReaders[] = {Reader::Poppler, Reader::PopplerReadingOrder, Reader::PdfJs,
                                      Reader::Pdfium,  Reader::MuPdf,
                                      Reader::MuPdfToday};
const char* reader_name(Reader reader);

// The text of every page as the reader extracts it:
// - poppler: pdftotext -raw, the content stream's order;
// - poppler's reading order: plain pdftotext, the order Evince and Okular
//   search and copy in (poppler's block and column finder);
// - pdf.js: getTextContent, items joined as tests/pdfjs/extract.mjs does;
// - PDFium: FPDFText_GetText, cleaned as Chrome copies it (U+FFFE and U+200B
//   dropped; tests/pdfjs/pdfium.mjs), all pages in one process;
// - MuPDF: mutool draw -F txt (Debian's 1.21);
// - today's MuPDF: MuPDF.js 1.28 (npm `mupdf`), structured text with white
//   space kept, as PyMuPDF reads (tests/pdfjs/mupdf.mjs).
std::vector<std::string> read_pages(Reader reader, const std::filesystem::path& pdf);

// A page's text as a search for a name sees it: NFC; bidi controls and
// U+200B (invisible, dropped by Chrome and by find in most viewers) removed;
// a line that ends in a hyphen joined to the next; any other run of white
// space one space.
std::string searchable(const std::string& page_text);

// The names (NFC) that no single page of `pdf` contains as a string, in the
// order given.
std::vector<std::string> names_not_found(Reader reader, const std::filesystem::path& pdf,
                                         const std::vector<std::string>& names);

// The printed names of a build, in signature order, from its signatures.csv.
std::vector<std::string> printed_names(const std::filesystem::path& out_dir);

}  // namespace dossier::test
