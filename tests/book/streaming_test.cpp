// A dossier large enough to be laid out and encoded in many chunks and cut
// into several parts: every accepted signature must still be in every
// volume exactly once, in order, read back from the PDFs themselves.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "support/fixtures.h"
#include "support/pdf_readback.h"
#include "support/process.h"

namespace dossier::test {
namespace {

constexpr int kSignatures = 30000;

// number -> name, from the build's signatures.csv (number, name, city,
// country, privacy; fields quoted as RFC 4180 says).
std::map<std::uint64_t, std::string> accepted_names(const std::filesystem::path& csv) {
  std::map<std::uint64_t, std::string> out;
  std::string all = read_file(csv);
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, header = true;
  for (std::size_t i = 0; i < all.size(); ++i) {
    char c = all[i];
    if (quoted) {
      if (c == '"' && i + 1 < all.size() && all[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < all.size() && all[i + 1] == '\n') ++i;
      fields.push_back(std::move(field));
      field.clear();
      if (!header && fields.size() >= 2) out[std::stoull(fields[0])] = fields[1];
      header = false;
      fields.clear();
    } else {
      field += c;
    }
  }
  return out;
}

bool plain_ascii(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return s.size() <= 18;  // short enough never to wrap in a column
}

TEST(Streaming, EverySignatureIsInEveryVolumeOnceAndInOrder) {
  TempDir dir;
  write_templates(dir / "templates", "part_pages", "60");
  auto out = dir / "out";
  auto r = run({DOSSIER_BINARY, "build", "--templates", (dir / "templates").string(),
                "--sample-count", std::to_string(kSignatures), "--out", out.string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto m = nlohmann::json::parse(read_file(out / "manifest.json"));
  const auto names = accepted_names(out / "signatures.csv");
  const std::uint64_t total = m["totals"]["signatures"];
  ASSERT_EQ(names.size(), total);
  ASSERT_GT(total, 25000u);

  // Pieces in manifest order: volume by volume, parts in order.
  std::map<int, std::vector<std::filesystem::path>> volumes;
  for (const auto& v : m["volumes"]) {
    ASSERT_GE(v["parts"].get<int>(), 4) << "part_pages should cut each volume into parts";
    volumes[v["volume"].get<int>()].push_back(out / v["file"].get<std::string>());
  }
  ASSERT_EQ(volumes.size(), 4u);

  // In content order (pdftotext -raw) an entry reads "NUMBER NAME".
  const std::regex entry(R"(^([0-9]+) (.+)$)");
  for (const auto& [volume, files] : volumes) {
    std::vector<std::uint64_t> seen;  // numbers of entries that read back exactly
    std::uint64_t numbered = 0;       // lines that start with an expected number and name
    for (const auto& file : files) {
      std::istringstream text(pdftotext(file, 0, 0, true));
      std::string line;
      std::smatch match;
      while (std::getline(text, line)) {
        // A page's text begins after the form feed that ends the last.
        if (!line.empty() && line.front() == '\f') line.erase(0, 1);
        if (!std::regex_match(line, match, entry)) continue;
        auto number = std::stoull(match[1].str());
        auto it = names.find(number);
        if (it == names.end() || it->second != match[2].str()) continue;
        seen.push_back(number);
        ++numbered;
      }
    }
    // Strictly increasing: each at most once, in order, across the parts.
    for (std::size_t i = 1; i < seen.size(); ++i) {
      ASSERT_LT(seen[i - 1], seen[i])
          << "volume " << volume << ": no. " << seen[i] << " after no. " << seen[i - 1];
    }
    // Every entry whose name poppler gives back unchanged (plain, short,
    // left-to-right) is there: none lost at a chunk or part boundary.
    std::size_t expected = 0;
    for (const auto& [number, name] : names) expected += plain_ascii(name);
    std::size_t found_plain = 0;
    for (auto n : seen) found_plain += plain_ascii(names.at(n));
    EXPECT_EQ(found_plain, expected) << "volume " << volume;
    EXPECT_GT(numbered, total / 2) << "volume " << volume;
  }
}

}  // namespace
}  // namespace dossier::test
