// The ladder format (Vecalign's): one bead a line, "[i, j]:[k]:score", 0-based indices,
// "[]:[k]" for 0-1 and "[i]:[]" for 1-0.
//
//   std::string text = FormatLadder(beads);
//   Alignment back = ParseLadder(text, "pred.ladder");   // InputError on a malformed line
#pragma once

#include <string>
#include <string_view>

#include "newsalign/core/bead.h"

namespace newsalign {

// One line per bead, each ending in '\n'. With `with_scores` the third field is the score.
std::string FormatLadder(const Alignment& beads, bool with_scores = true);

// Parses ladder text. Indices inside a bead must be consecutive; `name` is used in errors
// ("gold.ladder: line 12: not a bead").
Alignment ParseLadder(std::string_view text, const std::string& name);

}  // namespace newsalign
