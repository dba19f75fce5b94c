// [layout] binding_correction: lengths as staff write them, and a clear
// error for anything else.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ingest/ingest.h"
#include "support/process.h"

namespace dossier::test {
namespace {

TEST(BindingCorrection, LengthsInEveryUnitAreReadInPoints) {
  EXPECT_NEAR(*ingest::parse_length("12mm"), 34.016, 0.001);
  EXPECT_NEAR(*ingest::parse_length("1.2 cm"), 34.016, 0.001);
  EXPECT_NEAR(*ingest::parse_length(" 34pt "), 34, 1e-9);
  EXPECT_NEAR(*ingest::parse_length("0.5in"), 36, 1e-9);
  EXPECT_NEAR(*ingest::parse_length("0mm"), 0, 1e-9);
  for (const char* bad : {"12", "12px", "mm", "-3mm", "12 mmm", "1,2cm", ""}) {
    EXPECT_FALSE(ingest::parse_length(bad).has_value()) << bad;
  }
}

// The project's dossier.toml with its binding_correction line replaced.
std::filesystem::path config_with(const TempDir& dir, const std::string& line) {
  auto toml = read_file(std::string(DOSSIER_SOURCE_DIR) + "/templates/dossier.toml");
  auto p = toml.find("binding_correction = ");
  EXPECT_NE(p, std::string::npos);
  toml.replace(p, toml.find('\n', p) - p, line);
  write_file(dir / "dossier.toml", toml);
  return dir / "dossier.toml";
}

TEST(BindingCorrection, TheTemplateSaysTwelveMillimetres) {
  auto c = ingest::load_config(std::string(DOSSIER_SOURCE_DIR) + "/templates/dossier.toml");
  EXPECT_NEAR(c.binding_correction, 12 * 72 / 25.4, 1e-9);
  TempDir dir;
  EXPECT_NEAR(
      ingest::load_config(config_with(dir, "binding_correction = \"0.5in\"")).binding_correction,
      36, 1e-9);
  // The largest a left-hand page's outer margin allows.
  EXPECT_NEAR(
      ingest::load_config(config_with(dir, "binding_correction = \"1.5cm\"")).binding_correction,
      42.52, 0.01);
  // Absent: the default, 12 mm.
  EXPECT_NEAR(ingest::load_config(config_with(dir, "")).binding_correction, 12 * 72 / 25.4, 1e-9);
}

TEST(BindingCorrection, AnUnknownUnitIsAnErrorNamingTheSettingAndTheUnits) {
  TempDir dir;
  for (const char* line : {"binding_correction = \"12px\"", "binding_correction = \"12\"",
                           "binding_correction = 12", "binding_correction = \"16mm\""}) {
    try {
      ingest::load_config(config_with(dir, line));
      ADD_FAILURE() << line << " was accepted";
    } catch (const ingest::InputError& e) {
      std::string what = e.what();
      EXPECT_NE(what.find("layout.binding_correction"), std::string::npos) << what;
      EXPECT_NE(what.find("dossier.toml"), std::string::npos) << what;
      if (std::string(line).find('"') != std::string::npos) {
        EXPECT_NE(what.find("mm, cm, pt or in"), std::string::npos) << what;
      }
    }
  }
}

}  // namespace
}  // namespace dossier::test
