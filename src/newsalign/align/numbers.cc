#include "newsalign/align/numbers.h"

#include <cmath>
#include <cstdio>

#include "newsalign/text/words.h"

namespace newsalign {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length in bytes of a space that may separate digit groups ("2 000"): ASCII space,
// no-break space U+00A0, thin space U+2009, narrow no-break space U+202F; 0 otherwise.
size_t GroupSpaceAt(std::string_view s, size_t i) {
  if (i < s.size() && s[i] == ' ') return 1;
  if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
  if (s.compare(i, 3, "\xE2\x80\x89") == 0 || s.compare(i, 3, "\xE2\x80\xAF") == 0) return 3;
  return 0;
}

size_t DigitRun(std::string_view s, size_t i) {
  size_t n = 0;
  while (i + n < s.size() && IsDigit(s[i + n])) ++n;
  return n;
}

// A scale word or a month, recognised by the prefix of the case-folded word.
struct WordMeaning {
  std::string_view prefix;  // a view, not a C string: no strlen per entry per number
  double scale;  // > 0: multiplies the number before it
  int month;     // > 0: a month name
  bool exact;    // the whole word must equal `prefix`
};

// Prefix tables per meaning; languages share one table since the words do not collide.
const WordMeaning kWords[] = {
    // scale words
    {"тыс", 1e3, 0, false}, {"млн", 1e6, 0, false}, {"миллион", 1e6, 0, false},
    {"млрд", 1e9, 0, false}, {"миллиард", 1e9, 0, false}, {"трлн", 1e12, 0, false},
    {"триллион", 1e12, 0, false},
    {"thousand", 1e3, 0, false}, {"million", 1e6, 0, false}, {"mln", 1e6, 0, true},
    {"m", 1e6, 0, true}, {"bn", 1e9, 0, true}, {"billion", 1e9, 0, false},
    {"trillion", 1e12, 0, false}, {"tausend", 1e3, 0, false}, {"mio", 1e6, 0, true},
    {"millionen", 1e6, 0, true}, {"mrd", 1e9, 0, true}, {"milliard", 1e9, 0, false},
    {"mille", 1e3, 0, true}, {"millions", 1e6, 0, true},
    // months: Russian (any case form), English, German, French
    {"январ", 0, 1, false}, {"феврал", 0, 2, false}, {"март", 0, 3, false},
    {"апрел", 0, 4, false}, {"мая", 0, 5, true}, {"май", 0, 5, true}, {"мае", 0, 5, true}, {"июн", 0, 6, false},
    {"июл", 0, 7, false}, {"август", 0, 8, false}, {"сентябр", 0, 9, false},
    {"октябр", 0, 10, false}, {"ноябр", 0, 11, false}, {"декабр", 0, 12, false},
    {"january", 0, 1, true}, {"jan", 0, 1, true}, {"february", 0, 2, true}, {"feb", 0, 2, true},
    {"march", 0, 3, true}, {"mar", 0, 3, true}, {"april", 0, 4, true}, {"apr", 0, 4, true},
    {"may", 0, 5, true}, {"june", 0, 6, true}, {"jun", 0, 6, true}, {"july", 0, 7, true},
    {"jul", 0, 7, true}, {"august", 0, 8, true}, {"aug", 0, 8, true},
    {"september", 0, 9, true}, {"sept", 0, 9, true}, {"sep", 0, 9, true},
    {"october", 0, 10, true}, {"oct", 0, 10, true}, {"november", 0, 11, true},
    {"nov", 0, 11, true}, {"december", 0, 12, true}, {"dec", 0, 12, true},
    {"januar", 0, 1, true}, {"februar", 0, 2, true}, {"märz", 0, 3, true}, {"mai", 0, 5, true},
    {"juni", 0, 6, true}, {"juli", 0, 7, true}, {"oktober", 0, 10, true},
    {"dezember", 0, 12, true}, {"janvier", 0, 1, true}, {"février", 0, 2, true},
    {"mars", 0, 3, true}, {"avril", 0, 4, true}, {"juin", 0, 6, true},
    {"juillet", 0, 7, true}, {"août", 0, 8, true}, {"septembre", 0, 9, true},
    {"octobre", 0, 10, true}, {"novembre", 0, 11, true}, {"décembre", 0, 12, true},
};

const WordMeaning* Meaning(std::string_view folded) {
  for (const WordMeaning& w : kWords) {
    if (w.exact ? folded == w.prefix : folded.substr(0, w.prefix.size()) == w.prefix) return &w;
  }
  return nullptr;
}

// The letters of the word starting at byte i (ASCII or any multi-byte UTF-8 letter; we stop
// at ASCII punctuation, digits and white space), case-folded.
std::string WordAt(std::string_view s, size_t i, size_t* end) {
  size_t j = i;
  while (j < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[j]);
    bool ascii_letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c < 0x80 && !ascii_letter) break;
    if (c >= 0x80 && GroupSpaceAt(s, j)) break;
    if (c == 0xE2) break;  // dashes, quotes and other punctuation of U+2000..U+2BFF
    ++j;
  }
  if (end) *end = j;
  return j > i ? FoldCase(s.substr(i, j - i)) : std::string();
}

// The word just before byte i, skipping spaces and commas (for "December 9"); *end is
// where that word ends.
std::string WordBefore(std::string_view s, size_t i, size_t* end) {
  size_t j = i;
  while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == ',')) --j;
  if (j == i) return {};
  size_t k = j;
  while (k > 0) {
    unsigned char c = static_cast<unsigned char>(s[k - 1]);
    bool ascii_letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c < 0x80 && !ascii_letter) break;
    --k;
  }
  // Do not cut a multi-byte character in half.
  while (k < j && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) ++k;
  *end = j;
  return FoldCase(s.substr(k, j - k));
}

std::string FormatValue(double v) {
  char buf[64];
  if (v < 1e15 && std::fabs(v - std::round(v)) < 1e-9) {
    std::snprintf(buf, sizeof buf, "%.0f", std::round(v));
  } else {
    std::snprintf(buf, sizeof buf, "%.6g", v);
  }
  return buf;
}

}  // namespace

std::vector<std::string> NumberKeys(std::string_view s, const std::string& lang) {
  std::vector<std::string> keys;
  const bool comma_groups = lang == "en";  // "2,000" is two thousand only in English
  size_t month_word_end = std::string_view::npos;  // a month already read after a number
  size_t i = 0;
  while (i < s.size()) {
    if (!IsDigit(s[i]) || (i > 0 && IsDigit(s[i - 1]))) {
      ++i;
      continue;
    }
    size_t start = i;
    // Groups of digits and the separators between them.
    std::vector<std::string_view> groups;
    std::vector<char> seps;  // '.', ',', ' '
    size_t n = DigitRun(s, i);
    groups.push_back(s.substr(i, n));
    i += n;
    while (i < s.size()) {
      char sep = 0;
      size_t len = 0;
      if (s[i] == '.' || s[i] == ',') {
        sep = s[i];
        len = 1;
      } else if (size_t sp = GroupSpaceAt(s, i)) {
        sep = ' ';
        len = sp;
      }
      if (!sep) break;
      size_t run = DigitRun(s, i + len);
      if (run == 0) break;
      // A space only joins thousands groups: "2 000", never "2017 20".
      if (sep == ' ' && (run != 3 || groups.back().size() > 3)) break;
      seps.push_back(sep);
      groups.push_back(s.substr(i + len, run));
      i += len + run;
    }

    // dd.mm.yyyy or dd.mm.yy: a date.
    if (groups.size() == 3 && seps[0] == '.' && seps[1] == '.' && groups[0].size() <= 2 &&
        groups[1].size() <= 2 && (groups[2].size() == 4 || groups[2].size() == 2)) {
      int day = std::stoi(std::string(groups[0]));
      int month = std::stoi(std::string(groups[1]));
      if (day >= 1 && day <= 31 && month >= 1 && month <= 12) {
        keys.push_back(std::to_string(day));
        keys.push_back("m" + std::to_string(month));
        std::string year(groups[2]);
        keys.push_back(year.size() == 2 ? "20" + year : year);
        continue;
      }
    }

    // Integer part and optional fraction.
    std::string integer(groups[0]);
    std::string fraction;
    for (size_t g = 1; g < groups.size(); ++g) {
      char sep = seps[g - 1];
      bool thousands = sep == ' ' || (sep == ',' && comma_groups && groups[g].size() == 3) ||
                       (sep == '.' && !comma_groups && groups[g].size() == 3 && g + 1 < groups.size());
      if (thousands && fraction.empty()) {
        integer += groups[g];
      } else if (fraction.empty() && (sep == '.' || sep == ',')) {
        fraction = std::string(groups[g]);
      } else {
        // "1.2.3" or "5, 6": emit what we have and treat the rest as a new number.
        i = static_cast<size_t>(groups[g].data() - s.data());
        break;
      }
    }
    double value = std::stod(integer + (fraction.empty() ? "" : "." + fraction));

    // The word after: a scale ("млн", "million") or a month ("декабря"); ordinal
    // endings ("21st", "21-й") are skipped by the same step.
    size_t j = i;
    if (j < s.size() && s[j] == '-') ++j;  // "21-й", "5-million"
    else if (size_t sp = GroupSpaceAt(s, j)) j += sp;
    size_t word_end = j;
    std::string next = WordAt(s, j, &word_end);
    const WordMeaning* after = next.empty() ? nullptr : Meaning(next);
    if (after && after->scale > 0) {
      value *= after->scale;
    }
    keys.push_back(FormatValue(value));
    if (after && after->month > 0) {
      keys.push_back("m" + std::to_string(after->month));
      month_word_end = word_end;
    } else {
      // "December 9": the month stands before; unless it already served "9 December 2017".
      size_t before_end = 0;
      const WordMeaning* before = Meaning(WordBefore(s, start, &before_end));
      if (before && before->month > 0 && before_end != month_word_end)
        keys.push_back("m" + std::to_string(before->month));
    }
  }
  return keys;
}

}  // namespace newsalign
