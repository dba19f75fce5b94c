// Volumes cut into parts, and the same dossier rendered as indexed pieces
// (--only VOLUME/PART, then `dossier manifest merge`), against one build.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/fixtures.h"
#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

const std::string kFixture =
    std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/signatures-3000.csv";

std::string fmt_page(int page, int total) {
  return "Page " + std::to_string(page) + " of " + std::to_string(total);
}

nlohmann::json manifest(const std::filesystem::path& dir) {
  return nlohmann::json::parse(read_file(dir / "manifest.json"));
}

class Parts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    write_templates(dir_->path() / "templates", "part_pages", "15");
    auto r = run({DOSSIER_BINARY, "build", "--templates", (dir_->path() / "templates").string(),
                  "--signatures", kFixture, "--out", (dir_->path() / "split").string(), "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    split_ = manifest(dir_->path() / "split");
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::unique_ptr<TempDir> dir_;
  static nlohmann::json split_;
};
std::unique_ptr<TempDir> Parts::dir_;
nlohmann::json Parts::split_;

TEST_F(Parts, ALongVolumeIsCutIntoNumberedParts) {
  const auto& pieces = split_["volumes"];
  ASSERT_GT(pieces.size(), 4u);
  std::size_t parts = pieces[0]["parts"];
  ASSERT_GE(parts, 3u);
  EXPECT_EQ(pieces.size(), 4 * parts);
  for (const auto& p : pieces) {
    auto file = dir_->path() / "split" / p["file"].get<std::string>();
    int pages = page_count(file);
    EXPECT_EQ(pages, p["pages"].get<int>()) << file;
    EXPECT_LE(pages, 15 + 2) << file << ": a part holds at most part_pages (plus the summary)";
    // Numbering runs across the volume: the first and last page of each
    // part carry the volume's page numbers and total.
    int first = p["first_page"], total = p["volume_pages"];
    auto head = pdftotext(file, 1, 1);
    EXPECT_NE(head.find(fmt_page(first, total)), std::string::npos) << file << "\n" << head;
    auto tail = pdftotext(file, pages, pages);
    EXPECT_NE(tail.find(fmt_page(first + pages - 1, total)), std::string::npos) << file;
    // Each part has its own cover naming the part.
    auto part_line = "Volume " + std::to_string(p["volume"].get<int>()) + " · Part " +
                     std::to_string(p["part"].get<int>()) + " of " + std::to_string(parts);
    EXPECT_NE(head.find(part_line), std::string::npos) << file << "\n" << head;
  }
  // Parts of a volume follow on: pages add up, numbers join without a gap.
  for (std::size_t v = 0; v < 4; ++v) {
    std::size_t pages = 0;
    std::uint64_t next = 1;
    for (std::size_t k = 0; k < parts; ++k) {
      const auto& p = pieces[v * parts + k];
      EXPECT_EQ(p["first_page"].get<std::size_t>(), pages + 1);
      pages += p["pages"].get<std::size_t>();
      EXPECT_EQ(p["first_number"].get<std::uint64_t>(), next);
      next = p["last_number"].get<std::uint64_t>() + 1;
    }
    EXPECT_EQ(pages, pieces[v * parts]["volume_pages"].get<std::size_t>());
    EXPECT_EQ(next - 1, split_["signatures"]["count"].get<std::uint64_t>());
  }
}

TEST_F(Parts, TheLetterIsInPartOneAndTheSummaryInTheLastPart) {
  std::size_t parts = split_["volumes"][0]["parts"];
  auto first = dir_->path() / "split" / split_["volumes"][0]["file"].get<std::string>();
  auto last = dir_->path() / "split" / split_["volumes"][parts - 1]["file"].get<std::string>();
  EXPECT_NE(pdftotext(first).find("Open Letter to Alexander Lukashenko"), std::string::npos);
  EXPECT_NE(pdftotext(last).find("Signatures by country"), std::string::npos);
  EXPECT_EQ(pdftotext(last).find("Open Letter to"), std::string::npos);
  auto outline = output_of({"mutool", "show", last.string(), "outline"});
  EXPECT_NE(outline.find("Signatures"), std::string::npos) << outline;
}

TEST_F(Parts, IndexedPiecesMergeIntoTheSameDossier) {
  // Each piece rendered on its own, as an array job would, then merged.
  std::vector<std::string> manifests;
  for (const auto& p : split_["volumes"]) {
    auto piece =
        std::to_string(p["volume"].get<int>()) + "/" + std::to_string(p["part"].get<int>());
    auto out = dir_->path() / ("piece-" + std::to_string(manifests.size()));
    auto r = run({DOSSIER_BINARY, "build", "--templates", (dir_->path() / "templates").string(),
                  "--signatures", kFixture, "--out", out.string(), "--only", piece, "--quiet"});
    ASSERT_EQ(r.exit_code, 0) << piece << ": " << r.err;
    auto m = manifest(out);
    ASSERT_EQ(m["volumes"].size(), 1u) << piece;
    // The same bytes as in the single build.
    EXPECT_EQ(m["volumes"][0]["sha256"], p["sha256"]) << piece;
    manifests.push_back((out / "manifest.json").string());
  }
  auto merged = dir_->path() / "merged.json";
  std::vector<std::string> argv{DOSSIER_BINARY, "manifest", "merge", "--out", merged.string()};
  argv.insert(argv.end(), manifests.rbegin(), manifests.rend());  // any order
  auto r = run(argv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto m = nlohmann::json::parse(read_file(merged));
  EXPECT_EQ(m["volumes"], split_["volumes"]);
  EXPECT_EQ(m["totals"], split_["totals"]);
  EXPECT_EQ(m["inputs"], split_["inputs"]);

  // A piece given twice is refused.
  argv.push_back(manifests.front());
  EXPECT_EQ(run(argv).exit_code, 2);
}

TEST_F(Parts, OnlyRefusesAPieceThatDoesNotExist) {
  auto r = run({DOSSIER_BINARY, "build", "--signatures", kFixture, "--out",
                (dir_->path() / "none").string(), "--only", "9", "--quiet"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--only 9"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace dossier::test
