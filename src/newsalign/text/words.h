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

// Case folding of UTF-8 text (full Unicode folding, so "ЁЛКА" -> "ёлка", "Straße" -> "strasse").
std::string FoldCase(std::string_view text);

// Cyrillic to lower-case ASCII Latin (ICU transliterator, e.g. Russian-Latin/BGN then
// Latin-ASCII): "Сысоев" -> "sysoev", "Таджикистан" -> "tadzhikistan". Non-Cyrillic letters
// are folded to ASCII and lower-cased. Thread-safe.
std::string Transliterate(std::string_view text);

class WordTools {
 public:
  // `lang`: ISO 639-1. Stemming uses the Snowball algorithm for that language when there is
  // one; otherwise Stem() returns the word unchanged.
  explicit WordTools(const std::string& lang);
  ~WordTools();
  WordTools(WordTools&&) noexcept;
  WordTools& operator=(WordTools&&) noexcept;

  // The words of `text`: maximal runs of letters/digits (ICU word boundaries), case-folded;
  // punctuation and white space dropped; hyphenated words kept whole ("северо-запад").
  std::vector<std::string> Words(std::string_view text) const;

  // Snowball stem of a case-folded word.
  std::string Stem(std::string_view folded_word) const;

  const std::string& lang() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsalign
