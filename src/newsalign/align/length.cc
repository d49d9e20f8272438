#include "newsalign/align/length.h"

#include <cmath>
#include <algorithm>
#include <cstring>

namespace newsalign {
namespace {
constexpr double kLogSqrt2Pi = 0.91893853320467274178;
}  // namespace

LengthScorer::LengthScorer(const LengthModel& m)
    : ratio_(m.ratio),
      variance_(m.variance),
      // log N(x; 0, sigma) = -x^2 / (2 sigma^2) - log sigma - log sqrt(2 pi)
      log_core_weight_(std::log(1.0 - m.tail_share) - kLogSqrt2Pi),
      log_tail_weight_(std::log(m.tail_share) - std::log(m.tail_sigma) - kLogSqrt2Pi),
      inv_tail_var_(1.0 / (m.tail_sigma * m.tail_sigma)),
      inv_null_var_(1.0 / (m.sigma_null * m.sigma_null)),
      log_null_norm_(-std::log(m.sigma_null) - kLogSqrt2Pi) {}

double LengthScorer::Evidence(double n_src, double n_tgt) const {
  double mean = (n_src + n_tgt / ratio_) / 2.0;
  if (mean < 1.0) mean = 1.0;
  const double delta = (n_tgt - ratio_ * n_src) / std::sqrt(variance_ * mean);
  const double d2 = delta * delta;
  // The aligned density is a mixture of a standard normal and a wide one.
  const double core = -0.5 * d2 + log_core_weight_;
  const double tail = -0.5 * d2 * inv_tail_var_ + log_tail_weight_;
  const double aligned = std::max(core, tail) + std::log1p(std::exp(-std::fabs(core - tail)));
  return aligned - (-0.5 * d2 * inv_null_var_ + log_null_norm_);
}

double LengthModel::Evidence(double n_src, double n_tgt) const { return LengthScorer(*this).Evidence(n_src, n_tgt); }

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
