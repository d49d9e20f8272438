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

struct AlignOptions {
  std::string src_lang = "ru";  // ISO 639-1 of the source (first) document
  std::string tgt_lang = "en";  // ISO 639-1 of the target (second) document
  int max_side = 3;             // widest side of a bead (1-3 and 3-1 at 3; 2-2 always allowed)
  int band = 0;                 // half-width of the search band in sentences; 0 = automatic
  bool use_dictionary = true;   // look for an installed bilingual dictionary for the pair
};

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
