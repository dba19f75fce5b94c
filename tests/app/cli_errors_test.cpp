// The command line as users meet it: bad input gives one clear message and
// exit code 2, and never a partial file.
#include <gtest/gtest.h>

#include "support/fixtures.h"
#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

const std::string kManifest = std::string(DOSSIER_SOURCE_DIR) + "/fonts/fonts.toml";

void expect_no_output_files(const TempDir& dir) {
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    auto name = e.path().filename().string();
    EXPECT_TRUE(name.find(".pdf") == std::string::npos) << "left behind: " << name;
  }
}

TEST(Cli, MissingFontFileIsExitTwoWithItsName) {
  TempDir dir;
  write_file(dir / "fonts.toml", "search = [\"" + dir.path().string() +
                                     "\"]\n[roles]\nserif = [\"Gone.ttf\"]\n"
                                     "sans = [\"Gone.ttf\"]\n");
  auto r = run({DOSSIER_BINARY, "specimen", "--fonts", (dir / "fonts.toml").string(), "--out",
                (dir / "s.pdf").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Gone.ttf"), std::string::npos) << r.err;
  expect_no_output_files(dir);
}

TEST(Cli, CorruptFontFileIsExitTwoWithItsName) {
  TempDir dir;
  write_file(dir / "Broken.ttf", std::string("\0\1\0\0garbage that is not a font", 30));
  write_file(dir / "fonts.toml",
             "search = [\".\"]\n[roles]\nserif = [\"Broken.ttf\"]\nsans = [\"Broken.ttf\"]\n");
  auto r = run({DOSSIER_BINARY, "specimen", "--fonts", (dir / "fonts.toml").string(), "--out",
                (dir / "s.pdf").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Broken.ttf"), std::string::npos) << r.err;
  expect_no_output_files(dir);
}

TEST(Cli, UnwritableOutputIsExitTwo) {
  TempDir dir;
  // Inside a regular file: no user, root included, can create that.
  write_file(dir / "plain", "x");
  auto r = run({DOSSIER_BINARY, "specimen", "--out", (dir / "plain" / "s.pdf").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;

  // A directory where the file should go.
  std::filesystem::create_directory(dir / "taken.pdf");
  r = run({DOSSIER_BINARY, "specimen", "--out", (dir / "taken.pdf").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
}

TEST(Cli, InvalidUtf8OnTheCommandLineIsExitTwo) {
  TempDir dir;
  auto r = run({DOSSIER_BINARY, "specimen", "--line", "Bad \xff\xfe name", "--out",
                (dir / "s.pdf").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("UTF-8"), std::string::npos) << r.err;
  expect_no_output_files(dir);
}

TEST(Cli, UncoveredCharacterWarnsByNameAndTheRestRenders) {
  TempDir dir;
  auto pdf = dir / "s.pdf";
  auto r = run({DOSSIER_BINARY, "specimen", "--lines", "/dev/null", "--line", "Anna \uE000 Berg",
                "--out", pdf.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("U+E000 <private use area-E000>"), std::string::npos) << r.err;
  auto text = pdftotext(pdf);
  EXPECT_NE(text.find("Anna"), std::string::npos) << text;
  EXPECT_NE(text.find("Berg"), std::string::npos) << text;
}

TEST(Cli, ARowWithShiftedColumnsIsRejectedNeverGuessed) {
  // An unquoted comma in the name shifts the columns: the e-mail address
  // would land in "city". The row is rejected, and the address goes nowhere.
  TempDir dir;
  write_file(dir / "in.csv",
             "name,email,city,country\n"
             "Anna Berg,anna@example.org,Berlin,DE\n"
             "Berg, Karl,karl.berg@example.org,Hamburg,DE\n");
  auto out = dir / "out";
  auto r = run({DOSSIER_BINARY, "build", "--signatures", (dir / "in.csv").string(), "--out",
                out.string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // --quiet: no summary, but the lost row is not passed over in silence.
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(without_privacy_block(r.err),
            "warning: 1 row(s) rejected, listed in " + (out / "rejects.csv").string() + "\n");
  auto rejects = read_file(out / "rejects.csv");
  EXPECT_NE(rejects.find(",3,\"5 fields, the header has 4\""), std::string::npos) << rejects;
  for (const auto& e : std::filesystem::directory_iterator(out)) {
    EXPECT_EQ(read_file(e.path()).find("karl.berg@"), std::string::npos) << e.path();
  }
  EXPECT_EQ(read_file(out / "signatures.csv"),
            "number,name,city,country,privacy\n1,Anna Berg,Berlin,DE,full\n");
}

TEST(Cli, AQuietBuildWithNothingToReportPrintsOnlyThePrivacyItApplied) {
  TempDir dir;
  write_file(dir / "in.csv", "name,city,country\nAnna Berg,Berlin,DE\n");
  auto r = run({DOSSIER_BINARY, "build", "--signatures", (dir / "in.csv").string(), "--out",
                (dir / "out").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "privacy (edition handover):\n"
            "  rules:   default full, BY initials, RU no-city\n"
            "  consent: no consent column in the export\n"
            "  printed: full 1 · no-city 0 · initials 0 · withheld 0 · withheld-all 0\n");
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "manifest.json"));
  // Without --quiet, the summary names what was written.
  auto loud = run({DOSSIER_BINARY, "build", "--signatures", (dir / "in.csv").string(), "--out",
                   (dir / "loud").string()});
  EXPECT_EQ(loud.exit_code, 0) << loud.err;
  EXPECT_NE(loud.out.find("wrote 4 volume(s)"), std::string::npos) << loud.out;
}

TEST(Cli, UnknownCommandOrOptionIsExitTwo) {
  EXPECT_EQ(run({DOSSIER_BINARY, "no-such-command"}).exit_code, 2);
  EXPECT_EQ(run({DOSSIER_BINARY, "specimen", "--no-such-option"}).exit_code, 2);
  auto help = run({DOSSIER_BINARY, "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("specimen"), std::string::npos);
}

}  // namespace
}  // namespace dossier::test
