// The PDF stage: writes display-list pages to a PDF file with libharu.
// This header is the stage's whole public surface.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "errors/error.h"
#include "layout/layout.h"
#include "text/text.h"

namespace dossier::pdf {

// libharu or the font embedding failed while building the document.
using PdfError = StageError<ErrorKind::internal, struct PdfErrorTag>;

// A bookmark: `level` 0 is top level, 1 nests under the last level 0 entry.
struct OutlineItem {
  std::string title;
  std::size_t page = 0;  // 0-based
  int level = 0;
};

// Page labels (PDF 32000-1 12.4.2) from `first_page` on: "i, ii…" or "1, 2…"
// starting at `start`, with an optional prefix.
struct PageLabel {
  enum class Style { Decimal, RomanLower };
  std::size_t first_page = 0;
  Style style = Style::Decimal;
  std::string prefix;
  int start = 1;
};

// A file carried inside the PDF (PDF/A-3: an associated file).
struct Attachment {
  std::string name;  // file name shown by readers, e.g. "signatures.csv"
  std::string mime;  // e.g. "text/csv"
  std::string description;
  std::string bytes;
};

struct DocumentInfo {
  std::string title;
  std::string author;
  std::string subject;
  std::string keywords;
  std::string creator = "dossier";
  // ISO 8601 ("2022-12-09T09:30:00+01:00"); empty: no date is written, so
  // output never depends on the clock.
  std::string date;
  std::vector<OutlineItem> outline;
  std::vector<PageLabel> labels;
  // Printed on both sides: the print dialog is told to flip on the long edge.
  bool duplex = false;
  // With attachments the document is PDF/A-3, each file associated with
  // the document as its /Source; without, PDF/A-2.
  std::vector<Attachment> attachments;
  // Tagged PDF (PDF/UA-1, PDF/A level a): marked content for every item
  // (each page item must say what it is, layout::Tag), a structure tree,
  // the document's language. Untagged: level u.
  bool tagged = false;
  std::string language;  // BCP 47, for /Lang; tagged documents need one
};

// Writes the documents of one run. Fonts are numbered once for the run and
// page bodies shared between documents are encoded and compressed once, so
// the same signature pages in four volumes cost one encoding. Thread-safe:
// documents may be written from several threads at once.
class Writer {
 public:
  // `tagged`: every document it writes is tagged (DocumentInfo::tagged),
  // since pages shared between documents are encoded once.
  Writer(const text::FontLibrary& fonts, bool tagged);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Numbers the glyphs of these pages (bodies and own items, in order).
  // Call it for every document, in document order, before writing any in
  // parallel: the output then does not depend on thread timing.
  void reserve(const std::vector<layout::Page>& pages);

  // Reserves, then encodes the shared bodies of these pages ahead of time,
  // on up to `threads` threads.
  void prepare(const std::vector<layout::Page>& pages, unsigned threads);

  // Reserves, then encodes the bodies on a task of its own (one batch in
  // flight; prepare() and write() wait for it) and lets go of their items:
  // each page's body is replaced by an empty stand-in that the writer
  // knows by its encoded content. What the items held (shaped names) is freed as soon as no
  // one else holds it, so pages can be kept by the thousand. Pages whose
  // `keep` is false are numbered but not encoded: for pieces that will
  // not be written (--only); writing one is a logic error.
  void seal(std::vector<layout::Page>& pages, unsigned threads, const std::vector<bool>& keep);

  // Writes the pages to `out`. Every font used is embedded once as a subset
  // Type0 font with a ToUnicode map. The file is written under a temporary
  // name in the same directory and renamed when complete, so `out` is
  // either the whole new document or untouched.
  void write(const std::vector<layout::Page>& pages, const DocumentInfo& info,
             const std::filesystem::path& out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One document with a Writer of its own.
void write_pdf(const std::vector<layout::Page>& pages, const DocumentInfo& info,
               const text::FontLibrary& fonts, const std::filesystem::path& out);

}  // namespace dossier::pdf
