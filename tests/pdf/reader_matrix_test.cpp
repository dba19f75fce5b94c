// Every name of a real build, searched as a string in the text each
// mainstream engine extracts from its page: poppler, pdf.js (Firefox),
// PDFium (Chrome, Edge), MuPDF. Where an engine cannot give a class of names
// back, the names it misses are the exact measured set in
// tests/fixtures/reader-gaps/<reader>-<fixture>.txt (the reason for each
// class is in docs/ARCHITECTURE.md, "What readers give back"), so a change
// that loses or wins a name shows up here as a diff.
//
// DOSSIER_WRITE_READER_GAPS=1 rewrites those files from what was measured.
#include "support/reader_matrix.h"

#include <gtest/gtest.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>

#include "support/process.h"

namespace dossier::test {
namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(DOSSIER_SOURCE_DIR) / "tests/fixtures";

std::string gap_file_name(Reader reader, const std::string& fixture) {
  std::string name = reader_name(reader);
  for (auto& c : name) c = c == '.' || c == ' ' ? '-' : static_cast<char>(std::tolower(c));
  return name + "-" + fixture + ".txt";
}

std::vector<std::string> known_gaps(Reader reader, const std::string& fixture) {
  std::ifstream in(kFixtures / "reader-gaps" / gap_file_name(reader, fixture));
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) names.push_back(line);
  }
  return names;
}

void check_reader(Reader reader, const std::string& fixture, const std::filesystem::path& pdf,
                  const std::vector<std::string>& names) {
  auto missing = names_not_found(reader, pdf, names);
  if (std::getenv("DOSSIER_WRITE_READER_GAPS")) {
    auto path = kFixtures / "reader-gaps" / gap_file_name(reader, fixture);
    if (missing.empty()) {
      std::filesystem::remove(path);
    } else {
      std::string body;
      for (const auto& n : missing) body += n + "\n";
      write_file(path, body);
    }
  }
  EXPECT_EQ(missing, known_gaps(reader, fixture))
      << reader_name(reader) << " on " << fixture << ": " << names.size() - missing.size() << " of "
      << names.size() << " names found";
}

// One build per fixture for all readers; volume 1 holds every signature.
class ReaderMatrix : public ::testing::Test {
 protected:
  struct Build {
    std::unique_ptr<TempDir> dir;
    std::filesystem::path pdf;
    std::vector<std::string> names;
  };
  static void SetUpTestSuite() {
    auto sample = std::make_unique<TempDir>();
    auto r = run({DOSSIER_BINARY, "sample", "--count", "10000", "--seed", "7"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    write_file(sample->path() / "sample.csv", r.out);
    // The hard names once more in a mirrored, right-to-left dossier.
    const std::map<std::string, std::filesystem::path> inputs = {
        {"3000", kFixtures / "signatures-3000.csv"},
        {"hard-names", kFixtures / "hard-names.csv"},
        {"hard-names-ar", kFixtures / "hard-names.csv"},
        {"sample-10000", sample->path() / "sample.csv"}};
    for (const auto& [fixture, csv] : inputs) {
      Build b;
      b.dir = std::make_unique<TempDir>();
      auto built = run({DOSSIER_BINARY, "build", "--signatures", csv.string(), "--out",
                        b.dir->path().string(), "--quiet", "--language",
                        fixture == "hard-names-ar" ? "ar" : "en"});
      ASSERT_EQ(built.exit_code, 0) << fixture << ": " << built.err;
      for (const auto& e : std::filesystem::directory_iterator(b.dir->path())) {
        if (e.path().filename().string().rfind("01-", 0) == 0) b.pdf = e.path();
      }
      b.names = printed_names(b.dir->path());
      ASSERT_FALSE(b.names.empty()) << fixture;
      builds_[fixture] = std::move(b);
    }
  }
  static void TearDownTestSuite() { builds_.clear(); }
  static void check(const std::string& fixture, Reader reader) {
    const auto& b = builds_.at(fixture);
    check_reader(reader, fixture, b.pdf, b.names);
  }
  static std::map<std::string, Build> builds_;
};
std::map<std::string, ReaderMatrix::Build> ReaderMatrix::builds_;

TEST_F(ReaderMatrix, PopplerReadsTheNames) {
  for (auto f : {"3000", "hard-names", "sample-10000"}) check(f, Reader::Poppler);
}
// What Evince and Okular find: a wrapped name is read whole at its first
// line (layout::Reads), so poppler's block finder filing the indented
// continuation line elsewhere no longer loses it.
TEST_F(ReaderMatrix, PopplerInReadingOrderReadsTheNames) {
  for (auto f : {"3000", "hard-names", "sample-10000"}) check(f, Reader::PopplerReadingOrder);
}
TEST_F(ReaderMatrix, PdfJsReadsTheNames) {
  for (auto f : {"3000", "hard-names", "sample-10000"}) check(f, Reader::PdfJs);
}
TEST_F(ReaderMatrix, PdfiumReadsTheNames) {
  for (auto f : {"3000", "hard-names", "sample-10000"}) check(f, Reader::Pdfium);
}
TEST_F(ReaderMatrix, MuPdfReadsTheNames) {
  for (auto f : {"3000", "hard-names", "sample-10000"}) check(f, Reader::MuPdf);
}
// Today's MuPDF (1.24 and later: PyMuPDF, SumatraPDF) reads differently
// from Debian's 1.21: it uses /ActualText, reverses right-to-left text drawn
// in visual order, and makes a space of a gap only after a character below
// U+0700.
TEST_F(ReaderMatrix, TodaysMuPdfReadsTheNames) {
  for (auto f : {"3000", "hard-names", "sample-10000"}) check(f, Reader::MuPdfToday);
}

// verify reads every name back from its glyphs and compares it as an exact
// string, right-to-left and mixed-direction names included (no multiset of
// characters any more), and holds each /ActualText to the glyphs it covers.
TEST_F(ReaderMatrix, VerifyFindsEveryNameExactly) {
  for (const auto& [fixture, b] : builds_) {
    auto r = run({DOSSIER_BINARY, "verify", b.dir->path().string()});
    EXPECT_EQ(r.exit_code, 0) << fixture << ":\n" << r.out << r.err;
    EXPECT_NE(r.out.find(std::to_string(b.names.size()) + "/" + std::to_string(b.names.size()) +
                         " signatures"),
              std::string::npos)
        << fixture << ":\n"
        << r.out;
  }
}

// An Arabic dossier's pages are mirrored (signature columns from the
// right): every reader finds exactly the names it finds in the English one.
TEST_F(ReaderMatrix, AMirroredArabicDossierReadsAsTheEnglishOne) {
  const auto& b = ReaderMatrix::builds_.at("hard-names-ar");
  for (auto reader : {Reader::Poppler, Reader::PopplerReadingOrder, Reader::PdfJs, Reader::Pdfium,
                      Reader::MuPdf, Reader::MuPdfToday}) {
    EXPECT_EQ(names_not_found(reader, b.pdf, b.names), known_gaps(reader, "hard-names"))
        << reader_name(reader);
  }
}

// The script a name is written in: that of its first letter that belongs
// to one script (spaces, digits and marks belong to none).
std::string script_of(const std::string& name) {
  int32_t k = 0, n = static_cast<int32_t>(name.size());
  while (k < n) {
    UChar32 c;
    U8_NEXT(name.data(), k, n, c);
    if (c < 0) continue;
    UErrorCode err = U_ZERO_ERROR;
    auto script = uscript_getScript(c, &err);
    if (U_SUCCESS(err) && script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      return uscript_getName(script);
    }
  }
  return "Common";
}

// The bar for the 10,000 sample: at least 99.9 % of names found
// with their spaces, per reader and per script (a script with fewer than 50
// names may miss one); MuPDF 1.21's right-to-left gap excepted, see
// docs/ARCHITECTURE.md.
TEST_F(ReaderMatrix, SampleReachesTheBarInEveryScriptInPopplerPdfJsPdfiumAndTodaysMuPdf) {
  const auto& names = ReaderMatrix::builds_.at("sample-10000").names;
  std::map<std::string, std::size_t> per_script;
  for (const auto& n : names) ++per_script[script_of(n)];
  EXPECT_GE(per_script.size(), 10u) << "the sample should cover many scripts";
  for (auto reader : {Reader::Poppler, Reader::PopplerReadingOrder, Reader::PdfJs, Reader::Pdfium,
                      Reader::MuPdfToday}) {
    auto gaps = known_gaps(reader, "sample-10000");
    EXPECT_GE((names.size() - gaps.size()) * 1000, names.size() * 999) << reader_name(reader);
    std::map<std::string, std::size_t> missed;
    for (const auto& n : gaps) ++missed[script_of(n)];
    for (const auto& [script, count] : per_script) {
      auto lost = missed[script];
      if (count < 50) {
        EXPECT_LE(lost, 1u) << reader_name(reader) << ", " << script << ": " << lost << " of "
                            << count << " names missed";
      } else {
        EXPECT_GE((count - lost) * 1000, count * 999)
            << reader_name(reader) << ", " << script << ": " << lost << " of " << count
            << " names missed";
      }
    }
  }
}

}  // namespace
}  // namespace dossier::test
