// Archival copies: every file a build writes is checked against the PDF/A-2
// requirements a validator would check first (level a, tagged, by default;
// level u untagged) (read back with qpdf's JSON
// view of the objects, xmllint and pdffonts), and two builds of the same
// inputs are byte for byte the same.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "support/fixtures.h"
#include "support/pdf_readback.h"
#include "support/process.h"
#include "support/seal_pki.h"

namespace dossier::test {
namespace {

const std::string kFixture =
    std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/signatures-3000.csv";

struct Pdf {
  nlohmann::json objects;  // "obj:N 0 R" -> {"value": ..., "stream": ...}
  // An object's value; for a stream, its dictionary.
  const nlohmann::json& value(const std::string& ref) const {
    const auto& o = objects.at("obj:" + ref);
    return o.contains("stream") ? o.at("stream").at("dict") : o.at("value");
  }
  // A value or the object it refers to.
  const nlohmann::json& deref(const nlohmann::json& v) const {
    if (v.is_string() && v.get<std::string>().size() > 4 &&
        v.get<std::string>().substr(v.get<std::string>().size() - 2) == " R") {
      return value(v.get<std::string>());
    }
    return v;
  }
};

Pdf load(const std::filesystem::path& file) {
  auto r = run({"qpdf", "--json", "--json-key=qpdf", file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return Pdf{nlohmann::json::parse(r.out).at("qpdf").at(1)};
}

// The PDF/A-2 checks, with the clause of ISO 19005-2 each comes from
// (part 3: the same, ISO 19005-3, which adds associated files); level "A"
// adds the tagging of 6.8, level "U" is untagged.
void expect_pdfa2(const std::filesystem::path& file, int part = 2, const std::string& level = "A") {
  SCOPED_TRACE(file.filename().string());
  auto bytes = read_file(file);
  EXPECT_EQ(bytes.substr(0, 9), "%PDF-1.7\n") << "6.1.2 header";
  auto check = run({"qpdf", "--check", file.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;

  auto pdf = load(file);
  const auto& trailer = pdf.objects.at("trailer").at("value");
  ASSERT_TRUE(trailer.contains("/ID")) << "6.1.3 file identifier";
  EXPECT_EQ(trailer.at("/ID").size(), 2u);
  EXPECT_FALSE(trailer.contains("/Encrypt")) << "6.1.3 no encryption";

  const auto& catalog = pdf.deref(trailer.at("/Root"));
  ASSERT_TRUE(catalog.contains("/OutputIntents")) << "6.2.3 output intent";
  const auto& intent = pdf.deref(catalog.at("/OutputIntents").at(0));
  EXPECT_EQ(intent.at("/S"), "/GTS_PDFA1");
  ASSERT_TRUE(intent.contains("/DestOutputProfile"));
  EXPECT_EQ(pdf.deref(intent.at("/DestOutputProfile")).at("/N"), 3) << "an RGB profile";

  // 6.6.2: XMP metadata, well-formed, identifying PDF/A-2u, agreeing with
  // the document information.
  ASSERT_TRUE(catalog.contains("/Metadata"));
  auto ref = catalog.at("/Metadata").get<std::string>();
  auto xmp = output_of({"qpdf", "--show-object=" + ref.substr(0, ref.find(' ')),
                        "--filtered-stream-data", file.string()});
  auto xml = std::filesystem::temp_directory_path() / (file.filename().string() + ".xmp");
  write_file(xml, xmp);
  auto lint = run({"xmllint", "--noout", xml.string()});
  std::filesystem::remove(xml);
  EXPECT_EQ(lint.exit_code, 0) << "XMP is not well-formed XML: " << lint.err;
  EXPECT_NE(xmp.find("<pdfaid:part>" + std::to_string(part) + "</pdfaid:part>"), std::string::npos);
  EXPECT_NE(xmp.find("<pdfaid:conformance>" + level + "</pdfaid:conformance>"), std::string::npos);
  if (level == "A") {
    // 6.8: a tagged document: marked, with a structure tree and a language;
    // and identified as PDF/UA-1, its schema described for PDF/A (6.6.2.3.2).
    ASSERT_TRUE(catalog.contains("/MarkInfo"));
    EXPECT_EQ(pdf.deref(catalog.at("/MarkInfo")).at("/Marked"), true);
    EXPECT_TRUE(catalog.contains("/StructTreeRoot"));
    EXPECT_TRUE(catalog.contains("/Lang"));
    EXPECT_NE(xmp.find("<pdfuaid:part>1</pdfuaid:part>"), std::string::npos);
    EXPECT_NE(xmp.find("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"), std::string::npos);
  } else {
    EXPECT_FALSE(catalog.contains("/StructTreeRoot"));
    EXPECT_EQ(xmp.find("pdfuaid:part"), std::string::npos);
  }
  const auto& info = pdf.deref(trailer.at("/Info"));
  auto text = [](const nlohmann::json& v) {
    auto s = v.get<std::string>();
    return s.rfind("u:", 0) == 0 ? s.substr(2) : s;
  };
  EXPECT_NE(xmp.find(text(info.at("/Producer"))), std::string::npos) << "pdf:Producer";
  if (info.contains("/Title")) {
    auto title = text(info.at("/Title"));
    // XML escapes & and < in the packet; compare what is escape-free.
    EXPECT_NE(xmp.find(title.substr(0, title.find('&'))), std::string::npos) << "dc:title";
  }
  if (info.contains("/CreationDate")) {
    // D:20221209093000+01'00' <-> 2022-12-09T09:30:00+01:00
    auto d = text(info.at("/CreationDate"));
    auto iso = d.substr(2, 4) + "-" + d.substr(6, 2) + "-" + d.substr(8, 2) + "T" +
               d.substr(10, 2) + ":" + d.substr(12, 2) + ":" + d.substr(14, 2);
    EXPECT_NE(xmp.find("<xmp:CreateDate>" + iso), std::string::npos) << d;
  }

  // 6.2.11: every font embedded, with a ToUnicode map (level U).
  for (const auto& f : pdffonts(file)) {
    EXPECT_TRUE(f.embedded) << f.name;
    EXPECT_TRUE(f.to_unicode) << f.name;
    EXPECT_NE(f.type, "Type 3") << f.name;
  }
  // 6.4: no transparency anywhere.
  for (const auto& [key, obj] : pdf.objects.items()) {
    const auto& v = obj.contains("stream") ? obj.at("stream").at("dict") : obj.at("value");
    if (!v.is_object()) continue;
    if (v.contains("/Group")) {
      EXPECT_NE(pdf.deref(v.at("/Group")).value("/S", ""), "/Transparency") << key;
    }
    EXPECT_FALSE(v.contains("/SMask")) << key;
    for (const char* alpha : {"/CA", "/ca"}) {
      if (v.contains(alpha)) {
        EXPECT_EQ(v.at(alpha), 1) << key;
      }
    }
  }
}

class Archive : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    for (const char* sub : {"a", "b"}) {
      auto r = run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--out",
                    (dir_->path() / sub).string(), "--quiet"});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    auto r = run({DOSSIER_BINARY, "letters", "--out", (dir_->path() / "a").string(), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = run({DOSSIER_BINARY, "specimen", "--out", (dir_->path() / "a" / "specimen.pdf").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::unique_ptr<TempDir> dir_;
};
std::unique_ptr<TempDir> Archive::dir_;

TEST_F(Archive, EveryFileMeetsThePdfA2aRequirements) {
  int checked = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir_->path() / "a")) {
    if (e.path().extension() != ".pdf") continue;
    expect_pdfa2(e.path());
    ++checked;
  }
  EXPECT_EQ(checked, 9) << "4 volumes, 4 letters, the specimen";
}

TEST_F(Archive, TheDefaultDossierMeetsThePdfA2aRequirements) {
  // `dossier build` with no arguments: 100,000 synthetic signatures.
  TempDir out;
  auto r = run({DOSSIER_BINARY, "build", "--out", out.path().string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int checked = 0;
  for (const auto& e : std::filesystem::directory_iterator(out.path())) {
    if (e.path().extension() != ".pdf") continue;
    expect_pdfa2(e.path());
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

// A seal is an incremental update: the sealed file must still be the
// archival file it was, tagged (with its widget in the structure tree,
// PDF/UA) or not, and its seal must hold.
TEST_F(Archive, ASealedVolumeStaysPdfA2) {
  SealPki pki;
  for (const bool tagged : {true, false}) {
    SCOPED_TRACE(tagged ? "tagged" : "untagged");
    TempDir work;
    write_templates(work / "templates", "tagged", tagged ? "true" : "false");
    auto r = run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--templates",
                  (work / "templates").string(), "--out", (work / "out").string(), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto sealed = run({DOSSIER_BINARY, "seal", (work / "out").string(), "--templates",
                       (work / "templates").string(), "--key", pki.key().string(),
                       "--password-file", pki.password_file().string(), "--quiet"});
    ASSERT_EQ(sealed.exit_code, 0) << sealed.err;
    const auto volume = work / "out" / "01-alexander-lukashenko.pdf";
    expect_pdfa2(volume, 2, tagged ? "A" : "U");
    auto sig = run({"pdfsig", "-nssdir", pki.nss_dir(), volume.string()});
    EXPECT_NE(sig.out.find("Signature is Valid."), std::string::npos) << sig.out;
    if (tagged) {
      auto ua =
          run({"/usr/bin/python3", std::string(DOSSIER_SOURCE_DIR) + "/tests/pdfua/matterhorn.py",
               volume.string()});
      EXPECT_EQ(ua.exit_code, 0) << ua.out << ua.err;
      // The widget is in the structure tree, as a Form element.
      auto pdf = load(volume);
      bool form = false;
      for (const auto& [key, object] : pdf.objects.items()) {
        if (!object.contains("value") || !object.at("value").is_object()) continue;
        const auto& v = object.at("value");
        if (v.contains("/S") && v.at("/S") == "/Form" && v.contains("/K")) {
          form = pdf.deref(v.at("/K")).at("/Type") == "/OBJR";
        }
      }
      EXPECT_TRUE(form) << "no Form element holds the seal's widget";
    }
  }
}

TEST_F(Archive, AttachSourceMakesPdfA3aCarryingItsSignatures) {
  TempDir out;
  auto r = run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--out", out.path().string(),
                "--attach-source", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto volume = out.path() / "01-alexander-lukashenko.pdf";
  expect_pdfa2(volume, 3);
  auto pdf = load(volume);
  const auto& catalog = pdf.deref(pdf.objects.at("trailer").at("value").at("/Root"));
  ASSERT_TRUE(catalog.contains("/AF")) << "ISO 19005-3 6.8: associated files";
  const auto& spec = pdf.deref(catalog.at("/AF").at(0));
  EXPECT_EQ(spec.at("/AFRelationship"), "/Source");
  // The attachment is the accepted list: name, city, country, nothing more.
  auto csv = output_of({"qpdf", "--show-attachment=signatures.csv", volume.string()});
  auto accepted = read_file(out.path() / "signatures.csv");
  std::string expected = "name,city,country\n";
  std::istringstream in(accepted);
  std::string line;
  std::getline(in, line);
  // signatures.csv is number,name,city,country,privacy; the attachment
  // has the middle three.
  while (std::getline(in, line)) {
    auto first = line.find(',') + 1;
    expected += line.substr(first, line.rfind(',') - first) + "\n";
  }
  EXPECT_EQ(csv, expected);
  EXPECT_EQ(csv.find('@'), std::string::npos);
}

TEST_F(Archive, AnUntaggedBuildMeetsThePdfA2uRequirements) {
  TempDir out;
  write_templates(out / "templates", "tagged", "false");
  auto r = run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--templates",
                (out / "templates").string(), "--out", (out / "set").string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_pdfa2(out / "set" / "01-alexander-lukashenko.pdf", 2, "U");
  EXPECT_EQ(run({"pdfinfo", (out / "set" / "01-alexander-lukashenko.pdf").string()})
                .out.find("Tagged:          yes"),
            std::string::npos);
}

// Every file is written with object streams and a cross-reference stream
// (PDF 1.5, which PDF/A-2 allows): no classic xref table.
TEST_F(Archive, ObjectsArePackedInObjectStreams) {
  auto bytes = read_file(dir_->path() / "a" / "01-alexander-lukashenko.pdf");
  EXPECT_NE(bytes.find("/Type /ObjStm"), std::string::npos);
  EXPECT_NE(bytes.find("/Type /XRef"), std::string::npos);
  EXPECT_EQ(bytes.find("\nxref\n"), std::string::npos);
  EXPECT_EQ(bytes.find("\ntrailer"), std::string::npos);
}

TEST_F(Archive, TwoBuildsOfTheSameInputsAreByteIdentical) {
  auto a = nlohmann::json::parse(read_file(dir_->path() / "a" / "manifest.json"));
  int compared = 0;
  for (const auto& v : a["volumes"]) {
    auto name = v["file"].get<std::string>();
    auto first = read_file(dir_->path() / "a" / name);
    auto second = read_file(dir_->path() / "b" / name);
    EXPECT_EQ(first.size(), second.size()) << name;
    EXPECT_TRUE(first == second) << name << " differs between two builds";
    ++compared;
  }
  EXPECT_EQ(compared, 4);
  EXPECT_EQ(read_file(dir_->path() / "a" / "manifest.json"),
            read_file(dir_->path() / "b" / "manifest.json"));
}

TEST_F(Archive, TheDateComesFromSourceDateEpochWhenTheConfigHasNone) {
  // A copy of the templates without a date: SOURCE_DATE_EPOCH decides.
  TempDir t;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(DOSSIER_SOURCE_DIR) + "/templates")) {
    std::filesystem::copy(e.path(), t.path() / e.path().filename());
  }
  auto toml = read_file(t.path() / "dossier.toml");
  auto p = toml.find("\ndate = ");
  ASSERT_NE(p, std::string::npos);
  toml.erase(p + 1, toml.find('\n', p + 1) - p);
  write_file(t.path() / "dossier.toml", toml);
  ::setenv("SOURCE_DATE_EPOCH", "1670574600", 1);  // 2022-12-09T08:30:00Z
  auto r = run({DOSSIER_BINARY, "letters", "--templates", t.path().string(), "--out",
                (t.path() / "out").string(), "--quiet"});
  ::unsetenv("SOURCE_DATE_EPOCH");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto pdf = load(t.path() / "out" / "letter-01-alexander-lukashenko.pdf");
  const auto& info = pdf.deref(pdf.objects.at("trailer").at("value").at("/Info"));
  EXPECT_EQ(info.at("/CreationDate"), "u:D:20221209083000+00'00'");
}

}  // namespace
}  // namespace dossier::test
