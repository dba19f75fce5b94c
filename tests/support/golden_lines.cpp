#include "support/golden_lines.h"

#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <fstream>

#include "support/process.h"

namespace dossier::test {

void check_golden_lines(const std::filesystem::path& file,
                        const std::function<std::string(const std::string& input)>& got,
                        int at_least) {
  std::ifstream in(file);
  ASSERT_TRUE(in) << file;
  const bool update = std::getenv("DOSSIER_UPDATE_FIXTURES") != nullptr;
  std::string rewritten, line;
  int number = 0, cases = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') {
      rewritten += line + "\n";
      continue;
    }
    const auto arrow = line.find(" => ");
    ASSERT_NE(arrow, std::string::npos) << file.filename() << ":" << number << " has no ' => '";
    const auto input = line.substr(0, arrow);
    const auto now = got(input);
    ++cases;
    if (update) {
      rewritten += input + " => " + now + "\n";
    } else {
      EXPECT_EQ(now, line.substr(arrow + 4)) << file.filename() << ":" << number << ": " << input;
    }
  }
  EXPECT_GE(cases, at_least) << file;
  if (update) write_file(file, rewritten);
}

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::size_t digits = s.compare(i, 2, "\\u") == 0 ? 4 : s.compare(i, 2, "\\U") == 0 ? 8 : 0;
    if (digits == 0 || i + 2 + digits > s.size()) {
      out += s[i];
      continue;
    }
    auto cp = static_cast<UChar32>(std::stoul(s.substr(i + 2, digits), nullptr, 16));
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, cp);
    out.append(buf, static_cast<std::size_t>(len));
    i += 1 + digits;
  }
  return out;
}

}  // namespace dossier::test
