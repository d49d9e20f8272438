// Answers the workbench built last, each valid for the version of the data it was built
// from: a pair's JSON by pair id (Store::PairVersion), the corpus list under key 0
// (Store::ListVersion). Every change to a pair or its beads bumps its version, so checking
// that a cached answer is current is one index seek, where building it again reads ~600 KB
// of text and spans for a 2,000-bead pair, or counts every bead of the corpus for the list.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace newsalign::server {

class JsonCache {
 public:
  // `capacity`: answers kept, count; the least recently used goes first.
  explicit JsonCache(size_t capacity) : capacity_(capacity) {}

  // The JSON kept for `key` at `version`, or null.
  std::shared_ptr<const std::string> Get(int64_t key, int64_t version) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.version != version) return nullptr;
    it->second.used = ++clock_;
    return it->second.json;
  }

  // Keeps `json` as `key` at `version`, unless a newer version is kept already (a slow
  // reader finishing after a faster one that saw a later edit).
  void Put(int64_t key, int64_t version, std::shared_ptr<const std::string> json) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.version > version) return;
    if (it == entries_.end() && entries_.size() >= capacity_) {
      auto oldest = entries_.begin();
      for (auto e = entries_.begin(); e != entries_.end(); ++e)
        if (e->second.used < oldest->second.used) oldest = e;
      entries_.erase(oldest);
    }
    entries_[key] = Entry{version, ++clock_, std::move(json)};
  }

 private:
  struct Entry {
    int64_t version = 0;
    uint64_t used = 0;  // clock_ at the last Get or Put
    std::shared_ptr<const std::string> json;
  };
  std::mutex mutex_;
  size_t capacity_;
  uint64_t clock_ = 0;
  std::unordered_map<int64_t, Entry> entries_;
};

}  // namespace newsalign::server
