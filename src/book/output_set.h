// Internal to the book stage: an output set (the volumes, signatures.csv,
// rejects.csv and manifest.json of one build; the letters of `letters`; a
// merged manifest) appears in its folder all together or not at all.
//
// Files are written into a staging folder inside the output folder (same
// file system, so moving them in is a rename). Only when every file is
// complete does commit() replace the previous set: the previous files are
// moved aside (the manifest first, so that a folder caught half-way by a
// power cut has no manifest to trust), the new ones moved in (PDFs first,
// the manifest last), and files of the previous set that the new one does
// not produce disappear with the staging folder. A failure or an interrupt
// before that point removes the staging folder and leaves the previous set
// exactly as it was.
//
// SIGINT and SIGTERM: while an OutputSet exists they are blocked in the
// thread that created it (and so in every thread it starts later) and are
// taken by a thread of the OutputSet with sigtimedwait. That thread can do
// what an asynchronous signal handler could not do safely and without a
// global variable to find the build: take the commit lock (so an interrupt
// never lands in the middle of the renames), remove the staging folder,
// say what the folder now holds, and exit with 128 + the signal (130 for
// Ctrl+C).
//
// A lock file (.dossier.lock, flock) makes a second build into the same
// folder refuse at once instead of mixing its files with the first's; the
// kernel releases it when the process ends, however it ends.
#pragma once

#include <signal.h>

#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace dossier::book {

class OutputSet {
 public:
  // Creates `dir` when missing, takes its lock and makes a fresh staging
  // folder. Call it before the build starts any thread. Throws
  // OutputError when the folder cannot be created or is locked.
  explicit OutputSet(std::filesystem::path dir);
  // Without a commit: removes the staging folder. Then gives SIGINT and
  // SIGTERM back to their previous handling.
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  const std::filesystem::path& dir() const { return dir_; }
  // Where to write the file `name` of the new set.
  std::filesystem::path staged(const std::string& name) const { return staging_ / name; }

  // Replaces `previous` (names of the previous set's files, those that
  // exist) by the staged `names`, moved in in this order. Throws
  // WriteFailure (after putting every moved file back) if a rename fails.
  void commit(const std::vector<std::string>& names, const std::vector<std::string>& previous);

  // A message about a staged file, naming the file where the user will look
  // for it (the output folder, not the staging folder).
  std::string shown(std::string message) const;

 private:
  void take_signals();
  void on_signal(int signal);

  std::filesystem::path dir_, staging_;
  int lock_fd_ = -1;
  std::mutex commit_mutex_;
  bool committed_ = false;  // guarded by commit_mutex_
  int signal_fd_ = -1;      // SIGINT and SIGTERM, as signalfd delivers them
  int wake_fd_ = -1;        // an eventfd: the destructor ends the watcher with it
  std::thread signals_;
  sigset_t old_mask_{};
};

// The files of the build whose manifest.json is in `dir` (its volumes, its
// signatures file, rejects.csv and the manifest itself); nothing when there
// is no readable manifest.
std::vector<std::string> previous_build(const std::filesystem::path& dir);

}  // namespace dossier::book
