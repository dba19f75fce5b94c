#include "book/output_set.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "book/book.h"

namespace dossier::book {
namespace {

namespace fs = std::filesystem;

constexpr const char* kLockName = ".dossier.lock";
constexpr const char* kStagingName = ".dossier-staging";
constexpr const char* kPreviousName = ".previous";

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

// Removes a folder that other threads of this process may still be writing
// into: a file created between listing and removing makes one pass fail,
// the next one gets it.
void remove_folder(const fs::path& dir) {
  std::error_code ec;
  for (int attempt = 0; attempt < 100 && fs::exists(dir, ec); ++attempt) {
    fs::remove_all(dir, ec);
  }
}

}  // namespace

OutputSet::OutputSet(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec || !fs::is_directory(dir_)) {
    throw OutputError(fmt::format("cannot create the output directory {}: {}", dir_.string(),
                                  ec ? ec.message() : "not a directory"));
  }
  const auto lock = dir_ / kLockName;
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) {
    throw OutputError(fmt::format("cannot write into {}: {}", dir_.string(), std::strerror(errno)));
  }
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (err == EWOULDBLOCK) {
      throw OutputError(fmt::format(
          "another dossier build is writing into {} right now; wait for it to finish, or choose "
          "another --out folder",
          dir_.string()));
    }
    throw OutputError(fmt::format("cannot lock {}: {}", lock.string(), std::strerror(err)));
  }
  // A staging folder found here was left by a build that was killed
  // outright (SIGKILL, a power cut); we hold the lock, so it is nobody's.
  staging_ = dir_ / kStagingName;
  remove_folder(staging_);
  fs::create_directory(staging_, ec);
  if (ec) {
    ::close(lock_fd_);
    throw OutputError(fmt::format("cannot write into {}: {}", dir_.string(), ec.message()));
  }
  try {
    take_signals();
  } catch (...) {
    remove_folder(staging_);
    ::close(lock_fd_);
    throw;
  }
}

void OutputSet::take_signals() {
  sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, &old_mask_);
  // The watcher sleeps in poll() until a signal comes or the destructor
  // wakes it: a watcher that woke every 100 ms to look for its end added
  // up to a tenth of a second to every build.
  signal_fd_ = ::signalfd(-1, &set, SFD_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC);
  if (signal_fd_ < 0 || wake_fd_ < 0) {
    const std::string why = std::strerror(errno);
    for (int fd : {signal_fd_, wake_fd_}) {
      if (fd >= 0) ::close(fd);
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
    throw OutputError(fmt::format("cannot watch for SIGINT and SIGTERM: {}", why));
  }
  signals_ = std::thread([this] {
    pollfd fds[2] = {{signal_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    for (;;) {
      if (::poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        return;
      }
      if (fds[1].revents != 0) return;
      signalfd_siginfo info{};
      if ((fds[0].revents & POLLIN) != 0 &&
          ::read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        on_signal(static_cast<int>(info.ssi_signo));
      }
    }
  });
}

void OutputSet::on_signal(int signal) {
  // Waits for a commit under way: its renames are never cut in half.
  std::lock_guard lock(commit_mutex_);
  if (committed_) {
    std::fprintf(stderr, "dossier: interrupted; %s holds the new set, complete\n", dir_.c_str());
  } else {
    remove_folder(staging_);
    std::fprintf(stderr, "dossier: interrupted; %s holds the previous set as it was\n",
                 dir_.c_str());
  }
  std::fflush(stderr);
  // No destructors: other threads are still running, and everything that
  // must be undone has been. The kernel releases the lock.
  std::_Exit(128 + signal);
}

OutputSet::~OutputSet() {
  {
    std::lock_guard lock(commit_mutex_);
    if (!committed_) remove_folder(staging_);
  }
  // Writing to an eventfd fails only when its counter would overflow,
  // which one write of 1 cannot make it do.
  const std::uint64_t wake = 1;
  [[maybe_unused]] const auto written = ::write(wake_fd_, &wake, sizeof wake);
  if (signals_.joinable()) signals_.join();
  ::close(signal_fd_);
  ::close(wake_fd_);
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void OutputSet::commit(const std::vector<std::string>& names,
                       const std::vector<std::string>& previous) {
  std::lock_guard lock(commit_mutex_);
  const auto aside = staging_ / kPreviousName;
  std::error_code ec;
  fs::create_directory(aside, ec);
  // Every rename done, to be undone if a later one fails.
  std::vector<std::pair<fs::path, fs::path>> done;
  auto move = [&](const fs::path& from, const fs::path& to) {
    fs::rename(from, to, ec);
    if (ec) {
      auto why = fmt::format("cannot move {} into place: {}", (dir_ / to.filename()).string(),
                             ec.message());
      for (auto it = done.rbegin(); it != done.rend(); ++it) {
        std::error_code ignored;
        fs::rename(it->second, it->first, ignored);
      }
      throw WriteFailure(why);
    }
    done.emplace_back(from, to);
  };
  // The previous manifest goes first: between here and the new manifest
  // the folder has none, so nothing in it can pass for a complete set.
  std::vector<std::string> old = previous;
  std::stable_partition(old.begin(), old.end(),
                        [](const std::string& f) { return f == "manifest.json"; });
  for (const auto& f : old) {
    if (fs::is_regular_file(dir_ / f, ec)) move(dir_ / f, aside / f);
  }
  for (const auto& f : names) move(staging_ / f, dir_ / f);
  committed_ = true;
  remove_folder(staging_);
}

std::string OutputSet::shown(std::string message) const {
  const std::string from = staging_.string() + "/", to = dir_.string() + "/";
  for (auto at = message.find(from); at != std::string::npos; at = message.find(from, at)) {
    message.replace(at, from.size(), to);
    at += to.size();
  }
  return message;
}

std::vector<std::string> previous_build(const fs::path& dir) {
  std::vector<std::string> files;
  std::ifstream in(dir / "manifest.json");
  if (!in) return files;
  nlohmann::json m = nlohmann::json::parse(in, nullptr, false);
  if (m.is_discarded() || !m.is_object()) return files;
  // Only plain file names: a manifest edited to say "../x" names nothing
  // that a build may remove.
  auto add = [&](const nlohmann::json& name) {
    if (!name.is_string()) return;
    auto f = name.get<std::string>();
    if (!f.empty() && f.find('/') == std::string::npos && f != "." && f != "..") {
      files.push_back(f);
    }
  };
  if (m.contains("volumes") && m["volumes"].is_array()) {
    for (const auto& v : m["volumes"]) {
      if (v.is_object() && v.contains("file")) add(v["file"]);
    }
  }
  if (m.contains("signatures") && m["signatures"].is_object() && m["signatures"].contains("file")) {
    add(m["signatures"]["file"]);
  }
  files.push_back("rejects.csv");
  files.push_back("coverage.csv");
  files.push_back("manifest.json");
  return files;
}

}  // namespace dossier::book
