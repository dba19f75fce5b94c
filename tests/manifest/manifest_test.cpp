// manifest.json as one type: what build writes reads back and writes again
// byte for byte, older manifests keep what they lack, and what verify and
// merge depend on is required with a message naming the key.
#include "manifest/manifest.h"

#include <gtest/gtest.h>

#include "support/process.h"

namespace dossier::test {
namespace {

const std::string kFixture = std::string(DOSSIER_SOURCE_DIR) + "/tests/fixtures/privacy.csv";

std::string format_error(const std::string& text) {
  try {
    manifest::from_json(text);
  } catch (const manifest::NotJson& e) {
    return std::string("not JSON: ") + e.what();
  } catch (const manifest::FormatError& e) {
    return e.what();
  }
  return "(no error)";
}

// A manifest written by `dossier build` (with an edition, inputs, totals),
// read and written again, is the same bytes.
TEST(Manifest, WhatBuildWroteRoundTripsByteForByte) {
  TempDir dir;
  auto r = run(
      {DOSSIER_BINARY, "build", "--signatures", kFixture, "--out", dir.path().string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto written = read_file(dir.path() / "manifest.json");
  ASSERT_FALSE(written.empty());
  const auto m = manifest::from_json(written);
  ASSERT_TRUE(m.edition);
  ASSERT_TRUE(m.inputs);
  ASSERT_EQ(m.inputs->size(), 1u);
  ASSERT_TRUE(m.totals);
  ASSERT_EQ(m.volumes.size(), 4u);
  EXPECT_EQ(m.volumes[0].volume, 1u);
  EXPECT_EQ(m.signatures.file, "signatures.csv");
  EXPECT_EQ(manifest::to_json(m), written);
}

// A volume's seal (dossier seal) reads back as written; a seal without
// its signer is refused by name, since verify compares it.
TEST(Manifest, ASealReadsBackAndItsKeysAreRequired) {
  manifest::Manifest m;
  m.title = "Petition";
  manifest::Volume v;
  v.file = "01-a.pdf";
  v.pages = 3;
  v.sha256 = "ab";
  v.seal = manifest::Seal{.sha256 = "cd",
                          .level = "B-T",
                          .signer = "CN=Seal,O=Campaign",
                          .signer_sha256 = "ef",
                          .signing_time = "2026-12-06T23:51:52Z",
                          .timestamp_time = "2026-12-06T23:51:53Z",
                          .timestamp_authority = "CN=TSA"};
  m.volumes.push_back(v);
  const auto text = manifest::to_json(m);
  const auto back = manifest::from_json(text);
  ASSERT_EQ(back.volumes.size(), 1u);
  EXPECT_EQ(back.volumes[0], v);
  EXPECT_EQ(manifest::to_json(back), text);

  auto without = text;
  const auto at = without.find("\"signer\"");
  ASSERT_NE(at, std::string::npos);
  without.replace(at, 8, "\"signed\"");
  EXPECT_NE(format_error(without).find("signer"), std::string::npos) << format_error(without);
}

// Before parts and editions a manifest had fewer keys: they stay absent
// when it is written again, and nothing is invented.
TEST(Manifest, AnOlderManifestKeepsWhatItLacks) {
  const std::string old =
      "{\n"
      "  \"title\": \"Petition\",\n"
      "  \"volumes\": [\n"
      "    {\n"
      "      \"file\": \"01-a.pdf\",\n"
      "      \"pages\": 12,\n"
      "      \"signatures\": 3,\n"
      "      \"first_number\": 1,\n"
      "      \"last_number\": 3,\n"
      "      \"sha256\": \"ab\"\n"
      "    }\n"
      "  ],\n"
      "  \"signatures\": {\n"
      "    \"file\": \"signatures.csv\",\n"
      "    \"sha256\": \"cd\",\n"
      "    \"count\": 3\n"
      "  }\n"
      "}\n";
  const auto m = manifest::from_json(old);
  EXPECT_FALSE(m.edition);
  EXPECT_FALSE(m.totals);
  EXPECT_FALSE(m.inputs);
  EXPECT_FALSE(m.volumes[0].volume);
  EXPECT_FALSE(m.volumes[0].first_page);
  EXPECT_EQ(manifest::to_json(m), old);
}

TEST(Manifest, WhatVerifyNeedsIsRequiredByName) {
  EXPECT_EQ(format_error("{\"volumes\": []}"), "the top level has no \"signatures\"");
  EXPECT_EQ(format_error("{\"signatures\": {\"file\": \"s.csv\", \"sha256\": \"x\", \"count\": -1},"
                         " \"volumes\": []}"),
            "signatures.count is not a non-negative whole number");
  EXPECT_EQ(format_error("{\"signatures\": {\"file\": \"s.csv\", \"sha256\": \"x\", \"count\": 1},"
                         " \"volumes\": {}}"),
            "\"volumes\" is not a list");
  EXPECT_EQ(format_error("{\"signatures\": {\"file\": \"s.csv\", \"sha256\": \"x\", \"count\": 1},"
                         " \"volumes\": [{\"file\": \"a.pdf\", \"pages\": 1, \"signatures\": 1,"
                         " \"first_number\": 1, \"last_number\": 1}]}"),
            "volumes[0] has no \"sha256\"");
  EXPECT_EQ(format_error("{\"signatures\": {\"file\": \"s.csv\", \"sha256\": \"x\", \"count\": 1},"
                         " \"volumes\": [{\"file\": \"a.pdf\", \"pages\": 1, \"part\": \"2\","
                         " \"signatures\": 1, \"first_number\": 1, \"last_number\": 1,"
                         " \"sha256\": \"y\"}]}"),
            "volumes[0].part is not a non-negative whole number");
  EXPECT_EQ(format_error("{\"edition\": {\"name\": \"x\"}}"),
            "\"edition\" lacks its name or withheld label");
  EXPECT_EQ(format_error("{\"volumes\": [").rfind("not JSON: ", 0), 0u);
  // A number too large for a double is JSON nlohmann refuses with
  // out_of_range, not parse_error (found by fuzz_manifest); it is NotJson
  // all the same instead of an exception nobody catches.
  EXPECT_EQ(format_error("{\"volumes\": [1e999]}").rfind("not JSON: ", 0), 0u);
}

}  // namespace
}  // namespace dossier::test
