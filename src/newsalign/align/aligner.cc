// The sentence aligner: a dynamic program over beads.
//
// WHAT A BEAD IS. A bead pairs a consecutive run of `a` source sentences with a consecutive
// run of `b` target sentences: 1-1 (a translation), 1-0 and 0-1 (a sentence the other
// version left out), 2-1 and 1-2 (a translator merged or split sentences), 2-2, 1-3, 3-1,
// 3-2, 2-3 (wider when AlignOptions::max_side allows: 4-1, 1-4 and 3-3 at 4). An alignment
// is the monotone chain of beads that covers both documents exactly once.
//
// THE MODEL. Each bead gets a score that is a log-likelihood ratio: how much more likely
// its sentences are if the bead is right than if they were unrelated text, plus the log
// prior of its shape. For a chain of beads the sum of these scores is, up to a constant
// that does not depend on the chain, log P(documents, chain), so the best chain is the
// most probable alignment. A 1-0 or 0-1 bead explains its sentence as unrelated text and
// scores only its prior; every other bead must earn its place through evidence:
//
//   score(bead) = log prior(a-b)                              shape: 1-1 common, 2-2 rare
//               + length LLR  (align/length.h)                Gale & Church, heavy-tailed
//               + evidence LLR                                numbers, names, words
//               + paragraph terms                             soft anchors
//               - continuation_cut per side opening lower case  "le travail a progressé"
//
// A sentence that opens with a word in lower case goes on from the one before (a pre-split
// corpus cut at ";" or ":"). In the Text+Berg development document 64 of its 99 such lines
// sit inside a gold bead, against 217 of all 1,020 lines: log odds 1.6 (German) and 1.9
// (French) higher. A 1-0 or 0-1 bead that opens there pays it too.
//
// EVIDENCE. Every sentence carries evidence tokens (align/features.h): numbers and dates
// (align/numbers.h), names through a transliterated skeleton (align/names.h), and words
// with translations from the installed dictionary and from what the corpus teaches. Take a
// token k of a target sentence inside a bead whose source side has sentences s_1..s_a with
// length shares w_i. Two stories explain where k finds matches among them:
//
//   unrelated:  each source sentence holds a match by accident, independently, with
//               probability df_k, the share of the source document's sentences in which k
//               finds a match (smoothed towards a prior share, so that a short document,
//               where any match is a large share, still lets a match speak);
//   aligned:    with probability q_kind the token's translation is in the bead, in
//               sentence i with probability w_i; accidental matches happen as above.
//
// Dividing the two, the evidence of the observed matches is
//
//   LLR_k = log( 1 - q + q * W_k / df_k ),   W_k = sum of w_i over the sentences that match
//
// so a miss costs log(1 - q), a hit in a 1-1 bead gains log(1 - q + q / df), and a hit in a
// merged bead gains less the smaller the share of the sentence it was found in. A token
// that matches everywhere (df near 1) says nothing; a rare name says a lot. Merging an
// unrelated sentence into a bead dilutes the other sentence's hits and adds misses of its
// own, so a 2-1 must beat "1-1 plus 1-0" on evidence, not on length alone. q_kind is high
// for numbers and lower for dictionary words, which translators paraphrase. Source tokens
// are scored against the target side the same way; the bead's evidence is the mean of
// both directions, so that each token of both sides speaks once.
//
// WIDER BEADS. When both sides of a bead hold several sentences (2-2, 2-3, 3-2), the
// sentences of a translation still come mostly in order: a 2-2 is usually two pairs with a
// clause moved across the boundary. So a token expects its translation where its sentence
// falls in the bead, not anywhere by length: w_i is the share of the token's sentence's
// place (its span as a share of its side's length) that sentence i of the other side
// covers. Spread by length instead, every hit inside a 2-2 would count as half a hit, the
// 2-2 would lose to "1-1 plus 1-1" by a log 2 per matching token, and the two 1-1 beads
// that cut it would get posteriors of 0.99 and more. When one side has a single sentence,
// its place is the whole bead, and w_i is the length share as above; pieces of one sentence
// (PIECES below) keep the length shares too.
//
// THE RECURRENCE. With D(i, j) the best score of aligning the first i source and the first
// j target sentences,
//   D(0, 0) = 0,   D(i, j) = max over shapes (a, b) of D(i - a, j - b) + score(bead ending at i, j).
// Omissions are the exception: a run of k sentences of one side left out together is one
// event (log p10, then log p_run_more for each further sentence), kept as two extra states
// per cell, "a source run ends here" and "a target run ends here", so that a run of any
// length costs two terms a cell rather than one shape per length (Gotoh's affine gaps).
// We keep back-pointers for the best chain, and, for confidence, the same recurrence with
// log-sum-exp in place of max (the forward pass) plus its mirror image (the backward pass):
// the posterior probability of a bead is exp(forward(start) + score/T + backward(end) - Z).
// That posterior, with a temperature T fitted on development data, is the bead's
// confidence: the share of all alignments, weighted by probability, that contain the bead.
//
// PIECES. A headline glued to its lead without punctuation is cut by the segmenter at seams
// that are only guesses (Sentence::seam, align/pieces.h). Such a piece is scored as a
// sentence, except that a bead starting there pays the log of the seam's probability, a bead
// that keeps the pieces together the log of the rest, and its shape prior counts sentences,
// not pieces (so a bead may hold up to four pieces a side when they join into an allowed
// shape: WithPieceShapes); afterwards JoinPieces joins the pieces that share a bead. Many
// groupings of the pieces share the same cuts, so a bead's posterior says little about a
// cut: each bead also carries the posterior of the cell it starts from (Bead::cut_before),
// the share of all chains that cut both sides there, and JoinPieces keeps a cut at a
// possible seam only where that is high.
//
// THE BAND. Only cells near the expected path are filled. The path is guessed from
// anchors: sentence pairs that share a key (a number or a name) seen equally often on both
// sides, once or a few times, whose k-th occurrences pair up; the longest chain of them
// increasing on both sides is kept, and between anchors the guess is a straight line. The
// band is `band` sentences either side of that guess, narrowing to a third of that at an
// anchor. Where the best chain comes near the band's edge, only that stretch (between the
// nearest confident beads) is solved again with twice the band. Time and memory are
// O((n + m) * band), linear in the documents' length.
//
// THREADS. A long pair aligned on its own (a book, an archive) uses every core (a batch keeps
// them busy with whole pairs instead): the two sides are analysed and prepared side by side,
// the stemming and transliteration of their distinct spellings split further; each side's
// token matches are found on a thread of its own; the scores of a long stretch are worked
// out on every core, then the forward and backward passes run side by side; stretches
// between fixed beads are solved in parallel, and Learn counts on every core. Nothing
// depends on which thread did what: the output is the same on one core or many.
//
// PAPERS. Gale & Church (1993) for the length model; Moore (2002) and Varga et al. (2005,
// hunalign) for combining length with lexical evidence; Thompson & Koehn (2019, Vecalign)
// for the band-around-a-guess idea; the probabilistic reading of the dictionary evidence
// is ours.

#include "newsalign/align/aligner.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <unordered_map>

#include "newsalign/align/features.h"
#include "newsalign/align/length.h"
#include "newsalign/align/parallel.h"
#include "newsalign/core/error.h"
#include "newsalign/lexicon/dictionary.h"

namespace newsalign {
namespace {

constexpr int kMaxSide = 4;  // widest side any shape with two sides may have
constexpr double kMaxWideningCells = 4e6;  // a re-solved stretch stays under ~450 MB
constexpr int kMaxAnchorRepeats = 64;  // a key seen up to this often on each side may anchor
constexpr int kLongStretch = 2000;  // sentences, both sides: worth a second thread
constexpr size_t kMaxExactScores = 16000000;  // scores kept as doubles (cells x shapes), 128 MB
constexpr int kScoreRowsAChunk = 256;  // rows of scores a thread works out in one go
constexpr double kNegInf = -std::numeric_limits<double>::infinity();

struct Shape {
  int a, b;
  double log_prior;
};

using ModelParams = AlignModel;

double QFor(const ModelParams& m, EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::kNumber: return m.q_number;
    case EvidenceKind::kName: return m.q_name;
    case EvidenceKind::kInitialName: return m.q_initial_name;
    case EvidenceKind::kWord: return m.q_word;
  }
  return m.q_word;
}

// The shapes with a sentence on both sides. Omissions are not shapes: see Stretch::Run.
// No side wider than max_side, and no more than max_side + 2 sentences in all: 3-3 only
// at 4, for books, where a translator recasts whole passages; news has none.
std::vector<Shape> MakeShapes(const ModelParams& m, int max_side) {
  std::vector<Shape> shapes;
  auto add = [&](int a, int b, double p) {
    if (a <= max_side && b <= max_side && a + b <= max_side + 2) shapes.push_back({a, b, std::log(p)});
  };
  add(1, 1, m.p11);
  add(2, 1, m.p21);
  add(1, 2, m.p21);
  add(2, 2, m.p22);
  add(3, 1, m.p31);
  add(1, 3, m.p31);
  add(3, 2, m.p32);
  add(2, 3, m.p32);
  add(4, 1, m.p41);
  add(1, 4, m.p41);
  add(3, 3, m.p33);
  return shapes;
}

// A sentence cut into pieces (align/pieces.h) may need a bead of more pieces a side than
// `shapes` allows sentences ("В акватории | Кронштадта завершился | Главный ..." is one
// sentence in three pieces). Every shape up to kMaxSide pieces a side is tried, with no prior
// of its own: Score() gives it the prior of the sentence shape its pieces join into, and
// none when that is not one of `shapes`.
std::vector<Shape> WithPieceShapes(std::vector<Shape> shapes) {
  for (int a = 1; a <= kMaxSide; ++a) {
    for (int b = 1; b <= kMaxSide; ++b) {
      auto same = [&](const Shape& sh) { return sh.a == a && sh.b == b; };
      if (std::none_of(shapes.begin(), shapes.end(), same)) shapes.push_back({a, b, kNegInf});
    }
  }
  return shapes;
}

// Natural log of a positive normal float to about 1e-7, a few times faster than std::log:
// the exponent from the bits, the mantissa's log read from a table and interpolated. The
// evidence of merged beads takes one per matching token, and that adds up.
float FastLog(float x) {
  constexpr int kBits = 10;  // table of 1024 steps over the mantissa [1, 2)
  static const std::array<float, (1 << kBits) + 1> table = [] {
    std::array<float, (1 << kBits) + 1> t{};
    for (size_t k = 0; k < t.size(); ++k) t[k] = static_cast<float>(std::log1p(static_cast<double>(k) / (1 << kBits)));
    return t;
  }();
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  const int exponent = static_cast<int>(bits >> 23) - 127;
  const uint32_t mantissa = bits & 0x7FFFFF;
  const uint32_t step = mantissa >> (23 - kBits);
  const float frac = static_cast<float>(mantissa & ((1u << (23 - kBits)) - 1)) / (1u << (23 - kBits));
  return exponent * 0.69314718f + table[step] + (table[step + 1] - table[step]) * frac;
}

// log(exp(x) + exp(y)), safe when either is minus infinity.
double LogAdd(double x, double y) {
  if (x < y) std::swap(x, y);
  if (y == kNegInf) return x;
  return x + std::log1p(std::exp(y - x));
}

// log(sum of exp(terms[k])) given their maximum; terms more than 40 below it add under
// 1e-17 each and are skipped.
double LogSumExp(const double* terms, int n, double max) {
  if (n == 0) return kNegInf;
  double sum = 0;
  for (int k = 0; k < n; ++k)
    if (terms[k] > max - 40) sum += std::exp(terms[k] - max);
  return max + std::log(sum);
}

// The sentences of one side in which each in-key occurs, sorted: one flat array cut by key.
class Postings {
 public:
  explicit Postings(const SideFeatures& f) {
    // Counting sort by key: each key gets a dense id where first seen, then its sentences
    // are filled in document order, so every list comes out sorted without sorting.
    std::vector<uint32_t> id_of_entry(f.in_keys.size());
    index_.reserve(f.in_keys.size() / 4);
    std::vector<uint32_t> count;
    for (size_t e = 0; e < f.in_keys.size(); ++e) {
      auto [it, fresh] = index_.try_emplace(f.in_keys[e], static_cast<uint32_t>(keys_.size()));
      if (fresh) {
        keys_.push_back(f.in_keys[e]);
        count.push_back(0);
      }
      id_of_entry[e] = it->second;
      ++count[it->second];
    }
    begin_.assign(keys_.size() + 1, 0);
    for (size_t k = 0; k < keys_.size(); ++k) begin_[k + 1] = begin_[k] + count[k];
    sentences_.resize(f.in_keys.size());
    std::vector<uint32_t> fill(begin_.begin(), begin_.end() - 1);
    for (size_t s = 0; s < f.sentences.size(); ++s) {
      const SentenceFeatures& sf = f.sentences[s];
      for (uint32_t e = sf.in_begin; e < sf.in_begin + sf.in_count; ++e) sentences_[fill[id_of_entry[e]]++] = static_cast<int>(s);
    }
  }

  // The sentences of `key` as [first, last); empty when the side never has it.
  std::pair<const int*, const int*> Find(uint64_t key) const {
    auto it = index_.find(key);
    if (it == index_.end()) return {nullptr, nullptr};
    return Of(it->second);
  }
  size_t key_count() const { return keys_.size(); }
  uint64_t key(size_t k) const { return keys_[k]; }
  std::pair<const int*, const int*> Of(size_t k) const {
    return {sentences_.data() + begin_[k], sentences_.data() + begin_[k + 1]};
  }

 private:
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> begin_;  // per key into sentences_, one past the end at the back
  std::vector<int> sentences_;
  std::unordered_map<uint64_t, uint32_t> index_;
};

// What each token's evidence needs: log(1 - q) for a miss, q / df and 1 - q for a hit, and
// the 1-1 hit gain precomputed; per sentence, the sum of the misses of its tokens.
struct TokenWeights {
  std::vector<float> q_over_df, one_minus_q, log_miss, hit_gain;  // per token
  std::vector<float> miss_sum;                                      // per sentence
  std::vector<uint8_t> active;                                      // per token: 0 = too common
  // Per out key of the side: the other side's sentences that hold it (sorted, in the other
  // side's postings). A token matches where any of its out keys' lists does.
  std::vector<std::pair<const int*, const int*>> out_lists;
};

// Per out key of one side, where the last search in its list ended (see Stretch::MatchSourceTokens),
// valid for the search round `round_` names; a new round starts at the front again. One per
// side and thread: stretches solved side by side each search with their own.
class ListCursors {
 public:
  explicit ListCursors(const TokenWeights& w) : w_(w), cursors_(w.out_lists.size()) {}
  void NewRound() { ++round_; }

  // The first sentence of out key `o`'s list not below `value`. Within a round `value` never
  // decreases, so the search starts where the last one ended and gallops forward: a long
  // list of a common word is crossed once per round, not searched from scratch each time.
  const int* LowerBound(uint32_t o, int value) {
    auto [first, last] = w_.out_lists[o];
    Cursor& c = cursors_[o];
    if (c.round != round_) c = {round_, 0};
    first += c.at;
    if (first != last && *first < value) {
      // *first < value: widen the step until it overshoots, then search the last step.
      ptrdiff_t step = 1;
      while (step < last - first && first[step] < value) {
        first += step;
        step *= 2;
      }
      first = std::lower_bound(first + 1, first + std::min(step, last - first), value);
    }
    c.at = static_cast<uint32_t>(first - w_.out_lists[o].first);
    return first;
  }

 private:
  struct Cursor {
    uint32_t round = 0, at = 0;
  };
  const TokenWeights& w_;
  std::vector<Cursor> cursors_;
  uint32_t round_ = 0;
};

// `needed`: the sentences that will be aligned (the others lie in fixed beads); their
// tokens alone are weighed, the rest stay inactive.
TokenWeights WeighTokens(const SideFeatures& self, const std::vector<bool>& needed, const Postings& other_postings,
                         int other_size, const ModelParams& m) {
  TokenWeights w;
  const size_t n_tokens = self.tokens.size();
  w.q_over_df.assign(n_tokens, 0);
  w.one_minus_q.assign(n_tokens, 1);
  w.log_miss.assign(n_tokens, 0);
  w.hit_gain.assign(n_tokens, 0);
  w.miss_sum.assign(self.sentences.size(), 0);
  w.active.assign(n_tokens, 0);
  w.out_lists.assign(self.out_keys.size(), {nullptr, nullptr});
  // Tokens of one word share one run of out keys: its count of matching sentences is
  // found once, by the run's first key.
  std::vector<int> run_count(self.out_keys.size(), -1);
  std::vector<int> stamp(static_cast<size_t>(std::max(other_size, 1)), -1);
  const double n = std::max(other_size, 1);
  // A token found in more sentences than this is too common to be evidence (see below):
  // counting stops there.
  const size_t too_many = std::max<size_t>(3, static_cast<size_t>(m.max_df * n));
  for (size_t s = 0; s < self.sentences.size(); ++s) {
    if (!needed[s]) continue;
    const SentenceFeatures& sf = self.sentences[s];
    for (uint32_t k = sf.token_begin; k < sf.token_begin + sf.token_count; ++k) {
      const EvidenceToken& t = self.tokens[k];
      int& count = run_count[t.out_begin];
      if (count < 0) {
        // The sentences of the other side where this token finds a match, counted once each.
        size_t found = 0;
        for (uint32_t o = t.out_begin; o < t.out_begin + t.out_count; ++o)
          w.out_lists[o] = other_postings.Find(self.out_keys[o]);
        if (t.out_count == 1) {
          found = w.out_lists[t.out_begin].second - w.out_lists[t.out_begin].first;
        } else {
          const int stamp_id = static_cast<int>(k);
          for (uint32_t o = t.out_begin; o < t.out_begin + t.out_count; ++o) {
            auto [first, last] = w.out_lists[o];
            for (const int* other = first; other != last && found <= too_many; ++other) {
              if (stamp[*other] != stamp_id) {
                stamp[*other] = stamp_id;
                ++found;
              }
            }
          }
        }
        count = static_cast<int>(found);
      }
      // In a short document every shared word looks common; only long ones get a cut-off.
      if (count > 3 && count / n > m.max_df) continue;
      // The share of sentences matched by accident, smoothed towards a prior share as if
      // df_prior_weight more sentences had been seen: in a document of two sentences, one
      // match says little about how common the word is.
      double df = (std::max(count, 1) + m.df_prior_weight * m.df_prior) / (n + m.df_prior_weight);
      df = std::min(df, 0.95);
      double q = QFor(m, t.kind);
      w.active[k] = 1;
      w.q_over_df[k] = static_cast<float>(q / df);
      w.one_minus_q[k] = static_cast<float>(1.0 - q);
      w.log_miss[k] = static_cast<float>(std::log(1.0 - q));
      w.hit_gain[k] = static_cast<float>(std::log(1.0 - q + q / df) - std::log(1.0 - q));
      w.miss_sum[s] += w.log_miss[k];
    }
  }
  return w;
}

// Per side, the pieces cut at a seam that is only a guess (see PIECES at the top): what
// cutting there and keeping the pieces together cost.
class SideSeams {
 public:
  SideSeams() = default;
  SideSeams(const Document& doc, const ModelParams& m) {
    const size_t n = doc.sentences.size();
    soft_.assign(n + 1, 0);
    keep_.assign(n + 1, 0);
    cut_.assign(n, 0);
    possible_.assign(n, 0);
    for (size_t k = 0; k < n; ++k) {
      const Seam seam = doc.sentences[k].seam;
      const double p = seam == Seam::kGuessed ? m.guessed_seam : seam == Seam::kPossible ? m.possible_seam : 1.0;
      soft_[k + 1] = soft_[k] + (seam != Seam::kSure);
      possible_[k] = seam == Seam::kPossible;
      cut_[k] = static_cast<float>(std::log(p));
      keep_[k + 1] = keep_[k] + (seam != Seam::kSure ? std::log1p(-p) : 0.0);
    }
  }
  bool HasPieces() const { return !soft_.empty() && soft_.back() > 0; }
  // Whether piece `g` starts at a guessed seam; what a bead or omission starting there pays.
  bool Soft(int g) const { return soft_[g + 1] != soft_[g]; }
  double Cut(int g) const { return cut_[g]; }
  // A place the segmenter passed over is cut only where the other language shows a seam:
  // the piece after it is never left out on its own ...
  double OpenOmission(int g) const { return possible_[g] ? kNegInf : cut_[g]; }
  // ... and a sentence cut there is a few words long, not a name on its own ("... № 30 |
  // Дмитрий | Иванов получил ..."): whether pieces [g, g + count) of `chars` code points
  // would be shorter.
  bool TooShort(int g, int count, double chars) const {
    constexpr double kMinChars = 16;
    const size_t end = static_cast<size_t>(g + count);
    return chars < kMinChars && (possible_[g] || (end < possible_.size() && possible_[end]));
  }
  // Of the pieces [g, g + count), those after the first that continue the sentence before
  // them, and what keeping those seams inside one bead costs.
  int Joins(int g, int count) const { return count > 1 ? soft_[g + count] - soft_[g + 1] : 0; }
  double Keep(int g, int count) const { return count > 1 ? keep_[g + count] - keep_[g + 1] : 0.0; }

 private:
  std::vector<int> soft_;          // prefix counts of pieces at a guessed seam
  std::vector<double> keep_;       // prefix sums of log P(not a sentence end)
  std::vector<float> cut_;         // per piece: log P(its seam is a sentence end); 0 when sure
  std::vector<uint8_t> possible_;  // per piece: cut at a possible seam (Seam::kPossible)
};

// Everything about a pair of documents that does not depend on the band.
struct PairData {
  const SideFeatures* src = nullptr;
  const SideFeatures* tgt = nullptr;
  std::optional<Postings> src_postings, tgt_postings;
  TokenWeights src_weights, tgt_weights;
  std::vector<int> src_chars_prefix, tgt_chars_prefix;  // prefix sums of sentence lengths
  SideSeams src_seams, tgt_seams;
};

// The list cursors of both sides, for the stretches one thread solves in turn.
struct Searches {
  explicit Searches(const PairData& d) : src(d.src_weights), tgt(d.tgt_weights) {}
  ListCursors src, tgt;
};

// A stretch between fixed beads: source sentences [s0, s1), target sentences [t0, t1).
struct Gap {
  int s0, s1, t0, t1;
};

// Per side, the sentences to be aligned: those outside the fixed beads.
std::pair<std::vector<bool>, std::vector<bool>> NeededSentences(const Alignment& fixed, size_t src_size,
                                                                size_t tgt_size) {
  std::vector<bool> src_needed(src_size, true), tgt_needed(tgt_size, true);
  for (const Bead& b : fixed) {  // (beads outside the documents are refused later)
    for (int k = std::max(b.src_begin, 0); k < std::min<int>(b.src_end(), src_size); ++k) src_needed[k] = false;
    for (int k = std::max(b.tgt_begin, 0); k < std::min<int>(b.tgt_end(), tgt_size); ++k) tgt_needed[k] = false;
  }
  return {std::move(src_needed), std::move(tgt_needed)};
}

// The postings of one side kept from the last pass, with the in keys they were built from.
// A learned translation changes a sentence's in keys only where it changes a word's kind (a
// capitalised word without a name key, or a German noun, that becomes translatable), so the
// next pass can nearly always reuse them.
struct KeptPostings {
  std::vector<uint64_t> in_keys;
  std::vector<uint32_t> in_counts;  // per sentence
  std::optional<Postings> postings;

  // Takes the kept postings when `f` has the same in keys, sentence by sentence.
  std::optional<Postings> TakeFor(const SideFeatures& f) {
    std::optional<Postings> out;
    if (postings && in_keys == f.in_keys && in_counts.size() == f.sentences.size() &&
        std::equal(in_counts.begin(), in_counts.end(), f.sentences.begin(),
                   [](uint32_t count, const SentenceFeatures& sf) { return count == sf.in_count; }))
      out = std::move(postings);
    postings.reset();
    return out;
  }
  void Keep(SideFeatures&& f, std::optional<Postings>&& p) {
    in_counts.clear();
    for (const SentenceFeatures& sf : f.sentences) in_counts.push_back(sf.in_count);
    in_keys = std::move(f.in_keys);
    postings = std::move(p);
  }
};

// `src_postings`, `tgt_postings`: built already (kept from the last pass), or empty.
PairData Prepare(const SideFeatures& src, const SideFeatures& tgt, const std::vector<bool>& src_needed,
                 const std::vector<bool>& tgt_needed, std::optional<Postings> src_postings,
                 std::optional<Postings> tgt_postings, const ModelParams& m, bool parallel) {
  PairData d;
  d.src = &src;
  d.tgt = &tgt;
  d.src_postings = std::move(src_postings);
  d.tgt_postings = std::move(tgt_postings);
  BothSides(
      parallel, [&] { if (!d.src_postings) d.src_postings.emplace(src); },
      [&] { if (!d.tgt_postings) d.tgt_postings.emplace(tgt); });
  BothSides(
      parallel,
      [&] { d.src_weights = WeighTokens(src, src_needed, *d.tgt_postings, static_cast<int>(tgt.sentences.size()), m); },
      [&] { d.tgt_weights = WeighTokens(tgt, tgt_needed, *d.src_postings, static_cast<int>(src.sentences.size()), m); });
  auto prefix = [](const SideFeatures& f) {
    std::vector<int> p(f.sentences.size() + 1, 0);
    for (size_t i = 0; i < f.sentences.size(); ++i) p[i + 1] = p[i] + f.sentences[i].chars;
    return p;
  };
  d.src_chars_prefix = prefix(src);
  d.tgt_chars_prefix = prefix(tgt);
  return d;
}

// Sentence pairs (source, target) that share a key (a number, a name, a word) found as
// often on each side within the stretch, once or a few times (a long text that repeats
// itself): the k-th occurrences pair up. Reduced to the longest chain increasing on both
// sides, which drops the pairs that cross it. Indices are global.
std::vector<std::pair<int, int>> FindAnchors(const PairData& d, int s0, int s1, int t0, int t1) {
  std::vector<std::pair<int, int>> pairs;
  auto pair_up = [&](std::pair<const int*, const int*> src, uint64_t key) {
    auto [src_first, src_last] = src;
    src_first = std::lower_bound(src_first, src_last, s0);
    src_last = std::lower_bound(src_first, src_last, s1);
    const long count = src_last - src_first;
    if (count == 0 || count > kMaxAnchorRepeats) return;
    auto [tgt_first, tgt_last] = d.tgt_postings->Find(key);
    if (tgt_first == nullptr) return;
    tgt_first = std::lower_bound(tgt_first, tgt_last, t0);
    tgt_last = std::lower_bound(tgt_first, tgt_last, t1);
    if (tgt_last - tgt_first != count) return;
    // A key seen as often on both sides: its k-th occurrences pair up.
    for (long r = 0; r < count; ++r) pairs.emplace_back(src_first[r], tgt_first[r]);
  };
  const SideFeatures& src = *d.src;
  if (2 * (s1 - s0) < static_cast<int>(src.sentences.size())) {
    // A short stretch (a window solved again, a gap between fixed beads): only its own keys.
    std::vector<uint64_t> keys;
    for (int s = s0; s < s1; ++s) {
      const SentenceFeatures& sf = src.sentences[s];
      keys.insert(keys.end(), src.in_keys.begin() + sf.in_begin, src.in_keys.begin() + sf.in_begin + sf.in_count);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (uint64_t key : keys) pair_up(d.src_postings->Find(key), key);
  } else {
    for (size_t k = 0; k < d.src_postings->key_count(); ++k) pair_up(d.src_postings->Of(k), d.src_postings->key(k));
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  // Longest chain strictly increasing in both coordinates (patience sorting).
  std::vector<int> tail_index, parent(pairs.size(), -1);
  std::vector<int> tails;  // t value at each chain length
  for (size_t k = 0; k < pairs.size(); ++k) {
    // Strictly increasing s too: among equal s only one may be taken, so process
    // pairs with equal s in decreasing t order via the lower_bound on t.
    int t = pairs[k].second;
    auto pos = std::lower_bound(tails.begin(), tails.end(), t) - tails.begin();
    if (pos > 0 && pairs[tail_index[pos - 1]].first == pairs[k].first) {
      // Same source sentence as the chain's end: cannot extend it.
      continue;
    }
    if (pos == static_cast<long>(tails.size())) {
      tails.push_back(t);
      tail_index.push_back(static_cast<int>(k));
    } else {
      tails[pos] = t;
      tail_index[pos] = static_cast<int>(k);
    }
    parent[k] = pos > 0 ? tail_index[pos - 1] : -1;
  }
  std::vector<std::pair<int, int>> chain;
  for (int k = tail_index.empty() ? -1 : tail_index.back(); k >= 0; k = parent[k]) chain.push_back(pairs[k]);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

// The DP over one stretch [s0, s1) x [t0, t1) of the documents.
class Stretch {
 public:
  // `parallel`: a long pair, which may use two threads where the stretch is long too.
  Stretch(const PairData& d, const ModelParams& m, const std::vector<Shape>& shapes, Searches& searches,
          bool parallel, int s0, int s1, int t0, int t1)
      : d_(d), m_(m), shapes_(shapes), searches_(searches), s0_(s0), t0_(t0), n_(s1 - s0), m_count_(t1 - t0),
        parallel_(parallel && n_ + m_count_ >= kLongStretch) {
    max_a_ = max_b_ = 0;
    for (const Shape& sh : shapes_) {
      max_a_ = std::max(max_a_, sh.a);
      max_b_ = std::max(max_b_, sh.b);
    }
    log_open_ = std::log(m_.p10);
    log_more_ = std::log(m_.p_run_more);
    for (auto& row : log_prior_) row.fill(kNegInf);
    for (const Shape& sh : shapes_) log_prior_[sh.a][sh.b] = sh.log_prior;
    log_prior_[1][1] = std::log(m_.p11);  // pieces joined back into one sentence each
  }

  Alignment Solve(int band) {
    std::vector<std::pair<int, int>> anchors;
    if (!FullBand(band)) anchors = FindAnchors(d_, s0_, s0_ + n_, t0_, t0_ + m_count_);
    const bool full = SetBand(anchors, band);
    SetPairBand();
    // The two sides' matches are found independently: side by side in a long stretch.
    BothSides(parallel_, [&] { MatchSourceTokens(); }, [&] { MatchTargetTokens(); });
    Run();
    Alignment beads = Trace();
    std::vector<bool> touches = EdgeBeads(beads);
    if (full || std::find(touches.begin(), touches.end(), true) == touches.end()) return beads;
    // Where the best chain touches the band's edge the band was too narrow. Only there is
    // the work redone, with twice the band: between the nearest confident 1-1 beads at
    // least a band away on either side, which stay as they are.
    auto firm = [&](size_t k) { return beads[k].src_count == 1 && beads[k].tgt_count == 1 && beads[k].score >= 0.99; };
    Alignment out;
    size_t k = 0;
    while (k < beads.size()) {
      if (!touches[k]) {
        out.push_back(beads[k++]);
        continue;
      }
      // Open the window back to a firm bead at least `band` rows before the touch.
      size_t left = out.size();  // beads out[left..] are redone
      while (left > 0 && !(firm(left - 1) && beads[k].src_begin - out[left - 1].src_end() >= band)) --left;
      // ... and forward past the last touch within reach, to a firm bead `band` rows after.
      size_t right = k;
      int last_touch = beads[k].src_end();
      while (right < beads.size() && !(firm(right) && beads[right].src_begin - last_touch >= band)) {
        if (touches[right]) last_touch = beads[right].src_end();
        ++right;
      }
      const int ws0 = left > 0 ? out[left - 1].src_end() : s0_;
      const int wt0 = left > 0 ? out[left - 1].tgt_end() : t0_;
      const int ws1 = right < beads.size() ? beads[right].src_begin : s0_ + n_;
      const int wt1 = right < beads.size() ? beads[right].tgt_begin : t0_ + m_count_;
      const double cells = (ws1 - ws0 + 1.0) * std::min(4.0 * band + 1, wt1 - wt0 + 1.0);
      if (cells > kMaxWideningCells) {
        // Texts that do not follow each other (a wrong pair, a reordered one): a wider band
        // would cost memory without finding a chain much better; keep what this one found.
        out.insert(out.end(), beads.begin() + k, beads.begin() + right);
        k = right;
        continue;
      }
      out.resize(left);
      if (ws1 > ws0 && wt1 > wt0) {
        Stretch window(d_, m_, shapes_, searches_, parallel_, ws0, ws1, wt0, wt1);
        window.length_ = length_;
        Alignment part = window.Solve(2 * band);
        out.insert(out.end(), part.begin(), part.end());
      } else {
        for (int s = ws0; s < ws1; ++s) out.push_back({s, 1, wt0, 0, 1.0});
        for (int t = wt0; t < wt1; ++t) out.push_back({ws1, 0, t, 1, 1.0});
      }
      k = right;
    }
    return out;
  }

 private:
  // Whether a band this wide covers the whole stretch anyway.
  bool FullBand(int band) const { return 2 * band + 2 >= m_count_ || n_ <= 2; }

  // Row i (source sentences consumed) covers columns lo_[i]..hi_[i] inclusive.
  bool SetBand(const std::vector<std::pair<int, int>>& anchors, int band) {
    const int n = n_, m = m_count_;
    lo_.assign(n + 1, 0);
    hi_.assign(n + 1, m);
    const bool full = FullBand(band);
    if (!full) {
      // Piecewise-linear guess through (0,0), the anchors, and (n,m).
      std::vector<std::pair<double, double>> pts = {{0.0, 0.0}};
      for (auto [s, t] : anchors) pts.emplace_back(s - s0_ + 0.5, t - t0_ + 0.5);
      pts.emplace_back(n, m);
      size_t seg = 0;
      for (int i = 0; i <= n; ++i) {
        while (seg + 2 < pts.size() && pts[seg + 1].first < i) ++seg;
        auto [x0, y0] = pts[seg];
        auto [x1, y1] = pts[seg + 1];
        double c = x1 > x0 ? y0 + (y1 - y0) * (i - x0) / (x1 - x0) : y1;
        // Near an anchor the path cannot stray far from it: the band narrows there.
        const double from_pin = std::max(0.0, std::min(i - x0, x1 - i));
        const int half = std::min(band, band / 3 + static_cast<int>(2 * from_pin));
        lo_[i] = std::max(0, static_cast<int>(std::floor(c)) - half);
        hi_[i] = std::min(m, static_cast<int>(std::ceil(c)) + half);
      }
      lo_[0] = 0;
      hi_[n] = m;
      for (int i = 1; i <= n; ++i) lo_[i] = std::max(lo_[i], lo_[i - 1]);
      for (int i = n - 1; i >= 0; --i) hi_[i] = std::min(hi_[i], hi_[i + 1]);
      // Keep rows connected: a row must reach back to the previous one.
      for (int i = 1; i <= n; ++i) lo_[i] = std::min(lo_[i], hi_[i - 1]);
      for (int i = 0; i <= n; ++i) hi_[i] = std::max(hi_[i], lo_[i]);
    }
    offset_.assign(n + 2, 0);
    for (int i = 0; i <= n; ++i) offset_[i + 1] = offset_[i] + (hi_[i] - lo_[i] + 1);
    return full;
  }

  size_t Cell(int i, int j) const { return offset_[i] + (j - lo_[i]); }
  bool InBand(int i, int j) const { return i >= 0 && i <= n_ && j >= lo_[i] && j <= hi_[i]; }

  // Pair band: the target sentences [pair_lo_[s], PairEnd(s)) that may share a bead with
  // source sentence s (local indices); per pair, its place in the per-pair arrays or -1.
  int PairEnd(int s) const { return pair_lo_[s] + static_cast<int>(pair_off_[s + 1] - pair_off_[s]); }
  long PairIndex(int s, int t) const {
    return t >= pair_lo_[s] && t < PairEnd(s) ? static_cast<long>(pair_off_[s] + (t - pair_lo_[s])) : -1;
  }

  // The pair band (see PairEnd) of every source sentence.
  void SetPairBand() {
    const int n = n_, m = m_count_;
    pair_lo_.assign(n, 0);
    pair_off_.assign(n + 1, 0);
    for (int s = 0; s < n; ++s) {
      int lo = std::max(0, lo_[s + 1] - max_b_);
      int hi = std::min(m, hi_[std::min(n, s + max_a_)]);
      if (hi < lo) hi = lo;
      pair_lo_[s] = lo;
      pair_off_[s + 1] = pair_off_[s] + (hi - lo);
    }
  }

  // Per pair in the pair band, which tokens of the source sentence match the target one:
  // bit k for token k. Rows and their pair bands only move forward: the searches form one
  // round.
  void MatchSourceTokens() {
    const SideFeatures& S = *d_.src;
    const TokenWeights& sw = d_.src_weights;
    src_mask_.assign(pair_off_[n_], 0);
    searches_.src.NewRound();
    for (int s = 0; s < n_; ++s) {
      const SentenceFeatures& sf = S.sentences[s0_ + s];
      const int lo = pair_lo_[s] + t0_, hi = PairEnd(s) + t0_;
      for (uint32_t k = 0; k < sf.token_count; ++k) {
        const EvidenceToken& token = S.tokens[sf.token_begin + k];
        if (!sw.active[sf.token_begin + k]) continue;
        for (uint32_t o = token.out_begin; o < token.out_begin + token.out_count; ++o) {
          const int* last = sw.out_lists[o].second;
          for (const int* it = searches_.src.LowerBound(o, lo); it != last && *it < hi; ++it)
            src_mask_[pair_off_[s] + (*it - lo)] |= 1ULL << k;
        }
      }
    }
  }

  // The same for the tokens of the target sentence, against the source sentences whose pair
  // band holds it: the bands move forward monotonically, so these are a run [s_first, s_last).
  void MatchTargetTokens() {
    const int n = n_, m = m_count_;
    const SideFeatures& T = *d_.tgt;
    const TokenWeights& tw = d_.tgt_weights;
    tgt_mask_.assign(pair_off_[n], 0);
    searches_.tgt.NewRound();
    int s_first = 0, s_last = 0;
    for (int t = 0; t < m; ++t) {
      while (s_first < n && PairEnd(s_first) <= t) ++s_first;
      s_last = std::max(s_last, s_first);
      while (s_last < n && pair_lo_[s_last] <= t) ++s_last;
      if (s_first >= s_last) continue;
      const SentenceFeatures& tf = T.sentences[t0_ + t];
      for (uint32_t k = 0; k < tf.token_count; ++k) {
        const EvidenceToken& token = T.tokens[tf.token_begin + k];
        if (!tw.active[tf.token_begin + k]) continue;
        for (uint32_t o = token.out_begin; o < token.out_begin + token.out_count; ++o) {
          const int* last = tw.out_lists[o].second;
          for (const int* it = searches_.tgt.LowerBound(o, s0_ + s_first); it != last && *it < s0_ + s_last; ++it) {
            const long p = PairIndex(*it - s0_, t);
            if (p >= 0) tgt_mask_[p] |= 1ULL << k;
          }
        }
      }
    }
  }

  // The evidence of a sentence against a run of sentences of the other side (Against) is
  // kept per pair and run length, worked out when first asked for: a merged bead's shapes
  // share it (source sentence s against targets [t, t + 2) serves 1-2, 2-2 and 3-2 alike),
  // and Score() only adds it up. Scores are asked for row by row, and a bead ending in row i
  // reaches back to source sentence i - max_a_ at most: only the pairs of the last max_a_
  // source sentences are kept, each in the slot of its sentence, and the few beads asked for
  // again later (Trace) work their evidence out afresh. Each thread keeps its own.
  struct KeptEvidence {
    int s = -1;  // the source sentence whose pairs the slot holds
    // Per run length and pair (s, t): source s against targets [t, t + len), and target t
    // against sources [s, s + len); NaN marks "not yet".
    std::array<std::vector<double>, kMaxSide + 1> src_run, tgt_run;
  };
  using EvidenceCache = std::vector<KeptEvidence>;  // by source sentence % max_a_
  EvidenceCache NewEvidenceCache() const { return EvidenceCache(max_a_); }

  // The slot of source sentence `s`, emptied first when it held another.
  KeptEvidence& KeptFor(EvidenceCache& cache, int s) const {
    KeptEvidence& slot = cache[s % cache.size()];
    if (slot.s != s) {
      constexpr double kNotYet = std::numeric_limits<double>::quiet_NaN();
      const size_t pairs = PairEnd(s) - pair_lo_[s];
      for (int len = 1; len <= max_b_; ++len) slot.src_run[len].assign(pairs, kNotYet);
      for (int len = 1; len <= max_a_; ++len) slot.tgt_run[len].assign(pairs, kNotYet);
      slot.s = s;
    }
    return slot;
  }

  // Evidence of sentence `k` (local) of one side against the other side's sentences
  // [first, first + count): each of those weighs by its share of their length.
  double Against(bool source, int k, int first, int count) const {
    if (count == 1) return Weighed(source, k, first, 1, nullptr);  // (a 1-1 hit needs no share)
    const SideFeatures& other = source ? *d_.tgt : *d_.src;
    const std::vector<int>& other_prefix = source ? d_.tgt_chars_prefix : d_.src_chars_prefix;
    const int g_first = (source ? t0_ : s0_) + first;
    const double other_len = other_prefix[g_first + count] - other_prefix[g_first];
    float share[kMaxSide];
    for (int x = 0; x < count; ++x) share[x] = static_cast<float>(other.sentences[g_first + x].chars / std::max(other_len, 1.0));
    return Weighed(source, k, first, count, share);
  }

  // The evidence of a bead with several sentences on both sides: each sentence's tokens look
  // for their translations where its place falls on the other side, not anywhere by length
  // (see WIDER BEADS in the essay above). The places, as shares of each side's length, are
  // worked out once a bead and serve both directions.
  double InPlaceEvidence(int i, int j, int a, int b) const {
    double src_at[kMaxSide + 1], tgt_at[kMaxSide + 1];  // sentence x spans [at[x], at[x + 1])
    Places(d_.src_chars_prefix, s0_ + i - a, a, src_at);
    Places(d_.tgt_chars_prefix, t0_ + j - b, b, tgt_at);
    float overlap[kMaxSide];
    double evidence = 0;
    for (int x = 0; x < a; ++x) {
      Overlaps(src_at[x], src_at[x + 1], tgt_at, b, overlap);
      evidence += Weighed(true, i - a + x, j - b, b, overlap);
    }
    for (int x = 0; x < b; ++x) {
      Overlaps(tgt_at[x], tgt_at[x + 1], src_at, a, overlap);
      evidence += Weighed(false, j - b + x, i - a, a, overlap);
    }
    return evidence;
  }

  // The places of sentences [first, first + count) (global) as shares of their length:
  // at[0] = 0, ..., at[count] = 1.
  static void Places(const std::vector<int>& prefix, int first, int count, double* at) {
    const double len = std::max(1, prefix[first + count] - prefix[first]);
    for (int x = 0; x <= count; ++x) at[x] = (prefix[first + x] - prefix[first]) / len;
  }

  // The share of place [u0, u1) that each of the other side's `count` places covers.
  static void Overlaps(double u0, double u1, const double* at, int count, float* overlap) {
    for (int x = 0; x < count; ++x)
      overlap[x] = static_cast<float>(std::max(0.0, std::min(u1, at[x + 1]) - std::max(u0, at[x])) / std::max(u1 - u0, 1e-9));
  }

  // Evidence of sentence `k` (local) of one side against the other side's sentences
  // [first, first + count), where a match in sentence first + x weighs weight[x].
  double Weighed(bool source, int k, int first, int count, const float* weight) const {
    const int g = (source ? s0_ : t0_) + k;
    uint64_t masks[kMaxSide];
    for (int x = 0; x < count; ++x) masks[x] = source ? SrcMask(k, first + x) : TgtMask(first + x, k);
    const SideFeatures& self = source ? *d_.src : *d_.tgt;
    return SideEvidence(source ? d_.src_weights : d_.tgt_weights, self.sentences[g], g, masks, weight, count);
  }

  // Evidence of one sentence's tokens against `count` sentences of the other side, whose
  // match masks and length shares are given: sum over tokens of log(1 - q + q * W / df).
  static double SideEvidence(const TokenWeights& w, const SentenceFeatures& sf, int sentence,
                             const uint64_t* masks, const float* share, int count) {
    double evidence = w.miss_sum[sentence];
    uint64_t any = 0;
    for (int k = 0; k < count; ++k) any |= masks[k];
    while (any) {
      int bit = __builtin_ctzll(any);
      any &= any - 1;
      uint32_t token = sf.token_begin + bit;
      if (count == 1) {
        evidence += w.hit_gain[token];
        continue;
      }
      float found = 0;
      for (int k = 0; k < count; ++k)
        if (masks[k] >> bit & 1) found += share[k];
      evidence += FastLog(w.one_minus_q[token] + w.q_over_df[token] * found) - w.log_miss[token];
    }
    return evidence;
  }

  // Against(), kept for a run that starts in the pair band (every run a bead in the band
  // needs does); outside it nothing matches and it is quick.
  double RunEvidence(bool source, int k, int first, int count, EvidenceCache& cache) const {
    const int s = source ? k : first, t = source ? first : k;
    if (PairIndex(s, t) < 0) return Against(source, k, first, count);
    KeptEvidence& slot = KeptFor(cache, s);
    double& kept = (source ? slot.src_run : slot.tgt_run)[count][t - pair_lo_[s]];
    if (std::isnan(kept)) kept = Against(source, k, first, count);
    return kept;
  }

  uint64_t SrcMask(int s, int t) const {
    const long p = PairIndex(s, t);
    return p >= 0 ? src_mask_[p] : 0;
  }
  uint64_t TgtMask(int s, int t) const {
    const long p = PairIndex(s, t);
    return p >= 0 ? tgt_mask_[p] : 0;
  }

  // Whether sentence `g` (global) may open its paragraph in effect: it is the second of the
  // paragraph, and the first may be a sentence the other version left out (a headline
  // repeated as the lead, a dateline). Without this, a paragraph opened by an omission
  // would make the omission's neighbour the one to leave out.
  static bool OpensAfterOmission(const SideFeatures& f, int g) {
    return g > 0 && !f.sentences[g].paragraph_start && f.sentences[g - 1].paragraph_start;
  }

  // Score of the bead of `shape` ending at cell (i, j); local indices.
  double Score(const Shape& shape, int i, int j, EvidenceCache& cache) const {
    const int a = shape.a, b = shape.b;
    const SideFeatures& S = *d_.src;
    const SideFeatures& T = *d_.tgt;
    const int gs = s0_ + i - a, gt = t0_ + j - b;  // global first sentences
    // Pieces kept together count as one sentence for the shape's prior.
    const int src_joins = d_.src_seams.Joins(gs, a), tgt_joins = d_.tgt_seams.Joins(gt, b);
    const double prior = src_joins + tgt_joins == 0 ? shape.log_prior : log_prior_[a - src_joins][b - tgt_joins];
    if (prior == kNegInf) return kNegInf;
    double score = d_.src_seams.Cut(gs) + d_.tgt_seams.Cut(gt);
    // Paragraph terms: a side that spans a paragraph boundary, or a bead that opens a
    // paragraph on one side only.
    for (int k = 1; k < a; ++k) score -= m_.paragraph_cross * S.sentences[gs + k].paragraph_start;
    for (int k = 1; k < b; ++k) score -= m_.paragraph_cross * T.sentences[gt + k].paragraph_start;
    if (S.sentences[gs].paragraph_start != T.sentences[gt].paragraph_start && !OpensAfterOmission(S, gs) &&
        !OpensAfterOmission(T, gt))
      score -= m_.paragraph_mismatch;
    // A bead that opens with a sentence going on from the one before (see the essay).
    score -= m_.continuation_cut * (S.sentences[gs].continues + T.sentences[gt].continues);

    double src_len = d_.src_chars_prefix[gs + a] - d_.src_chars_prefix[gs];
    double tgt_len = d_.tgt_chars_prefix[gt + b] - d_.tgt_chars_prefix[gt];
    if (d_.src_seams.TooShort(gs, a, src_len) || d_.tgt_seams.TooShort(gt, b, tgt_len)) return kNegInf;
    score += m_.length_weight * length_.Evidence(src_len, tgt_len);
    score += d_.src_seams.Keep(gs, a) + d_.tgt_seams.Keep(gt, b) + prior;  // (no pieces: Keep is 0)

    double evidence = 0;
    // Source tokens against the target sentences of the bead, then the other way round.
    // Both sides hold whole sentences: each looks where it falls. (Pieces of one sentence
    // keep the length shares, with which a seam both languages have is told apart.)
    if (a > 1 && b > 1 && src_joins + tgt_joins == 0) {
      evidence = InPlaceEvidence(i, j, a, b);
    } else {
      for (int s = i - a; s < i; ++s) evidence += RunEvidence(true, s, j - b, b, cache);
      for (int t = j - b; t < j; ++t) evidence += RunEvidence(false, t, i - a, a, cache);
    }
    return score + m_.evidence_weight * 0.5 * evidence;
  }

  // OMISSIONS AS GAP STATES. A run of k sentences of one side left out together (a
  // paragraph, a caption, OCR debris) is one event: log p10 for the first sentence, log
  // p_run_more for each further one, less paragraph_cross for each paragraph it runs into.
  // Rather than one shape per run length, each cell keeps "a source run ends here" and "a
  // target run ends here" as states of their own (as Gotoh's affine gaps do), which either
  // open from the cell before or extend the run ending there: two terms a cell, any length.
  static constexpr uint8_t kSourceRun = 1, kTargetRun = 2;     // run_back_ bits
  static constexpr uint8_t kBackSourceRun = 254, kBackTargetRun = 253;  // back_ codes

  // Score of adding sentence `k` (local) of one side to a run as a further sentence (a
  // piece of the sentence before keeps its seam: it is that sentence, left out whole).
  double Extend(bool source, int k) const {
    const SentenceFeatures& sf = source ? d_.src->sentences[s0_ + k] : d_.tgt->sentences[t0_ + k];
    const SideSeams& seams = source ? d_.src_seams : d_.tgt_seams;
    const int g = source ? s0_ + k : t0_ + k;
    if (seams.Soft(g)) return seams.Keep(g - 1, 2);
    return log_more_ - m_.paragraph_cross * sf.paragraph_start;
  }
  // Score of opening a run with sentence `k` (local) of one side: a piece cut at a guessed
  // seam pays for the cut.
  double Open(bool source, int k) const {
    const SentenceFeatures& sf = source ? d_.src->sentences[s0_ + k] : d_.tgt->sentences[t0_ + k];
    return log_open_ - m_.continuation_cut * sf.continues +
           (source ? d_.src_seams.OpenOmission(s0_ + k) : d_.tgt_seams.OpenOmission(t0_ + k));
  }
  // Score of the run of local sentences [first, last) of one side, as one event.
  double RunScore(bool source, int first, int last) const {
    double score = Open(source, first);
    for (int k = first + 1; k < last; ++k) score += Extend(source, k);
    return score;
  }

  // The forward pass (best chain and log-sum of chains from the start) and the backward pass
  // (log-sum of chains to the end). In a long stretch the scores, most of the work, are worked
  // out first on every core, a chunk of rows at a time, and then the two passes, which need
  // nothing else from each other, run side by side.
  //
  // Each pass sets up its own arrays, and the scores are not filled in before ScoreRows
  // writes them: in a long stretch these are tens of megabytes of fresh pages, and the page
  // faults are then taken on both cores rather than on one before the work starts.
  void Run() {
    const size_t cells = offset_[n_ + 1];
    if (!parallel_ || cells * shapes_.size() > kMaxExactScores) {
      score_.assign(cells * shapes_.size(), static_cast<float>(kNegInf));
      Forward();
      Backward();
      return;
    }
    exact_score_.reset(new double[cells * shapes_.size()]);  // (not value-initialised: no fill)
    const int chunks = n_ / kScoreRowsAChunk + 1;
    ForEachIndex(
        chunks, true, [&] { return NewEvidenceCache(); },
        [&](size_t chunk, EvidenceCache& cache) {
          const int first = static_cast<int>(chunk) * kScoreRowsAChunk;
          ScoreRows(first, std::min(n_ + 1, first + kScoreRowsAChunk), cache);
        });
    BothSides(true, [&] { Forward(); }, [&] { Backward(); });
    exact_score_.reset();  // (a window solved again needs the room)
  }

  // The scores of every shape at every cell of rows [first, last) into exact_score_, minus
  // infinity where the shape does not fit (every entry is written: none was before). Unlike
  // Forward this does not skip the cells no chain reaches: their scores are never used (and
  // no cell a chain reaches reads Backward's values for them).
  void ScoreRows(int first, int last, EvidenceCache& cache) {
    const size_t n_shapes = shapes_.size();
    for (int i = first; i < last; ++i) {
      for (int j = lo_[i]; j <= hi_[i]; ++j) {
        const size_t c = Cell(i, j);
        for (size_t k = 0; k < n_shapes; ++k) {
          const Shape& sh = shapes_[k];
          const int pi = i - sh.a, pj = j - sh.b;
          exact_score_[c * n_shapes + k] = pi < 0 || pj < 0 || !InBand(pi, pj) ? kNegInf : Score(sh, i, j, cache);
        }
      }
    }
  }

  // With the scores in exact_score_ already, or working them out as it goes (into score_ for
  // Backward, where a chain reaches).
  void Forward() {
    const size_t n_shapes = shapes_.size();
    const size_t cells = offset_[n_ + 1];
    best_.assign(cells, kNegInf);
    forward_.assign(cells, kNegInf);
    back_.assign(cells, 255);
    run_back_.assign(cells, 0);
    EvidenceCache cache = NewEvidenceCache();
    best_[Cell(0, 0)] = 0;
    forward_[Cell(0, 0)] = 0;
    const double inv_t = 1.0 / m_.temperature;
    // Source runs ending in the row above and in this row, by column (best, forward).
    std::vector<double> up_best, up_fwd, row_best, row_fwd;
    for (int i = 0; i <= n_; ++i) {
      row_best.assign(hi_[i] - lo_[i] + 1, kNegInf);
      row_fwd.assign(hi_[i] - lo_[i] + 1, kNegInf);
      double left_best = kNegInf, left_fwd = kNegInf;  // the target run ending one cell left
      for (int j = lo_[i]; j <= hi_[i]; ++j) {
        const size_t c = Cell(i, j);
        double source_best = kNegInf, source_fwd = kNegInf, target_best = kNegInf, target_fwd = kNegInf;
        if (i > 0 && InBand(i - 1, j)) {  // a source run ending here, with sentence i - 1
          const size_t up = Cell(i - 1, j);
          const double more = Extend(true, i - 1), grown = up_best[j - lo_[i - 1]] + more;
          const double open = Open(true, i - 1);
          source_best = best_[up] + open;
          if (grown > source_best) {
            source_best = grown;
            run_back_[c] |= kSourceRun;
          }
          source_fwd = LogAdd(forward_[up] + open * inv_t, up_fwd[j - lo_[i - 1]] + more * inv_t);
        }
        if (j > lo_[i]) {  // a target run ending here, with sentence j - 1
          const size_t left = c - 1;
          const double more = Extend(false, j - 1), grown = left_best + more;
          const double open = Open(false, j - 1);
          target_best = best_[left] + open;
          if (grown > target_best) {
            target_best = grown;
            run_back_[c] |= kTargetRun;
          }
          target_fwd = LogAdd(forward_[left] + open * inv_t, left_fwd + more * inv_t);
        }
        row_best[j - lo_[i]] = source_best;
        row_fwd[j - lo_[i]] = source_fwd;
        left_best = target_best;
        left_fwd = target_fwd;
        if (i == 0 && j == 0) continue;

        double top = kNegInf;
        int arg = 255;
        double terms[64];
        int n_terms = 0;
        double hi_term = kNegInf;
        for (size_t k = 0; k < n_shapes; ++k) {
          const Shape& sh = shapes_[k];
          int pi = i - sh.a, pj = j - sh.b;
          if (pi < 0 || pj < 0 || !InBand(pi, pj)) continue;
          size_t prev = Cell(pi, pj);
          if (best_[prev] == kNegInf) continue;
          double s;
          if (exact_score_) {
            s = exact_score_[c * n_shapes + k];
          } else {
            s = Score(sh, i, j, cache);
            score_[c * n_shapes + k] = static_cast<float>(s);
          }
          if (best_[prev] + s > top) {
            top = best_[prev] + s;
            arg = static_cast<int>(k);
          }
          terms[n_terms] = forward_[prev] + s * inv_t;
          hi_term = std::max(hi_term, terms[n_terms++]);
        }
        if (source_best > top) {
          top = source_best;
          arg = kBackSourceRun;
        }
        if (target_best > top) {
          top = target_best;
          arg = kBackTargetRun;
        }
        terms[n_terms++] = source_fwd;
        terms[n_terms++] = target_fwd;
        hi_term = std::max({hi_term, source_fwd, target_fwd});
        best_[c] = top;
        back_[c] = static_cast<uint8_t>(arg);
        forward_[c] = LogSumExp(terms, n_terms, hi_term);
      }
      up_best.swap(row_best);
      up_fwd.swap(row_fwd);
    }
  }

  // Backward pass: log-sum over all chains from (i, j) to the end, pulled from the cells
  // each shape reaches (one logarithm per cell rather than one per shape). Alongside, the
  // same for "inside a run that may take sentence i (or j) next": `below` by column for
  // source runs, `right` for target runs.
  void Backward() {
    const size_t n_shapes = shapes_.size();
    backward_.assign(offset_[n_ + 1], kNegInf);
    const double inv_t = 1.0 / m_.temperature;
    std::vector<double> below, row;  // source runs at row i + 1 and at row i, by column
    for (int i = n_; i >= 0; --i) {
      row.assign(hi_[i] - lo_[i] + 1, kNegInf);
      double right = kNegInf;  // a target run at (i, j + 1)
      for (int j = hi_[i]; j >= lo_[i]; --j) {
        const size_t c = Cell(i, j);
        const bool down = i < n_ && InBand(i + 1, j), across = j < hi_[i];
        const double from_below = down ? below[j - lo_[i + 1]] : kNegInf;
        double value = 0;
        if (i != n_ || j != m_count_) {
          double terms[64];
          int n_terms = 0;
          double hi_term = kNegInf;
          for (size_t k = 0; k < n_shapes; ++k) {
            const Shape& sh = shapes_[k];
            const int ni = i + sh.a, nj = j + sh.b;
            if (ni > n_ || !InBand(ni, nj)) continue;
            const size_t next = Cell(ni, nj);
            const float s = exact_score_ ? static_cast<float>(exact_score_[next * n_shapes + k])
                                         : score_[next * n_shapes + k];
            if (backward_[next] == kNegInf || s == static_cast<float>(kNegInf)) continue;
            terms[n_terms] = backward_[next] + s * inv_t;
            hi_term = std::max(hi_term, terms[n_terms++]);
          }
          // A source run opens with sentence i, a target run with sentence j.
          terms[n_terms++] = down ? from_below + Open(true, i) * inv_t : kNegInf;
          terms[n_terms++] = across ? right + Open(false, j) * inv_t : kNegInf;
          hi_term = std::max({hi_term, terms[n_terms - 2], terms[n_terms - 1]});
          value = LogSumExp(terms, n_terms, hi_term);
        }
        backward_[c] = value;
        // A run that has just taken sentence i - 1 (j - 1) ends here, or takes i (j) too.
        row[j - lo_[i]] = LogAdd(value, down ? from_below + Extend(true, i) * inv_t : kNegInf);
        right = LogAdd(value, across ? right + Extend(false, j) * inv_t : kNegInf);
      }
      below.swap(row);
    }
  }

  Alignment Trace() const {
    Alignment beads;
    EvidenceCache cache = NewEvidenceCache();
    const double z = forward_[Cell(n_, m_count_)];
    const double inv_t = 1.0 / m_.temperature;
    int i = n_, j = m_count_;
    if (best_[Cell(i, j)] == kNegInf) throw Error("aligner: no path through the band");
    while (i > 0 || j > 0) {
      const size_t c = Cell(i, j);
      if (back_[c] == kBackSourceRun || back_[c] == kBackTargetRun) {
        // A run of omissions, reported sentence by sentence with the run's posterior.
        const bool source = back_[c] == kBackSourceRun;
        const uint8_t bit = source ? kSourceRun : kTargetRun;
        const int last = source ? i : j;
        int first = last;  // back along the run to the cell it opened from
        while (run_back_[source ? Cell(first, j) : Cell(i, first)] & bit) --first;
        --first;
        const int pi = source ? first : i, pj = source ? j : first;
        const double log_post = forward_[Cell(pi, pj)] + RunScore(source, first, last) * inv_t + backward_[c] - z;
        const double score = std::clamp(std::exp(log_post), 0.0, 1.0);
        for (int k = last - 1; k >= first; --k) {  // pushed in reverse order, as the chain
          const double cut = k == first ? CutPosterior(Cell(pi, pj), z) : score;
          if (source) beads.push_back({s0_ + k, 1, t0_ + j, 0, score, cut});
          else beads.push_back({s0_ + i, 0, t0_ + k, 1, score, cut});
        }
        i = pi;
        j = pj;
        continue;
      }
      const Shape& sh = shapes_[back_[c]];
      int pi = i - sh.a, pj = j - sh.b;
      const size_t from = Cell(pi, pj);
      double log_post = forward_[from] + Score(sh, i, j, cache) * inv_t + backward_[c] - z;
      double score = std::clamp(std::exp(log_post), 0.0, 1.0);
      beads.push_back({s0_ + pi, sh.a, t0_ + pj, sh.b, score, CutPosterior(from, z)});
      i = pi;
      j = pj;
    }
    std::reverse(beads.begin(), beads.end());
    return beads;
  }

  // The posterior that some bead (or run of omissions) starts at cell `c`: every chain that
  // passes through it, against all chains (log-sum `z`).
  double CutPosterior(size_t c, double z) const {
    return std::clamp(std::exp(forward_[c] + backward_[c] - z), 0.0, 1.0);
  }

  // Per bead: whether the chain comes within two cells of the band's edge there.
  std::vector<bool> EdgeBeads(const Alignment& beads) const {
    std::vector<bool> touches;
    for (const Bead& b : beads) {
      int i = b.src_end() - s0_, j = b.tgt_end() - t0_;
      touches.push_back((lo_[i] > 0 && j - lo_[i] < 2) || (hi_[i] < m_count_ && hi_[i] - j < 2));
    }
    return touches;
  }

  const PairData& d_;
  const ModelParams& m_;
  const std::vector<Shape>& shapes_;
  Searches& searches_;
  LengthScorer length_;
  int s0_, t0_, n_, m_count_;
  bool parallel_;  // two threads for this stretch
  int max_a_, max_b_;
  std::vector<int> lo_, hi_;
  std::vector<size_t> offset_;
  std::vector<int> pair_lo_;
  std::vector<size_t> pair_off_;
  std::vector<uint64_t> src_mask_, tgt_mask_;
  std::vector<double> best_, forward_, backward_;
  double log_open_ = 0, log_more_ = 0;  // log p10 and log p_run_more
  std::array<std::array<double, kMaxSide + 1>, kMaxSide + 1> log_prior_;  // by sentences a side
  std::vector<float> score_;  // per cell and shape, kNegInf where the shape does not fit
  std::unique_ptr<double[]> exact_score_;  // the same as doubles, in a long stretch (see Run)
  std::vector<uint8_t> run_back_;  // per cell: kSourceRun / kTargetRun set where the run
                                   // ending here goes on from one ending a sentence before
  std::vector<uint8_t> back_;

 public:
  void SetLengthModel(const LengthModel& l) { length_ = LengthScorer(l); }
};

}  // namespace

struct Aligner::Impl {
  AlignOptions options;
  const ModelParams& params = options.model;
  std::vector<Shape> shapes;
  std::vector<Shape> piece_shapes;  // shapes, and those that pieces need (WithPieceShapes)
  LengthModel length;
  StemDictionary dictionary;
  TranslationTable table;
  std::string dictionary_note;

  struct Analyzed {
    DocumentAnalysis src, tgt;
    bool done = false;
    KeptPostings src_kept, tgt_kept;  // for the next pass, when there is one
  };

  // A long pair aligned on its own (a book, a concatenated archive) prepares its two sides
  // on two threads; short ones are not worth a thread, and a batch keeps every core busy
  // with pairs already.
  static bool SidesInParallel(const Aligner::Pair& pair, size_t pairs) {
    constexpr size_t kLongPair = 2000;  // sentences, both sides together
    return pairs == 1 && pair.src->sentences.size() + pair.tgt->sentences.size() >= kLongPair && UsableCores() > 1;
  }

  // The beads covering gap `g` between fixed beads.
  Alignment SolveGap(const PairData& data, const Gap& g, Searches& searches, bool parallel) const {
    if (g.s0 == g.s1 || g.t0 == g.t1) {
      // One side is empty: every sentence of the other side is unmatched.
      Alignment beads;
      for (int k = g.s0; k < g.s1; ++k) beads.push_back({k, 1, g.t0, 0, 1.0});
      for (int k = g.t0; k < g.t1; ++k) beads.push_back({g.s1, 0, k, 1, 1.0});
      return beads;
    }
    const bool with_pieces = data.src_seams.HasPieces() || data.tgt_seams.HasPieces();
    Stretch stretch(data, params, with_pieces ? piece_shapes : shapes, searches, parallel, g.s0, g.s1, g.t0, g.t1);
    stretch.SetLengthModel(length);
    return stretch.Solve(options.band > 0 ? options.band : 12);
  }

  // `keep`: another pass follows, which may reuse the postings.
  Alignment AlignWithTable(const Document& src, const Document& tgt, const Alignment& fixed, Analyzed& analyzed,
                           const TranslationTable& table, bool parallel, bool keep) const {
    const auto needed = NeededSentences(fixed, analyzed.src.sentences.size(), analyzed.tgt.sentences.size());
    const std::vector<bool>& src_needed = needed.first;
    const std::vector<bool>& tgt_needed = needed.second;
    SideFeatures sf, tf;
    BothSides(parallel, [&] { sf = ExtractFeatures(analyzed.src, Side::kSource, table, &src_needed); },
              [&] { tf = ExtractFeatures(analyzed.tgt, Side::kTarget, table, &tgt_needed); });
    PairData data = Prepare(sf, tf, src_needed, tgt_needed, analyzed.src_kept.TakeFor(sf),
                            analyzed.tgt_kept.TakeFor(tf), params, parallel);
    data.src_seams = SideSeams(src, params);
    data.tgt_seams = SideSeams(tgt, params);
    // Stretches between fixed beads are independent problems: gaps[k] lies before fixed[k],
    // the last one after them all. Fixed beads from the first that overlaps or lies outside
    // on are refused, after the gaps before it (as solving them in turn would).
    const int src_size = static_cast<int>(src.sentences.size()), tgt_size = static_cast<int>(tgt.sentences.size());
    std::vector<Gap> gaps;
    size_t valid = 0;
    int s = 0, t = 0;
    for (; valid < fixed.size(); ++valid) {
      const Bead& f = fixed[valid];
      if (f.src_begin < s || f.tgt_begin < t || f.src_end() > src_size || f.tgt_end() > tgt_size) break;
      gaps.push_back({s, f.src_begin, t, f.tgt_begin});
      s = f.src_end();
      t = f.tgt_end();
    }
    if (valid == fixed.size()) gaps.push_back({s, src_size, t, tgt_size});
    std::vector<Alignment> parts(gaps.size());
    ForEachIndex(
        gaps.size(), parallel, [&] { return Searches(data); },
        [&](size_t k, Searches& searches) { parts[k] = SolveGap(data, gaps[k], searches, parallel && gaps.size() == 1); });
    Alignment out;
    for (size_t k = 0; k < gaps.size(); ++k) {
      out.insert(out.end(), parts[k].begin(), parts[k].end());
      if (k < valid) out.push_back(fixed[k]);
    }
    if (valid < fixed.size()) throw InputError("fixed beads overlap or lie outside the documents");
    if (keep) {
      analyzed.src_kept.Keep(std::move(sf), std::move(data.src_postings));
      analyzed.tgt_kept.Keep(std::move(tf), std::move(data.tgt_postings));
    }
    return out;
  }

  // Aligns every pair with `table`, on all cores (analysing documents not yet analysed).
  // `keep`: another pass follows (see AlignWithTable).
  void AlignAll(const std::vector<Aligner::Pair>& pairs, const TranslationTable& table,
                std::vector<Analyzed>& analyzed, std::vector<Alignment>& out, bool keep) const {
    out.resize(pairs.size());
    ForEachIndex(
        pairs.size(), true, [] { return 0; },
        [&](size_t k, int) {
          const bool parallel = SidesInParallel(pairs[k], pairs.size());
          if (!analyzed[k].done) {
            BothSides(parallel, [&] { analyzed[k].src = Analyze(*pairs[k].src, parallel); },
                      [&] { analyzed[k].tgt = Analyze(*pairs[k].tgt, parallel); });
            analyzed[k].done = true;
          }
          out[k] = AlignWithTable(*pairs[k].src, *pairs[k].tgt, pairs[k].fixed, analyzed[k], table, parallel, keep);
        });
  }

  // Stem pairs that keep appearing together in confident 1-1 beads, by Dice coefficient.
  // Only the rarer stems of each bead are paired (kLearnStems a side), which keeps memory
  // linear in the corpus: frequent words are what the dictionary already covers.
  void Learn(const std::vector<Analyzed>& analyzed, const std::vector<Alignment>& alignments,
             TranslationTable& table) const {
    constexpr size_t kLearnStems = 40;
    const ModelParams& m = params;
    // The distinct stem keys of each confident 1-1 bead, both sides.
    std::vector<uint64_t> keys;
    std::vector<std::array<uint32_t, 3>> beads;  // (src begin, tgt begin, tgt end) into keys
    auto add_stems = [&keys](const DocumentAnalysis& a, const std::vector<uint64_t>& stem_keys, int sentence) {
      size_t begin = keys.size();
      const auto& info = a.sentences[sentence];
      for (uint32_t w = info.word_begin; w < info.word_begin + info.word_count; ++w)
        keys.push_back(stem_keys[a.words[w].stem]);
      std::sort(keys.begin() + begin, keys.end());
      keys.erase(std::unique(keys.begin() + begin, keys.end()), keys.end());
    };
    for (size_t k = 0; k < analyzed.size(); ++k) {
      std::vector<uint64_t> src_keys, tgt_keys;
      for (const std::string& stem : analyzed[k].src.stems) src_keys.push_back(TranslationTable::StemKey(Side::kSource, stem));
      for (const std::string& stem : analyzed[k].tgt.stems) tgt_keys.push_back(TranslationTable::StemKey(Side::kTarget, stem));
      for (const Bead& b : alignments[k]) {
        if (b.src_count != 1 || b.tgt_count != 1 || b.score < m.learn_min_score) continue;
        std::array<uint32_t, 3> bead;
        bead[0] = static_cast<uint32_t>(keys.size());
        add_stems(analyzed[k].src, src_keys, b.src_begin);
        bead[1] = static_cast<uint32_t>(keys.size());
        add_stems(analyzed[k].tgt, tgt_keys, b.tgt_begin);
        bead[2] = static_cast<uint32_t>(keys.size());
        beads.push_back(bead);
      }
    }
    // Dense ids for the stems (keys of both sides never collide: they are tagged by side).
    std::unordered_map<uint64_t, uint32_t> id_of;
    std::vector<uint64_t> key_of;
    std::vector<uint32_t> ids(keys.size());
    for (size_t k = 0; k < keys.size(); ++k) {
      auto [it, fresh] = id_of.try_emplace(keys[k], static_cast<uint32_t>(key_of.size()));
      if (fresh) key_of.push_back(keys[k]);
      ids[k] = it->second;
    }
    std::vector<int> count(key_of.size(), 0);
    for (uint32_t id : ids) ++count[id];
    auto rarest = [&](uint32_t begin, uint32_t end, std::vector<uint32_t>& out) {
      out.clear();
      for (uint32_t k = begin; k < end; ++k)
        if (count[ids[k]] >= m.learn_min_count) out.push_back(ids[k]);
      if (out.size() > kLearnStems) {
        std::nth_element(out.begin(), out.begin() + kLearnStems, out.end(),
                         [&](uint32_t x, uint32_t y) { return count[x] < count[y] || (count[x] == count[y] && x < y); });
        out.resize(kLearnStems);
      }
    };
    // The rarer stems of each bead, side by side, and for each source stem the beads it is in.
    std::vector<uint32_t> src_flat, tgt_flat, src_off{0}, tgt_off{0};
    std::vector<uint32_t> stems;
    for (const auto& bead : beads) {
      rarest(bead[0], bead[1], stems);
      src_flat.insert(src_flat.end(), stems.begin(), stems.end());
      src_off.push_back(static_cast<uint32_t>(src_flat.size()));
      rarest(bead[1], bead[2], stems);
      tgt_flat.insert(tgt_flat.end(), stems.begin(), stems.end());
      tgt_off.push_back(static_cast<uint32_t>(tgt_flat.size()));
    }
    std::vector<uint32_t> beads_of_begin(key_of.size() + 1, 0), beads_of(src_flat.size());
    for (uint32_t s : src_flat) ++beads_of_begin[s + 1];
    for (size_t k = 1; k < beads_of_begin.size(); ++k) beads_of_begin[k] += beads_of_begin[k - 1];
    {
      std::vector<uint32_t> fill(beads_of_begin.begin(), beads_of_begin.end() - 1);
      for (uint32_t b = 0; b + 1 < src_off.size(); ++b)
        for (uint32_t k = src_off[b]; k < src_off[b + 1]; ++k) beads_of[fill[src_flat[k]]++] = b;
    }
    // Joint counts of one source stem with every target stem, in a dense counter: linear in
    // the number of co-occurrences, with no list of all pairs to sort. Source stems are
    // independent: a long corpus counts them on every core, a chunk of stems a task, and the
    // pairs learned are added chunk by chunk in order.
    constexpr uint32_t kStemsAChunk = 4096;
    constexpr size_t kLongCorpus = 2000;  // confident beads: worth more threads
    struct Counter {
      std::vector<int> joint;
      std::vector<uint32_t> touched;
    };
    const size_t chunks = (key_of.size() + kStemsAChunk - 1) / kStemsAChunk;
    std::vector<std::vector<std::pair<uint64_t, uint64_t>>> learned(chunks);
    ForEachIndex(
        chunks, beads.size() >= kLongCorpus, [&] { return Counter{std::vector<int>(key_of.size(), 0), {}}; },
        [&](size_t chunk, Counter& counter) {
          std::vector<int>& joint = counter.joint;
          std::vector<uint32_t>& touched = counter.touched;
          const uint32_t end = static_cast<uint32_t>(std::min<size_t>(key_of.size(), (chunk + 1) * kStemsAChunk));
          for (uint32_t s = static_cast<uint32_t>(chunk * kStemsAChunk); s < end; ++s) {
            if (count[s] < m.learn_min_count || beads_of_begin[s + 1] == beads_of_begin[s]) continue;
            touched.clear();
            for (uint32_t k = beads_of_begin[s]; k < beads_of_begin[s + 1]; ++k) {
              const uint32_t b = beads_of[k];
              for (uint32_t x = tgt_off[b]; x < tgt_off[b + 1]; ++x) {
                if (joint[tgt_flat[x]]++ == 0) touched.push_back(tgt_flat[x]);
              }
            }
            std::sort(touched.begin(), touched.end());
            for (uint32_t t : touched) {
              const double dice = 2.0 * joint[t] / (count[s] + count[t]);
              if (joint[t] >= m.learn_min_count && dice >= m.learn_min_dice) learned[chunk].emplace_back(key_of[s], key_of[t]);
              joint[t] = 0;
            }
          }
        });
    for (const auto& pairs : learned)
      for (const auto& [src_key, tgt_key] : pairs) table.AddLearned(src_key, tgt_key);
  }

  static bool IsFixed(const Alignment& fixed, const Bead& b) {
    return std::find(fixed.begin(), fixed.end(), b) != fixed.end();
  }

  std::vector<Alignment> AlignMany(const std::vector<Aligner::Pair>& pairs) const {
    std::vector<Alignment> out;
    std::vector<Analyzed> analyzed(pairs.size());
    AlignAll(pairs, table, analyzed, out, params.learn_passes > 0);
    for (int pass = 0; pass < params.learn_passes; ++pass) {
      TranslationTable learned = table;
      Learn(analyzed, out, learned);
      if (learned.learned_size() == table.learned_size()) break;
      // Realign only where the last pass was unsure: its confident beads stay as anchors.
      std::vector<Aligner::Pair> again = pairs;
      for (size_t k = 0; k < pairs.size(); ++k) {
        again[k].fixed.clear();
        for (const Bead& b : out[k])
          if (b.score >= params.learn_keep_score || IsFixed(pairs[k].fixed, b)) again[k].fixed.push_back(b);
      }
      AlignAll(again, learned, analyzed, out, pass + 1 < params.learn_passes);
    }
    return out;
  }
};

Aligner::Aligner(AlignOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->shapes = MakeShapes(impl_->params, std::clamp(options.max_side, 1, kMaxSide));
  impl_->piece_shapes = WithPieceShapes(impl_->shapes);
  impl_->length = LengthModelFor(options.src_lang.c_str(), options.tgt_lang.c_str());
  if (options.use_dictionary) {
    impl_->dictionary =
        StemDictionary::LoadForLanguages(options.src_lang, options.tgt_lang, &impl_->dictionary_note);
  }
  impl_->table = TranslationTable(&impl_->dictionary);
}

namespace {

struct ModelField {
  const char* name;
  double AlignModel::*real = nullptr;
  int AlignModel::*whole = nullptr;
};

const ModelField kModelFields[] = {
    {"p11", &AlignModel::p11}, {"p10", &AlignModel::p10}, {"p21", &AlignModel::p21},
    {"p22", &AlignModel::p22}, {"p31", &AlignModel::p31}, {"p32", &AlignModel::p32},
    {"p41", &AlignModel::p41}, {"p33", &AlignModel::p33}, {"p_run_more", &AlignModel::p_run_more},
    {"q_number", &AlignModel::q_number}, {"q_name", &AlignModel::q_name},
    {"q_initial_name", &AlignModel::q_initial_name}, {"q_word", &AlignModel::q_word},
    {"evidence_weight", &AlignModel::evidence_weight}, {"length_weight", &AlignModel::length_weight},
    {"paragraph_cross", &AlignModel::paragraph_cross},
    {"paragraph_mismatch", &AlignModel::paragraph_mismatch},
    {"continuation_cut", &AlignModel::continuation_cut},
    {"temperature", &AlignModel::temperature}, {"guessed_seam", &AlignModel::guessed_seam},
    {"possible_seam", &AlignModel::possible_seam}, {"max_df", &AlignModel::max_df},
    {"df_prior", &AlignModel::df_prior}, {"df_prior_weight", &AlignModel::df_prior_weight},
    {"learn_min_score", &AlignModel::learn_min_score}, {"learn_keep_score", &AlignModel::learn_keep_score}, {"learn_min_dice", &AlignModel::learn_min_dice},
    {"learn_passes", nullptr, &AlignModel::learn_passes},
    {"learn_min_count", nullptr, &AlignModel::learn_min_count},
};

const ModelField* FindField(const std::string& name) {
  for (const ModelField& f : kModelFields)
    if (name == f.name) return &f;
  return nullptr;
}

}  // namespace

bool SetModelParameter(AlignModel& m, const std::string& name, double value) {
  const ModelField* f = FindField(name);
  if (!f) return false;
  if (f->real) m.*(f->real) = value;
  else m.*(f->whole) = static_cast<int>(value);
  return true;
}

bool GetModelParameter(const AlignModel& m, const std::string& name, double* value) {
  const ModelField* f = FindField(name);
  if (!f) return false;
  *value = f->real ? m.*(f->real) : m.*(f->whole);
  return true;
}

Aligner::~Aligner() = default;
Aligner::Aligner(Aligner&&) noexcept = default;
Aligner& Aligner::operator=(Aligner&&) noexcept = default;

const std::string& Aligner::dictionary_note() const { return impl_->dictionary_note; }

Alignment Aligner::Align(const Document& src, const Document& tgt) const {
  return AlignCorpus({{&src, &tgt, {}}}).front();
}

Alignment Aligner::Align(const Document& src, const Document& tgt, const Alignment& fixed) const {
  return AlignCorpus({{&src, &tgt, fixed}}).front();
}

std::vector<Alignment> Aligner::AlignCorpus(const std::vector<Pair>& pairs) const {
  return impl_->AlignMany(pairs);
}

}  // namespace newsalign
