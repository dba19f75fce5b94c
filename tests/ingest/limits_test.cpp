// Bounded work per row: a field longer than its limit (dossier.toml
// [limits], in grapheme clusters) is a reject with the limit in the reason,
// found while the row is read, before anything else walks the field. The
// ctest TIMEOUT of this executable is 30 s; each test takes a fraction of
// a second, where shaping a megabyte word used to take hours.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ingest/ingest.h"
#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

namespace fs = std::filesystem;

std::string repeat(const std::string& unit, std::size_t n) {
  std::string s;
  s.reserve(unit.size() * n);
  for (std::size_t i = 0; i < n; ++i) s += unit;
  return s;
}

const std::string kMegabyteName = repeat("a", 1 << 20);
const std::string kCjkName = repeat("张", 64000);  // 192,000 bytes

// An export with both junk names among ordinary rows.
fs::path write_export(const TempDir& dir) {
  auto csv = dir / "export.csv";
  write_file(csv,
             "name,city,country\n"
             "Anna Berg,Berlin,DE\n" +
                 kMegabyteName + ",Bern,CH\n" + kCjkName +
                 ",Beijing,CN\n"
                 "王秀英,上海,CN\n"
                 "Eve Falk," +
                 repeat("c", 129) +
                 ",AT\n"
                 "Dora Eck,Wien,AT\n");
  return csv;
}

TEST(FieldLimits, JunkFieldsAreRejectedWithTheLimitInTheReason) {
  TempDir dir;
  auto set = ingest::read_signatures(write_export(dir));
  ASSERT_EQ(set.signatures.size(), 3u);
  EXPECT_EQ(set.signatures[0].name, "Anna Berg");
  EXPECT_EQ(set.signatures[1].name, "王秀英");
  EXPECT_EQ(set.signatures[2].name, "Dora Eck");
  ASSERT_EQ(set.rejects.size(), 3u);
  EXPECT_EQ(set.rejects[0].line, 3u);
  EXPECT_EQ(set.rejects[0].reason, "name is 1,048,576 characters; the limit is 256");
  EXPECT_EQ(set.rejects[1].line, 4u);
  EXPECT_EQ(set.rejects[1].reason, "name is 64,000 characters; the limit is 256");
  EXPECT_EQ(set.rejects[2].line, 6u);
  EXPECT_EQ(set.rejects[2].reason, "city is 129 characters; the limit is 128");
  // The report carries the first 256 characters and an ellipsis, never the
  // whole junk.
  EXPECT_EQ(set.rejects[0].name, repeat("a", 256) + "…");
  EXPECT_EQ(set.rejects[1].name, repeat("张", 256) + "…");
  EXPECT_EQ(set.rejects[2].name, "Eve Falk");
}

TEST(FieldLimits, ClustersNotBytesOrCodePointsAreCounted) {
  TempDir dir;
  // 256 Devanagari clusters of three code points (nine bytes) each, and
  // 256 flags of two regional indicators: at the limit, not over it.
  const std::string devanagari = repeat("क्ष", 256);
  const std::string flags = repeat("🇨🇭", 256);
  write_file(dir / "at-limit.csv",
             "name\n" + devanagari + "\n" + flags + "\n" + repeat("क्ष", 257) + "\n");
  auto set = ingest::read_signatures(dir / "at-limit.csv");
  ASSERT_EQ(set.signatures.size(), 2u);
  ASSERT_EQ(set.rejects.size(), 1u);
  EXPECT_EQ(set.rejects[0].reason, "name is 257 characters; the limit is 256");
}

TEST(FieldLimits, TheLimitsComeFromDossierToml) {
  TempDir dir;
  fs::create_directories(dir / "templates");
  for (const auto& e : fs::directory_iterator(fs::path(DOSSIER_SOURCE_DIR) / "templates")) {
    fs::copy(e.path(), dir / "templates" / e.path().filename());
  }
  auto toml = read_file(dir / "templates" / "dossier.toml");
  auto at = toml.find("name = 256");
  ASSERT_NE(at, std::string::npos);
  toml.replace(at, 10, "name = 8");
  write_file(dir / "templates" / "dossier.toml", toml);
  auto config = ingest::load_config(dir / "templates" / "dossier.toml");
  EXPECT_EQ(config.max_name, 8u);
  EXPECT_EQ(config.max_city, 128u);
}

// Through the CLI: the other rows of the file build, and rejects.csv shows
// the reasons. One recipient keeps the build small.
TEST(FieldLimits, TheOtherRowsOfTheFileBuild) {
  TempDir dir;
  fs::create_directories(dir / "templates");
  for (const auto& e : fs::directory_iterator(fs::path(DOSSIER_SOURCE_DIR) / "templates")) {
    fs::copy(e.path(), dir / "templates" / e.path().filename());
  }
  auto toml = read_file(dir / "templates" / "dossier.toml");
  toml = toml.substr(0, toml.find("[[recipients]]", toml.find("[[recipients]]") + 1));
  write_file(dir / "templates" / "dossier.toml", toml);

  auto r = run({DOSSIER_BINARY, "build", "--signatures", write_export(dir).string(), "--templates",
                (dir / "templates").string(), "--out", (dir / "out").string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto text = pdftotext(dir / "out" / "01-alexander-lukashenko.pdf");
  EXPECT_NE(text.find("Anna Berg"), std::string::npos);
  EXPECT_NE(text.find("王秀英"), std::string::npos);
  EXPECT_NE(text.find("Dora Eck"), std::string::npos);
  EXPECT_EQ(text.find("aaaaaaaa"), std::string::npos);
  auto rejects = read_file(dir / "out" / "rejects.csv");
  EXPECT_NE(rejects.find(",3,\"name is 1,048,576 characters; the limit is 256\","),
            std::string::npos);
  EXPECT_NE(rejects.find(",4,\"name is 64,000 characters; the limit is 256\","), std::string::npos);
  EXPECT_LT(rejects.size(), 4096u) << "the report must not carry the junk";
}

}  // namespace
}  // namespace dossier::test
