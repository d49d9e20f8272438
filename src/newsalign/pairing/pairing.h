// Pairing articles across a Russian and an English news feed: for each English article, the
// Russian article it translates, with a confidence; articles with no counterpart stay unpaired.
//
//   PairingOptions options;                         // ru-en, threshold 0.5
//   ArticlePairer pairer(options);                  // loads the dictionary once (cached)
//   PairingResult r = pairer.Pair(ru_docs, en_docs);   // documents read, paragraphs split
//   for (const ArticlePair& p : r.pairs) use(ru_docs[p.ru], en_docs[p.en], p.confidence);
//   r.unpaired_ru, r.unpaired_en                     // indices of the articles left alone
//
// Or in one call: PairingResult r = PairArticles(ru_docs, en_docs, options);
//
// How it works (pairing.cc explains the choices):
//  1. Evidence units per article: numbers and dates (NumberKeys), names (NameKey skeletons of
//     capitalised and foreign-script words), and words: a Russian word stands for the English
//     stems its dictionary translations give, an English word for its own stem. A unit weighs
//     what a chance match of it would be worth (rare on the other side: heavy).
//  2. Candidates: an inverted index of the English articles' rare keys; each Russian article
//     meets only the English articles that share rare evidence with it (never all pairs).
//  3. Score of a candidate: the mean of two weighted coverages, the English units found in the
//     Russian article and the Russian units found in the English one (within the part of the
//     Russian text the English one's length can cover, so that an abridged first half still
//     scores high); an English article much longer than the Russian one is penalised; dates,
//     when both documents carry one, must be close.
//  4. A one-to-one assignment, greedy by score: the best pair first; an article already taken
//     cannot be taken again, so of two near-duplicate Russian articles only the better one pairs.
//
// Thread-safety: Pair() is const and may be called from several threads at once.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "newsalign/core/document.h"

namespace newsalign {

struct PairingOptions {
  std::string src_lang = "ru";  // ISO 639-1 of the first feed (the one with more articles)
  std::string tgt_lang = "en";  // ISO 639-1 of the second feed
  bool use_dictionary = true;   // use an installed bilingual dictionary (word evidence)
  // Pairs whose confidence is below this stay unpaired. Confidence is an estimate of the
  // probability that the pair is right (calibrated on the wmt21 news documents, see
  // tools/bench/pairing.py); default 0.5.
  double min_confidence = 0.5;
  // Candidates scored per article (from the inverted index, best shared rare evidence first).
  int candidates = 12;
  // A key of the inverted index is "rare" when at most this many target articles hold it;
  // 0 = automatic: max(50, 2 * sqrt(number of target articles)). Bounds the work per article.
  int max_key_df = 0;
  // When both documents have a Document::date (YYYY-MM-DD), a pair more than this many days
  // apart is never made. Negative: ignore dates. Default 3.
  int max_date_gap_days = 3;
  // Worker threads for feature extraction and scoring; 0 = the hardware's count (at most 8).
  int threads = 0;
};

struct ArticlePair {
  size_t src = 0;           // index into the source (Russian) documents
  size_t tgt = 0;           // index into the target (English) documents
  double confidence = 0.0;  // estimated probability that the pair is right, in [0, 1]
  double score = 0.0;       // the raw score the assignment used (larger is better)
};

struct PairingResult {
  std::vector<ArticlePair> pairs;   // sorted by src index
  std::vector<size_t> unpaired_src;  // source articles without a pair, ascending
  std::vector<size_t> unpaired_tgt;  // target articles without a pair, ascending
};

class ArticlePairer {
 public:
  explicit ArticlePairer(PairingOptions options = {});
  ~ArticlePairer();
  ArticlePairer(ArticlePairer&&) noexcept;
  ArticlePairer& operator=(ArticlePairer&&) noexcept;

  // Pairs the articles one to one. Documents need Document::text and Document::paragraphs
  // (ReadTextFile fills both); sentences are not used. Empty inputs give an empty result.
  PairingResult Pair(const std::vector<Document>& src, const std::vector<Document>& tgt) const;

  // Why the dictionary is missing, when it is ("" otherwise); the CLI prints it once.
  const std::string& dictionary_note() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ArticlePairer(options).Pair(src, tgt).
PairingResult PairArticles(const std::vector<Document>& src, const std::vector<Document>& tgt,
                           const PairingOptions& options = {});

// The confidence the pairer gives a raw score (monotone; exposed for tests and benchmarks).
double PairConfidence(double score);

}  // namespace newsalign
