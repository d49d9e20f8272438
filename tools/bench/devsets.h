// The shared development sets (../shared/corpora), loaded for benchmarks and quality tests:
// pre-segmented documents with their gold ladders.
//
//   std::vector<DevSet> sets = LoadDevSets(shared_dir, "hard");   // empty when absent
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "newsalign/core/document.h"
#include "newsalign/core/ladder.h"

namespace newsalign::bench {

struct DevSet {
  std::string name, src_lang, tgt_lang;
  std::vector<Document> src, tgt;
  std::vector<std::vector<LadderBead>> gold;
};

// "hard" (wmt21-ru-en-hard, both directions), "textberg" (de-fr dev) or "all". Sets whose
// folder is missing are left out.
std::vector<DevSet> LoadDevSets(const std::filesystem::path& shared, const std::string& which);

}  // namespace newsalign::bench
