// Builds the dossier from a committed export of 3,000 mixed-script
// signatures with the real binary, then reads every volume back as its
// users would: the text (pdftotext), the page count (pdfinfo), the
// bookmarks (mutool), and the bytes of every file written.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "ingest/privacy.h"
#include "support/fixtures.h"
#include "support/pdf_readback.h"
#include "support/process.h"
#include "support/unicode_text.h"
#include "text/text.h"

namespace dossier::test {
namespace {

const std::string kFixture =
    std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/signatures-3000.csv";

struct Expected {
  std::uint64_t number;
  std::string name;
};

// The fixture is in signing order; rows repeating an earlier name, city
// and country are merged into it. The default handover edition prints
// Belarusian signers as initials (templates/dossier.toml, [privacy]).
std::vector<Expected> expected_signatures(std::set<std::string>* emails) {
  std::ifstream in(kFixture);
  std::string line;
  std::getline(in, line);
  std::set<std::string> seen;
  std::vector<Expected> out;
  while (std::getline(in, line)) {
    auto f = csv_fields(line);
    if (f.size() < 5) continue;
    emails->insert(f[4]);
    if (!seen.insert(f[0] + "\x1f" + f[1] + "\x1f" + f[2]).second) continue;
    out.push_back({out.size() + 1, f[2] == "BY" ? ingest::initials(f[0]) : f[0]});
  }
  return out;
}

// Text without white space and bidi marks: a wrapped name or a reordered
// number still matches.
std::string squeeze(const std::string& s) {
  std::string out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0 || u_isUWhiteSpace(c) || u_charType(c) == U_FORMAT_CHAR || c == '\f') continue;
    out.append(s, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
  }
  return out;
}

std::vector<UChar32> code_points(const std::string& s) {
  std::vector<UChar32> out;
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    out.push_back(c);
  }
  return out;
}

std::vector<UChar32> sorted_chars(const std::string& s) {
  auto v = code_points(s);
  std::sort(v.begin(), v.end());
  return v;
}

class DossierBuild : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    auto r = run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--out", dir_->path().string(),
                  "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(dir_->path() / "manifest.json");
    manifest_ = nlohmann::json::parse(in);
    expected_ = expected_signatures(&emails_);
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::unique_ptr<TempDir> dir_;
  static nlohmann::json manifest_;
  static std::vector<Expected> expected_;
  static std::set<std::string> emails_;
};
std::unique_ptr<TempDir> DossierBuild::dir_;
nlohmann::json DossierBuild::manifest_;
std::vector<Expected> DossierBuild::expected_;
std::set<std::string> DossierBuild::emails_;

TEST_F(DossierBuild, ManifestListsFourVolumesWhosePagesMatchThePdfs) {
  ASSERT_EQ(manifest_["volumes"].size(), 4u);
  const char* recipients[] = {"Alexander Lukashenko", "Andrei Shved", "Ivan Kubrakov",
                              "Oleg Matkin"};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& v = manifest_["volumes"][i];
    EXPECT_EQ(v["recipient"], recipients[i]);
    auto pdf = dir_->path() / v["file"].get<std::string>();
    ASSERT_TRUE(std::filesystem::exists(pdf)) << pdf;
    EXPECT_EQ(page_count(pdf), v["pages"].get<int>()) << pdf;
    EXPECT_EQ(v["signatures"].get<std::uint64_t>(), expected_.size());
    EXPECT_EQ(v["first_number"].get<std::uint64_t>(), 1u);
    EXPECT_EQ(v["last_number"].get<std::uint64_t>(), expected_.size());
  }
  EXPECT_EQ(manifest_["volumes"][0]["file"], "01-alexander-lukashenko.pdf");
  const auto& input = manifest_["inputs"][0];
  EXPECT_EQ(input["rows_read"].get<std::uint64_t>(), input["accepted"].get<std::uint64_t>() +
                                                         input["duplicates"].get<std::uint64_t>() +
                                                         input["rejected"].get<std::uint64_t>());
  EXPECT_EQ(input["accepted"].get<std::uint64_t>(), expected_.size());
}

TEST_F(DossierBuild, EveryNameIsInEveryVolumeInOrderWithItsNumber) {
  for (const auto& v : manifest_["volumes"]) {
    auto pdf = dir_->path() / v["file"].get<std::string>();
    // Raw order: the order the volume draws its entries in; poppler's
    // default mode reads across the columns row by row.
    auto text = squeeze(text::normalize_nfc(pdftotext(pdf, 0, 0, true)));
    std::size_t at = 0, rtl_found = 0, rtl_total = 0;
    for (const auto& e : expected_) {
      auto name = squeeze(text::normalize_nfc(e.name));
      if (has_rtl(e.name)) {
        // Poppler reorders right-to-left words (and splits a lam-alef drawn
        // as two glyphs) as it sees fit: after its number, the entry holds
        // exactly the name's characters.
        ++rtl_total;
        auto number = std::to_string(e.number);
        auto p = text.find(number, at);
        if (p == std::string::npos) continue;
        auto want = sorted_chars(name);
        auto got = code_points(text.substr(p + number.size(), name.size() * 2));
        got.resize(std::min(got.size(), want.size()));
        std::sort(got.begin(), got.end());
        if (got == want) {
          ++rtl_found;
          at = p + number.size();
        } else {
          ADD_FAILURE() << v["file"] << ": no. " << e.number << " " << e.name;
        }
        continue;
      }
      auto want = std::to_string(e.number) + name;
      auto p = text.find(want, at);
      ASSERT_NE(p, std::string::npos)
          << v["file"] << ": no. " << e.number << " " << e.name << " missing or out of order";
      at = p + want.size();
    }
    EXPECT_EQ(rtl_found, rtl_total) << v["file"];
  }
}

TEST_F(DossierBuild, FooterSaysPageXOfYWithTheTrueTotal) {
  for (const auto& v : manifest_["volumes"]) {
    auto pdf = dir_->path() / v["file"].get<std::string>();
    int total = v["pages"].get<int>();
    EXPECT_NE(pdftotext(pdf, 1, 1).find("Page 1 of " + std::to_string(total)), std::string::npos);
    auto last = pdftotext(pdf, total, total);
    EXPECT_NE(last.find("Page " + std::to_string(total) + " of " + std::to_string(total)),
              std::string::npos)
        << last;
  }
}

TEST_F(DossierBuild, CoverNamesTheRecipientInLatinAndCyrillic) {
  const char* cyrillic[] = {"Александр Лукашенко", "Андрей Швед", "Иван Кубраков", "Олег Маткин"};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& v = manifest_["volumes"][i];
    auto cover = pdftotext(dir_->path() / v["file"].get<std::string>(), 1, 1);
    EXPECT_NE(cover.find(v["recipient"].get<std::string>()), std::string::npos) << cover;
    EXPECT_NE(cover.find(cyrillic[i]), std::string::npos) << cover;
    EXPECT_NE(cover.find("131 parliamentarians"), std::string::npos) << cover;
  }
}

TEST_F(DossierBuild, OutlineHasTheSections) {
  auto pdf = dir_->path() / manifest_["volumes"][1]["file"].get<std::string>();
  auto r = run({"mutool", "show", pdf.string(), "outline"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto count = std::to_string(expected_.size());
  auto range = "Nos. 1–" + count.substr(0, count.size() - 3) + "," + count.substr(count.size() - 3);
  for (const std::string& want :
       {std::string("Cover"), std::string("Letter"), std::string("Parliamentarians"),
        std::string("Germany"), std::string("Signatures"), range,
        std::string("Signatures by country")}) {
    EXPECT_NE(r.out.find(want), std::string::npos) << want << " not in\n" << r.out;
  }
}

TEST_F(DossierBuild, NoEmailAddressReachesAnyOutputFile) {
  ASSERT_GT(emails_.size(), 1000u);
  for (const auto& entry : std::filesystem::directory_iterator(dir_->path())) {
    std::vector<std::string> views{read_file(entry.path())};
    if (entry.path().extension() == ".pdf") {
      views.push_back(pdftotext(entry.path()));
      // Uncompressed, so metadata and streams are searchable too.
      auto qdf = dir_->path() / "qdf.tmp";
      output_of({"qpdf", "--qdf", "--object-streams=disable", entry.path().string(), qdf.string()});
      views.push_back(read_file(qdf));
      std::filesystem::remove(qdf);
    }
    for (const auto& view : views) {
      EXPECT_EQ(view.find("@example."), std::string::npos) << entry.path();
      for (const auto& email : emails_) {
        ASSERT_EQ(view.find(email), std::string::npos) << email << " in " << entry.path();
      }
    }
  }
}

TEST_F(DossierBuild, CheckReadsTheExportAsTheBuildDidAndWritesNoPdf) {
  auto out = dir_->path() / "check";
  auto r = run({DOSSIER_BINARY, "check", "--signatures", kFixture, "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto& in = manifest_["inputs"][0];
  auto counts =
      fmt::format("{} row(s) read, {} accepted, {} duplicate(s), {} rejected",
                  in["rows_read"].get<std::uint64_t>(), in["accepted"].get<std::uint64_t>(),
                  in["duplicates"].get<std::uint64_t>(), in["rejected"].get<std::uint64_t>());
  EXPECT_NE(r.out.find(counts), std::string::npos) << r.out;
  EXPECT_EQ(read_file(out / "rejects.csv"), read_file(dir_->path() / "rejects.csv"));
  EXPECT_EQ(read_file(out / "coverage.csv"), read_file(dir_->path() / "coverage.csv"));
  EXPECT_NE(r.out.find("Latn"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Noto Serif CJK"), std::string::npos) << r.out;
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    EXPECT_NE(entry.path().extension(), ".pdf") << entry.path();
  }
}

}  // namespace
}  // namespace dossier::test
