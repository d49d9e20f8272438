// Shared by the fuzz targets: a file with given bytes that costs no disk (a memfd), for the
// readers that take a path, and an invariant check that aborts (the fuzzer reports a crash).
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "newsalign/core/bead.h"
#include "newsalign/core/document.h"

namespace newsalign::fuzz {

// Aborts with a message when `ok` is false: a broken invariant is a finding like a crash.
inline void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

// An in-memory file holding `bytes`, readable by path ("/proc/self/fd/N") until destroyed.
class MemFile {
 public:
  explicit MemFile(const std::string& bytes) {
    fd_ = memfd_create("newsalign-fuzz", 0);
    Check(fd_ >= 0, "memfd_create");
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = write(fd_, bytes.data() + done, bytes.size() - done);
      Check(n > 0, "write to memfd");
      done += static_cast<size_t>(n);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemFile() { close(fd_); }
  MemFile(const MemFile&) = delete;
  MemFile& operator=(const MemFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

// What every reader promises about a Document: paragraphs and sentences are in order, do not
// overlap, lie inside the text, and every sentence lies inside its paragraph. Sentences are
// not empty, except in presegmented text, where an empty line is an empty sentence.
inline void CheckSpans(const Document& doc, bool presegmented = false) {
  size_t prev = 0;
  for (const Span& p : doc.paragraphs) {
    Check(p.begin >= prev && p.begin <= p.end && p.end <= doc.text.size(), "paragraph span");
    prev = p.end;
  }
  prev = 0;
  for (const Sentence& s : doc.sentences) {
    Check(s.span.begin >= prev && s.span.end <= doc.text.size(), "sentence span");
    Check(s.span.begin < s.span.end || (presegmented && s.span.begin == s.span.end), "sentence not empty");
    Check(s.paragraph >= 0 && static_cast<size_t>(s.paragraph) < doc.paragraphs.size(), "sentence paragraph");
    const Span& p = doc.paragraphs[static_cast<size_t>(s.paragraph)];
    Check(p.begin <= s.span.begin && s.span.end <= p.end, "sentence inside its paragraph");
    prev = s.span.end;
  }
}

// Beads cover sentences [0, n_src) and [0, n_tgt) in order, each exactly once, no empty bead.
inline void CheckTiling(const Alignment& beads, size_t n_src, size_t n_tgt) {
  size_t src = 0, tgt = 0;
  for (const Bead& b : beads) {
    Check(b.src_count >= 0 && b.tgt_count >= 0 && b.src_count + b.tgt_count > 0, "bead shape");
    Check(static_cast<size_t>(b.src_begin) == src && static_cast<size_t>(b.tgt_begin) == tgt, "beads in order");
    Check(b.score >= 0.0 && b.score <= 1.0, "score in [0, 1]");
    src += static_cast<size_t>(b.src_count);
    tgt += static_cast<size_t>(b.tgt_count);
  }
  Check(src == n_src && tgt == n_tgt, "beads cover both sides");
}

}  // namespace newsalign::fuzz
