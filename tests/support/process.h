// Runs a command as a user would and captures what it printed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dossier::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs argv (no shell) and waits for it.
CommandResult run(const std::vector<std::string>& argv);

// What argv printed on stdout; a non-zero exit fails the calling test, so a
// tool that could not read its input never passes for one that found nothing.
std::string output_of(const std::vector<std::string>& argv);

// A fresh empty directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// The bytes of p; a file that cannot be read fails the calling test rather
// than reading as "" (which a search for something absent would accept).
std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& bytes);

}  // namespace dossier::test
