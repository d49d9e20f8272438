// Quality floor on ../shared/corpora/wmt21-ru-en-hard, pre-segmented, aligned as one corpus
// and scored like ../shared/tools/score_ladder.py. The floor sits well above hunalign's
// figures without a dictionary (0.920 ru-en, 0.945 en-ru) and below ours, so that a change
// that breaks the model fails here; tools/bench/newsalign_quality prints the exact figures.
#include <catch2/catch.hpp>

#include "newsalign/align/aligner.h"
#include "newsalign/align/evaluation.h"
#include "tools/bench/devsets.h"

namespace newsalign {
namespace {

TEST_CASE("quality floor on wmt21-ru-en-hard, both directions") {
  std::vector<bench::DevSet> sets = bench::LoadDevSets(NEWSALIGN_SHARED_DIR, "hard");
  if (sets.empty()) {
    WARN("skipped: no " NEWSALIGN_SHARED_DIR "/corpora/wmt21-ru-en-hard");
    return;
  }
  Aligner aligner;
  for (const bench::DevSet& set : sets) {
    std::vector<Aligner::Pair> pairs;
    for (size_t k = 0; k < set.src.size(); ++k) pairs.push_back({&set.src[k], &set.tgt[k], {}});
    std::vector<Alignment> predicted = aligner.AlignCorpus(pairs);
    std::vector<LadderPair> docs;
    for (size_t k = 0; k < predicted.size(); ++k) docs.emplace_back(set.gold[k], ToLadder(predicted[k]));
    EvaluationReport report = Evaluate(docs);
    INFO(set.name << "\n" << FormatReport(report));
    CHECK(report.strict_f1 >= 0.98);
    CHECK(double(report.found_omissions) / report.gold_omissions >= 0.85);
  }
}

}  // namespace
}  // namespace newsalign
