// Names across scripts: a short Latin consonant skeleton that a Russian name and its
// English spelling share, inflected or not.
//
//   NameKey("Сысоев") == NameKey("Sysoev") == NameKey("Сысоева") == "ssv"
//   NameKey("Таджикистан") == NameKey("Tajikistan")
//   NameKey("Кыргызстан") == NameKey("Kyrgyzstan")
//
// The word is transliterated to ASCII (ICU, text/words.h), spelling variants of the same
// sound are merged (dzh/zh/j, kh/h, ts/c, ks/x, y/i, w/v...), and then vowels after the
// first letter are dropped and the first four letters kept, which also drops most Russian
// case endings. Words shorter than three letters give "" (too weak to be evidence).
#pragma once

#include <string>
#include <string_view>

namespace newsalign {

std::string NameKey(std::string_view word);

}  // namespace newsalign
