// Words of a sentence, as the aligner's evidence needs them: case-folded tokens, Snowball
// stems, Cyrillic->Latin transliteration.
//
//   WordTools ru("ru");
//   for (const std::string& w : ru.Words("Президент России заявил")) ru.Stem(w);  // "президент", ...
//   Transliterate("Сысоев") == "sysoev"
//
// A WordTools object is not thread-safe (Snowball keeps state): one per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsalign {

// Case folding of UTF-8 text for matching: full Unicode folding ("Straße" -> "strasse"), then
// ё -> е ("ЁЛКА" -> "елка"), stress accents on Cyrillic and soft hyphens dropped. Thread-safe.
std::string FoldCase(std::string_view text);

// Cyrillic to lower-case ASCII Latin (ICU transliterator: Russian-Latin/BGN, but "e" for е
// after a letter and no marks for ь/ъ, then Any-Latin, Latin-ASCII, Lower): "Сысоев" ->
// "sysoev", "Таджикистан" -> "tadzhikistan", "Ельцин" -> "yeltsin", "Шойгу" -> "shoygu".
// Other letters are folded to ASCII and lower-cased ("Zürich" -> "zurich"). Thread-safe.
std::string Transliterate(std::string_view text);

// Builds what Transliterate needs, once per process (ICU's transliterator registry: some tens
// of milliseconds). Called early on another thread, it overlaps other start-up work, and the
// first Transliterate waits for it. Thread-safe; throws Error as Transliterate would.
void PrepareTransliteration();

// A word of a text and where it is: Words() with positions, for search indexes and
// highlighting.
struct WordSpan {
  size_t begin = 0;    // [begin, end): bytes of the text given
  size_t end = 0;
  std::string folded;  // the word as Words() gives it (case-folded, hyphens kept)
};

class WordTools {
 public:
  // `lang`: ISO 639-1. Stemming uses the Snowball algorithm for that language when there is
  // one; otherwise Stem() returns the word unchanged.
  explicit WordTools(const std::string& lang);
  ~WordTools();
  WordTools(WordTools&&) noexcept;
  WordTools& operator=(WordTools&&) noexcept;

  // The words of `text`: maximal runs of letters/digits (ICU word boundaries), case-folded;
  // punctuation and white space dropped; hyphenated words kept whole ("северо-запад",
  // "covid-19") but number ranges split ("2017-2018"); numbers are tokens ("2,000", "3,5").
  std::vector<std::string> Words(std::string_view text) const;
  // The same into `*out` (cleared first), reusing its capacity: for hot loops.
  void Words(std::string_view text, std::vector<std::string>* out) const;

  // The same words as Words(), each with its byte span in `text` (the author's spelling there,
  // before folding). Into `*out`, cleared first.
  void WordSpans(std::string_view text, std::vector<WordSpan>* out) const;

  // Snowball stem of a case-folded word. A Russian WordTools stems words written only in
  // Latin letters with the English stemmer, as the English side would.
  std::string Stem(std::string_view folded_word) const;

  const std::string& lang() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsalign
