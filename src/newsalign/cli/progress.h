// Progress of a long run on stderr: a bar redrawn in place on a terminal, plain lines now and
// then otherwise (logs, CI), so that neither fills a log with carriage returns nor leaves a
// terminal user staring at nothing.
//
//   Progress progress(stderr, pairs.size(), "pairs", Progress::IsTerminal(stderr));
//   ... progress.Update(done, failed);   // cheap: draws only when due
//   progress.Finish();                   // clears the bar
//
// Terminal: "[########............]  37/175 pairs  12.3/s  ETA 0:11  1 failed", at most ten
// redraws a second. Not a terminal: "newsalign: 37/175 pairs, 12.3/s, ETA 0:11, 1 failed"
// every `interval_s` seconds (none for a run shorter than that).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace newsalign::cli {

class Progress {
 public:
  Progress(std::FILE* out, int64_t total, std::string unit, bool terminal, double interval_s = 5.0);

  static bool IsTerminal(std::FILE* stream);

  void Update(int64_t done, int64_t failed);
  // Prints `line` (no newline needed) without garbling the bar.
  void Print(const std::string& line);
  // Erases the bar (terminal); nothing otherwise.
  void Finish();

  double ElapsedSeconds() const;

  // The text of a progress line, exposed for tests: "37/175 pairs, 12.3/s, ETA 0:11".
  static std::string Describe(int64_t done, int64_t total, const std::string& unit, double seconds,
                              int64_t failed);

 private:
  void Draw();

  std::FILE* out_;
  int64_t total_;
  std::string unit_;
  bool terminal_;
  double interval_s_;
  int64_t done_ = 0, failed_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// "0:07", "12:03", "1:02:03".
std::string FormatDuration(double seconds);

}  // namespace newsalign::cli
