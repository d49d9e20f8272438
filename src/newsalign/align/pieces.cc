#include "newsalign/align/pieces.h"

#include <algorithm>

#include "newsalign/text/encoding.h"

namespace newsalign {
namespace {

bool Soft(const Sentence& s) { return s.seam != Seam::kSure; }

bool HasPieces(const Document& doc) { return std::any_of(doc.sentences.begin(), doc.sentences.end(), Soft); }

// Code points of `text` before byte `end`.
size_t CharsBefore(std::string_view text, size_t end) { return CodePoints(text.substr(0, end)); }

// Character positions where a sentence starts (or may start) in `doc`, sorted.
std::vector<double> SeamPositions(const Document& doc) {
  std::vector<double> out;  // (the document's start is no seam)
  for (size_t k = 1; k < doc.sentences.size(); ++k)
    out.push_back(static_cast<double>(CharsBefore(doc.text, doc.sentences[k].span.begin)));
  for (size_t at : doc.possible_seams) out.push_back(static_cast<double>(CharsBefore(doc.text, at)));
  std::sort(out.begin(), out.end());
  return out;
}

// Cuts the sentence of `doc` that holds byte `at` there; the piece after it starts at `seam`.
void CutAt(Document& doc, size_t at, Seam seam) {
  for (size_t k = 0; k < doc.sentences.size(); ++k) {
    Sentence& s = doc.sentences[k];
    if (at <= s.span.begin || at >= s.span.end) continue;
    Sentence rest = s;
    rest.span.begin = at;
    rest.seam = seam;
    s.span = TrimWhiteSpace(doc.text, Span{s.span.begin, at});
    doc.sentences.insert(doc.sentences.begin() + static_cast<long>(k) + 1, rest);
    return;
  }
}

// The possible seams of `doc` that `other` has a seam or a sentence start near: expected at
// the same share of the text, give or take a quarter (translations differ in length) and
// ten characters.
std::vector<size_t> Partnered(const Document& doc, const std::vector<double>& other, double scale) {
  std::vector<size_t> out;
  for (size_t at : doc.possible_seams) {
    const double expected = CharsBefore(doc.text, at) * scale, slack = 10 + 0.25 * expected;
    auto it = std::lower_bound(other.begin(), other.end(), expected - slack);
    if (it != other.end() && *it <= expected + slack) out.push_back(at);
  }
  return out;
}

// Whether `prev` and `next` leave out, one after the other, pieces of one sentence of the
// same side: the sentence was left out whole.
bool OmitOneSentence(const Document& src, const Document& tgt, const Bead& prev, const Bead& next) {
  if (prev.tgt_count == 0 && next.tgt_count == 0 && prev.src_count > 0 && next.src_count > 0)
    return Soft(src.sentences[next.src_begin]);
  if (prev.src_count == 0 && next.src_count == 0 && prev.tgt_count > 0 && next.tgt_count > 0)
    return Soft(tgt.sentences[next.tgt_begin]);
  return false;
}

// Whether `next` starts at a possible seam (on either side) where the alignment is less
// sure than kSureCut to cut at all. Such a cut splits a sentence that has no mark to split
// at, only because the chains that cut there were slightly more likely: mid-sentence cuts
// where the two word orders happen to agree ("... основателя современных | Олимпийских игр
// ..."). What counts is the posterior of the cut itself (Bead::cut_before), not of the
// beads beside it: those share their mass with other ways of grouping the pieces around the
// same cut ("ни УЕФА, ни ФИФА" in one piece or three).
bool UnsureCut(const Document& src, const Document& tgt, const Bead& next) {
  constexpr double kSureCut = 0.9;
  const bool possible = (next.src_count > 0 && src.sentences[next.src_begin].seam == Seam::kPossible) ||
                        (next.tgt_count > 0 && tgt.sentences[next.tgt_begin].seam == Seam::kPossible);
  return possible && next.cut_before < kSureCut;
}

// Adds the bead after `into` (adjacent to it) to it; the less sure one speaks for both.
void MergeInto(Bead& into, const Bead& next) {
  into.src_count += next.src_count;
  into.tgt_count += next.tgt_count;
  into.score = std::min(into.score, next.score);
}

// Index of the bead of `beads` (in order) whose side (`begin`, `count`) holds sentence `s`.
size_t BeadHolding(const Alignment& beads, int s, int Bead::*begin, int Bead::*count) {
  size_t k = beads.size();
  while (k > 0 && !(beads[k - 1].*count > 0 && beads[k - 1].*begin <= s)) --k;
  return k > 0 ? k - 1 : 0;
}

// Sentences of one side after joining, and where each piece went.
std::vector<int> JoinSide(Document& doc, const std::vector<int>& bead_of) {
  std::vector<int> index_of(doc.sentences.size() + 1);
  std::vector<Sentence> joined;
  for (size_t k = 0; k < doc.sentences.size(); ++k) {
    const Sentence& piece = doc.sentences[k];
    if (Soft(piece) && k > 0 && bead_of[k] == bead_of[k - 1]) {
      joined.back().span.end = piece.span.end;
    } else {
      joined.push_back(piece);
      joined.back().seam = Seam::kSure;
    }
    index_of[k] = static_cast<int>(joined.size()) - 1;
  }
  index_of[doc.sentences.size()] = static_cast<int>(joined.size());
  doc.sentences = std::move(joined);
  return index_of;
}

}  // namespace

void CutPossibleSeams(Document& src, Document& tgt) {
  for (Document* doc : {&src, &tgt}) {  // a pre-split text's headline seams (Document::guessed_seams)
    for (size_t at : doc->guessed_seams) CutAt(*doc, at, Seam::kGuessed);
    doc->guessed_seams.clear();
  }
  if (!src.possible_seams.empty() || !tgt.possible_seams.empty()) {
    const double src_chars = std::max<size_t>(CharsBefore(src.text, src.text.size()), 1);
    const double tgt_chars = std::max<size_t>(CharsBefore(tgt.text, tgt.text.size()), 1);
    const std::vector<size_t> src_cuts = Partnered(src, SeamPositions(tgt), tgt_chars / src_chars);
    const std::vector<size_t> tgt_cuts = Partnered(tgt, SeamPositions(src), src_chars / tgt_chars);
    for (size_t at : src_cuts) CutAt(src, at, Seam::kPossible);
    for (size_t at : tgt_cuts) CutAt(tgt, at, Seam::kPossible);
  }
  src.possible_seams.clear();
  tgt.possible_seams.clear();
}

Alignment AlignPieces(const Aligner& aligner, Document& src, Document& tgt) {
  return AlignPiecesCorpus(aligner, {{&src, &tgt, {}}}).front();
}

std::vector<Alignment> AlignPiecesCorpus(const Aligner& aligner, const std::vector<PiecesPair>& pairs) {
  std::vector<Aligner::Pair> work;
  for (const PiecesPair& p : pairs) {
    if (p.fixed.empty()) CutPossibleSeams(*p.src, *p.tgt);
    work.push_back(Aligner::Pair{p.src, p.tgt, p.fixed});
  }
  std::vector<Alignment> aligned = work.empty() ? std::vector<Alignment>() : aligner.AlignCorpus(work);
  for (size_t k = 0; k < pairs.size(); ++k)
    if (pairs[k].fixed.empty()) JoinPieces(*pairs[k].src, *pairs[k].tgt, aligned[k]);
  return aligned;
}

void JoinPieces(Document& src, Document& tgt, Alignment& beads) {
  if (!HasPieces(src) && !HasPieces(tgt)) return;
  // Omissions are reported a piece at a time: the pieces of one sentence make one. A cut at
  // a possible seam stands only where the alignment is sure to cut there.
  Alignment merged;
  for (const Bead& b : beads) {
    if (!merged.empty() && (OmitOneSentence(src, tgt, merged.back(), b) || UnsureCut(src, tgt, b))) {
      MergeInto(merged.back(), b);
    } else {
      merged.push_back(b);
    }
    // In a pre-split text a line is a sentence whatever the aligner made of its pieces: the
    // beads from the one holding the line's first piece on are one bead.
    size_t first = merged.size() - 1;
    if (b.src_count > 0 && src.lines_given && Soft(src.sentences[b.src_begin])) {
      first = std::min(first, BeadHolding(merged, b.src_begin - 1, &Bead::src_begin, &Bead::src_count));
    }
    if (b.tgt_count > 0 && tgt.lines_given && Soft(tgt.sentences[b.tgt_begin])) {
      first = std::min(first, BeadHolding(merged, b.tgt_begin - 1, &Bead::tgt_begin, &Bead::tgt_count));
    }
    for (size_t k = first + 1; k < merged.size(); ++k) MergeInto(merged[first], merged[k]);
    merged.resize(first + 1);
  }
  beads = std::move(merged);

  std::vector<int> src_bead(src.sentences.size()), tgt_bead(tgt.sentences.size());
  for (size_t k = 0; k < beads.size(); ++k) {
    for (int s = beads[k].src_begin; s < beads[k].src_end(); ++s) src_bead[s] = static_cast<int>(k);
    for (int t = beads[k].tgt_begin; t < beads[k].tgt_end(); ++t) tgt_bead[t] = static_cast<int>(k);
  }
  const std::vector<int> src_index = JoinSide(src, src_bead), tgt_index = JoinSide(tgt, tgt_bead);
  for (Bead& b : beads) {
    const int src_end = b.src_count > 0 ? src_index[b.src_end() - 1] + 1 : src_index[b.src_begin];
    const int tgt_end = b.tgt_count > 0 ? tgt_index[b.tgt_end() - 1] + 1 : tgt_index[b.tgt_begin];
    b.src_begin = src_index[b.src_begin];
    b.tgt_begin = tgt_index[b.tgt_begin];
    b.src_count = src_end - b.src_begin;
    b.tgt_count = tgt_end - b.tgt_begin;
  }
}

}  // namespace newsalign
