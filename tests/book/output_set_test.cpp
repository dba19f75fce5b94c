// An output set is all or nothing: a rebuild interrupted (SIGINT at
// several moments), failing part-way (a file size limit) or producing fewer
// files leaves the folder holding either the previous set or the new one,
// complete, which `dossier verify` accepts; a second build into a folder
// being written refuses. Small builds (a few hundred synthetic signatures)
// keep this quick.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/process.h"

extern char** environ;

namespace dossier::test {
namespace {

namespace fs = std::filesystem;

// A dossier run whose progress lines (stderr) are read as they come, so a
// signal can be sent at a chosen moment.
class Running {
 public:
  explicit Running(const std::vector<std::string>& argv) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    // Whatever this test runner inherited, the child gets the default
    // handling of SIGINT and SIGTERM, as in a terminal.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGTERM);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    sigset_t none;
    sigemptyset(&none);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int rc = posix_spawn(&pid_, args[0], &actions, &attr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    ::close(fds[1]);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
    err_ = fds[0];
  }
  ~Running() {
    if (pid_ > 0) wait();
    if (err_ >= 0) ::close(err_);
  }
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;

  // Reads progress until a line starting with `prefix`; false at the end.
  bool wait_for(const std::string& prefix) {
    while (true) {
      auto nl = buffer_.find('\n', scanned_);
      if (nl != std::string::npos) {
        std::string line = buffer_.substr(scanned_, nl - scanned_);
        scanned_ = nl + 1;
        if (line.rfind(prefix, 0) == 0) return true;
        continue;
      }
      char chunk[4096];
      auto n = ::read(err_, chunk, sizeof chunk);
      if (n <= 0) return false;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  void signal(int sig) { ::kill(pid_, sig); }
  // The exit code (128 + the signal for a process killed by one) and
  // everything it printed on stderr.
  int wait() {
    char chunk[4096];
    ssize_t n;
    while ((n = ::read(err_, chunk, sizeof chunk)) > 0)
      buffer_.append(chunk, static_cast<std::size_t>(n));
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return code_;
  }
  const std::string& err() const { return buffer_; }

 private:
  pid_t pid_ = -1;
  int err_ = -1;
  int code_ = -1;
  std::string buffer_;
  std::size_t scanned_ = 0;
};

std::vector<std::string> build_argv(const fs::path& out, int count,
                                    const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {DOSSIER_BINARY,        "build", "--sample-count",
                                   std::to_string(count), "--out", out.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

// Every file of the folder (hidden ones too) with its bytes.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[fs::relative(e.path(), dir).string()] = read_file(e.path());
  }
  return files;
}

// The folder holds exactly one complete set: what its manifest lists, and
// nothing of another set beside it; verify passes; no staging folder.
void expect_one_complete_set(const fs::path& dir) {
  EXPECT_FALSE(fs::exists(dir / ".dossier-staging"));
  auto m = nlohmann::json::parse(read_file(dir / "manifest.json"));
  std::set<std::string> listed = {"manifest.json", "rejects.csv", "signatures.csv", "coverage.csv",
                                  ".dossier.lock"};
  for (const auto& v : m["volumes"]) listed.insert(v["file"].get<std::string>());
  for (const auto& e : fs::directory_iterator(dir)) {
    EXPECT_TRUE(listed.count(e.path().filename().string()))
        << e.path().filename() << " is not part of the set its manifest describes";
  }
  auto v = run({DOSSIER_BINARY, "verify", "--quiet", dir.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
}

std::uint64_t signature_count(const fs::path& dir) {
  return nlohmann::json::parse(read_file(dir / "manifest.json"))["signatures"]["count"];
}

TEST(OutputSet, AnInterruptedRebuildLeavesThePreviousSetComplete) {
  TempDir dir;
  const auto out = dir / "out";
  ASSERT_EQ(run(build_argv(out, 300, {"--quiet"})).exit_code, 0);
  const auto previous = snapshot(out);
  const auto old_count = signature_count(out);

  // From reading the export to the last volume being written.
  for (const std::string moment :
       {"reading", "laying out", "encoding", "[1/4] writing", "[3/4] writing"}) {
    SCOPED_TRACE(moment);
    Running build(build_argv(out, 330));
    ASSERT_TRUE(build.wait_for(moment)) << build.err();
    build.signal(SIGINT);
    EXPECT_EQ(build.wait(), 130) << build.err();
    EXPECT_NE(build.err().find("holds the previous set"), std::string::npos) << build.err();
    EXPECT_EQ(snapshot(out), previous);
    expect_one_complete_set(out);
    EXPECT_EQ(signature_count(out), old_count);
  }

  // SIGTERM too (128 + 15).
  Running build(build_argv(out, 330));
  ASSERT_TRUE(build.wait_for("[2/4] writing")) << build.err();
  build.signal(SIGTERM);
  EXPECT_EQ(build.wait(), 143) << build.err();
  EXPECT_EQ(snapshot(out), previous);

  // Uninterrupted, the new set replaces it whole.
  ASSERT_EQ(run(build_argv(out, 330, {"--quiet"})).exit_code, 0);
  expect_one_complete_set(out);
  EXPECT_NE(signature_count(out), old_count);
}

TEST(OutputSet, AFailedWriteNamesTheFileAndLeavesThePreviousSet) {
  TempDir dir;
  const auto out = dir / "out";
  ASSERT_EQ(run(build_argv(out, 300, {"--quiet"})).exit_code, 0);
  const auto previous = snapshot(out);
  // 64 KiB per file: the CSVs fit, a volume (about 150 KB) does not.
  std::string command = "ulimit -f 64 && exec";
  for (const auto& a : build_argv(out, 330, {"--quiet"})) command += " '" + a + "'";
  auto r = run({"/bin/sh", "-c", command});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  // One message, naming the file as the user will look for it.
  auto lines = 0;
  for (char c : r.err) lines += c == '\n';
  EXPECT_EQ(lines, 1) << r.err;
  EXPECT_NE(r.err.find("cannot write " + (out / "0").string()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(".pdf"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("staging"), std::string::npos) << r.err;
  EXPECT_EQ(snapshot(out), previous);
  expect_one_complete_set(out);
}

// The project's templates with part_pages set.
fs::path templates_with_parts(const fs::path& dir, int part_pages) {
  fs::create_directories(dir);
  for (const auto& e : fs::directory_iterator(fs::path(DOSSIER_SOURCE_DIR) / "templates")) {
    fs::copy(e.path(), dir / e.path().filename(), fs::copy_options::overwrite_existing);
  }
  auto toml = read_file(dir / "dossier.toml");
  auto p = toml.find("part_pages = ");
  toml.replace(p, toml.find('\n', p) - p, "part_pages = " + std::to_string(part_pages));
  write_file(dir / "dossier.toml", toml);
  return dir;
}

TEST(OutputSet, ARebuildWithFewerPartsLeavesNoStalePart) {
  TempDir dir;
  const auto out = dir / "out";
  auto cut = templates_with_parts(dir / "cut", 10);
  auto whole = templates_with_parts(dir / "whole", 1000);
  // 600 signatures: about six pages of them after nine of front matter.
  ASSERT_EQ(run(build_argv(out, 600, {"--quiet", "--templates", cut.string()})).exit_code, 0);
  std::size_t parts = 0;
  for (const auto& e : fs::directory_iterator(out)) {
    parts += e.path().filename().string().find("-part-") != std::string::npos;
  }
  ASSERT_GE(parts, 8u) << "four volumes of two parts or more";
  ASSERT_EQ(run(build_argv(out, 600, {"--quiet", "--templates", whole.string()})).exit_code, 0);
  for (const auto& e : fs::directory_iterator(out)) {
    EXPECT_EQ(e.path().filename().string().find("-part-"), std::string::npos) << e.path();
  }
  expect_one_complete_set(out);
}

TEST(OutputSet, ASecondBuildIntoTheSameFolderRefuses) {
  TempDir dir;
  const auto out = dir / "out";
  Running first(build_argv(out, 300));
  ASSERT_TRUE(first.wait_for("laying out")) << first.err();
  // Held still while the second one starts, however fast the machine.
  first.signal(SIGSTOP);
  auto second = run(build_argv(out, 300, {"--quiet"}));
  first.signal(SIGCONT);
  EXPECT_EQ(second.exit_code, 2) << "a folder in use is the environment, not a failed rendering";
  EXPECT_NE(second.err.find("another dossier build is writing into " + out.string()),
            std::string::npos)
      << second.err;
  EXPECT_EQ(first.wait(), 0) << first.err();
  expect_one_complete_set(out);
  // Once the first is done, the folder is free again.
  EXPECT_EQ(run(build_argv(out, 300, {"--quiet"})).exit_code, 0);
}

TEST(OutputSet, ManifestMergeCreatesItsFolder) {
  TempDir dir;
  ASSERT_EQ(run(build_argv(dir / "piece", 300, {"--quiet", "--only", "2"})).exit_code, 0);
  auto merged = dir / "not" / "yet" / "manifest.json";
  auto r = run({DOSSIER_BINARY, "manifest", "merge", (dir / "piece" / "manifest.json").string(),
                "--out", merged.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto m = nlohmann::json::parse(read_file(merged));
  ASSERT_EQ(m["volumes"].size(), 1u);
  EXPECT_EQ(m["volumes"][0]["volume"], 2);
  EXPECT_FALSE(fs::exists(merged.parent_path() / ".dossier-staging"));
}

TEST(OutputSet, LettersReplaceTheirSetAndLeaveTheVolumes) {
  TempDir dir;
  const auto out = dir / "out";
  ASSERT_EQ(run(build_argv(out, 300, {"--quiet"})).exit_code, 0);
  auto r = run({DOSSIER_BINARY, "letters", "--out", out.string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(out / "letter-04-oleg-matkin.pdf"));
  // Three recipients: the fourth's letter of the earlier run goes.
  auto t = templates_with_parts(dir / "three", 1000);
  auto toml = read_file(t / "dossier.toml");
  write_file(t / "dossier.toml", toml.substr(0, toml.rfind("[[recipients]]")));
  r = run({DOSSIER_BINARY, "letters", "--out", out.string(), "--templates", t.string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(out / "letter-03-ivan-kubrakov.pdf"));
  EXPECT_FALSE(fs::exists(out / "letter-04-oleg-matkin.pdf"));
  // The volumes' set is not the letters' business.
  EXPECT_TRUE(fs::exists(out / "04-oleg-matkin.pdf"));
  auto v = run({DOSSIER_BINARY, "verify", "--quiet", out.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
}

}  // namespace
}  // namespace dossier::test
