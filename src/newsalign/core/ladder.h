// The ladder format (Vecalign's): one bead a line, "[i, j]:[k]:score", 0-based indices,
// "[]:[k]" for 0-1 and "[i]:[]" for 1-0.
//
//   std::string text = FormatLadder(beads);
//   Alignment back = ParseLadder(text, "pred.ladder");   // InputError on a malformed line
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsalign/core/bead.h"

namespace newsalign {

// One line per bead, each ending in '\n'. With `with_scores` the third field is the score.
std::string FormatLadder(const Alignment& beads, bool with_scores = true);

// One ladder line as written: index lists, which gold files may leave non-consecutive
// (Text+Berg has "[250]:[291, 293, 294]").
struct LadderBead {
  std::vector<int> src, tgt;
  double score = 0.0;
};

// Parses ladder text line by line; `name` is used in errors ("gold.ladder: line 12: not a bead").
std::vector<LadderBead> ParseLadderLines(std::string_view text, const std::string& name);

// Parses ladder text into beads; indices inside a bead must be consecutive.
Alignment ParseLadder(std::string_view text, const std::string& name);

// The ladder form of beads, for scoring.
std::vector<LadderBead> ToLadder(const Alignment& beads);

}  // namespace newsalign
