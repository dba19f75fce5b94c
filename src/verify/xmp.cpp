#include "verify/xmp.h"

#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <memory>

namespace dossier::verify {
namespace {

// Matched by namespace, never by prefix: XMP lets a writer bind any prefix
// (ISO 16684-1, 7.2), and "pdfaid" is only the customary one.
constexpr std::string_view kPdfaIdNamespace = "http://www.aiim.org/pdfa/ns/id/";

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct XmlCharFree {
  void operator()(xmlChar* s) const { xmlFree(s); }
};

std::string_view view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

bool in_pdfaid(const xmlNs* ns) { return ns && view(ns->href) == kPdfaIdNamespace; }

std::string trimmed(std::string_view v) {
  constexpr std::string_view ws = " \t\r\n";
  auto first = v.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  return std::string(v.substr(first, v.find_last_not_of(ws) - first + 1));
}

// The first non-empty value wins, as a reader scanning the packet in
// document order would find it.
void keep(std::string& slot, std::string value) {
  if (slot.empty()) slot = std::move(value);
}

void take(std::string_view local, std::string value, PdfaId& id) {
  if (local == "part") keep(id.part, std::move(value));
  if (local == "conformance") keep(id.conformance, std::move(value));
}

void walk(const xmlNode* node, PdfaId& id) {
  for (const xmlNode* n = node; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    for (const xmlAttr* a = n->properties; a; a = a->next) {
      if (!in_pdfaid(a->ns)) continue;
      std::unique_ptr<xmlChar, XmlCharFree> value(xmlNodeListGetString(n->doc, a->children, 1));
      take(view(a->name), trimmed(view(value.get())), id);
    }
    if (in_pdfaid(n->ns)) {
      std::unique_ptr<xmlChar, XmlCharFree> value(xmlNodeGetContent(n));
      take(view(n->name), trimmed(view(value.get())), id);
    }
    walk(n->children, id);
  }
}

}  // namespace

std::optional<PdfaId> read_pdfa_id(std::string_view xmp) {
  if (xmp.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
  // No network, no entity expansion, no complaints on stderr: the packet
  // comes from a file being checked, not from anyone trusted.
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlReadMemory(xmp.data(), static_cast<int>(xmp.size()), "xmp.xml", nullptr,
                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc) return std::nullopt;
  PdfaId id;
  walk(xmlDocGetRootElement(doc.get()), id);
  return id;
}

void init_xml_parser() { xmlInitParser(); }

void check_pdfa_id(std::string_view xmp, VolumeReport& r, Findings& findings) {
  if (xmp.empty()) {
    findings.add(0, 0, "no PDF/A identification: the document has no XMP metadata");
    return;
  }
  auto id = read_pdfa_id(xmp);
  if (!id) {
    findings.add(0, 0, "no PDF/A identification: the XMP metadata is not well-formed XML");
    return;
  }
  auto& [part, level] = *id;
  for (auto& c : level) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // PDF/A-4 dropped the conformance level for its base profile.
  bool part_ok = !part.empty() &&
                 std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (part_ok && (!level.empty() || part == "4")) {
    r.pdfa = "PDF/A-" + part + level;
  } else if (!part_ok) {
    findings.add(0, 0, "no PDF/A identification: the XMP metadata has no pdfaid:part");
  } else {
    findings.add(0, 0,
                 fmt::format("no PDF/A identification: the XMP metadata has pdfaid:part {} "
                             "but no pdfaid:conformance",
                             part));
  }
}

}  // namespace dossier::verify
