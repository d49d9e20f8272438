// Length evidence (Gale & Church 1993), as a log-likelihood ratio.
//
// For a bead whose sides have n_src and n_tgt characters (code points), the normalised
// difference  delta = (n_tgt - c * n_src) / sqrt(s2 * (n_src + n_tgt / c) / 2)  is close to
// 0 when the sides translate each other. Gale & Church model delta as N(0, 1); real news
// has heavier tails, so we use a mixture with a wider component. Against it stands the
// distribution of delta for two sentences that do NOT translate each other (sigma_null),
// and the evidence is log p(delta | aligned) - log p(delta | unrelated): positive for a
// good length match, at most about log(sigma_null), strongly negative for a bad one.
//
// c and s2 were measured on ../shared/corpora/wmt21-ru-en (2,002 segment pairs): English
// has 0.978 characters per Russian character, with s2 = 3.06; for unrelated sentence pairs
// of the same documents delta has a standard deviation of about 4.5 (tools/bench prints
// these from the data: length_stats).
#pragma once

namespace newsalign {

struct LengthModel {
  double ratio = 0.978;      // c: target characters per source character
  double variance = 3.06;    // s2: variance of the difference per source character
  double sigma_null = 4.5;   // spread of delta between unrelated sentences
  double tail_share = 0.1;   // weight of the wide component for loose translations
  double tail_sigma = 3.0;   // its standard deviation, in units of delta

  // Log-likelihood ratio that sides of n_src and n_tgt characters translate each other.
  double Evidence(double n_src, double n_tgt) const;
};

// The same evidence with the model's logarithms computed once: the aligner asks for it for
// every bead it considers.
class LengthScorer {
 public:
  explicit LengthScorer(const LengthModel& model = LengthModel());
  double Evidence(double n_src, double n_tgt) const;

 private:
  double ratio_, variance_;
  double log_core_weight_, log_tail_weight_;  // log of each mixture weight times its normaliser
  double inv_tail_var_, inv_null_var_, log_null_norm_;
};

// Characters per code point of a language pair, for the default model of other pairs.
LengthModel LengthModelFor(const char* src_lang, const char* tgt_lang);

}  // namespace newsalign
