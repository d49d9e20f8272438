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

std::vector<LadderBead> ParseLadderLines(std::string_view text, const std::string& name) {
  std::vector<LadderBead> beads;
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
    LadderBead b;
    size_t pos = 0;
    bool ok = ParseList(line, pos, b.src);
    while (ok && pos < line.size() && line[pos] == ' ') ++pos;
    ok = ok && pos < line.size() && line[pos] == ':';
    ++pos;
    while (ok && pos < line.size() && line[pos] == ' ') ++pos;
    ok = ok && ParseList(line, pos, b.tgt);
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
    if (!ok || (b.src.empty() && b.tgt.empty())) {
      throw InputError(name + ": line " + std::to_string(line_no) + ": not a bead (want \"[i, j]:[k]\"): " +
                       std::string(line.substr(0, 60)));
    }
    beads.push_back(std::move(b));
  }
  return beads;
}

Alignment ParseLadder(std::string_view text, const std::string& name) {
  Alignment beads;
  auto consecutive = [](const std::vector<int>& v) {
    for (size_t k = 1; k < v.size(); ++k)
      if (v[k] != v[k - 1] + 1) return false;
    return true;
  };
  for (const LadderBead& l : ParseLadderLines(text, name)) {
    if (!consecutive(l.src) || !consecutive(l.tgt))
      throw InputError(name + ": bead " + std::to_string(beads.size() + 1) +
                       " has indices that are not consecutive");
    Bead b;
    b.score = l.score;
    b.src_begin = l.src.empty() ? (beads.empty() ? 0 : beads.back().src_end()) : l.src.front();
    b.src_count = static_cast<int>(l.src.size());
    b.tgt_begin = l.tgt.empty() ? (beads.empty() ? 0 : beads.back().tgt_end()) : l.tgt.front();
    b.tgt_count = static_cast<int>(l.tgt.size());
    beads.push_back(b);
  }
  return beads;
}

std::vector<LadderBead> ToLadder(const Alignment& beads) {
  std::vector<LadderBead> out;
  out.reserve(beads.size());
  for (const Bead& b : beads) {
    LadderBead l;
    for (int k = b.src_begin; k < b.src_end(); ++k) l.src.push_back(k);
    for (int k = b.tgt_begin; k < b.tgt_end(); ++k) l.tgt.push_back(k);
    l.score = b.score;
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace newsalign
