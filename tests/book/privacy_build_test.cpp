// Signer privacy on real builds: a small export with Belarusian, Russian
// and other signers and a consent column (yes, no, initials, blank and a
// nonsense value) built as the handover and the public edition, and once
// with every country rule off (the "full" build the totals are compared
// with). Every file an edition writes is searched for the names and towns
// it must not show, in every form a reader could get at them.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;

const std::string kFixture = std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/privacy.csv";
const std::string kConsent = "consent=May we pass on your name?";

// The three builds, made once per test process (each TEST is its own
// process under ctest, and each needs all three).
struct Builds {
  TempDir dir;
  fs::path handover, pub, full;
};

void build_into(const fs::path& out, std::vector<std::string> extra) {
  std::vector<std::string> argv{DOSSIER_BINARY,    "build",  "--signatures", kFixture,
                                "--column",        kConsent, "--out",        out.string(),
                                "--attach-source", "--quiet"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto r = run(argv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

const Builds& builds() {
  static std::unique_ptr<Builds> b;
  if (b) return *b;
  b = std::make_unique<Builds>();
  b->handover = b->dir / "handover";
  b->pub = b->dir / "public";
  b->full = b->dir / "full";
  build_into(b->handover, {});
  build_into(b->pub, {"--edition", "public"});
  // The same templates without the rules by country: every consenting
  // signer in full.
  auto templates = b->dir / "templates";
  fs::copy(fs::path(DOSSIER_SOURCE_DIR) / "templates", templates, fs::copy_options::recursive);
  auto toml = read_file(templates / "dossier.toml");
  toml = std::regex_replace(toml, std::regex("\nby_country = [^\n]*"), "\n");
  write_file(templates / "dossier.toml", toml);
  build_into(b->full, {"--templates", templates.string()});
  return *b;
}

nlohmann::json manifest(const fs::path& dir) {
  return nlohmann::json::parse(read_file(dir / "manifest.json"));
}

// Signature lines of the first volume as pdftotext reads them (numbers
// first), squeezed to single spaces.
std::string signature_text(const fs::path& dir) {
  auto text = pdftotext(dir / "01-alexander-lukashenko.pdf", 0, 0, true);
  return std::regex_replace(text, std::regex("[ \t]+"), " ");
}

TEST(PrivacyEditions, EachLevelPrintsItsFormNumbersRunAndTotalsMatchAFullBuild) {
  const auto& b = builds();
  EXPECT_EQ(read_file(b.handover / "signatures.csv"),
            "number,name,city,country,privacy\n"
            "1,A. K.,,BY,initials\n"
            "2,С. Ц.,,BY,initials\n"  // blank consent: the BY rule
            "3,Дмитрий Муратов,,RU,no-city\n"
            "4,Name withheld,,RU,withheld\n"  // no
            "5,Name withheld,,DE,withheld\n"  // yes, then 0 when signing again
            "6,Name withheld,,AT,withheld\n"  // nein
            "7,É. M.,,FR,initials\n"          // initials
            "8,渡辺健二,大阪,JP,full\n"       // blank: the default
            "9,Name withheld,,,withheld-all\n"
            "10,Sofia Rossi,Bologna,IT,full\n"
            "11,علي حسن,الإسكندرية,EG,full\n");
  EXPECT_EQ(read_file(b.pub / "signatures.csv"),
            "number,name,city,country,privacy\n"
            "1,A. K.,,BY,initials\n"
            "2,С. Ц.,,BY,initials\n"
            "3,Д. М.,,RU,initials\n"
            "4,Name withheld,,RU,withheld\n"
            "5,Name withheld,,DE,withheld\n"
            "6,Name withheld,,AT,withheld\n"
            "7,É. M.,,FR,initials\n"
            "8,渡,,JP,initials\n"
            "9,Name withheld,,,withheld-all\n"
            "10,S. R.,,IT,initials\n"
            "11,ع ح,,EG,initials\n");
  // The nonsense consent is rejected with its line, and without the name.
  for (const auto& dir : {b.handover, b.pub, b.full}) {
    auto rejects = read_file(dir / "rejects.csv");
    EXPECT_NE(rejects.find("privacy.csv,10,\"consent value not recognised"), std::string::npos)
        << rejects;
    EXPECT_EQ(std::count(rejects.begin(), rejects.end(), '\n'), 2) << rejects;
  }
  // What the page shows, number by number.
  auto handover = signature_text(b.handover);
  for (const char* line : {"1 A. K.", "Belarus", "3 Дмитрий Муратов", "4 Name withheld", "7 É. M.",
                           "9 Name withheld", "10 Sofia Rossi", "Bologna · Italy"}) {
    EXPECT_NE(handover.find(line), std::string::npos) << line << "\n" << handover;
  }
  auto pub = signature_text(b.pub);
  // (Right-to-left initials are left to verify: pdftotext's raw mode
  // reads them in visual order.)
  for (const char* line : {"1 A. K.", "3 Д. М.", "8 渡", "10 S. R.", "4 Name withheld"}) {
    EXPECT_NE(pub.find(line), std::string::npos) << line << "\n" << pub;
  }
  // Totals: every level counted, as in the full build.
  auto full = manifest(b.full);
  for (const auto& dir : {b.handover, b.pub}) {
    auto m = manifest(dir);
    for (const char* key : {"signatures", "rows_read", "duplicates", "rejected"}) {
      EXPECT_EQ(m["totals"][key], full["totals"][key]) << dir << " " << key;
    }
    EXPECT_EQ(m["totals"]["signatures"], 11);
    std::uint64_t levels = 0;
    for (const auto& [level, n] : m["edition"]["levels"].items()) levels += n.get<std::uint64_t>();
    EXPECT_EQ(levels, 11u) << m["edition"];
    for (const auto& v : m["volumes"]) {
      EXPECT_EQ(v["first_number"], 1);
      EXPECT_EQ(v["last_number"], 11);
    }
  }
  EXPECT_EQ(manifest(b.handover)["edition"]["name"], "handover");
  EXPECT_EQ(manifest(b.handover)["edition"]["by_country"]["BY"], "initials");
  EXPECT_EQ(manifest(b.pub)["edition"]["default"], "initials");
  EXPECT_EQ(full["edition"]["levels"]["full"], 6);  // all but the refusals
}

// The needle in UTF-8 and in UTF-16BE (PDF text strings, XMP can use it).
std::vector<std::string> encodings(const std::string& utf8) {
  std::string be;
  auto unit = [&](std::uint32_t u) {
    be += static_cast<char>(u >> 8);
    be += static_cast<char>(u & 0xFF);
  };
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += static_cast<std::size_t>(len);
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return {utf8, be};
}

// Every form of every file of an edition a reader could search: the bytes,
// and for each PDF its text, an uncompressed copy and its attachment.
std::map<std::string, std::string> readable_forms(const fs::path& dir, const fs::path& scratch) {
  std::map<std::string, std::string> forms;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    auto name = fs::relative(e.path(), dir).string();
    forms[name] = read_file(e.path());
    if (e.path().extension() != ".pdf") continue;
    forms[name + " (pdftotext)"] = pdftotext(e.path());
    auto qdf = scratch / (e.path().stem().string() + ".qdf.pdf");
    auto q = run({"qpdf", "--qdf", "--object-streams=disable", e.path().string(), qdf.string()});
    EXPECT_EQ(q.exit_code, 0) << q.err;
    forms[name + " (qpdf --qdf)"] = read_file(qdf);
    auto a = run({"qpdf", "--show-attachment=signatures.csv", e.path().string()});
    EXPECT_EQ(a.exit_code, 0) << a.err;
    forms[name + " (attachment)"] = a.out;
  }
  return forms;
}

void expect_absent(const fs::path& dir, const std::vector<std::string>& secrets,
                   const std::vector<std::string>& shown) {
  TempDir scratch;
  auto forms = readable_forms(dir, scratch.path());
  ASSERT_GE(forms.size(), 4u * 4 + 4);  // 4 volumes in 4 forms, and the lists
  for (const auto& [form, bytes] : forms) {
    for (const auto& secret : secrets) {
      for (const auto& needle : encodings(secret)) {
        EXPECT_EQ(bytes.find(needle), std::string::npos) << secret << " in " << dir << "/" << form;
      }
    }
  }
  // The search finds what is printed, so an absence means something.
  for (const auto& name : shown) {
    for (const char* form :
         {"01-alexander-lukashenko.pdf (pdftotext)", "01-alexander-lukashenko.pdf (qpdf --qdf)",
          "01-alexander-lukashenko.pdf (attachment)", "signatures.csv"}) {
      EXPECT_NE(forms[form].find(name), std::string::npos) << name << " not in " << form;
    }
  }
}

// Names and towns of the signers each edition redacts; the nonsense row
// (rejected) and the signer who refused on a second signature included.
const std::vector<std::string> kRedactedInHandover{
    "Aliaksandra", "Kavalenka",     "Minsk",    "Сяргей",  "Ціханоўскі", "Гомель",
    "Новосибирск", "Ольга",         "Смирнова", "Казань",  "Hannah",     "Schröder",
    "Freiburg",    "Lukas Brenner", "Brenner",  "Graz",    "Élodie",     "Marchand",
    "Lyon",        "Maarten",       "Vries",    "Utrecht", "Ribeiro",    "Porto"};

TEST(PrivacyEditions, NoRedactedNameOrTownInAnyFileOfTheEdition) {
  const auto& b = builds();
  expect_absent(b.handover, kRedactedInHandover, {"Sofia Rossi", "Bologna", "Дмитрий Муратов"});
  auto everyone = kRedactedInHandover;
  for (const char* s : {"Дмитрий", "Муратов", "Sofia", "Rossi", "Bologna", "渡辺", "大阪", "حسن",
                        "علي", "الإسكندرية"}) {
    everyone.push_back(s);
  }
  expect_absent(b.pub, everyone, {"A. K.", "Д. М."});
}

TEST(PrivacyEditions, VerifyPassesOnEachEditionAndNamesTheNumberOfAnAlteredSignature) {
  const auto& b = builds();
  for (const auto& dir : {b.handover, b.pub}) {
    auto r = run({DOSSIER_BINARY, "verify", dir.string()});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  // The list altered to show signature 1 in full (its level too, so the
  // row agrees with itself): the edition's rule for BY still catches it.
  TempDir copy;
  auto altered = copy / "handover";
  fs::copy(b.handover, altered, fs::copy_options::recursive);
  auto csv = read_file(altered / "signatures.csv");
  csv.replace(csv.find("1,A. K.,,BY,initials"), 20, "1,Aliaksandra Kavalenka,Minsk,BY,full");
  write_file(altered / "signatures.csv", csv);
  auto r = run({DOSSIER_BINARY, "verify", altered.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("signature 1: recorded as full, but edition handover requires at least "
                       "initials for BY"),
            std::string::npos)
      << r.out;

  // A volume of the public edition swapped for the full build's: verify
  // names each signature the volume shows beyond the edition.
  auto pub = copy / "public";
  fs::copy(b.pub, pub, fs::copy_options::recursive);
  auto csv2 = read_file(pub / "signatures.csv");
  csv2.replace(csv2.find("10,S. R.,,IT,initials"), 21, "10,Sofia Rossi,Bologna,IT,initials");
  write_file(pub / "signatures.csv", csv2);
  fs::copy_file(b.full / "02-andrei-shved.pdf", pub / "02-andrei-shved.pdf",
                fs::copy_options::overwrite_existing);
  r = run({DOSSIER_BINARY, "verify", pub.string()});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("signature 10: initials: the city \"Bologna\" is printed (edition public)"),
            std::string::npos)
      << r.out;
  // The swapped volume prints 1 in full where the list says "A. K.".
  EXPECT_TRUE(
      std::regex_search(r.out, std::regex("02-andrei-shved.pdf[^\n]*signatures? 1 \"A\\. K\\.\"")))
      << r.out;
}

}  // namespace
}  // namespace dossier::test
