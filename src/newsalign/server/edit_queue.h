// Edits run one after another on one thread with its own PairEditor, each still in its own
// transaction, committed before Run() returns. Why not a mutex per edit: SQLite takes one
// writer at a time anyway, and with many request threads on few cores a mutex hands over
// badly; every release wakes the next waiter, and the lock stays idle until the scheduler
// runs it. 50 clients on 2 cores spent ~50 ms per edit waiting for a lock held ~1 ms. One
// writer that drains the queue never waits between edits.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

#include "newsalign/store/editor.h"

namespace newsalign::server {

class EditQueue {
 public:
  // `make` opens the writer's PairEditor (on the writer thread, at the first edit; if it
  // throws, that edit fails with it and the next one tries again).
  explicit EditQueue(std::function<std::unique_ptr<PairEditor>()> make) : make_(std::move(make)) {}
  // Finishes the edits queued, then stops the thread.
  ~EditQueue() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
  }
  EditQueue(const EditQueue&) = delete;
  EditQueue& operator=(const EditQueue&) = delete;

  // Runs `edit` on the writer and returns its result, or throws what it threw.
  EditResult Run(std::function<EditResult(PairEditor&)> edit) {
    // Opening the editor happens inside the task, so that its failure is this edit's answer.
    std::packaged_task<EditResult()> task([this, edit = std::move(edit)] {
      if (!editor_) editor_ = make_();
      return edit(*editor_);
    });
    std::future<EditResult> done = task.get_future();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!thread_.joinable()) thread_ = std::thread([this] { Loop(); });
      jobs_.push_back(std::move(task));
    }
    wake_.notify_one();
    return done.get();
  }

 private:
  void Loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping, and nothing left to do
      std::packaged_task<EditResult()> job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();  // its exceptions go to its future
      lock.lock();
    }
  }

  std::function<std::unique_ptr<PairEditor>()> make_;
  std::unique_ptr<PairEditor> editor_;  // the writer thread's only
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<EditResult()>> jobs_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace newsalign::server
