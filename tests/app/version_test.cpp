// `dossier --version`: what a bug report needs, the build and the libraries
// it runs with, each with a version that looks like one.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

#include "support/process.h"

namespace dossier::test {
namespace {

// The version printed after `name` at the start of a line, or "".
std::string version_of(const std::string& out, const std::string& name) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + " ", 0) == 0) return line.substr(name.size() + 1);
  }
  return "";
}

TEST(Version, NamesTheBuildAndEachLibraryWithAPlausibleVersion) {
  auto r = run({DOSSIER_BINARY, "--version"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");

  // "0.1.0 (commit 1a2b3c4)", or "(commit unknown)" outside a checkout.
  const std::regex build(R"(\d+\.\d+\.\d+ \(commit ([0-9a-f]{7,40}|unknown)\))");
  EXPECT_TRUE(std::regex_match(version_of(r.out, "dossier"), build)) << r.out;

  // Each major version in a wide range around Debian 12's (HarfBuzz 6,
  // FreeType 2, ICU 72, libharu 2, poppler 22), so that a newer Debian
  // passes and what is not a version (empty, 0.0.0, garbage) fails.
  struct Library {
    const char* name;
    int oldest_major, newest_major;
  };
  for (const auto& lib :
       {Library{"HarfBuzz", 2, 40}, Library{"FreeType", 2, 2}, Library{"ICU", 60, 120},
        Library{"libharu", 2, 3}, Library{"poppler", 20, 40}}) {
    const auto v = version_of(r.out, lib.name);
    std::smatch m;
    ASSERT_TRUE(std::regex_match(v, m, std::regex(R"((\d+)\.(\d+)(\.\d+)*)")))
        << lib.name << " has no version in:\n"
        << r.out;
    const int major = std::stoi(m[1]);
    EXPECT_GE(major, lib.oldest_major) << lib.name << " " << v;
    EXPECT_LE(major, lib.newest_major) << lib.name << " " << v;
  }
}

}  // namespace
}  // namespace dossier::test
