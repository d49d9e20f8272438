// Term pairs (terms.h has the method). Words come from text/words.h (the same tokens and
// Snowball stems as the aligner and the search index), so a term found here is found by
// `newsalign search` under any of its inflections.
#include "newsalign/terms/terms.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "newsalign/core/xml.h"
#include "newsalign/text/words.h"

namespace newsalign {
namespace {

// Words a term neither starts nor ends with (folded spellings): function words, pronouns,
// auxiliaries, and the reporting verbs news repeats in every paragraph.
const char* const kStopRu[] = {
    "а", "без", "более", "бы", "был", "была", "были", "было", "быть", "в", "вам", "вас", "весь", "во", "вот",
    "все", "всего", "всех", "вы", "где", "да", "даже", "для", "до", "его", "ее", "ей", "ему", "если", "есть",
    "еще", "же", "за", "здесь", "и", "из", "или", "им", "ими", "их", "к", "как", "какой", "когда", "кого",
    "кому", "который", "которая", "которое", "которые", "которого", "которой", "котором", "которому",
    "которым", "которыми", "которых", "кто", "ли", "либо", "между", "меня", "мне", "много", "может", "можно",
    "мы", "на", "над", "надо", "наш", "наша", "наши", "нас", "не", "него", "нее", "ней", "нет", "ни", "них",
    "но", "ну", "о", "об", "однако", "он", "она", "они", "оно", "от", "очень", "по", "под", "после", "потому",
    "при", "про", "раз", "с", "свой", "своей", "своих", "свою", "себе", "себя", "со", "так", "также", "такой",
    "там", "тем", "то", "того", "тоже", "той", "только", "том", "тот", "у", "уже", "чем", "что", "чтобы",
    "чего", "эта", "эти", "это", "этого", "этой", "этом", "этот", "эту", "я", "ее", "лишь", "ещё", "её",
    "заявил", "заявила", "заявили", "сказал", "сказала", "сказали", "сообщил", "сообщила", "сообщили",
    "отметил", "отметила", "добавил", "добавила", "говорит", "говорится", "рассказал", "рассказала",
    "пишет", "передает", "сообщает", "сообщается", "словам", "время", "будет", "будут", "может", "могут",
    "является", "стал", "стала", "стало", "стали", "своего", "своим", "свои", "всем", "всей", "всю", "вся",
    "один", "одна", "одно", "одного", "одной", "два", "две", "три", "г", "гг", "т", "тыс", "млн", "млрд", "др"};
const char* const kStopEn[] = {
    "a", "about", "after", "against", "all", "also", "among", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "during", "each", "either", "even", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his",
    "how", "however", "i", "if", "in", "into", "is", "it", "its", "just", "may", "me", "might", "more", "most",
    "mr", "mrs", "ms", "must", "my", "no", "nor", "not", "now", "of", "off", "on", "one", "only", "or", "other",
    "our", "out", "over", "said", "same", "say", "says", "she", "should", "since", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "told",
    "too", "two", "three", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet",
    "you", "your", "according", "added", "noted", "s", "t", "also", "while", "well", "still", "down", "per",
    "via", "around", "across", "many", "much", "own", "every", "like", "another", "does", "being", "whether",
    "million", "billion", "thousand", "percent"};

// Words that translate reliably but name no concept of a field (calendar, ordinals, time
// adverbs, generic adjectives): never a term on their own, nor a term made of them only.
const char* const kGenericRu[] = {
    "январь", "января", "февраль", "февраля", "март", "марта", "апрель", "апреля", "май", "мая", "июнь", "июня",
    "июль", "июля", "август", "августа", "сентябрь", "сентября", "октябрь", "октября", "ноябрь", "ноября",
    "декабрь", "декабря", "понедельник", "вторник", "среда", "среду", "четверг", "пятница", "пятницу",
    "суббота", "субботу", "воскресенье", "год", "года", "году", "лет", "годы", "годах", "неделя", "неделе",
    "недели", "неделю", "месяц", "месяца", "месяце", "день", "дня", "дней", "время", "сегодня", "вчера",
    "завтра", "ранее", "позже", "затем", "назад", "недавно", "сейчас", "теперь", "около", "почти", "первый",
    "второй", "третий", "третье", "первой", "второго", "первого", "последний", "новый", "новых", "новые",
    "новой", "нового", "главный", "прошлой", "прошлом", "прошлого", "следующий", "человек", "люди", "людей",
    "число", "часть", "ряд", "раза", "также", "несколько", "более", "менее"};
const char* const kGenericEn[] = {
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "year",
    "years", "week", "weeks", "month", "months", "day", "days", "time", "today", "yesterday", "tomorrow",
    "earlier", "later", "ago", "recent", "recently", "now", "first", "second", "third", "last", "next", "new",
    "main", "people", "number", "part", "several", "least", "less", "early", "late", "previous"};

constexpr int kRu = 0, kEn = 1;
constexpr double kSubsumed = 0.9;  // share of a candidate's beads a longer one must have to replace it

bool EndsWith(std::string_view s, std::string_view end) {
  return s.size() > end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// A Russian word form that only an adjective or participle has (a noun phrase does not end
// with one, and one alone is not a term). Nouns in -ние/-тие are not adjectives.
bool AdjectiveForm(std::string_view folded) {
  if (EndsWith(folded, "ние") || EndsWith(folded, "тие")) return false;
  for (const char* e : {"ый", "ий", "ая", "яя", "ое", "ые", "ие", "ого", "его", "ому", "ему", "ыми", "ими", "ых",
                        "их", "ую", "юю", "ой"})
    if (EndsWith(folded, e) && folded.size() > std::string_view(e).size() + 4) return true;
  return false;
}

struct Token {
  uint32_t stem = 0;     // id in the side's stem table
  uint32_t begin = 0;    // bytes of the bead's side text
  uint32_t end = 0;
  bool stop = false;     // a stopword: not at a term's edge
  bool generic = false;  // a generic word: not a term alone
  bool adjective = false;  // (Russian) an adjective's form: not at a term's end
  bool number = false;   // digits only: never in a term
  bool initial = false;  // first word of the text
  bool break_before = false;  // punctuation (not a hyphen or dash) since the previous word
};

struct BeadWords {
  int64_t id = 0;
  double score = 0;
  std::string text[2];
  std::vector<Token> tokens[2];
};

// The candidates of one side: key (stem ids) -> id, with their bead counts.
struct Candidates {
  std::unordered_map<std::string, uint32_t> id_of;  // packed stem ids -> candidate id
  std::vector<std::vector<uint32_t>> stems;          // per candidate
  std::vector<int> freq;                             // beads
  std::vector<std::map<std::string, double>> forms;  // spelling -> weight
  std::vector<std::vector<uint32_t>> in_bead;        // per bead: candidate ids, sorted unique
  std::vector<int> occurrences, adjective_end;        // occurrences, and those ending in an adjective
  std::vector<bool> dropped;                          // not a term after all (see Build)
};

std::string Pack(const std::vector<Token>& t, size_t i, size_t n) {
  std::string key(n * 4, '\0');
  for (size_t k = 0; k < n; ++k)
    for (int b = 0; b < 4; ++b) key[k * 4 + b] = static_cast<char>((t[i + k].stem >> (8 * b)) & 0xFF);
  return key;
}

bool IsDash(std::string_view gap) {
  // Inside a term a gap may hold spaces, a hyphen, an en or em dash ("государства – члены").
  size_t i = 0;
  while (i < gap.size()) {
    unsigned char c = static_cast<unsigned char>(gap[i]);
    if (c == ' ' || c == '-' || c == 0xA0) {
      ++i;
    } else if (gap.compare(i, 3, "\xE2\x80\x93") == 0 || gap.compare(i, 3, "\xE2\x80\x94") == 0 ||
               gap.compare(i, 2, "\xC2\xA0") == 0) {
      i += gap.compare(i, 2, "\xC2\xA0") == 0 ? 2 : 3;
    } else {
      return false;
    }
  }
  return true;
}

double XLogX(double o, double e) { return o > 0 ? o * std::log(o / e) : 0.0; }

// Dunning's G² for a 2x2 table of beads: a both, b x only, c y only, d neither.
double LogLikelihood(double a, double b, double c, double d) {
  double n = a + b + c + d;
  if (n <= 0) return 0;
  double r1 = a + b, r2 = c + d, c1 = a + c, c2 = b + d;
  double g = XLogX(a, r1 * c1 / n) + XLogX(b, r1 * c2 / n) + XLogX(c, r2 * c1 / n) + XLogX(d, r2 * c2 / n);
  return 2.0 * g;
}

std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

}  // namespace

struct TermExtractor::Impl {
  WordTools tools[2] = {WordTools("ru"), WordTools("en")};
  std::unordered_set<std::string> stop[2], generic[2];
  std::unordered_map<std::string, uint32_t> stem_id[2];
  std::vector<std::string> stem_text[2];
  std::vector<BeadWords> beads;
  std::vector<WordSpan> spans;

  Impl() {
    for (const char* w : kStopRu) stop[kRu].insert(w);
    for (const char* w : kStopEn) stop[kEn].insert(w);
    for (const char* w : kGenericRu) generic[kRu].insert(w);
    for (const char* w : kGenericEn) generic[kEn].insert(w);
  }

  uint32_t Intern(int side, const std::string& stem) {
    auto [it, added] = stem_id[side].emplace(stem, static_cast<uint32_t>(stem_text[side].size()));
    if (added) stem_text[side].push_back(stem);
    return it->second;
  }

  void Words(int side, const std::string& text, std::vector<Token>& out) {
    tools[side].WordSpans(text, &spans);
    size_t last_end = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
      const WordSpan& w = spans[i];
      Token t;
      t.begin = static_cast<uint32_t>(w.begin);
      t.end = static_cast<uint32_t>(w.end);
      t.stem = Intern(side, tools[side].Stem(w.folded));
      t.stop = stop[side].count(w.folded) > 0 || w.folded.size() < 2;
      t.generic = generic[side].count(w.folded) > 0;
      t.adjective = side == kRu ? AdjectiveForm(w.folded) : EndsWith(w.folded, "ly");
      bool letters = false;
      for (unsigned char c : w.folded) letters = letters || (!(c >= '0' && c <= '9') && c != ',' && c != '.');
      t.number = !letters;
      t.initial = i == 0;
      t.break_before = i > 0 && !IsDash(std::string_view(text).substr(last_end, w.begin - last_end));
      last_end = w.end;
      out.push_back(t);
    }
  }

  // Whether tokens [i, i + n) may form a term.
  static bool Eligible(const std::vector<Token>& t, size_t i, size_t n) {
    if (t[i].stop || t[i + n - 1].stop) return false;
    bool all_generic = true;
    for (size_t k = 0; k < n; ++k) all_generic = all_generic && (t[i + k].generic || t[i + k].stop);
    if (all_generic) return false;
    for (size_t k = 0; k < n; ++k) {
      if (t[i + k].number) return false;
      if (k > 0 && t[i + k].break_before) return false;
    }
    return true;
  }

  Candidates Build(int side, int min_freq, int max_words) const {
    Candidates c;
    // Words that are too rare cannot be in a frequent term.
    std::vector<int> word_freq(stem_text[side].size(), 0);
    std::vector<uint32_t> seen;
    for (const BeadWords& b : beads) {
      seen.clear();
      for (const Token& t : b.tokens[side]) seen.push_back(t.stem);
      std::sort(seen.begin(), seen.end());
      seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
      for (uint32_t s : seen) ++word_freq[s];
    }
    std::unordered_map<std::string, int> freq;
    std::vector<std::string> keys;
    auto each = [&](const BeadWords& b, auto&& fn) {
      const std::vector<Token>& t = b.tokens[side];
      for (size_t i = 0; i < t.size(); ++i) {
        for (size_t n = 1; n <= static_cast<size_t>(max_words) && i + n <= t.size(); ++n) {
          if (word_freq[t[i + n - 1].stem] < min_freq) break;
          if (n > 1 && t[i + n - 1].break_before) break;
          if (t[i + n - 1].number) break;
          if (!Eligible(t, i, n)) continue;
          fn(i, n);
        }
      }
    };
    for (const BeadWords& b : beads) {
      keys.clear();
      each(b, [&](size_t i, size_t n) { keys.push_back(Pack(b.tokens[side], i, n)); });
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      for (const std::string& k : keys) ++freq[k];
    }
    for (const auto& [key, f] : freq) {
      if (f < min_freq) continue;
      uint32_t id = static_cast<uint32_t>(c.freq.size());
      c.id_of.emplace(key, id);
      c.freq.push_back(f);
      std::vector<uint32_t> stems(key.size() / 4);
      for (size_t k = 0; k < stems.size(); ++k)
        for (int by = 0; by < 4; ++by) stems[k] |= static_cast<uint32_t>(static_cast<unsigned char>(key[k * 4 + by])) << (8 * by);
      c.stems.push_back(std::move(stems));
    }
    c.forms.resize(c.freq.size());
    c.occurrences.assign(c.freq.size(), 0);
    c.adjective_end.assign(c.freq.size(), 0);
    c.in_bead.resize(beads.size());
    for (size_t bi = 0; bi < beads.size(); ++bi) {
      const BeadWords& b = beads[bi];
      std::vector<uint32_t>& ids = c.in_bead[bi];
      each(b, [&](size_t i, size_t n) {
        auto it = c.id_of.find(Pack(b.tokens[side], i, n));
        if (it == c.id_of.end()) return;
        ids.push_back(it->second);
        const Token& first = b.tokens[side][i];
        const Token& last = b.tokens[side][i + n - 1];
        c.forms[it->second][b.text[side].substr(first.begin, last.end - first.begin)] += first.initial ? 0.5 : 1.0;
        ++c.occurrences[it->second];
        c.adjective_end[it->second] += last.adjective;
      });
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    // Not noun-phrase-like: mostly ending in an adjective's (or, in English, an adverb's) form.
    c.dropped.assign(c.freq.size(), false);
    for (size_t id = 0; id < c.freq.size(); ++id)
      if (2 * c.adjective_end[id] > c.occurrences[id]) c.dropped[id] = true;
    // Part of a longer candidate nearly every time: the longer one is the term ("налога на
    // заработную" inside "налога на заработную плату").
    for (size_t id = 0; id < c.freq.size(); ++id) {
      const std::vector<uint32_t>& st = c.stems[id];
      for (size_t i = 0; i < st.size(); ++i) {
        for (size_t n = 1; i + n <= st.size(); ++n) {
          if (n == st.size()) continue;
          std::string key(n * 4, '\0');
          for (size_t k = 0; k < n; ++k)
            for (int b = 0; b < 4; ++b) key[k * 4 + b] = static_cast<char>((st[i + k] >> (8 * b)) & 0xFF);
          auto it = c.id_of.find(key);
          if (it != c.id_of.end() && !c.dropped[id] && c.freq[id] >= kSubsumed * c.freq[it->second])
            c.dropped[it->second] = true;
        }
      }
    }
    for (std::vector<uint32_t>& ids : c.in_bead)
      ids.erase(std::remove_if(ids.begin(), ids.end(), [&](uint32_t id) { return c.dropped[id]; }), ids.end());
    return c;
  }

  // The most frequent spelling. In Russian, of the frequent ones (a quarter of the top weight
  // or more), one whose adjectives are in the nominative when there is one ("Белый дом"
  // rather than "Белого дома").
  static std::string Form(int side, const std::map<std::string, double>& forms) {
    double top = 0;
    for (const auto& f : forms) top = std::max(top, f.second);
    std::string best;
    int best_nominative = -1;
    double weight = -1;
    std::vector<std::string> words;
    for (const auto& [form, w] : forms) {
      int nominative = 0;
      if (side == kRu) {
        if (w < 0.25 * top) continue;
        size_t pos = 0;
        std::string folded = FoldCase(form);
        bool any = false, all = true;
        while (pos < folded.size()) {
          size_t space = folded.find(' ', pos);
          std::string word = folded.substr(pos, space == std::string::npos ? std::string::npos : space - pos);
          pos = space == std::string::npos ? folded.size() : space + 1;
          if (!AdjectiveForm(word)) continue;
          any = true;
          bool nom = false;
          for (const char* e : {"ый", "ий", "ой", "ая", "яя", "ое", "ее"}) nom = nom || EndsWith(word, e);
          all = all && nom;
        }
        nominative = any && all ? 1 : 0;
      }
      if (nominative > best_nominative || (nominative == best_nominative && w > weight) ||
          (nominative == best_nominative && w == weight && form.size() < best.size())) {
        best = form;
        best_nominative = nominative;
        weight = w;
      }
    }
    return OneLine(best);
  }

  std::string Key(int side, const std::vector<uint32_t>& stems) const {
    std::string out;
    for (uint32_t s : stems) out += (out.empty() ? "" : " ") + stem_text[side][s];
    return out;
  }

  static bool Contains(const std::vector<uint32_t>& longer, const std::vector<uint32_t>& shorter) {
    if (shorter.size() >= longer.size()) return false;
    return std::search(longer.begin(), longer.end(), shorter.begin(), shorter.end()) != longer.end();
  }
};

TermExtractor::TermExtractor() : impl_(std::make_unique<Impl>()) {}
TermExtractor::~TermExtractor() = default;
TermExtractor::TermExtractor(TermExtractor&&) noexcept = default;

size_t TermExtractor::beads() const { return impl_->beads.size(); }

void TermExtractor::Add(int64_t bead_id, std::string_view ru, std::string_view en, double score) {
  if (ru.empty() || en.empty()) return;
  BeadWords b;
  b.id = bead_id;
  b.score = score;
  b.text[kRu] = std::string(ru);
  b.text[kEn] = std::string(en);
  impl_->Words(kRu, b.text[kRu], b.tokens[kRu]);
  impl_->Words(kEn, b.text[kEn], b.tokens[kEn]);
  impl_->beads.push_back(std::move(b));
}

std::vector<TermPair> TermExtractor::Pairs(const TermOptions& o) const {
  const Impl& im = *impl_;
  Candidates x = im.Build(kRu, o.min_freq, o.max_words);
  Candidates y = im.Build(kEn, o.min_freq, o.max_words);
  struct Joint {
    int n = 0;
    size_t example = 0;  // bead index
  };
  std::unordered_map<uint64_t, Joint> joint;
  for (size_t bi = 0; bi < im.beads.size(); ++bi) {
    for (uint32_t a : x.in_bead[bi]) {
      for (uint32_t b : y.in_bead[bi]) {
        Joint& j = joint[(static_cast<uint64_t>(a) << 32) | b];
        if (j.n == 0 || im.beads[bi].score > im.beads[j.example].score) j.example = bi;
        ++j.n;
      }
    }
  }
  const double n = static_cast<double>(im.beads.size());
  struct Scored {
    uint32_t a, b;
    int n;
    size_t example;
    double llr, dice;
  };
  std::vector<Scored> scored;
  for (const auto& [key, j] : joint) {
    if (j.n < o.min_freq) continue;
    uint32_t a = static_cast<uint32_t>(key >> 32), b = static_cast<uint32_t>(key & 0xFFFFFFFF);
    double fa = x.freq[a], fb = y.freq[b];
    if (j.n * n <= fa * fb) continue;  // not above chance
    double dice = 2.0 * j.n / (fa + fb);
    if (dice < o.min_dice) continue;
    double llr = LogLikelihood(j.n, fa - j.n, fb - j.n, n - fa - fb + j.n);
    if (llr < o.min_llr) continue;
    scored.push_back(Scored{a, b, j.n, j.example, llr, dice});
  }
  auto len_gap = [&](const Scored& s) {
    return std::abs(static_cast<int>(x.stems[s.a].size()) - static_cast<int>(y.stems[s.b].size()));
  };
  std::sort(scored.begin(), scored.end(), [&](const Scored& p, const Scored& q) {
    if (p.dice != q.dice) return p.dice > q.dice;
    if (len_gap(p) != len_gap(q)) return len_gap(p) < len_gap(q);
    if (p.llr != q.llr) return p.llr > q.llr;
    return std::tie(p.a, p.b) < std::tie(q.a, q.b);
  });
  std::vector<bool> linked_x(x.freq.size()), linked_y(y.freq.size());
  std::vector<Scored> links;
  for (const Scored& s : scored) {
    if (linked_x[s.a] || linked_y[s.b]) continue;
    linked_x[s.a] = linked_y[s.b] = true;
    links.push_back(s);
  }
  // Drop a link that a longer one contains on both sides and nearly always accompanies.
  std::vector<bool> drop(links.size(), false);
  for (size_t i = 0; i < links.size(); ++i) {
    for (size_t k = 0; k < links.size() && !drop[i]; ++k) {
      if (k == i) continue;
      const Scored& s = links[i];
      const Scored& l = links[k];
      bool inside = (Impl::Contains(x.stems[l.a], x.stems[s.a]) || l.a == s.a) &&
                    (Impl::Contains(y.stems[l.b], y.stems[s.b]) || l.b == s.b);
      if (inside && l.n >= o.nested_share * s.n) drop[i] = true;
    }
  }
  std::vector<TermPair> out;
  for (size_t i = 0; i < links.size(); ++i) {
    if (drop[i]) continue;
    const Scored& s = links[i];
    TermPair p;
    p.ru = Impl::Form(kRu, x.forms[s.a]);
    p.en = Impl::Form(kEn, y.forms[s.b]);
    p.ru_key = im.Key(kRu, x.stems[s.a]);
    p.en_key = im.Key(kEn, y.stems[s.b]);
    p.ru_freq = x.freq[s.a];
    p.en_freq = y.freq[s.b];
    p.joint = s.n;
    p.llr = s.llr;
    p.dice = s.dice;
    const BeadWords& b = im.beads[s.example];
    p.example_bead = b.id;
    p.example_ru = OneLine(b.text[kRu]);
    p.example_en = OneLine(b.text[kEn]);
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const TermPair& a, const TermPair& b) {
    if (a.llr != b.llr) return a.llr > b.llr;
    return a.ru_key < b.ru_key;
  });
  return out;
}

std::vector<TermPair> TermExtractor::Lookup(std::string_view term, const TermOptions& o) const {
  const Impl& im = *impl_;
  std::vector<WordSpan> spans;
  // The side is the script: any Cyrillic letter makes it Russian.
  bool cyrillic = false;
  for (size_t i = 0; i + 1 < term.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(term[i]);
    if (c == 0xD0 || c == 0xD1) cyrillic = true;
  }
  const int side = cyrillic ? kRu : kEn;
  const int other = 1 - side;
  im.tools[side].WordSpans(term, &spans);
  if (spans.empty()) return {};
  std::vector<uint32_t> want;
  for (const WordSpan& w : spans) {
    auto it = im.stem_id[side].find(im.tools[side].Stem(w.folded));
    if (it == im.stem_id[side].end()) return {};
    want.push_back(it->second);
  }
  Candidates y = im.Build(other, 2, o.max_words);
  std::map<std::string, double> forms;
  std::vector<size_t> with;  // bead indices containing the term
  for (size_t bi = 0; bi < im.beads.size(); ++bi) {
    const std::vector<Token>& t = im.beads[bi].tokens[side];
    bool found = false;
    for (size_t i = 0; i + want.size() <= t.size(); ++i) {
      bool ok = true;
      for (size_t k = 0; ok && k < want.size(); ++k) ok = t[i + k].stem == want[k];
      if (!ok) continue;
      found = true;
      forms[im.beads[bi].text[side].substr(t[i].begin, t[i + want.size() - 1].end - t[i].begin)] +=
          t[i].initial ? 0.5 : 1.0;
    }
    if (found) with.push_back(bi);
  }
  if (with.empty()) return {};
  std::unordered_map<uint32_t, std::pair<int, size_t>> joint;  // candidate -> (beads, example)
  for (size_t bi : with) {
    for (uint32_t b : y.in_bead[bi]) {
      auto& j = joint[b];
      if (j.first == 0 || im.beads[bi].score > im.beads[j.second].score) j.second = bi;
      ++j.first;
    }
  }
  const double n = static_cast<double>(im.beads.size());
  const double fa = static_cast<double>(with.size());
  std::vector<TermPair> out;
  const std::string form = Impl::Form(side, forms);
  std::string key;
  for (uint32_t s : want) key += (key.empty() ? "" : " ") + im.stem_text[side][s];
  for (const auto& [b, j] : joint) {
    const double fb = y.freq[b];
    if (j.first < 2 || j.first * n <= fa * fb) continue;
    TermPair p;
    std::string their_form = Impl::Form(other, y.forms[b]);
    std::string their_key = im.Key(other, y.stems[b]);
    (side == kRu ? p.ru : p.en) = form;
    (side == kRu ? p.en : p.ru) = their_form;
    (side == kRu ? p.ru_key : p.en_key) = key;
    (side == kRu ? p.en_key : p.ru_key) = their_key;
    (side == kRu ? p.ru_freq : p.en_freq) = static_cast<int>(fa);
    (side == kRu ? p.en_freq : p.ru_freq) = static_cast<int>(fb);
    p.joint = j.first;
    p.dice = 2.0 * j.first / (fa + fb);
    p.llr = LogLikelihood(j.first, fa - j.first, fb - j.first, n - fa - fb + j.first);
    if (p.llr < o.min_llr) continue;  // chance company
    const BeadWords& bead = im.beads[j.second];
    p.example_bead = bead.id;
    p.example_ru = OneLine(bead.text[kRu]);
    p.example_en = OneLine(bead.text[kEn]);
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const TermPair& a, const TermPair& b) {
    if (a.dice != b.dice) return a.dice > b.dice;
    return a.llr > b.llr;
  });
  return out;
}

std::string TermsTsv(const std::vector<TermPair>& pairs) {
  std::string out = "ru\ten\tjoint\tllr\tdice\tru_freq\ten_freq\tbead\texample_ru\texample_en\n";
  char num[64];
  for (const TermPair& p : pairs) {
    std::snprintf(num, sizeof num, "%d\t%.1f\t%.3f\t%d\t%d\t", p.joint, p.llr, p.dice, p.ru_freq, p.en_freq);
    out += OneLine(p.ru) + "\t" + OneLine(p.en) + "\t" + num + std::to_string(p.example_bead) + "\t" +
           OneLine(p.example_ru) + "\t" + OneLine(p.example_en) + "\n";
  }
  return out;
}

namespace {

std::string Xml(std::string_view s) {
  std::string out;
  AppendXmlEscaped(out, s, false);
  return out;
}

}  // namespace

std::string TermsTbx(const std::vector<TermPair>& pairs, const std::string& source_description) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<?xml-model href=\"https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
      "TBXcoreStructV03_TBX-Basic_integrated.rng\" type=\"application/xml\" "
      "schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n"
      "<tbx style=\"dca\" type=\"TBX-Basic\" xml:lang=\"ru\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
      "  <tbxHeader>\n    <fileDesc>\n      <sourceDesc>\n        <p>" +
      Xml(source_description) +
      "</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n";
  int n = 0;
  char note[160];
  for (const TermPair& p : pairs) {
    ++n;
    std::snprintf(note, sizeof note, "beads together: %d (ru %d, en %d); log-likelihood %.1f; Dice %.3f; bead %lld",
                  p.joint, p.ru_freq, p.en_freq, p.llr, p.dice, static_cast<long long>(p.example_bead));
    out += "      <conceptEntry id=\"c" + std::to_string(n) + "\">\n";
    out += "        <note>" + Xml(note) + "</note>\n";
    for (int side = 0; side < 2; ++side) {
      out += std::string("        <langSec xml:lang=\"") + (side == 0 ? "ru" : "en") + "\">\n";
      out += "          <termSec>\n";
      out += "            <term>" + Xml(side == 0 ? p.ru : p.en) + "</term>\n";
      const std::string& example = side == 0 ? p.example_ru : p.example_en;
      if (!example.empty()) out += "            <descrip type=\"context\">" + Xml(example) + "</descrip>\n";
      out += "          </termSec>\n        </langSec>\n";
    }
    out += "      </conceptEntry>\n";
  }
  out += "    </body>\n  </text>\n</tbx>\n";
  return out;
}

}  // namespace newsalign
