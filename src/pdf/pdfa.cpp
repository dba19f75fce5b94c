#include "pdf/pdfa.h"

#include <fmt/format.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <fstream>
#include <sstream>

#include "files/files.h"
#include "iso8601/iso8601.h"

namespace dossier::pdf {
namespace {

constexpr const char* kSrgbProfile = "/usr/share/color/icc/sRGB.icc";

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// PDF/A admits only the XMP schemas it predefines, and others described in
// the packet itself (ISO 19005-2 6.6.2.3.2): pdfuaid, which PDF/UA-1 5
// requires, is not among them.
std::string pdfua_extension_schema() {
  return "  <rdf:Description rdf:about=\"\"\n"
         "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
         "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
         "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
         "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
         "    <pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\n"
         "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
         "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
         "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
         "     <pdfaProperty:name>part</pdfaProperty:name>\n"
         "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
         "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
         "     <pdfaProperty:description>The part of ISO 14289 the file "
         "follows</pdfaProperty:description>\n"
         "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
         "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
         "  </rdf:Description>\n";
}

// The XMP packet (ISO 16684-1) with the properties PDF/A-2 requires to
// agree with the document information dictionary (ISO 19005-2 6.6.2.3.1):
// Title=dc:title, Author=dc:creator, Subject=dc:description,
// Keywords=pdf:Keywords, Creator=xmp:CreatorTool, Producer=pdf:Producer,
// CreationDate=xmp:CreateDate, ModDate=xmp:ModifyDate.
std::string xmp_packet(const DocumentInfo& info, const std::string& producer, int part) {
  std::string x;
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "  <rdf:Description rdf:about=\"\"\n";
  x += "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n";
  x += "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n";
  x += "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n";
  x += "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
  if (info.tagged) x += "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
  x += ">\n";
  x += "   <dc:format>application/pdf</dc:format>\n";
  if (!info.title.empty()) {
    x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.title) +
         "</rdf:li></rdf:Alt></dc:title>\n";
  }
  if (!info.author.empty()) {
    x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escape(info.author) +
         "</rdf:li></rdf:Seq></dc:creator>\n";
  }
  if (!info.subject.empty()) {
    x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(info.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  }
  if (!info.keywords.empty()) {
    x += "   <pdf:Keywords>" + xml_escape(info.keywords) + "</pdf:Keywords>\n";
  }
  x += "   <pdf:Producer>" + xml_escape(producer) + "</pdf:Producer>\n";
  if (!info.creator.empty()) {
    x += "   <xmp:CreatorTool>" + xml_escape(info.creator) + "</xmp:CreatorTool>\n";
  }
  if (!info.date.empty()) {
    x += "   <xmp:CreateDate>" + xml_escape(info.date) + "</xmp:CreateDate>\n";
    x += "   <xmp:ModifyDate>" + xml_escape(info.date) + "</xmp:ModifyDate>\n";
    x += "   <xmp:MetadataDate>" + xml_escape(info.date) + "</xmp:MetadataDate>\n";
  }
  x += "   <pdfaid:part>" + std::to_string(part) + "</pdfaid:part>\n";
  // Level a (accessible: tagged, with a language) includes level u
  // (Unicode for every character), ISO 19005-2 6.8 and 6.2.11.7.
  x += std::string("   <pdfaid:conformance>") + (info.tagged ? "A" : "U") +
       "</pdfaid:conformance>\n";
  if (info.tagged) x += "   <pdfuaid:part>1</pdfuaid:part>\n";
  x += "  </rdf:Description>\n";
  if (info.tagged) x += pdfua_extension_schema();
  x += " </rdf:RDF>\n</x:xmpmeta>\n";
  // Padding lets a later editor update the packet in place (XMP spec 7.3.2).
  for (int i = 0; i < 20; ++i) x += std::string(99, ' ') + "\n";
  x += "<?xpacket end=\"w\"?>";
  return x;
}

std::string read_profile() {
  auto bytes = files::read_all(kSrgbProfile);
  if (!bytes) {
    throw PdfError(
        fmt::format("the sRGB profile {} is missing (install icc-profiles-free with "
                    "scripts/install-deps); PDF/A needs it for the output intent",
                    kSrgbProfile));
  }
  return std::move(*bytes);
}

HPDF_Dict raw_stream(HpdfDoc& doc, const std::string& bytes, const char* what) {
  HPDF_Dict dict = HPDF_DictStream_New(doc.mmgr(), doc.xref());
  doc.check(dict, what);
  dict->filter = HPDF_STREAM_FILTER_NONE;
  doc.check(HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                              static_cast<HPDF_UINT>(bytes.size())),
            what);
  return dict;
}

// XMP metadata, unfiltered so that it stays readable without a PDF parser.
void add_metadata(HpdfDoc& doc, const DocumentInfo& info, const std::string& producer) {
  const char* what = "write the XMP metadata";
  const int part = info.attachments.empty() ? 2 : 3;
  DictEntries xmp(doc, raw_stream(doc, xmp_packet(info, producer, part), what), what);
  xmp.name("Type", "Metadata");
  xmp.name("Subtype", "XML");
  DictEntries(doc, doc.get()->catalog, what).add("Metadata", xmp.dict());
}

// Output intent: sRGB, the colour space all our colours are given in
// (ISO 19005-2 6.2.3).
void add_output_intent(HpdfDoc& doc) {
  const char* what = "write the output intent";
  HPDF_Dict profile = doc.new_stream(read_profile(), "embed the sRGB profile");
  DictEntries(doc, profile, "embed the sRGB profile").number("N", 3);
  DictEntries intent(doc, doc.new_dict(what), what);
  intent.name("Type", "OutputIntent");
  intent.name("S", "GTS_PDFA1");
  intent.literal("OutputConditionIdentifier", "sRGB IEC61966-2.1");
  intent.literal("Info", "sRGB IEC61966-2.1");
  intent.add("DestOutputProfile", profile);
  HPDF_Array intents = doc.new_array(what);
  doc.append(intents, intent.dict(), what);
  DictEntries(doc, doc.get()->catalog, what).add("OutputIntents", intents);
}

// An attachment's embedded file stream, with its MIME type and date, and
// its file specification with /AFRelationship.
HPDF_Dict file_specification(HpdfDoc& doc, const Attachment& a, const std::string& date) {
  const char* what = "attach a file";
  DictEntries file(doc, doc.new_stream(a.bytes, what), what);
  file.name("Type", "EmbeddedFile");
  file.name("Subtype", a.mime.c_str());
  DictEntries params(doc, doc.new_dict(what), what);
  params.number("Size", static_cast<HPDF_INT32>(a.bytes.size()));
  if (const auto moment = iso8601::parse(date)) {
    // The document's own dates, offset and all (the writer's
    // CreationDate and ModDate).
    params.literal("ModDate", iso8601::pdf_date(*moment));
  }
  file.add("Params", params.dict());
  DictEntries spec(doc, doc.new_indirect_dict(what), what);
  spec.name("Type", "Filespec");
  spec.literal("F", a.name);
  spec.literal("UF", a.name);
  spec.literal("Desc", a.description);
  spec.name("AFRelationship", "Source");
  DictEntries ef(doc, doc.new_dict(what), what);
  ef.add("F", file.dict());
  ef.add("UF", file.dict());
  spec.add("EF", ef.dict());
  return spec.dict();
}

// Associated files (ISO 19005-3 6.8): each a file specification, listed
// in the catalog's /AF and in the EmbeddedFiles name tree.
void attach_files(HpdfDoc& doc, const DocumentInfo& info) {
  const char* what = "attach a file";
  HPDF_Array af = doc.new_array(what);
  HPDF_Array names = doc.new_array(what);
  for (const auto& a : info.attachments) {
    HPDF_Dict spec = file_specification(doc, a, info.date);
    doc.append(af, spec, what);
    doc.append(names, doc.literal(a.name), what);
    doc.append(names, spec, what);
  }
  DictEntries catalog(doc, doc.get()->catalog, what);
  catalog.add("AF", af);
  DictEntries tree(doc, doc.new_dict(what), what);
  DictEntries name_dict(doc, doc.new_dict(what), what);
  tree.add("Names", names);
  name_dict.add("EmbeddedFiles", tree.dict());
  catalog.add("Names", name_dict.dict());
}

// The file identifier (PDF 32000-1 14.4), required by PDF/A: from the
// content, never from the clock (libharu's own PDF/A code uses the time).
void add_file_identifier(HpdfDoc& doc, const std::string& content_digest) {
  const char* what = "write the file identifier";
  auto id_bytes = content_digest.substr(0, 16);
  auto make_id = [&] {
    return HPDF_Binary_New(doc.mmgr(),
                           reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(id_bytes.data())),
                           static_cast<HPDF_UINT>(id_bytes.size()));
  };
  HPDF_Array id = doc.new_array(what);
  doc.append(id, make_id(), what);
  doc.append(id, make_id(), what);
  DictEntries(doc, doc.get()->trailer, what).add("ID", id);
}

}  // namespace

void make_pdfa(HpdfDoc& doc, const DocumentInfo& info, const std::string& producer,
               const std::string& content_digest) {
  // PDF/A-2 is based on PDF 1.7 (ISO 32000-1).
  doc.get()->pdf_version = HPDF_VER_17;
  add_metadata(doc, info, producer);
  add_output_intent(doc);
  if (!info.attachments.empty()) attach_files(doc, info);
  add_file_identifier(doc, content_digest);
}

}  // namespace dossier::pdf
