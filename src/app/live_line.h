#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace dossier::app {

// On a terminal, one line that keeps being rewritten: the phase, how far
// it has got and the time it still needs, shown only once the build has
// run for a while (a short build prints nothing to watch). Phase lines
// may come from several threads (volumes are written in parallel).
class LiveLine {
 public:
  void phase(const std::string& line) {
    std::lock_guard lock(mutex_);
    phase_ = line;
    phase_started_ = Clock::now();
    done_ = 0;
    draw(true);
  }
  void advance(double done) {
    std::lock_guard lock(mutex_);
    done_ = std::clamp(done, 0.0, 1.0);
    draw(false);
  }
  // Clears the line, so that what follows starts on an empty one.
  void finish() {
    std::lock_guard lock(mutex_);
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr double kQuietSeconds = 2.0;  // nothing before this
  static constexpr double kRedrawSeconds = 0.1;

  void draw(bool force) {
    auto now = Clock::now();
    if (std::chrono::duration<double>(now - started_).count() < kQuietSeconds) return;
    if (!force && std::chrono::duration<double>(now - drawn_).count() < kRedrawSeconds) return;
    drawn_ = now;
    std::string line = phase_;
    if (done_ > 0) {
      line += fmt::format(" {:3.0f} %", done_ * 100);
      double spent = std::chrono::duration<double>(now - phase_started_).count();
      if (done_ >= 0.02 && done_ < 1) {
        line += fmt::format(", about {:.0f} s left", spent * (1 - done_) / done_ + 0.5);
      }
    }
    // \r and erase-to-end-of-line: the line is rewritten in place.
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    shown_ = true;
  }

  std::mutex mutex_;
  Clock::time_point started_ = Clock::now();
  Clock::time_point phase_started_ = started_;
  Clock::time_point drawn_{};
  std::string phase_;
  double done_ = 0;
  bool shown_ = false;
};

}  // namespace dossier::app
