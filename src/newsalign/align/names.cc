#include "newsalign/align/names.h"

#include <cstring>
#include <string_view>

#include "newsalign/text/words.h"

namespace newsalign {
namespace {

// Spelling variants of one sound, longest first so that "dzh" wins over "zh".
struct Rewrite {
  std::string_view from;  // views, not C strings: no strlen for every letter of every word
  std::string_view to;
};
const Rewrite kRewrites[] = {
    {"shch", "s"}, {"dzh", "j"}, {"tch", "c"}, {"sch", "s"}, {"zh", "j"}, {"kh", "h"},
    {"ts", "c"}, {"tz", "c"}, {"ch", "c"}, {"sh", "s"}, {"ks", "x"}, {"ph", "f"},
    {"ck", "k"}, {"gh", "g"}, {"w", "v"}, {"q", "k"}, {"z", "s"}, {"'", ""},
};

}  // namespace

std::string NameKey(std::string_view word) {
  const std::string latin = Transliterate(word);
  const std::string_view view(latin);
  std::string merged;
  merged.reserve(latin.size());
  for (size_t i = 0; i < latin.size();) {
    char c = latin[i];
    if (!((c >= 'a' && c <= 'z') || c == '\'')) {  // digits, hyphens, leftovers
      ++i;
      continue;
    }
    bool rewritten = false;
    for (const Rewrite& r : kRewrites) {
      if (r.from[0] == c && view.substr(i, r.from.size()) == r.from) {
        merged += r.to;
        i += r.from.size();
        rewritten = true;
        break;
      }
    }
    if (!rewritten) merged += latin[i++];
  }
  if (merged.size() < 3) return {};
  std::string key(1, merged[0]);
  for (size_t i = 1; i < merged.size() && key.size() < 4; ++i) {
    char c = merged[i];
    if (std::strchr("aeiouy", c)) continue;
    if (c == key.back()) continue;  // doubled letters: "Hassan" ~ "Хасан"
    key += c;
  }
  return key.size() >= 2 ? key : std::string();
}

}  // namespace newsalign
