// Sentence segmentation with ICU's sentence BreakIterator plus Russian and English
// exceptions that ICU's rules miss in news text: abbreviations (т. е., и т. д., г., млн,
// Mr., U.S., Jan.), initials (К. Манонов, A. S. Pushkin), numbers and dates (3.5,
// 09.12.2017), quotes «…» “…”, and dialogue dashes.
//
//   Document doc = ReadTextFile("ru.txt", "ru");
//   Segment(doc);                     // fills doc.sentences from doc.paragraphs
//   SegmentPresplit(doc);             // or: every line is one sentence
//
// Sentences never cross a paragraph boundary; spans are trimmed of white space.
//
// Decisions worth knowing:
// - Line breaks inside a paragraph are not sentence breaks (hard-wrapped text), except before
//   a line that opens with a dialogue dash ("— Да, — сказал он."), which always starts one.
// - A news dateline stays glued to the first sentence of its paragraph:
//   "ДУШАНБЕ, 09.12.2017 /НИАТ «Ховар»/. Президент ..." is one sentence, as translators
//   render it ("DUSHANBE, December 9, 2017 /NIAT Khovar/. President ...").
// - "Ты придёшь?» — спросил он." and "“Why?” he asked." are one sentence (lower case after
//   ?/! continues the sentence).
// - "…" followed by a capital ends a sentence; "..."/"…" followed by lower case does not.
// - A headline (and subtitle) glued to the lead without final punctuation, as flattened news
//   pages and agency feeds have it, is cut off the first sentence of a document's first
//   paragraph ("Не нужно демонизировать народ Хабаровска Врио главы края рассказал ...
//   Временно исполняющий ..." -> three sentences): only at a capitalised word that opens
//   sentences ("В", "The"), is an ordinary word elsewhere in the document, or separates the
//   headline from a lead that repeats it, or before a lead that opens with the headline's own
//   first words; never inside a name ("Владимир Путин") or after "в"/"of". Further into the
//   document only before a sentence opener ("... глава района По его словам, ..." -> two).
//   Russian and English only (ru, uk, be, en).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsalign/core/document.h"

namespace newsalign {

class SentenceSegmenter {
 public:
  // `lang`: ISO 639-1; "ru" and "en" have their own exception lists (Russian text also gets
  // the English list, for Latin words inside it), others get ICU's rules for that locale plus
  // the shared number/initial rules. The first one in a process loads ICU's rules (~1 ms);
  // later ones cost ~0.1 ms. Segment() keeps one per language.
  explicit SentenceSegmenter(const std::string& lang);
  ~SentenceSegmenter();
  SentenceSegmenter(SentenceSegmenter&&) noexcept;
  SentenceSegmenter& operator=(SentenceSegmenter&&) noexcept;

  // Sentence spans inside `paragraph` (offsets are into `text`, not into the paragraph),
  // trimmed of white space, in order, none empty. `opens_document`: the paragraph is the
  // first of `text` (the whole document), where a headline may be glued to the lead (see
  // above); the rest of `text` is the evidence for which capitalised words are ordinary.
  // `notes`, when given, gets what the headline rules guessed (see SplitNotes).
  // Thread-safe: each call works on its own clone of the ICU iterator.
  struct SplitNotes {
    std::vector<bool> guessed;     // per span: cut from the span before at a guessed seam
    std::vector<size_t> possible;  // other seams of the headline zone, where no sentence starts
  };
  std::vector<Span> Split(std::string_view text, Span paragraph, bool opens_document = false,
                          SplitNotes* notes = nullptr) const;

  const std::string& lang() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Fills doc.sentences (and doc.possible_seams) by splitting each of doc.paragraphs with a
// SentenceSegmenter for doc.lang (created once per language and process, then shared).
// Thread-safe.
void Segment(Document& doc);

// Fills doc.sentences from a one-sentence-a-line text: line i is sentence i (an empty line
// stays an empty sentence, so indices match line numbers in gold files; a final line end does
// not start another line); one paragraph covering the whole text. LF, CRLF and CR all end lines.
// Sets doc.lines_given, and notes in doc.guessed_seams and doc.possible_seams where the
// headline rules would cut the first line (align/pieces.h uses them, then rejoins the line).
void SegmentPresplit(Document& doc);

}  // namespace newsalign
