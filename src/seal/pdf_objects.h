// Internal to the seal stage (and read by verify's seal check): a PDF
// opened with poppler's parser, and its objects written back in PDF
// syntax. The seal rewrites a handful of a file's dictionaries (its
// catalog, its first page, its structure tree's root) in an incremental
// update; poppler reads them, this writes them.
#pragma once

#include <poppler/Object.h>

#include <memory>
#include <string>
#include <string_view>

class PDFDoc;

namespace dossier::seal {

// Opens `bytes` (which must outlive the document); nullptr when poppler
// cannot read it. Poppler's messages are silenced: the caller reports.
std::unique_ptr<PDFDoc> open_pdf(const std::string& bytes);

// Appends `object` in PDF syntax: strings as hex, names escaped, reals
// without an exponent. Throws SealError for a stream (never rewritten).
void write_object(const Object& object, std::string& out);
std::string to_pdf(const Object& object);

// "n g R".
std::string reference(Ref ref);

// A text string: literal when it is printable ASCII, else UTF-16BE with
// its byte order mark, as hex.
std::string text_string(std::string_view utf8);

// The offset of the last "startxref" value in `bytes`; throws SealError
// when the file has none.
std::size_t last_startxref(std::string_view bytes);

}  // namespace dossier::seal
