#include "newsalign/align/length.h"

#include <cmath>
#include <cstring>

namespace newsalign {
namespace {
constexpr double kLogSqrt2Pi = 0.91893853320467274178;

double LogNormal(double x, double sigma) {
  return -0.5 * (x / sigma) * (x / sigma) - std::log(sigma) - kLogSqrt2Pi;
}
}  // namespace

double LengthModel::Evidence(double n_src, double n_tgt) const {
  double mean = (n_src + n_tgt / ratio) / 2.0;
  if (mean < 1.0) mean = 1.0;
  double delta = (n_tgt - ratio * n_src) / std::sqrt(variance * mean);
  double core = LogNormal(delta, 1.0) + std::log(1.0 - tail_share);
  double tail = LogNormal(delta, tail_sigma) + std::log(tail_share);
  double hi = std::max(core, tail);
  double aligned = hi + std::log(std::exp(core - hi) + std::exp(tail - hi));
  return aligned - LogNormal(delta, sigma_null);
}

LengthModel LengthModelFor(const char* src_lang, const char* tgt_lang) {
  LengthModel model;
  if (std::strcmp(src_lang, "en") == 0 && std::strcmp(tgt_lang, "ru") == 0) {
    model.ratio = 1.0 / 0.978;
    model.variance = 3.06 / 0.978;
  } else if (!(std::strcmp(src_lang, "ru") == 0 && std::strcmp(tgt_lang, "en") == 0)) {
    // Other pairs of European languages: about equal lengths, the same spread.
    model.ratio = 1.0;
  }
  return model;
}

}  // namespace newsalign
