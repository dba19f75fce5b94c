#include "support/reader_matrix.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <fstream>

#include "support/fixtures.h"
#include "support/process.h"
#include "support/unicode_text.h"

namespace dossier::test {
namespace {

std::string nfc(const std::string& utf8) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return utf8;
  auto out = n->normalize(icu::UnicodeString::fromUTF8(utf8), err);
  std::string s;
  if (U_SUCCESS(err)) out.toUTF8String(s);
  return U_SUCCESS(err) ? s : utf8;
}

std::vector<std::string> split_pages(const std::string& text) {
  std::vector<std::string> pages(1);
  for (char c : text) {
    if (c == '\f') {
      pages.emplace_back();
    } else {
      pages.back() += c;
    }
  }
  return pages;
}

}  // namespace

const char* reader_name(Reader reader) {
  switch (reader) {
    case Reader::Poppler:
      return "poppler";
    case Reader::PopplerReadingOrder:
      return "poppler-reading-order";
    case Reader::PdfJs:
      return "pdf.js";
    case Reader::Pdfium:
      return "PDFium";
    case Reader::MuPdf:
      return "MuPDF";
    case Reader::MuPdfToday:
      return "MuPDF 1.28";
  }
  return "?";
}

std::vector<std::string> read_pages(Reader reader, const std::filesystem::path& pdf) {
  std::vector<std::string> argv;
  switch (reader) {
    case Reader::Poppler:
      argv = {"pdftotext", "-raw", "-enc", "UTF-8", pdf.string(), "-"};
      break;
    case Reader::PopplerReadingOrder:
      argv = {"pdftotext", "-enc", "UTF-8", pdf.string(), "-"};
      break;
    case Reader::PdfJs:
      argv = {"node", PDFJS_EXTRACT, pdf.string()};
      break;
    case Reader::Pdfium:
      argv = {"node", PDFIUM_EXTRACT, pdf.string()};
      break;
    case Reader::MuPdf:
      argv = {"mutool", "draw", "-q", "-F", "txt", "-o", "-", pdf.string()};
      break;
    case Reader::MuPdfToday:
      argv = {"node", MUPDF_EXTRACT, pdf.string()};
      break;
  }
  auto r = run(argv);
  if (r.exit_code != 0) {
    ADD_FAILURE() << reader_name(reader) << " could not read " << pdf << ": " << r.err;
    return {};
  }
  return split_pages(r.out);
}

std::string searchable(const std::string& page_text) {
  auto u = icu::UnicodeString::fromUTF8(nfc(page_text));
  icu::UnicodeString kept;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x200B || is_bidi_control(static_cast<char32_t>(c)) || c == '\r') continue;
    kept.append(c);
  }
  std::string s;
  kept.toUTF8String(s);
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\n' && !out.empty() && out.back() == '-') continue;
    if (c == ' ' || c == '\t' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::vector<std::string> names_not_found(Reader reader, const std::filesystem::path& pdf,
                                         const std::vector<std::string>& names) {
  std::vector<std::string> pages;
  for (const auto& p : read_pages(reader, pdf)) pages.push_back(searchable(p));
  std::vector<std::string> missing;
  for (const auto& name : names) {
    auto want = nfc(name);
    bool found = false;
    for (const auto& p : pages) {
      if (p.find(want) != std::string::npos) {
        found = true;
        break;
      }
    }
    if (!found) missing.push_back(want);
  }
  return missing;
}

std::vector<std::string> printed_names(const std::filesystem::path& out_dir) {
  std::ifstream in(out_dir / "signatures.csv");
  std::string line;
  std::getline(in, line);
  auto header = csv_fields(line);
  std::size_t column = 0;
  while (column < header.size() && header[column] != "name") ++column;
  std::vector<std::string> names;
  while (std::getline(in, line)) {
    auto f = csv_fields(line);
    if (column < f.size()) names.push_back(f[column]);
  }
  return names;
}

}  // namespace dossier::test
