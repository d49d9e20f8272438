// Splitting the work on one long pair across cores. A batch keeps every core busy with whole
// pairs already; these are for a long pair aligned on its own (a book, an archive), and the
// results never depend on how many threads there were or which did what.
//
//   ForEachIndex(tasks.size(), parallel, [&] { return Scratch(); },
//                [&](size_t k, Scratch& scratch) { results[k] = Solve(tasks[k], scratch); });
#pragma once

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace newsalign {

// A cap on the cores every part of the process uses (0: none), set once from a command's
// --threads.
inline std::atomic<size_t>& CoreCap() {
  static std::atomic<size_t> cap{0};
  return cap;
}

// The cores this process may run on: its CPU affinity (taskset, a cpuset), at least one, and
// no more than CoreCap(). (std::thread::hardware_concurrency counts the machine's, which a
// process pinned to one core would only time-slice.)
inline size_t UsableCores() {
  cpu_set_t set;
  size_t cores = std::max(1u, std::thread::hardware_concurrency());
  if (sched_getaffinity(0, sizeof set, &set) == 0) cores = static_cast<size_t>(std::max(1, CPU_COUNT(&set)));
  const size_t cap = CoreCap().load();
  return cap > 0 ? std::min(cores, cap) : cores;
}

// Runs `first` and `second`, side by side on two threads when `parallel`.
template <typename First, typename Second>
void BothSides(bool parallel, First first, Second second) {
  if (!parallel) {
    first();
    second();
    return;
  }
  // (If `first` throws, the future's destructor still waits for `second`.)
  std::future<void> other = std::async(std::launch::async, second);
  first();
  other.get();
}

// Calls work(k, state) for every k in [0, count): on every core when `parallel`, each thread
// taking the next k in turn with a state of its own from make_state() (scratch space that is
// reused from one k to the next). Once all are done, the exception of the lowest k that threw
// is rethrown, as a loop would have.
template <typename MakeState, typename Work>
void ForEachIndex(size_t count, bool parallel, MakeState make_state, Work work) {
  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  size_t failed_at = count;
  std::exception_ptr failure;
  auto run = [&] {
    try {
      auto state = make_state();
      for (size_t k = next++; k < count; k = next++) {
        try {
          work(k, state);
        } catch (...) {
          std::lock_guard<std::mutex> lock(failure_mutex);
          if (k < failed_at) failed_at = k, failure = std::current_exception();
        }
      }
    } catch (...) {  // make_state() failed: the others take the work
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  const size_t threads = parallel ? std::min(count, UsableCores()) : 1;
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace newsalign
