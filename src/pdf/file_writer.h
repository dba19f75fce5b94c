// Internal to the PDF stage: writes a libharu document as a PDF 1.5+ file
// with object streams and a cross-reference stream (ISO 32000-1 7.5.7,
// 7.5.8), which libharu cannot: it writes every object on its own with a
// classic xref table. A volume's tens of thousands of small dictionaries
// (structure elements, pages, outline items) cost a fraction as much packed
// and compressed together.
#pragma once

#include <filesystem>

#include "pdf/hpdf_doc.h"

namespace dossier::pdf {

// Writes every object of `doc` to `file`: streams as themselves, every
// other object in Flate-compressed object streams, then a cross-reference
// stream carrying the trailer's /Root, /Info and /ID. The same document
// always gives the same bytes. Throws OutputError when the file cannot be
// written (a full disk), PdfError when libharu fails.
void save_with_object_streams(HpdfDoc& doc, const std::filesystem::path& file);

}  // namespace dossier::pdf
