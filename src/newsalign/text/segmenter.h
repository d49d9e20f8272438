// Sentence segmentation with ICU's sentence BreakIterator plus Russian and English
// exceptions that ICU's rules miss in news text: abbreviations (т. е., и т. д., г., млн,
// Mr., U.S., Jan.), initials (К. Манонов, A. S. Pushkin), numbers and dates (3.5,
// 09.12.2017), quotes «…» “…”, and dialogue dashes.
//
//   Document doc = ReadTextFile("ru.txt", "ru");
//   Segment(doc);                     // fills doc.sentences from doc.paragraphs
//   SegmentPresplit(doc);             // or: every non-empty line is one sentence
//
// Sentences never cross a paragraph boundary; spans are trimmed of white space.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsalign/core/document.h"

namespace newsalign {

class SentenceSegmenter {
 public:
  // `lang`: ISO 639-1; "ru" and "en" have their own exception lists, others get ICU's rules
  // for that locale plus the shared number/initial rules.
  explicit SentenceSegmenter(const std::string& lang);
  ~SentenceSegmenter();
  SentenceSegmenter(SentenceSegmenter&&) noexcept;
  SentenceSegmenter& operator=(SentenceSegmenter&&) noexcept;

  // Sentence spans inside `paragraph` (offsets are into `text`, not into the paragraph).
  std::vector<Span> Split(std::string_view text, Span paragraph) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Fills doc.sentences by splitting each of doc.paragraphs.
void Segment(Document& doc);

// Fills doc.sentences from a one-sentence-a-line text: line i is sentence i (an empty line
// stays an empty sentence, so indices match line numbers in gold files); one paragraph.
void SegmentPresplit(Document& doc);

}  // namespace newsalign
