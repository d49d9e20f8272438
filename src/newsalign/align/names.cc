#include "newsalign/align/names.h"

#include <cstring>

#include "newsalign/text/words.h"

namespace newsalign {
namespace {

// Spelling variants of one sound, longest first so that "dzh" wins over "zh".
struct Rewrite {
  const char* from;
  const char* to;
};
const Rewrite kRewrites[] = {
    {"shch", "s"}, {"dzh", "j"}, {"tch", "c"}, {"sch", "s"}, {"zh", "j"}, {"kh", "h"},
    {"ts", "c"}, {"tz", "c"}, {"ch", "c"}, {"sh", "s"}, {"ks", "x"}, {"ph", "f"},
    {"ck", "k"}, {"gh", "g"}, {"w", "v"}, {"q", "k"}, {"z", "s"}, {"'", ""},
};

}  // namespace

std::string NameKey(std::string_view word) {
  std::string latin = Transliterate(word);
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
      size_t n = std::strlen(r.from);
      if (latin.compare(i, n, r.from) == 0) {
        merged += r.to;
        i += n;
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
