#include "newsalign/align/evaluation.h"

#include <catch2/catch.hpp>

#include "newsalign/core/ladder.h"

namespace newsalign {
namespace {

TEST_CASE("evaluation: a perfect prediction scores 1 and finds every omission") {
  Alignment gold = ParseLadder("[0]:[0]\n[1]:[]\n[2, 3]:[1]\n[4]:[2]\n", "g");
  EvaluationReport r = Evaluate({{gold, gold}});
  REQUIRE(r.strict_f1 == Approx(1.0));
  REQUIRE(r.gold_beads == 3);
  REQUIRE(r.gold_omissions == 1);
  REQUIRE(r.found_omissions == 1);
  REQUIRE(r.by_type["2-1"].correct == 1);
}

TEST_CASE("evaluation: strict and lax follow score_ladder.py") {
  Alignment gold = ParseLadder("[0]:[0]\n[1]:[1]\n[2]:[2]\n", "g");
  // A merge of two gold beads: wrong strictly, right laxly.
  Alignment pred = ParseLadder("[0]:[0]\n[1, 2]:[1, 2]\n", "p");
  EvaluationReport r = Evaluate({{gold, pred}});
  REQUIRE(r.strict_p == Approx(0.5));
  REQUIRE(r.strict_r == Approx(1.0 / 3));
  REQUIRE(r.lax_p == Approx(1.0));
  REQUIRE(r.lax_r == Approx(1.0));
  // The omission that is not in the gold counts against precision only.
  Alignment with_omission = ParseLadder("[0]:[0]\n[1]:[]\n[]:[1]\n[2]:[2]\n", "p");
  EvaluationReport o = Evaluate({{gold, with_omission}});
  REQUIRE(o.strict_p == Approx(0.5));
  REQUIRE(o.strict_r == Approx(2.0 / 3));
  REQUIRE(o.predicted_omissions == 2);
  REQUIRE(o.correct_omissions == 0);
}

}  // namespace
}  // namespace newsalign
