// Import = Store::Plan -> align -> Store::Commit, for one pair or a whole list of them.
//
//   Aligner aligner(options);
//   Importer importer(store, aligner, options);
//   std::vector<ImportResult> results = importer.Import(inputs);   // inputs read + segmented
//
// Pairs that are already stored unchanged are not aligned at all. The others are aligned
// together with Aligner::AlignCorpus (so they share the lexicon learned from the confident
// beads of all of them), each keeping its carried-over reviewed beads as fixed anchors, and
// every pair is then committed in its own transaction: a failure or a kill leaves each pair
// either as it was or as imported.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsalign/align/aligner.h"
#include "newsalign/store/store.h"

namespace newsalign {

class Importer {
 public:
  // `options` are those `aligner` was made with; they are recorded as provenance.
  Importer(Store& store, const Aligner& aligner, const AlignOptions& options);

  // One result per input, in order. Plan() may replace an input's spans by stored ones.
  std::vector<ImportResult> Import(std::vector<PairInput>& inputs);

  // Realigns a stored pair, keeping its confirmed and edited beads (the workbench's "realign
  // the rest"). InputError when there is no such pair.
  ImportResult Realign(int64_t pair_id);

 private:
  Store& store_;
  const Aligner& aligner_;
  Provenance provenance_;
};

// The aligner options as a JSON object (provenance.options).
std::string AlignOptionsJson(const AlignOptions& options);

}  // namespace newsalign
