// An ordered work pipeline: one reader, N workers, one writer, bounded memory.
//
//   RunOrdered<Line, Result>(threads, window,
//       [&](Line& in) { return ReadNext(in); },            // sequential: false at the end
//       [&](Line& in) { return Process(std::move(in)); },  // parallel, on worker threads
//       [&](Result& r) { Write(r); });                     // sequential, in input order
//
// Why this shape: `align --jsonl` must write its lines in input order (so that splitting the
// input across processes and concatenating gives exactly one process's output), and `batch`
// must hand results to a single writer (SQLite takes one writer). Both want constant memory
// on an endless stream, so at most `window` items are between reading and writing at any time:
// a slow item holds the writer back but never lets the reader run ahead without bound.
//
// Threads: `next` is called by the workers, one at a time (under the pool's lock), `work` on
// the workers in parallel, `sink` on the calling thread only. With threads <= 1 everything runs
// on the calling thread, one item at a time. `work` should turn expected failures into
// results; an exception escaping `next`, `work` or `sink` stops the pipeline (items in flight
// are finished, not written) and is rethrown from RunOrdered on the calling thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace newsalign::cli {

template <class In, class Out>
void RunOrdered(int threads, size_t window, const std::function<bool(In&)>& next,
                const std::function<Out(In&)>& work, const std::function<void(Out&)>& sink) {
  if (threads <= 1) {
    In in;
    while (next(in)) {
      Out out = work(in);
      sink(out);
      in = In();
    }
    return;
  }
  if (window < static_cast<size_t>(threads)) window = static_cast<size_t>(threads);

  std::mutex mutex;
  std::condition_variable can_read;  // a slot in the window opened, or the pipeline stopped
  std::condition_variable finished;  // an item was done, or the reader hit the end
  std::map<size_t, Out> done;        // finished items waiting for their turn, by sequence
  size_t read = 0;                   // items handed out by `next`
  size_t written = 0;                // items passed to `sink`
  bool at_end = false;
  bool stop = false;
  std::exception_ptr error;

  auto fail = [&](std::exception_ptr e) {  // caller holds the lock
    if (!error) error = e;
    stop = true;
    can_read.notify_all();
    finished.notify_all();
  };

  auto worker = [&] {
    for (;;) {
      In in;
      size_t seq;
      {
        std::unique_lock<std::mutex> lock(mutex);
        can_read.wait(lock, [&] { return stop || at_end || read - written < window; });
        if (stop || at_end) return;
        try {
          if (!next(in)) {
            at_end = true;
            can_read.notify_all();
            finished.notify_all();
            return;
          }
        } catch (...) {
          fail(std::current_exception());
          return;
        }
        seq = read++;
      }
      try {
        Out out = work(in);
        std::lock_guard<std::mutex> lock(mutex);
        done.emplace(seq, std::move(out));
        finished.notify_all();
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        fail(std::current_exception());
        return;
      }
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);

  {
    std::unique_lock<std::mutex> lock(mutex);
    for (;;) {
      finished.wait(lock, [&] { return stop || done.count(written) || (at_end && written == read); });
      if (stop || (at_end && written == read && !done.count(written))) break;
      auto it = done.find(written);
      Out out = std::move(it->second);
      done.erase(it);
      lock.unlock();
      try {
        sink(out);
      } catch (...) {
        lock.lock();
        fail(std::current_exception());
        break;
      }
      lock.lock();
      ++written;
      can_read.notify_all();
    }
  }
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace newsalign::cli
