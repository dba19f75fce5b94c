// Internal to the PDF stage: what makes a document PDF/A-2u (ISO 19005-2,
// level U) beyond what libharu 2.3.0 knows (it knows only PDF/A-1b). See
// docs/pdfa.md for each clause and how it is met.
#pragma once

#include <string>

#include "pdf/hpdf_doc.h"
#include "pdf/pdf.h"

namespace dossier::pdf {

// Header version 1.7, XMP metadata that agrees with the document
// information, an sRGB output intent (the ICC profile from Debian's
// icc-profiles-free), and a file identifier derived from `content_digest`
// (the document's content, so equal inputs give equal bytes).
void make_pdfa(HpdfDoc& doc, const DocumentInfo& info, const std::string& producer,
               const std::string& content_digest);

}  // namespace dossier::pdf
