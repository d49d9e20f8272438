#include "newsalign/cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace newsalign::cli {

std::string FormatDuration(double seconds) {
  long s = std::lround(std::max(0.0, seconds));
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

Progress::Progress(std::FILE* out, int64_t total, std::string unit, bool terminal, double interval_s)
    : out_(out), total_(total), unit_(std::move(unit)), terminal_(terminal), interval_s_(interval_s),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

bool Progress::IsTerminal(std::FILE* stream) { return ::isatty(::fileno(stream)) == 1; }

double Progress::ElapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::string Progress::Describe(int64_t done, int64_t total, const std::string& unit, double seconds,
                               int64_t failed) {
  char buf[160];
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  std::string eta = rate > 0 ? FormatDuration(static_cast<double>(total - done) / rate) : "?";
  std::snprintf(buf, sizeof buf, "%lld/%lld %s, %.1f/s, ETA %s", static_cast<long long>(done),
                static_cast<long long>(total), unit.c_str(), rate, eta.c_str());
  std::string line = buf;
  if (failed > 0) line += ", " + std::to_string(failed) + " failed";
  return line;
}

void Progress::Update(int64_t done, int64_t failed) {
  done_ = done;
  failed_ = failed;
  auto now = std::chrono::steady_clock::now();
  double since = std::chrono::duration<double>(now - last_).count();
  if (since < (terminal_ ? 0.1 : interval_s_) && !(terminal_ && done == total_)) return;
  last_ = now;
  Draw();
}

void Progress::Draw() {
  std::string text = Describe(done_, total_, unit_, ElapsedSeconds(), failed_);
  if (!terminal_) {
    std::fprintf(out_, "newsalign: %s\n", text.c_str());
    std::fflush(out_);
    return;
  }
  constexpr int kWidth = 24;
  int filled = total_ > 0 ? static_cast<int>(kWidth * done_ / total_) : kWidth;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(kWidth - filled), '.');
  std::fprintf(out_, "\r\033[K[%s] %s", bar.c_str(), text.c_str());
  std::fflush(out_);
  drawn_ = true;
}

void Progress::Print(const std::string& line) {
  if (terminal_ && drawn_) std::fputs("\r\033[K", out_);
  std::fprintf(out_, "%s\n", line.c_str());
  if (terminal_ && drawn_) Draw();
  std::fflush(out_);
}

void Progress::Finish() {
  if (terminal_ && drawn_) std::fputs("\r\033[K", out_);
  drawn_ = false;
  std::fflush(out_);
}

}  // namespace newsalign::cli
