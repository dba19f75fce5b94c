// Internal to the seal stage: the incremental updates (ISO 32000-1 7.5.6)
// that carry a seal. The bytes before an update stay exactly as they were:
// the build's file is a prefix of the sealed one, and its manifest digest
// still holds for that prefix.
//
// The first update adds the signature: its dictionary (/ByteRange and
// /Contents reserved, filled in once the file is final), a signature field
// merged with an invisible widget on the first page (a zero-size /Rect, as
// PDF/A-2 allows an annotation without an appearance), the catalog with an
// /AcroForm, and, in a tagged file, a Form element for the widget in the
// structure tree, so that the file stays PDF/UA. The second, optional one
// adds a /DSS dictionary (PAdES B-LT) with validation data.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::seal {

struct SignatureFields {
  std::string signing_time;  // a PDF date, "D:20261206234105+00'00'"
  std::string reason, location, contact_info;
  std::string description;  // the field's /TU and its element's /Alt
};

// The file with its signature update; the signature's /Contents is
// `reserved` zero bytes (in hex) until put_signature writes it.
struct PreparedSignature {
  std::string file;
  std::size_t contents_begin = 0;  // offset of the '<' of /Contents
  std::size_t contents_end = 0;    // offset just after its '>'
  // The two stretches the signature covers: everything but /Contents'
  // value.
  std::string_view before_contents() const {
    return std::string_view(file).substr(0, contents_begin);
  }
  std::string_view after_contents() const { return std::string_view(file).substr(contents_end); }
};

// Throws SealError when the file cannot be read as a PDF, has no page,
// or is sealed already.
PreparedSignature prepare_signature(const std::string& pdf, const SignatureFields& fields,
                                    std::size_t reserved);

// Writes `cms` (DER) into the reserved /Contents; false when it does not
// fit (the caller prepares again with more room).
bool put_signature(PreparedSignature& prepared, const std::string& cms);

// DER encodings of the validation data a /DSS carries.
struct ValidationData {
  std::vector<std::string> certificates, crls, ocsp_responses;
  bool empty() const { return certificates.empty() && crls.empty() && ocsp_responses.empty(); }
};

// Appends the /DSS update to a sealed file.
void add_validation_data(std::string& file, const ValidationData& data);

}  // namespace dossier::seal
