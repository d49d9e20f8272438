// Seams that are only guesses, settled by the other language.
//
// A headline glued to its lead with no final punctuation ("... урагана "Ханна" Мексиканское
// национальное управление ...") has no mark to cut at. The segmenter cuts where its headline
// rules say (Seam::kGuessed) and notes the other places a headline could end
// (Document::possible_seams). Here, before alignment, a possible seam is cut (Seam::kPossible)
// when the other document has a seam or a sentence start at about the same place; the
// aligner then scores the pieces (see PIECES in align/aligner.cc), and afterwards the pieces
// of a sentence that share a bead are joined again, so that what is stored, exported and
// shown has sentences, not pieces. A pre-split text (Document::lines_given) keeps its lines:
// the headline seams noted inside its first line (Document::guessed_seams) are cut here too,
// and afterwards every line is whole again, the beads its pieces went to merged into one:
//
//   Alignment beads = AlignPieces(aligner, ru, en);
//   std::vector<Alignment> all = AlignPiecesCorpus(aligner, {{&ru, &en, {}}, {&ru2, &en2, {}}});
#pragma once

#include "newsalign/align/aligner.h"
#include "newsalign/core/bead.h"
#include "newsalign/core/document.h"

namespace newsalign {

// Cuts a pre-split text's guessed seams, and each of src's and tgt's possible seams that
// lies near a seam or a sentence start of the other document (by character position, scaled
// by the documents' lengths); clears the lists.
void CutPossibleSeams(Document& src, Document& tgt);

// Joins the pieces of a sentence that lie in one bead (or in one run of omissions) into
// that sentence, and those on either side of a cut at a possible seam that the aligner is
// less than 90% sure of (Bead::cut_before); in a pre-split text, all pieces of a line.
// Renumbers `beads` to match. Every sentence's seam is Seam::kSure afterwards: each guess is
// settled. A no-op for documents without guessed seams.
void JoinPieces(Document& src, Document& tgt, Alignment& beads);

// CutPossibleSeams, Aligner::Align, JoinPieces.
Alignment AlignPieces(const Aligner& aligner, Document& src, Document& tgt);

// A pair for AlignPiecesCorpus. With fixed beads (reviewed ones carried over) its sentences
// stay as they are: those beads pin their numbers.
struct PiecesPair {
  Document* src;
  Document* tgt;
  Alignment fixed;
};

// AlignPieces for many pairs aligned as one corpus (Aligner::AlignCorpus), an alignment each.
std::vector<Alignment> AlignPiecesCorpus(const Aligner& aligner, const std::vector<PiecesPair>& pairs);

}  // namespace newsalign
