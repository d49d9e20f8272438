#include "newsalign/core/ladder.h"

#include <cstdio>
#include <sstream>
#include <vector>

#include "newsalign/core/error.h"

namespace newsalign {
namespace {

void AppendRange(std::string& out, int begin, int count) {
  out += '[';
  for (int k = 0; k < count; ++k) {
    if (k) out += ", ";
    out += std::to_string(begin + k);
  }
  out += ']';
}

// Parses "[1, 2, 3]" starting at text[pos]; advances pos past ']'.
bool ParseList(std::string_view text, size_t& pos, std::vector<int>& out) {
  if (pos >= text.size() || text[pos] != '[') return false;
  ++pos;
  while (pos < text.size() && text[pos] != ']') {
    char c = text[pos];
    if (c == ' ' || c == ',') {
      ++pos;
    } else if (c >= '0' && c <= '9') {
      long v = 0;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        v = v * 10 + (text[pos++] - '0');
        if (v > 1'000'000'000) return false;
      }
      out.push_back(static_cast<int>(v));
    } else {
      return false;
    }
  }
  if (pos >= text.size()) return false;
  ++pos;
  return true;
}

}  // namespace

std::string FormatLadder(const Alignment& beads, bool with_scores) {
  std::string out;
  char score[32];
  for (const Bead& b : beads) {
    AppendRange(out, b.src_begin, b.src_count);
    out += ':';
    AppendRange(out, b.tgt_begin, b.tgt_count);
    if (with_scores) {
      std::snprintf(score, sizeof score, ":%.4f", b.score);
      out += score;
    }
    out += '\n';
  }
  return out;
}

Alignment ParseLadder(std::string_view text, const std::string& name) {
  Alignment beads;
  size_t line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<int> src, tgt;
    size_t pos = 0;
    bool ok = ParseList(line, pos, src);
    while (ok && pos < line.size() && line[pos] == ' ') ++pos;
    ok = ok && pos < line.size() && line[pos] == ':';
    ++pos;
    while (ok && pos < line.size() && line[pos] == ' ') ++pos;
    ok = ok && ParseList(line, pos, tgt);
    Bead b;
    if (ok && pos < line.size()) {
      // Optional ":score".
      ok = line[pos] == ':';
      if (ok) {
        std::string rest(line.substr(pos + 1));
        char* tail = nullptr;
        b.score = std::strtod(rest.c_str(), &tail);
        ok = tail != rest.c_str();
      }
    }
    auto consecutive = [](const std::vector<int>& v) {
      for (size_t k = 1; k < v.size(); ++k)
        if (v[k] != v[k - 1] + 1) return false;
      return true;
    };
    if (!ok || (src.empty() && tgt.empty()) || !consecutive(src) || !consecutive(tgt)) {
      throw InputError(name + ": line " + std::to_string(line_no) + ": not a bead (want \"[i, j]:[k]\"): " +
                       std::string(line.substr(0, 60)));
    }
    b.src_begin = src.empty() ? (beads.empty() ? 0 : beads.back().src_end()) : src.front();
    b.src_count = static_cast<int>(src.size());
    b.tgt_begin = tgt.empty() ? (beads.empty() ? 0 : beads.back().tgt_end()) : tgt.front();
    b.tgt_count = static_cast<int>(tgt.size());
    beads.push_back(b);
  }
  return beads;
}

}  // namespace newsalign
