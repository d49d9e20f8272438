// Bilingual term pairs from aligned beads: "Исполнительный комитет" ↔ "Executive Committee",
// "ФСБ" ↔ "FSB", "государства – члены" ↔ "member states".
//
//   TermExtractor x;                              // ru-en
//   store.ForEachBead(both_sides, [&](const BeadRecord& b) { x.Add(b.bead_id, b.ru, b.en, b.bead.score); });
//   std::vector<TermPair> glossary = x.Pairs(options);     // best first
//   std::vector<TermPair> seen = x.Lookup("терроризм", options);   // all equivalents of one term
//
// The method, in three steps:
//  1. Candidates on each side: runs of 1-4 words inside a clause (punctuation other than a
//     hyphen or a dash ends a run; numbers end it too) that neither start nor end with a
//     stopword (function words and reporting verbs, lists below in terms.cc), keyed by their
//     Snowball stems so that inflected forms merge ("Исполнительного комитета" and
//     "Исполнительный комитет" are one term). A candidate must occur in min_freq beads.
//     Its display form is its most frequent spelling, occurrences at a sentence start counting
//     half (so "President" loses to "president" unless it is a title).
//  2. Association over beads: for a Russian candidate x and an English y, the 2x2 table of
//     beads with/without each gives Dunning's log-likelihood ratio G² and the Dice coefficient
//     2·both/(freq x + freq y). A pair needs min_freq beads together, more than chance, G² of at
//     least min_llr and Dice of at least min_dice.
//  3. Competitive linking (Melamed 2000): pairs in order of Dice (then the closer word
//     count, then G²) each link two terms not linked yet, so a term gets its best equivalent
//     and "Исполнительный комитет" does not also pair with "Executive". A link is then dropped
//     when a longer link contains it on both sides and accounts for nearly all its beads
//     ("Дональд" ↔ "Donald" inside "Дональд Трамп" ↔ "Donald Trump"). The result is ordered by
//     G².
// Memory: every bead's words are kept (a few hundred bytes a bead): fine for news corpora of
// tens of thousands of beads, not meant for millions.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsalign {

struct TermOptions {
  int min_freq = 3;        // beads a term, and a pair together, must occur in
  int max_words = 4;       // longest term, in words
  double min_dice = 0.3;   // association a pair needs (Dice over beads)
  double min_llr = 10.83;  // and its significance (G²; 10.83 is p < 0.001)
  double nested_share = 0.9;  // a link inside a longer one is dropped when that one has this share of its beads
};

struct TermPair {
  std::string ru, en;          // display forms
  std::string ru_key, en_key;  // space-separated stems
  int ru_freq = 0, en_freq = 0;  // beads with the term
  int joint = 0;                 // beads with both
  double llr = 0;                // G²
  double dice = 0;
  int64_t example_bead = 0;      // a bead with both (the most confident one)
  std::string example_ru, example_en;
};

class TermExtractor {
 public:
  TermExtractor();
  ~TermExtractor();
  TermExtractor(TermExtractor&&) noexcept;

  // One aligned bead; beads with an empty side teach nothing and are skipped.
  void Add(int64_t bead_id, std::string_view ru, std::string_view en, double score = 1.0);
  size_t beads() const;

  // The glossary: linked pairs, G² order.
  std::vector<TermPair> Pairs(const TermOptions& options) const;

  // Every equivalent seen for `term` (Russian or English, any inflection): English (or
  // Russian) candidates occurring with it at least twice and at least min_llr strongly, by
  // Dice. Empty when the term never occurs.
  std::vector<TermPair> Lookup(std::string_view term, const TermOptions& options) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A TSV glossary: a header line, then one pair a line: ru, en, joint, llr, dice, ru_freq,
// en_freq, bead, example_ru, example_en (tabs and newlines inside texts become spaces).
std::string TermsTsv(const std::vector<TermPair>& pairs);

// TBX-Basic (ISO 30042:2019, TBX v3 "dca" style): one conceptEntry a pair with a Russian and
// an English langSec, the example as each term's context, the figures in a note.
std::string TermsTbx(const std::vector<TermPair>& pairs, const std::string& source_description);

}  // namespace newsalign
