// A bead: i consecutive source sentences aligned with j consecutive target sentences.
// An alignment is the ordered list of beads that covers both sides exactly once.
#pragma once

#include <string>
#include <vector>

namespace newsalign {

struct Bead {
  int src_begin = 0;    // first source (Russian) sentence, 0-based
  int src_count = 0;    // number of source sentences (0 for a 0-1 bead)
  int tgt_begin = 0;    // first target (English) sentence, 0-based
  int tgt_count = 0;    // number of target sentences (0 for a 1-0 bead)
  double score = 0.0;   // confidence in [0, 1] that this bead is right
  // Probability that the alignment cuts both sides where this bead starts, whatever the beads
  // around the cut (the aligner's; 1 where it has none). Not stored.
  double cut_before = 1.0;

  int src_end() const { return src_begin + src_count; }
  int tgt_end() const { return tgt_begin + tgt_count; }
  // "1-1", "2-1", "0-1", ...
  std::string Type() const { return std::to_string(src_count) + "-" + std::to_string(tgt_count); }
  bool operator==(const Bead& o) const {
    return src_begin == o.src_begin && src_count == o.src_count && tgt_begin == o.tgt_begin &&
           tgt_count == o.tgt_count;
  }
};

using Alignment = std::vector<Bead>;

}  // namespace newsalign
