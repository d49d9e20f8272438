// Scoring a predicted alignment against a gold one, in the convention of
// ../shared/tools/score_ladder.py (Sennrich & Volk 2010, as Vecalign and Bertalign publish):
// precision over every predicted bead (a 1-0 or 0-1 bead is right only when the gold has it
// too), recall over gold beads that have both sides; strict = the identical bead, lax = the
// bead links one of its source sentences to one of the targets the gold links it to.
// Omissions (1-0 / 0-1), which that convention does not reward, are reported apart, and so
// is precision and recall per bead type.
//
//   EvaluationReport r = Evaluate({{gold, predicted}});
//   std::cout << FormatReport(r);
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "newsalign/core/bead.h"
#include "newsalign/core/ladder.h"

namespace newsalign {

struct EvaluationReport {
  double strict_p = 0, strict_r = 0, strict_f1 = 0;
  double lax_p = 0, lax_r = 0, lax_f1 = 0;
  int gold_beads = 0;  // gold beads with both sides (the recall denominator)
  // Omissions: gold 1-0/0-1 beads, how many were predicted exactly; predicted ones, how
  // many are in the gold.
  int gold_omissions = 0, found_omissions = 0, predicted_omissions = 0, correct_omissions = 0;
  struct TypeCounts {
    int gold = 0, predicted = 0, correct = 0;  // strict
  };
  std::map<std::string, TypeCounts> by_type;  // "1-1", "2-1", ...
};

// One (gold, predicted) pair per document; counts are summed over documents.
using LadderPair = std::pair<std::vector<LadderBead>, std::vector<LadderBead>>;
EvaluationReport Evaluate(const std::vector<LadderPair>& documents);
EvaluationReport Evaluate(const std::vector<std::pair<Alignment, Alignment>>& documents);

// A human-readable report: the headline figures on one line, then a table per bead type.
std::string FormatReport(const EvaluationReport& report);

// The headline figures as one JSON object.
std::string FormatReportJson(const EvaluationReport& report);

}  // namespace newsalign
