// The one way the stages spread work over cores: indices handed out one at
// a time from a shared counter, so uneven items (a CJK page beside a Latin
// one) still keep every thread busy.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace dossier::parallel {

// Calls body(state, i) for every i in [0, n) on up to `threads` threads,
// the calling thread among them, with one `state = make_state()` per
// thread for scratch a body reuses (a compressor, a buffer). The first
// exception stops the handing out of further indices and is rethrown here,
// on the caller's thread, once every thread has ended: no exception ever
// ends a worker thread.
template <class MakeState, class Body>
void parallel_for(std::size_t n, unsigned threads, MakeState make_state, Body body) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      auto state = make_state();
      for (std::size_t i = next++; i < n; i = next++) body(state, i);
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = n;
    }
  };
  const auto count =
      static_cast<unsigned>(std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(n, 1)));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < count; ++t) pool.emplace_back(work);
    work();
  }  // joined here
  if (failure) std::rethrow_exception(failure);
}

// The same without per-thread state: body(i).
template <class Body>
void parallel_for(std::size_t n, unsigned threads, Body body) {
  struct None {};
  parallel_for(
      n, threads, [] { return None{}; }, [&](None&, std::size_t i) { body(i); });
}

}  // namespace dossier::parallel
