// Internal to the PDF stage: writes a libharu document as a PDF 1.5+ file
// with object streams and a cross-reference stream (ISO 32000-1 7.5.7,
// 7.5.8), which libharu cannot: it writes every object on its own with a
// classic xref table. A volume's tens of thousands of small dictionaries
// (structure elements, pages, outline items) cost a fraction as much packed
// and compressed together.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "pdf/hpdf_doc.h"

namespace dossier::pdf {

// Objects written beside libharu's, without being libharu objects (the
// structure tree's elements, by the hundred thousand): numbered from
// first_extra_number(doc) on, each made when the writer packs it.
struct ExtraObjects {
  std::size_t count = 0;
  // Appends object `index`'s value, in PDF syntax; `first` is the number
  // of object 0, for references among them.
  std::function<void(std::size_t index, unsigned first, std::string& out)> write;
};

// The number the first extra object gets: libharu's objects come first,
// so every libharu object must exist by the time this is asked.
unsigned first_extra_number(HpdfDoc& doc);

// Writes every object of `doc` to `file`: streams as themselves, every
// other object in Flate-compressed object streams, then a cross-reference
// stream carrying the trailer's /Root, /Info and /ID. The same document
// always gives the same bytes. Throws OutputError when the file cannot be
// written (a full disk), PdfError when libharu fails.
void save_with_object_streams(HpdfDoc& doc, const std::filesystem::path& file,
                              const ExtraObjects& extra = {});

}  // namespace dossier::pdf
