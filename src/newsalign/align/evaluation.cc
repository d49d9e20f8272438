#include "newsalign/align/evaluation.h"

#include <cstdio>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace newsalign {
namespace {

using Key = std::pair<std::vector<int>, std::vector<int>>;

Key KeyOf(const LadderBead& b) { return {b.src, b.tgt}; }

std::string TypeOf(const LadderBead& b) { return std::to_string(b.src.size()) + "-" + std::to_string(b.tgt.size()); }

struct Counts {
  int tp_strict = 0, fp_strict = 0, tp_lax = 0, fp_lax = 0;
};

// score_ladder.py's counts(): `test` beads judged against `gold` beads.
Counts Count(const std::vector<LadderBead>& gold, const std::vector<LadderBead>& test) {
  std::set<Key> gold_keys;
  std::unordered_map<int, std::unordered_set<int>> links;
  for (const LadderBead& b : gold) {
    if (b.src.empty() && b.tgt.empty()) continue;
    gold_keys.insert(KeyOf(b));
    for (int s : b.src)
      for (int t : b.tgt) links[s].insert(t);
  }
  std::set<Key> seen;
  Counts c;
  for (const LadderBead& b : test) {
    if (b.src.empty() && b.tgt.empty()) continue;
    if (!seen.insert(KeyOf(b)).second) continue;  // a set, as in the script
    if (gold_keys.count(KeyOf(b))) {
      ++c.tp_strict;
      ++c.tp_lax;
      continue;
    }
    ++c.fp_strict;
    bool linked = false;
    for (int s : b.src) {
      auto it = links.find(s);
      if (it == links.end()) continue;
      for (int t : b.tgt) linked = linked || it->second.count(t) > 0;
    }
    if (linked) ++c.tp_lax; else ++c.fp_lax;
  }
  return c;
}

std::vector<LadderBead> WithBothSides(const std::vector<LadderBead>& beads) {
  std::vector<LadderBead> out;
  for (const LadderBead& b : beads)
    if (!b.src.empty() && !b.tgt.empty()) out.push_back(b);
  return out;
}

double Div(double x, double y) { return y ? x / y : 0.0; }
double F1(double p, double r) { return p + r ? 2 * p * r / (p + r) : 0.0; }

}  // namespace

EvaluationReport Evaluate(const std::vector<LadderPair>& documents) {
  Counts pc, rc;
  EvaluationReport r;
  for (const auto& [gold, pred] : documents) {
    Counts p = Count(gold, pred);
    Counts q = Count(WithBothSides(pred), WithBothSides(gold));
    pc.tp_strict += p.tp_strict, pc.fp_strict += p.fp_strict, pc.tp_lax += p.tp_lax, pc.fp_lax += p.fp_lax;
    rc.tp_strict += q.tp_strict, rc.fp_strict += q.fp_strict, rc.tp_lax += q.tp_lax, rc.fp_lax += q.fp_lax;

    std::set<Key> gold_keys;
    for (const LadderBead& b : gold) gold_keys.insert(KeyOf(b));
    for (const LadderBead& b : gold) {
      r.by_type[TypeOf(b)].gold++;
      if (b.src.empty() || b.tgt.empty()) r.gold_omissions++;
    }
    for (const LadderBead& b : pred) {
      auto& t = r.by_type[TypeOf(b)];
      t.predicted++;
      bool correct = gold_keys.count(KeyOf(b)) > 0;
      if (correct) t.correct++;
      if (b.src.empty() || b.tgt.empty()) {
        r.predicted_omissions++;
        if (correct) r.correct_omissions++, r.found_omissions++;
      }
    }
  }
  r.strict_p = Div(pc.tp_strict, pc.tp_strict + pc.fp_strict);
  r.lax_p = Div(pc.tp_lax, pc.tp_lax + pc.fp_lax);
  r.strict_r = Div(rc.tp_strict, rc.tp_strict + rc.fp_strict);
  r.lax_r = Div(rc.tp_lax, rc.tp_lax + rc.fp_lax);
  r.strict_f1 = F1(r.strict_p, r.strict_r);
  r.lax_f1 = F1(r.lax_p, r.lax_r);
  r.gold_beads = rc.tp_strict + rc.fp_strict;
  return r;
}

EvaluationReport Evaluate(const std::vector<std::pair<Alignment, Alignment>>& documents) {
  std::vector<LadderPair> ladders;
  ladders.reserve(documents.size());
  for (const auto& [gold, pred] : documents) ladders.emplace_back(ToLadder(gold), ToLadder(pred));
  return Evaluate(ladders);
}
std::string FormatReport(const EvaluationReport& r) {
  char line[256];
  std::string out;
  std::snprintf(line, sizeof line,
                "strict P=%.4f R=%.4f F1=%.4f   lax P=%.4f R=%.4f F1=%.4f   gold beads=%d\n", r.strict_p,
                r.strict_r, r.strict_f1, r.lax_p, r.lax_r, r.lax_f1, r.gold_beads);
  out += line;
  std::snprintf(line, sizeof line,
                "omissions: found %d of %d gold (recall %.4f); %d of %d predicted are right (precision %.4f)\n",
                r.found_omissions, r.gold_omissions, Div(r.found_omissions, r.gold_omissions),
                r.correct_omissions, r.predicted_omissions, Div(r.correct_omissions, r.predicted_omissions));
  out += line;
  out += "type   gold  pred  right  precision  recall\n";
  for (const auto& [type, t] : r.by_type) {
    std::snprintf(line, sizeof line, "%-5s %5d %5d %6d  %9.4f  %6.4f\n", type.c_str(), t.gold, t.predicted,
                  t.correct, Div(t.correct, t.predicted), Div(t.correct, t.gold));
    out += line;
  }
  return out;
}

std::string FormatReportJson(const EvaluationReport& r) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "{\"strict_p\": %.4f, \"strict_r\": %.4f, \"strict_f1\": %.4f, \"lax_p\": %.4f, \"lax_r\": %.4f, "
                "\"lax_f1\": %.4f, \"gold_beads\": %d, \"gold_omissions\": %d, \"found_omissions\": %d, "
                "\"predicted_omissions\": %d, \"correct_omissions\": %d}\n",
                r.strict_p, r.strict_r, r.strict_f1, r.lax_p, r.lax_r, r.lax_f1, r.gold_beads, r.gold_omissions,
                r.found_omissions, r.predicted_omissions, r.correct_omissions);
  return buf;
}

}  // namespace newsalign
