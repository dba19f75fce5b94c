// Internal to the verify stage: the PDF/A identification a volume's XMP
// metadata declares (ISO 19005-2, 6.6.4: pdfaid:part and
// pdfaid:conformance in the namespace http://www.aiim.org/pdfa/ns/id/).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "verify/findings.h"

namespace dossier::verify {

struct PdfaId {
  std::string part;         // "2"; empty when absent
  std::string conformance;  // "U" as written (case kept); empty when absent
};

// The identification in an XMP packet, in element form
// (<pdfaid:part>2</pdfaid:part>) or attribute form (pdfaid:part="2") under
// whatever prefix the packet binds to the namespace; values trimmed of
// white space. nullopt when the packet is not well-formed XML.
std::optional<PdfaId> read_pdfa_id(std::string_view xmp);

// libxml2 before 2.11 (Debian 12 has 2.9.14) sets up its globals on first
// use without a lock: call this once before reading XMP on several threads.
void init_xml_parser();

// Sets r.pdfa ("PDF/A-2U") from a volume's XMP metadata, or adds a finding
// saying why the volume has no PDF/A identification.
void check_pdfa_id(std::string_view xmp, VolumeReport& r, Findings& findings);

}  // namespace dossier::verify
