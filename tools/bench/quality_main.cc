// newsalign_quality: alignment quality on the shared development sets, in one process, so
// that the model's numbers can be explored quickly.
//
//   newsalign_quality [--shared DIR] [--set hard|textberg|all] [name=value ...]
//   newsalign_quality --search name,name,... [name=value ...]
//   newsalign_quality --errors ...     also prints each wrongly predicted omission in context
//
// Every set is aligned as one corpus (Aligner::AlignCorpus), as `newsalign batch` does, and
// scored with the convention of ../shared/tools/score_ladder.py (align/evaluation.h).
// --search runs a coordinate search over the named AlignModel fields, maximising the mean
// strict F1 of the sets, and prints each improvement.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "newsalign/align/aligner.h"
#include "newsalign/align/pieces.h"
#include "newsalign/align/evaluation.h"
#include "newsalign/core/error.h"
#include "newsalign/core/ladder.h"
#include "newsalign/text/reader.h"
#include "newsalign/text/segmenter.h"
#include "tools/bench/devsets.h"

namespace fs = std::filesystem;
using namespace newsalign;
using newsalign::bench::DevSet;

namespace {

bool show_errors = false;  // --errors: print each wrongly predicted omission with its context

struct Result {
  EvaluationReport report;
  std::vector<std::pair<double, bool>> confidence;  // (score, right) per predicted bead
  double seconds = 0;
};

std::string Ids(const std::vector<int>& ids) {
  std::string out = "[";
  for (int id : ids) out += (out.size() > 1 ? "," : "") + std::to_string(id);
  return out + "]";
}

// A predicted 1-0 / 0-1 bead that gold does not have, with the gold beads around it.
void PrintWrongOmission(const DevSet& set, size_t doc, const LadderBead& b) {
  const bool src_side = !b.src.empty();
  const int sentence = src_side ? b.src[0] : b.tgt[0];
  const Document& d = src_side ? set.src[doc] : set.tgt[doc];
  std::printf("-- %s doc %zu (%s): predicted %s:%s score %.3f: %.*s\n", set.name.c_str(), doc,
              set.src[doc].path.c_str(), Ids(b.src).c_str(), Ids(b.tgt).c_str(), b.score, 160,
              std::string(d.SentenceText(sentence)).c_str());
  for (const LadderBead& g : set.gold[doc]) {
    const std::vector<int>& ids = src_side ? g.src : g.tgt;
    bool near = false;
    for (int id : ids) near = near || std::abs(id - sentence) <= 1;
    if (!near) continue;
    std::printf("     gold %s:%s", Ids(g.src).c_str(), Ids(g.tgt).c_str());
    for (int id : g.src) std::printf("  | %.*s", 90, std::string(set.src[doc].SentenceText(id)).c_str());
    std::printf("  ||");
    for (int id : g.tgt) std::printf("  | %.*s", 90, std::string(set.tgt[doc].SentenceText(id)).c_str());
    std::printf("\n");
  }
}

Result Run(const DevSet& set, const AlignModel& model, int max_side) {
  AlignOptions options;
  options.src_lang = set.src_lang;
  options.tgt_lang = set.tgt_lang;
  options.model = model;
  options.max_side = max_side;
  auto t0 = std::chrono::steady_clock::now();
  Aligner aligner(options);
  // As an import does: headline seams inside lines cut before, the lines whole again after.
  std::vector<Document> src = set.src, tgt = set.tgt;
  std::vector<PiecesPair> pairs;
  for (size_t k = 0; k < src.size(); ++k) pairs.push_back({&src[k], &tgt[k], {}});
  std::vector<Alignment> predicted = AlignPiecesCorpus(aligner, pairs);
  Result r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::vector<LadderPair> docs;
  for (size_t k = 0; k < predicted.size(); ++k) {
    docs.emplace_back(set.gold[k], ToLadder(predicted[k]));
    for (const LadderBead& b : docs.back().second) {
      bool right = false;
      for (const LadderBead& g : set.gold[k]) right = right || (g.src == b.src && g.tgt == b.tgt);
      r.confidence.emplace_back(b.score, right);
      if (show_errors && !right && (b.src.empty() || b.tgt.empty())) PrintWrongOmission(set, k, b);
    }
  }
  r.report = Evaluate(docs);
  return r;
}

void PrintReliability(const std::vector<std::pair<double, bool>>& conf) {
  const double edges[] = {0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001};
  std::printf("reliability: confidence bucket -> share right (beads)\n");
  for (int k = 0; k + 1 < 8; ++k) {
    int n = 0, right = 0;
    for (auto [c, ok] : conf)
      if (c >= edges[k] && c < edges[k + 1]) ++n, right += ok;
    if (n) std::printf("  [%.2f, %.2f)  %.4f  (%d)\n", edges[k], std::min(edges[k + 1], 1.0), double(right) / n, n);
  }
  int n = 0, right = 0;
  for (auto [c, ok] : conf)
    if (c >= 0.9) ++n, right += ok;
  std::printf("  scored >= 0.9: %d beads, %.4f right\n", n, n ? double(right) / n : 0.0);
}

double Objective(const std::vector<DevSet>& sets, const AlignModel& model, int max_side, bool verbose) {
  double sum = 0;
  for (const DevSet& set : sets) {
    Result r = Run(set, model, set.src_lang == "de" ? 4 : max_side);
    sum += r.report.strict_f1;
    if (verbose) {
      std::printf("== %s: %zu documents, %.2f s\n%s", set.name.c_str(), set.src.size(), r.seconds,
                  FormatReport(r.report).c_str());
      PrintReliability(r.confidence);
      std::printf("\n");
    }
  }
  return sum / sets.size();
}

}  // namespace

int main(int argc, char** argv) {
  fs::path shared = NEWSALIGN_SHARED_DIR;
  std::string which = "all", search;
  AlignModel model;
  int max_side = 3;
  for (int k = 1; k < argc; ++k) {
    std::string a = argv[k];
    if (a == "--shared" && k + 1 < argc) {
      shared = argv[++k];
    } else if (a == "--set" && k + 1 < argc) {
      which = argv[++k];
    } else if (a == "--errors") {
      show_errors = true;
    } else if (a == "--search" && k + 1 < argc) {
      search = argv[++k];
    } else if (size_t eq = a.find('='); eq != std::string::npos) {
      if (!SetModelParameter(model, a.substr(0, eq), std::stod(a.substr(eq + 1)))) {
        std::cerr << "unknown parameter " << a << "\n";
        return 1;
      }
    } else {
      std::cerr << "usage: newsalign_quality [--shared DIR] [--set hard|textberg|all] [--errors] [--search a,b] [name=value...]\n";
      return 1;
    }
  }
  if (!fs::is_directory(shared / "corpora")) {
    std::printf("skipped: no shared corpora at %s\n", shared.c_str());
    return 0;
  }
  try {
    std::vector<DevSet> sets = bench::LoadDevSets(shared, which);
    if (search.empty()) {
      double f = Objective(sets, model, max_side, true);
      std::printf("mean strict F1 %.4f\n", f);
      return 0;
    }
    std::vector<std::string> names;
    std::stringstream ss(search);
    for (std::string n; std::getline(ss, n, ',');) names.push_back(n);
    double best = Objective(sets, model, max_side, false);
    std::printf("start %.4f\n", best);
    for (int round = 0; round < 3; ++round) {
      bool improved = false;
      for (const std::string& name : names) {
        double current = 0;
        if (!GetModelParameter(model, name, &current)) {
          std::cerr << "unknown parameter " << name << "\n";
          return 1;
        }
        for (double factor : {0.5, 0.8, 1.25, 2.0}) {
          AlignModel trial = model;
          SetModelParameter(trial, name, current * factor);
          double f = Objective(sets, trial, max_side, false);
          if (f > best + 1e-4) {
            best = f;
            model = trial;
            improved = true;
            std::printf("%s=%g -> %.4f\n", name.c_str(), current * factor, best);
            std::fflush(stdout);
            break;
          }
        }
      }
      if (!improved) break;
    }
    std::printf("best %.4f with:", best);
    for (const std::string& name : names) {
      double v = 0;
      GetModelParameter(model, name, &v);
      std::printf(" %s=%g", name.c_str(), v);
    }
    std::printf("\n");
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "newsalign_quality: " << e.what() << "\n";
    return 1;
  }
}
