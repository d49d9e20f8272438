// A document as the pipeline sees it: the author's text, verbatim, and spans into it.
//
// Every paragraph and sentence is a [begin, end) range of BYTE offsets into
// Document::text, so what we print, store and export is exactly what the author
// wrote (normalised copies are only ever used for scoring).
//
//   Document doc = ReadTextFile("ru.txt", "ru");       // text/reader.h
//   Segment(doc);                                     // text/segmenter.h
//   for (size_t i = 0; i < doc.sentences.size(); ++i) std::cout << doc.SentenceText(i);
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsalign {

// [begin, end) in bytes of Document::text.
struct Span {
  size_t begin = 0;
  size_t end = 0;
  size_t size() const { return end - begin; }
  bool operator==(const Span& o) const { return begin == o.begin && end == o.end; }
};

// Why a sentence starts where it does. A headline glued to its lead with no final
// punctuation is cut at a seam that is only a guess; the aligner joins the pieces again
// where the other language shows no seam (align/pieces.h).
enum class Seam : uint8_t {
  kSure,      // final punctuation before it, a paragraph start, a line of a pre-split file
  kGuessed,   // the segmenter's headline rules (text/segmenter.h)
  kPossible,  // one of Document::possible_seams, cut because the other language has a seam near
};

struct Sentence {
  Span span;          // bytes of Document::text, trimmed of surrounding white space
  int paragraph = 0;  // index into Document::paragraphs
  Seam seam = Seam::kSure;
};

struct Document {
  std::string path;                 // where it was read from ("-" or "" for in-memory text)
  std::string lang;                 // ISO 639-1 code: "ru", "en", "de", ...
  std::string text;                 // the author's text: file bytes, UTF-8, BOM removed
  std::string title;                // from HTML <title>/<h1> when known
  std::string date;                 // YYYY-MM-DD when the source states it
  std::vector<Span> paragraphs;     // in order, non-overlapping
  std::vector<Sentence> sentences;  // in order, each inside its paragraph
  // Byte offsets, inside sentences of the headline zone, where a glued headline might end (a
  // word that can end a sentence, then a capitalised word) but the segmenter did not cut:
  // see align/pieces.h.
  std::vector<size_t> possible_seams;
  // A pre-split text (one sentence a line): its lines are its sentences. Where its first line
  // holds a glued headline, the headline rules' seams are noted here rather than cut: the
  // aligner may use them, and the pieces are joined back into the line (align/pieces.h).
  bool lines_given = false;
  std::vector<size_t> guessed_seams;

  std::string_view Text(Span s) const {
    return std::string_view(text).substr(s.begin, s.end - s.begin);
  }
  std::string_view SentenceText(size_t i) const { return Text(sentences[i].span); }
};

}  // namespace newsalign
