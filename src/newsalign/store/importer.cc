#include "newsalign/store/importer.h"

#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "newsalign/align/pieces.h"

namespace newsalign {

std::string AlignOptionsJson(const AlignOptions& options) {
  nlohmann::json j = {{"src_lang", options.src_lang}, {"tgt_lang", options.tgt_lang},
                      {"max_side", options.max_side}, {"band", options.band},
                      {"use_dictionary", options.use_dictionary}};
  return j.dump();
}

Importer::Importer(Store& store, const Aligner& aligner, const AlignOptions& options)
    : store_(store), aligner_(aligner) {
  provenance_.action = "import";
  provenance_.options_json = AlignOptionsJson(options);
}

std::vector<ImportResult> Importer::Import(std::vector<PairInput>& inputs) {
  std::vector<ImportPlan> plans;
  plans.reserve(inputs.size());
  for (PairInput& in : inputs) plans.push_back(store_.Plan(in));

  // Our segmentation's guesses are settled by the alignment (align/pieces.h), unless reviewed
  // beads carried over pin the sentence numbers.
  std::vector<PiecesPair> work;
  std::vector<size_t> work_index;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!plans[i].NeedsAlignment()) continue;
    work.push_back(PiecesPair{&inputs[i].ru, &inputs[i].en, plans[i].fixed});
    work_index.push_back(i);
  }
  std::vector<Alignment> aligned = AlignPiecesCorpus(aligner_, work);

  std::vector<ImportResult> results(inputs.size());
  size_t next = 0;
  static const Alignment kNone;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const bool has = next < work_index.size() && work_index[next] == i;
    results[i] = store_.Commit(inputs[i], plans[i], has ? aligned[next] : kNone, provenance_);
    if (has) ++next;
  }
  return results;
}

ImportResult Importer::Realign(int64_t pair_id) {
  PairRecord rec = store_.LoadPair(pair_id);
  Alignment fixed;
  std::vector<const StoredBead*> reviewed;
  for (const StoredBead& b : rec.beads) {
    if (b.status == BeadStatus::kAuto) continue;
    fixed.push_back(b.bead);
    reviewed.push_back(&b);
  }
  Alignment beads = aligner_.Align(rec.ru, rec.en, fixed);
  std::vector<StoredBead> rows;
  ImportResult result;
  result.action = ImportAction::kRealign;
  result.pair_id = pair_id;
  std::map<std::pair<int, int>, size_t> fixed_at;  // (ru_begin, en_begin) -> index in fixed
  for (size_t k = 0; k < fixed.size(); ++k) fixed_at[{fixed[k].src_begin, fixed[k].tgt_begin}] = k;
  for (const Bead& b : beads) {
    StoredBead row;
    row.bead = b;
    auto it = fixed_at.find({b.src_begin, b.tgt_begin});
    if (it != fixed_at.end() && fixed[it->second] == b) {
      row.bead.score = fixed[it->second].score;
      row.status = reviewed[it->second]->status;
      ++result.kept;
    }
    rows.push_back(row);
  }
  result.dropped = static_cast<int>(fixed.size()) - result.kept;
  Provenance prov = provenance_;
  prov.action = "realign";
  prov.id = 0;
  store_.ReplaceBeads(pair_id, rec.summary.version, rows, prov);
  result.beads = static_cast<int>(rows.size());
  result.title = rec.summary.title;
  result.ru_revision = rec.summary.ru_revision;
  result.en_revision = rec.summary.en_revision;
  return result;
}

}  // namespace newsalign
