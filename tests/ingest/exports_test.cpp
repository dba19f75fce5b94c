// Exports as campaign staff have them (tests/fixtures/exports/, written by
// its make_exports.py): one 200-row export saved seven ways, a Polish and
// Czech windows-1250 file, German headers with country names, e-mail
// columns. Read through ingest::read_signatures, then built with the real
// binary and compared byte for byte.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;
using ingest::InputError;
using ingest::ReadOptions;
using ingest::SignatureSet;

const fs::path kExports = fs::path(DOSSIER_SOURCE_DIR) / "tests" / "fixtures" / "exports";

fs::path fixture(const std::string& name) { return kExports / name; }

struct Variant {
  std::string file;
  std::string encoding;  // --encoding, if any
  std::string format, read_as, delimiter;
};

// The same 200 signers, saved as Excel and petition platforms save them.
const std::vector<Variant> kVariants = {
    {"signers-utf8.csv", "", "csv", "UTF-8", "comma"},
    {"signers-utf8-bom.csv", "", "csv", "UTF-8", "comma"},
    {"signers-utf16le.txt", "", "csv", "UTF-16LE", "tab"},
    {"signers-windows-1252.csv", "windows-1252", "csv", "windows-1252", "semicolon"},
    {"signers-semicolon.csv", "", "csv", "UTF-8", "semicolon"},
    {"signers-tab.tsv", "", "csv", "UTF-8", "tab"},
    {"signers.xlsx", "", "xlsx", "", ""},
};

SignatureSet read(const fs::path& file, const ReadOptions& options = {}) {
  auto set = ingest::read_signatures(file, options);
  const auto& s = set.stats;
  EXPECT_EQ(s.rows_read, s.accepted + s.duplicates + s.rejected) << file;
  EXPECT_EQ(set.signatures.size(), s.accepted) << file;
  return set;
}

std::string error_reading(const fs::path& file, const ReadOptions& options = {}) {
  try {
    ingest::read_signatures(file, options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

// Every kept field of every signature, and its line, one string each.
std::vector<std::string> rows_of(const SignatureSet& set) {
  std::vector<std::string> out;
  for (const auto& s : set.signatures) {
    out.push_back(std::to_string(s.line) + "|" + s.name + "|" + s.city + "|" + s.country + "|" +
                  s.signed_at);
  }
  return out;
}

std::vector<std::string> countries(const SignatureSet& set) {
  std::vector<std::string> out;
  for (const auto& s : set.signatures) out.push_back(s.country);
  return out;
}

std::vector<std::string> names(const SignatureSet& set) {
  std::vector<std::string> out;
  for (const auto& s : set.signatures) out.push_back(s.name);
  return out;
}

fs::path write_temp(const TempDir& dir, const std::string& name, const std::string& bytes) {
  auto p = dir / name;
  write_file(p, bytes);
  return p;
}

TEST(Exports, TheSameExportSavedSevenWaysReadsTheSame) {
  auto reference = read(fixture("signers-utf8.csv"));
  ASSERT_EQ(reference.stats.rows_read, 200u);
  EXPECT_EQ(reference.stats.rejected, 0u);
  // Spot checks against the generator: a comma and quotes inside names, a
  // tab in a given name, and country names in four languages.
  EXPECT_EQ(rows_of(reference)[0], "2|Lucía Müller|A Coruña|ES|2024-03-01T08:12:53");
  EXPECT_EQ(reference.signatures[3].name, "Noël Müller, genannt Schmid");
  EXPECT_NE(reference.signatures[7].name.find(" Rossi; detto \"il Biondo\""), std::string::npos);
  EXPECT_EQ(reference.signatures[11].name.rfind("Marie Claire ", 0), 0u);
  for (const auto& s : reference.signatures) {
    EXPECT_EQ(s.country.size(), 2u) << s.line << " " << s.name;
  }
  for (const auto& v : kVariants) {
    ReadOptions options;
    options.encoding = v.encoding;
    auto set = read(fixture(v.file), options);
    EXPECT_EQ(rows_of(set), rows_of(reference)) << v.file;
    EXPECT_EQ(set.stats.format, v.format) << v.file;
    EXPECT_EQ(set.stats.encoding, v.read_as) << v.file;
    EXPECT_EQ(set.stats.delimiter, v.delimiter) << v.file;
    EXPECT_EQ(set.stats.rejected, 0u) << v.file;
  }
}

TEST(Exports, Windows1252WithoutEncodingIsRefusedBeforeAnyRowNamingIt) {
  auto message = error_reading(fixture("signers-windows-1252.csv"));
  EXPECT_NE(message.find("signers-windows-1252.csv is not UTF-8; it looks like windows-1252 (as "
                         "Excel saves CSV); run again with --encoding windows-1252"),
            std::string::npos)
      << message;
}

TEST(Exports, OneLegacyNameAmongAsciiRowsIsEnoughToRefuseTheFile) {
  TempDir tmp;
  // The worst case for half-reading: one signer of many has an umlaut.
  auto file = write_temp(
      tmp, "one.csv", "name,city\nAnna Berg,Berlin\nJ\xfcrgen M\xfcller,K\xf6ln\nBob Cox,Bonn\n");
  auto message = error_reading(file);
  EXPECT_NE(message.find("one.csv is not UTF-8; it looks like "), std::string::npos) << message;
  EXPECT_NE(message.find("run again with --encoding "), std::string::npos) << message;
}

TEST(Exports, Windows1250PolishAndCzechReadRight) {
  ReadOptions options;
  options.encoding = "windows-1250";
  auto set = read(fixture("polish-czech-windows-1250.csv"), options);
  EXPECT_EQ(rows_of(set), (std::vector<std::string>{
                              "2|Łukasz Żółkiewski|Łódź|PL|",
                              "3|Paweł Wiśniewski|Kraków|PL|",
                              "4|Małgorzata Świątek|Gdańsk|PL|",
                              "5|Jiří Dvořák|Plzeň|CZ|",
                              "6|Růžena Šťastná|České Budějovice|CZ|",
                              "7|Zdeněk Kůžel|Brno|CZ|",
                          }));
  EXPECT_EQ(set.stats.encoding, "windows-1250");
}

TEST(Exports, Utf16WithoutAByteOrderMarkIsNamedAndReadWhenNamed) {
  TempDir tmp;
  std::string utf16;
  for (char16_t u : std::u16string(u"name\tcity\nJürgen Müller\tZürich\n")) {
    utf16 += static_cast<char>(u & 0xFF);
    utf16 += static_cast<char>(u >> 8);
  }
  auto file = write_temp(tmp, "unicode.txt", utf16);
  auto message = error_reading(file);
  EXPECT_NE(message.find("it looks like UTF-16LE without a byte order mark; run again with "
                         "--encoding UTF-16LE"),
            std::string::npos)
      << message;
  ReadOptions options;
  options.encoding = "UTF-16LE";
  EXPECT_EQ(rows_of(read(file, options)), (std::vector<std::string>{"2|Jürgen Müller|Zürich||"}));
}

TEST(Exports, AnUnknownEncodingNameSaysWhatToUse) {
  ReadOptions options;
  options.encoding = "windows-9999";
  auto message = error_reading(fixture("signers-utf8.csv"), options);
  EXPECT_NE(message.find("--encoding windows-9999"), std::string::npos) << message;
  EXPECT_NE(message.find("windows-1252"), std::string::npos) << message;
}

TEST(Exports, BytesTheEncodingLacksRejectTheirRowOnly) {
  TempDir tmp;
  // Greek (ISO 8859-7) leaves 0xD2 and 0xFF undefined.
  auto file = write_temp(tmp, "holes.csv",
                         "name;city\n\xc3\xe9\xdc\xed\xed\xe7\xf2;Athens\nBad \xd2\xff;Bern\n");
  ReadOptions options;
  options.encoding = "iso-8859-7";
  auto set = read(file, options);
  EXPECT_EQ(rows_of(set), (std::vector<std::string>{"2|Γιάννης|Athens||"}));
  ASSERT_EQ(set.rejects.size(), 1u);
  EXPECT_EQ(set.rejects[0].line, 3u);
  EXPECT_EQ(set.rejects[0].reason, "bytes that are not valid iso-8859-7");
}

TEST(Exports, StrayBadBytesInAUtf8FileStayRowRejects) {
  TempDir tmp;
  auto file = write_temp(tmp, "stray.csv",
                         "name,city\nJürgen Müller,Zürich\nFrançoise Dübi,Genève\n"
                         "Bad \xfc Byte,Bern\nJosé García,Sevilla\n");
  auto set = read(file);
  EXPECT_EQ(names(set),
            (std::vector<std::string>{"Jürgen Müller", "Françoise Dübi", "José García"}));
  ASSERT_EQ(set.rejects.size(), 1u);
  EXPECT_EQ(set.rejects[0].line, 4u);
  EXPECT_EQ(set.rejects[0].reason, "invalid UTF-8");
}

TEST(Exports, SeparatorsInsideQuotesOrOneNameDoNotFoolTheDetection) {
  TempDir tmp;
  // Commas in every quoted name, and one unquoted in a name.
  auto semi = write_temp(tmp, "semi.csv",
                         "Name;Stadt;Land\n\"Müller, Hans\";Berlin;DE\n\"Weber, Eva\";Bonn;DE\n"
                         "Frey, Urs;Bern;CH\nAnna Berg;Graz;AT\n");
  auto set = read(semi);
  EXPECT_EQ(set.stats.delimiter, "semicolon");
  EXPECT_EQ(names(set),
            (std::vector<std::string>{"Müller, Hans", "Weber, Eva", "Frey, Urs", "Anna Berg"}));
  // --delimiter overrides: read as commas, the header is one column.
  ReadOptions comma;
  comma.delimiter = ',';
  auto message = error_reading(semi, comma);
  EXPECT_NE(message.find("Name;Stadt;Land"), std::string::npos) << message;

  auto tabs = write_temp(tmp, "tabs.csv", "name\tcity\tcountry\nAnna; Berg\t\tDE\nBob\tBonn\t\n");
  auto t = read(tabs);
  EXPECT_EQ(t.stats.delimiter, "tab");
  // Empty fields between tabs stay fields.
  EXPECT_EQ(rows_of(t), (std::vector<std::string>{"2|Anna; Berg||DE|", "3|Bob|Bonn||"}));
}

TEST(Exports, GermanHeadersAndCountryNamesNeedNoColumnOption) {
  auto set = read(fixture("vorname-nachname.csv"));
  EXPECT_EQ(set.stats.delimiter, "semicolon");
  EXPECT_EQ(set.stats.columns,
            "name = Vorname + Nachname, city = Ort, country = Land, signed_at = (none), e-mail = "
            "(none)");
  EXPECT_EQ(names(set)[0], "Jürgen Müller");
  EXPECT_EQ(countries(set), (std::vector<std::string>{"DE", "CH", "AT", "PL", "TR", "BY", "SE",
                                                      "CZ", "", "", "", "CH"}));
  // Unknown values keep their row, and are counted, most frequent first.
  EXPECT_EQ(set.stats.accepted, 12u);
  EXPECT_EQ(set.stats.unknown_country_rows, 3u);
  ASSERT_EQ(set.stats.unknown_countries.size(), 2u);
  EXPECT_EQ(set.stats.unknown_countries[0].value, "Germanien");
  EXPECT_EQ(set.stats.unknown_countries[0].rows, 2u);
  EXPECT_EQ(set.stats.unknown_countries[1].value, "Atlantis");
  EXPECT_EQ(set.stats.unknown_countries[1].rows, 1u);
}

TEST(Exports, HeadersInFiveLanguagesAreRecognised) {
  TempDir tmp;
  struct Case {
    std::string header, mapping;
  };
  const std::vector<Case> cases = {
      {"first_name,last_name,City,Country,created_at,Email",
       "name = first_name + last_name, city = City, country = Country, signed_at = created_at, "
       "e-mail = Email (only to find duplicates)"},
      {"Vor- und Nachname,Wohnort,Land,Datum,E-Mail-Adresse",
       "name = Vor- und Nachname, city = Wohnort, country = Land, signed_at = Datum, e-mail = "
       "E-Mail-Adresse (only to find duplicates)"},
      {"Vorname,Name,Stadt,Land",
       "name = Vorname + Name, city = Stadt, country = Land, signed_at = (none), e-mail = (none)"},
      {"Nom complet,Ville,Pays,Courriel",
       "name = Nom complet, city = Ville, country = Pays, signed_at = (none), e-mail = Courriel "
       "(only to find duplicates)"},
      {"Nome,Cognome,Città,Paese,Data",
       "name = Nome + Cognome, city = Città, country = Paese, signed_at = Data, e-mail = (none)"},
      {"NOMBRE,APELLIDOS,CIUDAD,PAÍS,FECHA",
       "name = NOMBRE + APELLIDOS, city = CIUDAD, country = PAÍS, signed_at = FECHA, e-mail = "
       "(none)"},
  };
  for (const auto& c : cases) {
    auto file = write_temp(tmp, "h.csv", c.header + "\n");
    EXPECT_EQ(read(file).stats.columns, c.mapping) << c.header;
  }
}

TEST(Exports, TwoCandidateNameColumnsAreAnErrorListingThem) {
  TempDir tmp;
  auto file = write_temp(tmp, "two.csv", "Name,Full Name,City\nAnna Berg,Anna Berg,Bonn\n");
  auto message = error_reading(file);
  EXPECT_NE(message.find("'Name', 'Full Name'"), std::string::npos) << message;
  EXPECT_NE(message.find("--column name="), std::string::npos) << message;
  // --column still decides.
  ReadOptions options;
  options.name_columns = {"full name"};
  EXPECT_EQ(names(read(file, options)), (std::vector<std::string>{"Anna Berg"}));
}

TEST(Exports, OtherFieldsTakeTheMostSpecificHeaderButNeverOneOfTwoSame) {
  TempDir tmp;
  auto dated = write_temp(tmp, "d.csv", "Name,created_at,Datum,City\nAnna,x,2024-01-02,Bonn\n");
  auto set = read(dated);
  EXPECT_EQ(set.signatures.at(0).signed_at, "2024-01-02");
  EXPECT_NE(set.stats.columns.find("signed_at = Datum"), std::string::npos) << set.stats.columns;

  auto twice = write_temp(tmp, "t.csv", "Name,City,city\nAnna,Bonn,Köln\n");
  auto message = error_reading(twice);
  EXPECT_NE(message.find("several columns could hold the city: 'City', 'city'"), std::string::npos)
      << message;
}

TEST(Exports, CountryNamesComeFromIcuInManyLanguages) {
  TempDir tmp;
  auto file = write_temp(tmp, "c.csv",
                         "name,country\nA,Germany\nB,ALLEMAGNE\nC,Svizzera\nD,Suiza\nE,Türkiye\n"
                         "F,turkey\nG,Czechia\nH,Czech Republic\nI,cote d'ivoire\nJ,UK\nK,DEU\n"
                         "L,de\nM,Sverige\nN,Беларусь\nO,Polska\nP,XX\nQ,Österreich\n");
  auto set = read(file);
  EXPECT_EQ(countries(set),
            (std::vector<std::string>{"DE", "DE", "CH", "CH", "TR", "TR", "CZ", "CZ", "CI", "GB",
                                      "DE", "DE", "SE", "BY", "PL", "", "AT"}));
  EXPECT_EQ(set.stats.unknown_country_rows, 1u);
}

TEST(Exports, WorkbookDatesNumbersAndSheets) {
  auto set = read(fixture("signers.xlsx"));
  EXPECT_EQ(set.stats.sheet, "Unterschriften");
  EXPECT_EQ(set.signatures.front().signed_at, "2024-03-01T08:12:53");
  EXPECT_EQ(set.signatures.front().line, 2u);

  ReadOptions notes;
  notes.sheet = "Notizen";
  auto other = read(fixture("signers.xlsx"), notes);
  EXPECT_EQ(names(other), (std::vector<std::string>{"Notiz Blatt"}));

  ReadOptions missing;
  missing.sheet = "Tabelle1";
  auto message = error_reading(fixture("signers.xlsx"), missing);
  EXPECT_NE(message.find("'Unterschriften', 'Notizen'"), std::string::npos) << message;
  EXPECT_NE(message.find("--sheet"), std::string::npos) << message;
}

TEST(Exports, AFileThatIsNoWorkbookIsAnInputError) {
  TempDir tmp;
  auto file = write_temp(tmp, "fake.xlsx", "name,city\nAnna,Bonn\n");
  auto message = error_reading(file);
  EXPECT_NE(message.find("fake.xlsx: not a readable .xlsx workbook"), std::string::npos) << message;
}

TEST(Exports, OneAddressIsOneSignerAndOnlyAnAddressSaysSo) {
  auto set = read(fixture("emails.csv"));
  // "Anna Berg" and "anna berg " share an address in other case: one.
  // Two "Jan Novák, Praha" with two addresses: two. Rows without an
  // address fall back to the name rule, after case folding.
  EXPECT_EQ(rows_of(set),
            (std::vector<std::string>{"2|Anna Berg|Berlin|DE|", "4|Jan Novák|Praha|CZ|",
                                      "5|Jan Novák|Praha|CZ|", "6|Eva Svoboda|Brno|CZ|"}));
  EXPECT_EQ(set.stats.duplicates, 2u);
  EXPECT_NE(set.stats.duplicate_rule.find("e-mail"), std::string::npos);

  TempDir tmp;
  auto no_email = write_temp(tmp, "n.csv", "name,city\nAnna Berg,Berlin\nANNA BERG,berlin\n");
  auto by_name = read(no_email);
  EXPECT_EQ(by_name.stats.accepted, 1u);
  EXPECT_EQ(by_name.stats.duplicate_rule, "same name, city and country (case-folded)");
}

// --- Through the command line, as staff run it ---------------------------

CommandResult build(const fs::path& signatures, const fs::path& out,
                    std::vector<std::string> extra = {}) {
  // One volume is enough to compare: the signature pages are the same in
  // every volume.
  std::vector<std::string> argv = {
      DOSSIER_BINARY, "build",      "--signatures", signatures.string(),
      "--out",        out.string(), "--only",       "1"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

nlohmann::json manifest(const fs::path& out) {
  std::ifstream in(out / "manifest.json");
  return nlohmann::json::parse(in);
}

TEST(ExportsCli, SevenSavedFormsGiveIdenticalSignaturesAndPdfs) {
  TempDir tmp;
  std::string reference_csv, reference_pdf;
  for (const auto& v : kVariants) {
    auto out = tmp / ("out-" + v.file);
    std::vector<std::string> extra = {"--quiet"};
    if (!v.encoding.empty()) extra = {"--quiet", "--encoding", v.encoding};
    auto r = build(fixture(v.file), out, extra);
    ASSERT_EQ(r.exit_code, 0) << v.file << ": " << r.err;
    auto csv = read_file(out / "signatures.csv");
    auto pdf = read_file(out / "01-alexander-lukashenko.pdf");
    ASSERT_GT(pdf.size(), 1000u) << v.file;
    if (reference_csv.empty()) {
      reference_csv = csv;
      reference_pdf = pdf;
      EXPECT_NE(csv.find(",Lucía Müller,A Coruña,ES,full\n"), std::string::npos);
    } else {
      EXPECT_TRUE(csv == reference_csv) << v.file << ": signatures.csv differs";
      EXPECT_TRUE(pdf == reference_pdf) << v.file << ": the PDF differs";
    }
    auto input = manifest(out)["inputs"][0];
    EXPECT_EQ(input["format"], v.format) << v.file;
    EXPECT_EQ(input["encoding"], v.read_as) << v.file;
    EXPECT_EQ(input["delimiter"], v.delimiter) << v.file;
  }
}

TEST(ExportsCli, Windows1252WithoutEncodingExitsTwoAndWritesNothing) {
  TempDir tmp;
  auto out = tmp / "out";
  auto r = build(fixture("signers-windows-1252.csv"), out);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("is not UTF-8; it looks like windows-1252 (as Excel saves CSV); run again "
                       "with --encoding windows-1252"),
            std::string::npos)
      << r.err;
  // Nothing but the empty lock file every build takes (it stays, so that
  // two builds never race over deleting it).
  auto left = files_in(out);
  std::erase_if(left, [](const fs::path& p) { return p.filename() == ".dossier.lock"; });
  EXPECT_EQ(left, std::vector<fs::path>{});
}

TEST(ExportsCli, GermanHeadersBuildWithRightCodesAndListUnknownCountries) {
  TempDir tmp;
  auto out = tmp / "out";
  auto r = build(fixture("vorname-nachname.csv"), out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The progress output says how the file was read.
  EXPECT_NE(r.err.find("format: CSV, UTF-8, separated by semicolon"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("columns: name = Vorname + Nachname, city = Ort, country = Land"),
            std::string::npos)
      << r.err;
  auto csv = read_file(out / "signatures.csv");
  for (const char* row : {",Jürgen Müller,Berlin,DE,full\n", ",Françoise Dübi,Genève,CH,full\n",
                          ",Anna Gruber,Wien,AT,full\n", ",Paweł Nowak,Kraków,PL,full\n",
                          ",Otto Kraus,Atlantis,,full\n"}) {
    EXPECT_NE(csv.find(row), std::string::npos) << row << "\n" << csv;
  }
  EXPECT_NE(r.out.find("3 row(s) name a country that is not recognised"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2  Germanien\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1  Atlantis\n"), std::string::npos) << r.out;
  EXPECT_EQ(manifest(out)["inputs"][0]["unknown_country_rows"], 3);
}

std::string sha256(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), len);
}

std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(ExportsCli, AddressesCountSignersAndAppearNowhere) {
  TempDir tmp;
  auto out = tmp / "out";
  auto r = build(fixture("emails.csv"), out, {"--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto m = manifest(out);
  EXPECT_EQ(m["totals"]["signatures"], 4);
  EXPECT_EQ(m["inputs"][0]["duplicates"], 2);
  EXPECT_NE(m["inputs"][0]["duplicate_rule"].get<std::string>().find("same e-mail address"),
            std::string::npos);
  // Neither an address nor any digest of one, in any form it was compared.
  std::vector<std::string> secrets;
  for (std::string a : {"anna.berg@example.org", "jan.novak@example.cz", "jnovak@example.net"}) {
    for (const auto& form : {a, std::string("  Anna.Berg@Example.ORG ")}) {
      auto digest = sha256(form);
      secrets.insert(secrets.end(), {form, digest, hex(digest)});
    }
  }
  auto files = files_in(out);
  ASSERT_GE(files.size(), 4u);
  for (const auto& f : files) {
    auto bytes = read_file(f);
    // A PDF's compressed streams may hold any byte; its text may not.
    auto text = f.extension() == ".pdf" ? pdftotext(f) : bytes;
    EXPECT_EQ(text.find('@'), std::string::npos) << f;
    if (f.extension() == ".pdf" || f.filename() == "signatures.csv") {
      EXPECT_NE(text.find("Novák"), std::string::npos) << f;  // read back, not blank
    }
    for (const auto& s : secrets) {
      EXPECT_EQ(lower(bytes).find(lower(s)), std::string::npos) << f;
    }
  }
}

}  // namespace
}  // namespace dossier::test
