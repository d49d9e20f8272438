// The sentence aligner's public face. The model itself is described at the top of
// align/aligner.cc.
//
//   AlignOptions options;                 // ru-en by default
//   Aligner aligner(options);             // loads the dictionary for the pair, if installed
//   Alignment beads = aligner.Align(ru_doc, en_doc);   // documents already segmented
//
// Thread-safety: Align() is const and may be called from several threads at once.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "newsalign/core/bead.h"
#include "newsalign/core/document.h"

namespace newsalign {

// The numbers of the model (see the essay at the top of align/aligner.cc), fitted on the
// development sets by tools/bench/tune. Exposed for benchmarks and experiments; the
// defaults are what users get.
struct AlignModel {
  // Prior probability of each bead shape in news translations (1-0 and 0-1 alike, 2-1 and
  // 1-2 alike, ...).
  // (Fitted with `newsalign_quality --set all --search ...` on wmt21-ru-en-hard and the
  // Text+Berg dev document; see tools/bench/quality_main.cc.)
  double p11 = 0.86, p10 = 0.015625, p21 = 0.021875, p22 = 0.009375, p31 = 0.005, p32 = 0.0015,
         p41 = 0.0008, p33 = 0.0003;
  double p_run_more = 0.15;  // an omission continuing a run of omissions on the same side
  // Chance that a true translation shows a match for a token, per evidence kind.
  double q_number = 0.85;        // numbers and dates
  double q_name = 0.75;          // capitalised words inside a sentence, acronyms, foreign words
  double q_initial_name = 0.75;  // a capitalised first word
  double q_word = 0.36;          // words with dictionary or learned translations
  double evidence_weight = 1.0;  // scales the evidence log-likelihood ratio
  double length_weight = 1.0;    // scales the length log-likelihood ratio
  double paragraph_cross = 2.0;     // penalty per paragraph boundary inside one side of a bead
  double paragraph_mismatch = 1.4;  // penalty when a bead opens a paragraph on one side only
  double continuation_cut = 1.5;    // penalty for a bead or omission opening with a lower-case word
  double temperature = 1.0;         // posterior temperature for the confidence
  double max_df = 0.35;  // tokens that match more than this share of the other side are ignored
  double df_prior = 0.05;        // share of sentences a token matches by accident, before seeing the document
  double df_prior_weight = 5.0;  // how many sentences that prior is worth against the document's own count
  // Probability that a seam guessed inside a headline glued to its lead (no final
  // punctuation) is a sentence end (Sentence::seam): one the segmenter's rules chose, and
  // one they passed over that the other language has a seam near. A bead or omission that
  // starts there scores its log, a bead that keeps the pieces together the log of the rest.
  double guessed_seam = 0.9, possible_seam = 0.1;
  // Corpus learning: pairs of stems seen together in confident beads.
  int learn_passes = 1;           // realignments after learning (0 = no learning)
  double learn_min_score = 0.9;   // beads at least this confident teach
  double learn_keep_score = 0.99; // and beads this confident are kept when realigning
  int learn_min_count = 2;        // a pair must be seen together this often
  double learn_min_dice = 0.3;    // and be this strongly associated (Dice coefficient)
};

struct AlignOptions {
  std::string src_lang = "ru";  // ISO 639-1 of the source (first) document
  std::string tgt_lang = "en";  // ISO 639-1 of the target (second) document
  int max_side = 3;             // widest side of a bead (1-3, 3-1, 3-2 at 3; 4-1, 3-3 at 4; 2-2 always)
  int band = 0;                 // half-width of the search band in sentences; 0 = automatic
  bool use_dictionary = true;   // look for an installed bilingual dictionary for the pair
  AlignModel model;             // the model's numbers; the defaults are fitted on news
};

// Sets one AlignModel field by name ("q_word=0.5"); false when the name is unknown.
bool SetModelParameter(AlignModel& model, const std::string& name, double value);
// Reads one AlignModel field by name; false when the name is unknown.
bool GetModelParameter(const AlignModel& model, const std::string& name, double* value);

class Aligner {
 public:
  explicit Aligner(AlignOptions options = {});
  ~Aligner();
  Aligner(Aligner&&) noexcept;
  Aligner& operator=(Aligner&&) noexcept;

  // Aligns two segmented documents. Beads cover both sides in order, exactly once.
  Alignment Align(const Document& src, const Document& tgt) const;

  // The same, keeping `fixed` beads (e.g. those a translator confirmed) as they are: the
  // result contains each of them and realigns only the stretches between them. Fixed beads
  // must be in order and must not overlap.
  Alignment Align(const Document& src, const Document& tgt, const Alignment& fixed) const;

  // Aligns many pairs as one corpus: after a first pass, word pairs learned from the
  // confident beads of all of them inform a second pass, so more documents align better.
  struct Pair {
    const Document* src = nullptr;
    const Document* tgt = nullptr;
    Alignment fixed;  // beads to keep, as in Align(src, tgt, fixed)
  };
  std::vector<Alignment> AlignCorpus(const std::vector<Pair>& pairs) const;

  // Why the dictionary is missing, when it is ("" otherwise); the CLI prints it once.
  const std::string& dictionary_note() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsalign
