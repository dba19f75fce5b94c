// The PDF/A identification read from XMP with libxml2: by namespace, in
// element and attribute form, whatever the prefix; and what is not there.
#include "verify/xmp.h"

#include <gtest/gtest.h>

#include <string>

namespace dossier::verify {
namespace {

// A packet as writers lay it out: xpacket wrapper, x:xmpmeta, rdf:RDF, and
// `description` inside the rdf:Description element.
std::string packet(const std::string& description_attributes, const std::string& body) {
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "  <rdf:Description rdf:about=\"\"" +
         description_attributes + ">\n" + body +
         "  </rdf:Description>\n"
         " </rdf:RDF>\n"
         "</x:xmpmeta>\n"
         "<?xpacket end=\"w\"?>";
}

const std::string kNs = " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";

TEST(Xmp, ElementForm) {
  auto id = read_pdfa_id(packet(kNs,
                                "   <pdfaid:part>2</pdfaid:part>\n"
                                "   <pdfaid:conformance>U</pdfaid:conformance>\n"));
  ASSERT_TRUE(id);
  EXPECT_EQ(id->part, "2");
  EXPECT_EQ(id->conformance, "U");
}

TEST(Xmp, AttributeForm) {
  auto id = read_pdfa_id(packet(kNs + " pdfaid:part=\"3\" pdfaid:conformance='b'", ""));
  ASSERT_TRUE(id);
  EXPECT_EQ(id->part, "3");
  EXPECT_EQ(id->conformance, "b");
}

TEST(Xmp, ValuesAreTrimmed) {
  auto id = read_pdfa_id(packet(kNs, "<pdfaid:part>\n  1 </pdfaid:part>"));
  ASSERT_TRUE(id);
  EXPECT_EQ(id->part, "1");
}

// XMP binds namespaces, not prefixes: another prefix for the same URI is
// the same property, and the customary prefix bound to another URI is not.
TEST(Xmp, MatchedByNamespaceNotPrefix) {
  auto id = read_pdfa_id(packet(" xmlns:id=\"http://www.aiim.org/pdfa/ns/id/\"",
                                "<id:part>2</id:part><id:conformance>A</id:conformance>"));
  ASSERT_TRUE(id);
  EXPECT_EQ(id->part, "2");
  EXPECT_EQ(id->conformance, "A");

  auto other = read_pdfa_id(packet(" xmlns:pdfaid=\"http://example.org/not-pdfa/\"",
                                   "<pdfaid:part>2</pdfaid:part>"
                                   "<pdfaid:conformance>U</pdfaid:conformance>"));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->part, "");
  EXPECT_EQ(other->conformance, "");
}

// A value in a comment or in text is not a property.
TEST(Xmp, TextThatOnlyLooksLikeThePropertyIsNot) {
  auto id = read_pdfa_id(packet(kNs,
                                "<!-- <pdfaid:part>2</pdfaid:part> -->"
                                "<dc:title xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                                "pdfaid:part=\"2\"</dc:title>"));
  ASSERT_TRUE(id);
  EXPECT_EQ(id->part, "");
}

TEST(Xmp, AbsentIdentification) {
  auto id = read_pdfa_id(packet("", ""));
  ASSERT_TRUE(id);
  EXPECT_EQ(id->part, "");
  EXPECT_EQ(id->conformance, "");
}

TEST(Xmp, NotXmlIsNullopt) {
  EXPECT_FALSE(read_pdfa_id("<x:xmpmeta><pdfaid:part>2</pdfaid:part>"));
  EXPECT_FALSE(read_pdfa_id(""));
}

TEST(Xmp, TheFindingSaysWhatIsMissing) {
  VolumeReport r;
  r.file = "01.pdf";
  Findings f(r, 10);
  check_pdfa_id(
      packet(kNs, "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>u</pdfaid:conformance>"), r, f);
  EXPECT_EQ(r.pdfa, "PDF/A-2U");
  EXPECT_EQ(r.discrepancies, 0u);

  VolumeReport no_level;
  Findings g(no_level, 10);
  check_pdfa_id(packet(kNs, "<pdfaid:part>2</pdfaid:part>"), no_level, g);
  EXPECT_EQ(no_level.pdfa, "");
  ASSERT_EQ(no_level.listed.size(), 1u);
  EXPECT_NE(no_level.listed[0].what.find("pdfaid:part 2 but no pdfaid:conformance"),
            std::string::npos);

  VolumeReport none;
  Findings h(none, 10);
  check_pdfa_id("", none, h);
  ASSERT_EQ(none.listed.size(), 1u);
  EXPECT_NE(none.listed[0].what.find("no XMP metadata"), std::string::npos);
}

}  // namespace
}  // namespace dossier::verify
