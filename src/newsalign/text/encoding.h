// Encoding checks at the input boundary: UTF-8 validation, a guess at the legacy charset of
// text that is not UTF-8 (ICU's charset detector), UTF-16 conversion, and the repair of
// Russian text that was mis-decoded as Latin-1 and saved again as UTF-8 ("Ðåöåíçèÿ" for
// "Рецензия").
//
//   if (size_t bad = FindInvalidUtf8(bytes); bad != std::string::npos) {
//     CharsetGuess guess = GuessLegacyCharset(bytes);   // {"windows-1251", "CP1251 (...)", ...}
//   }
//   if (LooksLikeCp1251Mojibake(text)) text = RepairCp1251Mojibake(text);
//
// All functions take and return UTF-8 (except where bytes in an unknown charset are the
// point); ICU types stay inside encoding.cc. All functions are thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "newsalign/core/document.h"

namespace newsalign {

// Offset (bytes) of the first byte that does not start a well-formed UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are ill-formed), or std::string::npos.
size_t FindInvalidUtf8(std::string_view bytes);

// ICU's guess at the charset of bytes that are not UTF-8.
struct CharsetGuess {
  std::string icu_name;     // ICU's name, e.g. "windows-1251", "KOI8-R"; empty when no guess
  std::string description;  // for people, e.g. "CP1251 (Windows Cyrillic)"
  std::string iconv_name;   // for the hint "iconv -f NAME -t utf-8", e.g. "cp1251"
  int confidence = 0;       // ICU's confidence, 0..100
};

// Runs ICU's charset detector (ucsdet) over the first 64 KiB of `bytes`.
CharsetGuess GuessLegacyCharset(std::string_view bytes);

// Converts `bytes` in ICU charset `charset` (e.g. "UTF-16LE", "windows-1251") to UTF-8.
// Returns false (and leaves *utf8 unspecified) when the bytes are not valid in that charset or
// ICU has no converter by that name.
bool ConvertToUtf8(std::string_view bytes, const char* charset, std::string* utf8);

// True when `utf8` looks like CP1251 (Russian) text that was decoded as Latin-1/CP1252 and
// saved as UTF-8: enough letters, most of them in U+00C0..U+00FF, almost no Cyrillic.
// Does not fire on French, German, Icelandic... text, where accented letters are a minority.
bool LooksLikeCp1251Mojibake(std::string_view utf8);

// Undoes that: every code point goes back to its Latin-1 (or CP1252) byte and the bytes are
// decoded as CP1251. Code points with no single-byte form are kept as they are.
std::string RepairCp1251Mojibake(std::string_view utf8);

// Letters of `utf8` by script.
struct ScriptCounts {
  size_t latin = 0;
  size_t cyrillic = 0;
  size_t other = 0;  // letters of any other script
  size_t total() const { return latin + cyrillic + other; }
};
ScriptCounts CountLetters(std::string_view utf8);

// А..я, Ё and ё: the Russian alphabet, which per-character loops test without a call to ICU.
inline bool IsRussianLetter(char32_t c) { return (c >= 0x410 && c <= 0x44F) || c == 0x401 || c == 0x451; }

// White space as the segmenter and reader see it: Unicode White_Space (ASCII blanks, CR, LF,
// NBSP, U+2000..U+200A, U+3000, ...). Zero-width characters are not white space.
bool IsWhiteSpace(char32_t c);

// `span` of `text` without white space at either edge (possibly empty).
Span TrimWhiteSpace(std::string_view text, Span span);

// Code points of UTF-8 `text` (its bytes that are not continuation bytes).
inline size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace newsalign
