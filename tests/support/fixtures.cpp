#include "support/fixtures.h"

#include <gtest/gtest.h>

#include "support/process.h"

namespace dossier::test {

void write_templates(const std::filesystem::path& dir, const std::string& key,
                     const std::string& value) {
  std::filesystem::create_directories(dir);
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(DOSSIER_SOURCE_DIR) + "/templates")) {
    std::filesystem::copy(e.path(), dir / e.path().filename());
  }
  auto toml = read_file(dir / "dossier.toml");
  const std::string setting = key + " = ";
  std::size_t p = toml.compare(0, setting.size(), setting) == 0 ? 0 : toml.find("\n" + setting);
  ASSERT_NE(p, std::string::npos) << "dossier.toml sets no " << key;
  if (p > 0) ++p;  // past the newline
  toml.replace(p, toml.find('\n', p) - p, setting + value);
  write_file(dir / "dossier.toml", toml);
}

std::string without_privacy_block(const std::string& output) {
  const auto start = output.find("privacy (edition ");
  EXPECT_NE(start, std::string::npos) << output;
  if (start == std::string::npos) return output;
  const auto printed = output.find("  printed: ", start);
  EXPECT_NE(printed, std::string::npos) << output;
  if (printed == std::string::npos) return output;
  return output.substr(0, start) + output.substr(output.find('\n', printed) + 1);
}

std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace dossier::test
