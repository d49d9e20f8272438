// Article pairing: which English article translates which Russian one.
//
// The problem. Two folders of news, a long Russian feed and a shorter English one; some English
// articles are full translations, some are abridged (often the first half), some have no Russian
// counterpart at all, and the Russian feed carries updated versions of the same story. We want a
// one-to-one partial matching with a confidence per pair, in near-linear time: 10,000 articles a
// side must not mean 10^8 comparisons.
//
// Evidence units. Each article becomes a set of units, each unit a small set of keys in one key
// space (the English side's): a number or date part ("#2000", "#m12"), a name skeleton ("@ssv",
// the same for Сысоев and Sysoev, names.h), an English stem ("e" + stem). A Russian word's keys
// are the English stems its dictionary translations give (at most kMaxTranslations), plus its
// name skeleton when it is capitalised; an English word's keys are its stem (when the
// dictionary knows it, otherwise nothing Russian could match it) plus its skeleton when
// capitalised. A unit of one article is "found" in another when one of its keys is among that
// article's keys. Each unit also remembers where it first occurs (a share of the text).
//
// Weights. A unit weighs what a chance match of it would be worth: -log P(an article of the
// other side holds one of its keys) = log((N + 1) / df), df the number of other-side articles
// holding one of its keys (their sum, bounded by N; at least 1). "2017" or "said" then weigh
// almost nothing, "Tamaulipas" or "4,312" a lot, and a Russian word whose sixteen translations
// cover half of English counts as little as it deserves. (Weighting by the other side and not
// by the unit's own idf is what keeps a short English article from matching a long Russian one
// by chance: the long one's many common translations are all light.)
//
// Candidates. An inverted index maps each English key to the English articles holding it. A
// Russian article walks only its keys that are rare on the English side (df <= max_key_df),
// summing idf per English article met, and scores the best `candidates` by that sum and the
// best `candidates` by that sum over the article's own rare mass (so that a short, abridged
// article is not crowded out by long ones). Work per article is bounded by its keys times
// max_key_df: the run is linear in the input (10,000 x 10,000 articles: ~15 s on 2 cores).
//
// Score. Two rarity-weighted coverages in [0, 1]:
//   cov_tgt = weight of the English units found in the Russian article / all English weight
//   cov_src = the same for the Russian units, counting only those in the part of the Russian
//             text the English one can cover: its first (en/ru length ratio * kExtentPerRatio)
// and score = (cov_tgt + cov_src) / 2. A full translation has both high; an abridged English
// version (the first half) too, since cov_src then only asks about the first half of the
// Russian; an unrelated pair has both low, since only light units match by chance; of two
// versions of one story, the one with more of its own evidence unmatched (other numbers, an
// added paragraph) scores lower. An English article longer than kMaxLengthRatio times the
// Russian cannot be its translation (news translation keeps or shortens), so past that the
// score shrinks in proportion. Dates: documents more than max_date_gap_days apart are no pair.
//
// Assignment. All scored candidates, best first; a pair is taken when neither article is taken
// yet and its confidence reaches the threshold. Greedy is not the optimal assignment in
// general, but with scores this peaked (a right pair scores far above any wrong one) it agrees
// with it, it is O(C log C), and it gives what we want for near-duplicates: the better version
// takes the English article and the other stays unpaired.
//
// Confidence. A logistic function of the score, 1 / (1 + exp(-63 (score - 0.262))), fitted by
// maximum likelihood to the pairs the greedy assignment makes without a threshold on the wmt21
// news documents (175 a language, six seeds, three settings: a third of the English removed and
// a quarter abridged; all kept; a third removed on each side, so orphans meet orphans), see
// tools/bench/pairing.py --dump. On those, pairs at confidence >= 0.9 were right 99.9% of the
// time and the default threshold 0.5 sits at score 0.262.
//
// NEWSALIGN_PAIR_DEBUG (environment): when set, every scored candidate is printed on stderr
// ("PAIRDEBUG<TAB>src<TAB>tgt<TAB>cov_src<TAB>cov_tgt<TAB>length ratio<TAB>score"), which is
// what the calibration reads.
#include "newsalign/pairing/pairing.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>

#include "newsalign/align/names.h"
#include "newsalign/align/numbers.h"
#include "newsalign/lexicon/dictionary.h"
#include "newsalign/text/encoding.h"
#include "newsalign/text/words.h"

namespace newsalign {
namespace {

constexpr double kMaxLengthRatio = 1.4;   // tgt/src chars beyond this are suspicious
constexpr double kExtentPerRatio = 1.4;   // src share a tgt of ratio r may cover: r * this
constexpr size_t kMaxTranslations = 16;   // dictionary translations kept per word
constexpr double kConfidenceSlope = 63.0;  // logistic fit, see PairConfidence
constexpr double kConfidenceMid = 0.262;
constexpr long kNoDay = -1000000000L;

uint64_t Hash(char tag, std::string_view text) {
  // FNV-1a, 64 bit; the tag keeps numbers, names and stems apart by construction.
  uint64_t h = 1469598103934665603ULL;
  h = (h ^ static_cast<unsigned char>(tag)) * 1099511628211ULL;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

// Days since 1970-01-01 of "YYYY-MM-DD", kNoDay when the text is not such a date.
long ParseDay(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (date.size() < 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
      m > 12 || d < 1 || d > 31)
    return kNoDay;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

// Runs f(i, worker) for i in [0, n) on `threads` workers.
template <class F>
void ParallelFor(size_t n, int threads, F&& f) {
  threads = std::max(1, std::min<int>(threads, static_cast<int>(n)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) f(i, 0);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(threads);
  for (int w = 0; w < threads; ++w) {
    pool.emplace_back([&, w] {
      try {
        for (size_t i; (i = next.fetch_add(1)) < n;) f(i, w);
      } catch (...) {
        errors[w] = std::current_exception();
        next = n;
      }
    });
  }
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// An article as the pairer sees it.
struct Article {
  std::vector<uint64_t> keys;        // sorted, unique: every key of every unit
  std::vector<uint32_t> unit_begin;  // units' keys are unit_keys[unit_begin[u], unit_begin[u+1])
  std::vector<uint32_t> unit_keys;   // indices into keys
  std::vector<uint64_t> primaries;   // per unit: what the unit is (for its document frequency)
  std::vector<float> weights;        // per unit: idf on its side
  std::vector<float> positions;      // per unit: where it first occurs, as a share of the text
  double total = 0;                  // sum of weights
  long chars = 0;                    // code points of the text
  long day = kNoDay;                 // Document::date as days, when known
  size_t units() const { return primaries.size(); }
};

// What one distinct word form contributes (cached per worker: news vocabulary repeats).
struct WordInfo {
  uint64_t primary = 0;
  std::vector<uint64_t> keys;  // empty: the word is no evidence
};

bool IsCyrillic(UChar32 c) { return c >= 0x400 && c < 0x530; }

class Extractor {
 public:
  Extractor(const std::string& lang, bool is_src, const StemDictionary* dict)
      : tools_(lang), lang_(lang), is_src_(is_src), dict_(dict) {
    cyrillic_lang_ = lang == "ru" || lang == "uk" || lang == "be" || lang == "bg";
  }

  Article Extract(const Document& doc) {
    Article a;
    a.day = ParseDay(doc.date);
    units_.clear();
    std::string_view text = doc.text;
    a.chars = CodePoints(text);
    // Numbers per paragraph (NumberKeys wants a sentence-sized piece; a paragraph is fine and
    // keeps a number split across a line break together).
    const float scale = text.empty() ? 0.0f : 1.0f / static_cast<float>(text.size());
    auto numbers = [&](std::string_view piece) {
      const float position = static_cast<float>(piece.data() - text.data()) * scale;
      for (const std::string& n : NumberKeys(piece, doc.lang)) {
        auto [it, fresh] = numbers_.try_emplace(n);
        if (fresh) {
          it->second.primary = Hash('#', n);
          it->second.keys.assign(1, it->second.primary);
        }
        units_.push_back({it->second.primary, position, &it->second});
      }
    };
    if (doc.paragraphs.empty()) {
      numbers(text);
    } else {
      for (const Span& p : doc.paragraphs) numbers(doc.Text(p));
    }
    Scan(text, scale);

    // One unit per primary, at its first occurrence.
    std::sort(units_.begin(), units_.end(), [](const RawUnit& x, const RawUnit& y) {
      return x.primary != y.primary ? x.primary < y.primary : x.position < y.position;
    });
    units_.erase(std::unique(units_.begin(), units_.end(),
                             [](const RawUnit& x, const RawUnit& y) { return x.primary == y.primary; }),
                 units_.end());
    for (const RawUnit& u : units_) a.keys.insert(a.keys.end(), u.info->keys.begin(), u.info->keys.end());
    std::sort(a.keys.begin(), a.keys.end());
    a.keys.erase(std::unique(a.keys.begin(), a.keys.end()), a.keys.end());
    a.primaries.reserve(units_.size());
    a.unit_begin.reserve(units_.size() + 1);
    a.positions.reserve(units_.size());
    for (const RawUnit& u : units_) {
      a.primaries.push_back(u.primary);
      a.positions.push_back(u.position);
      a.unit_begin.push_back(static_cast<uint32_t>(a.unit_keys.size()));
      for (uint64_t k : u.info->keys)
        a.unit_keys.push_back(
            static_cast<uint32_t>(std::lower_bound(a.keys.begin(), a.keys.end(), k) - a.keys.begin()));
    }
    a.unit_begin.push_back(static_cast<uint32_t>(a.unit_keys.size()));
    return a;
  }

 private:
  // Words: maximal runs of letters (and combining marks); a hyphen or apostrophe splits
  // ("Нуэво-Леон" -> Нуэво, Леон, as English writes "Nuevo Leon"); tokens with digits are
  // left to NumberKeys; one-letter tokens are no evidence.
  void Scan(std::string_view s, float scale) {
    const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
    const int32_t n = static_cast<int32_t>(s.size());
    int32_t i = 0;
    while (i < n) {
      int32_t start = i;
      UChar32 c;
      U8_NEXT(p, i, n, c);
      if (c < 0 || !u_isalnum(c)) continue;
      bool digit = u_isdigit(c);
      int letters = 1;
      int32_t end = i;
      while (i < n) {
        int32_t before = i;
        U8_NEXT(p, i, n, c);
        if (c >= 0 && (u_isalnum(c) || u_getCombiningClass(c) > 0)) {
          digit = digit || u_isdigit(c);
          ++letters;
          end = i;
        } else {
          i = before;
          break;
        }
      }
      if (digit || letters < 2) continue;
      std::string_view raw = s.substr(start, end - start);
      const WordInfo& info = Word(raw);
      if (!info.keys.empty()) units_.push_back({info.primary, static_cast<float>(start) * scale, &info});
    }
  }

  const WordInfo& Word(std::string_view raw) {
    word_.assign(raw.data(), raw.size());
    auto [it, fresh] = words_.try_emplace(word_);
    WordInfo& info = it->second;
    if (!fresh) return info;
    const uint8_t* p = reinterpret_cast<const uint8_t*>(raw.data());
    int32_t i = 0;
    UChar32 first;
    U8_NEXT(p, i, static_cast<int32_t>(raw.size()), first);
    const bool capitalised = u_isupper(first) || u_istitle(first);
    const bool cyrillic = IsCyrillic(first);
    const bool foreign = cyrillic != cyrillic_lang_;
    std::string stem = tools_.Stem(FoldCase(raw));
    if (is_src_ && cyrillic) {
      // A Russian word stands for its English translations.
      info.primary = Hash('r', stem);
      if (dict_ != nullptr) {
        size_t kept = 0;
        for (StemId t : dict_->TranslationIds(dict_->Id(stem))) {
          if (kept++ == kMaxTranslations) break;
          info.keys.push_back(Hash('e', dict_->Stem(t)));
        }
      }
    } else {
      // An English word (or a Latin word inside Russian text) stands for its stem.
      info.primary = Hash('e', stem);
      if (foreign || capitalised || (dict_ != nullptr && dict_->Id(stem) != kNoStem))
        info.keys.push_back(info.primary);
    }
    if (capitalised || foreign) {
      std::string skeleton = NameKey(raw);
      if (!skeleton.empty()) info.keys.push_back(Hash('@', skeleton));
    }
    return info;
  }

  WordTools tools_;
  std::string lang_;
  bool is_src_ = false;
  bool cyrillic_lang_ = false;
  const StemDictionary* dict_ = nullptr;
  std::unordered_map<std::string, WordInfo> words_, numbers_;
  std::string word_;
  struct RawUnit {
    uint64_t primary;
    float position;
    const WordInfo* info;
  };
  std::vector<RawUnit> units_;
};

// How many articles of `side` hold each key.
std::unordered_map<uint64_t, uint32_t> KeyDf(const std::vector<Article>& side) {
  std::unordered_map<uint64_t, uint32_t> df;
  size_t total = 0;
  for (const Article& a : side) total += a.keys.size();
  df.reserve(total / 4 + 16);
  for (const Article& a : side)
    for (uint64_t k : a.keys) ++df[k];
  return df;
}

// Fills weights and totals. A unit weighs what a match of it by chance would be worth:
// -log P(an article of the other side holds one of its keys), the union bounded by the sum of
// its keys' document frequencies. A unit that no article of the other side could match
// weighs 0: it tells the candidates apart no better than a blank (a dictionary gap, a name
// the other feed never writes), and counting it would only shrink every coverage alike.
void Weigh(std::vector<Article>& side, const std::unordered_map<uint64_t, uint32_t>& other_df, size_t n_other) {
  const double n = static_cast<double>(n_other) + 1.0;
  for (Article& a : side) {
    a.weights.assign(a.units(), 0.0f);
    a.total = 0;
    for (size_t u = 0; u < a.units(); ++u) {
      double df = 0;
      for (uint32_t k = a.unit_begin[u]; k < a.unit_begin[u + 1]; ++k) {
        auto it = other_df.find(a.keys[a.unit_keys[k]]);
        if (it != other_df.end()) df += it->second;
      }
      a.weights[u] = static_cast<float>(std::log(n / std::clamp(df, 1.0, static_cast<double>(n_other))));
      a.total += a.weights[u];
    }
  }
}

struct Candidate {
  uint32_t src = 0, tgt = 0;
  double score = 0;
};

// Rarity-weighted share of `a`'s units that have a key marked in `shared` (indexed like a.keys),
// counting only units that first occur within the first `extent` (a share) of the text.
double Coverage(const Article& a, const std::vector<char>& shared, float extent = 2.0f) {
  double found = 0, total = 0;
  for (size_t u = 0; u < a.units(); ++u) {
    if (a.positions[u] > extent) continue;
    total += a.weights[u];
    for (uint32_t k = a.unit_begin[u]; k < a.unit_begin[u + 1]; ++k) {
      if (shared[a.unit_keys[k]]) {
        found += a.weights[u];
        break;
      }
    }
  }
  return total > 0 ? found / total : 0.0;
}

}  // namespace

double PairConfidence(double score) {
  return 1.0 / (1.0 + std::exp(-kConfidenceSlope * (score - kConfidenceMid)));
}

struct ArticlePairer::Impl {
  PairingOptions options;
  StemDictionary dictionary;
  std::string dictionary_note;
};

ArticlePairer::ArticlePairer(PairingOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  if (impl_->options.use_dictionary) {
    impl_->dictionary = StemDictionary::LoadForLanguages(impl_->options.src_lang, impl_->options.tgt_lang,
                                                         &impl_->dictionary_note);
  }
}

ArticlePairer::~ArticlePairer() = default;
ArticlePairer::ArticlePairer(ArticlePairer&&) noexcept = default;
ArticlePairer& ArticlePairer::operator=(ArticlePairer&&) noexcept = default;

const std::string& ArticlePairer::dictionary_note() const { return impl_->dictionary_note; }

PairingResult ArticlePairer::Pair(const std::vector<Document>& src, const std::vector<Document>& tgt) const {
  const PairingOptions& opt = impl_->options;
  int threads = opt.threads > 0 ? opt.threads
                                : static_cast<int>(std::min(8u, std::max(1u, std::thread::hardware_concurrency())));
  const StemDictionary* dict = impl_->dictionary.empty() ? nullptr : &impl_->dictionary;

  // 1. Evidence units, one extractor (stemmer + word cache) per worker and side.
  std::vector<Article> src_art(src.size()), tgt_art(tgt.size());
  {
    std::vector<std::unique_ptr<Extractor>> src_ex(threads), tgt_ex(threads);
    const size_t n = src.size() + tgt.size();
    ParallelFor(n, threads, [&](size_t i, int w) {
      if (i < src.size()) {
        if (!src_ex[w]) src_ex[w] = std::make_unique<Extractor>(opt.src_lang, true, dict);
        src_art[i] = src_ex[w]->Extract(src[i]);
      } else {
        if (!tgt_ex[w]) tgt_ex[w] = std::make_unique<Extractor>(opt.tgt_lang, false, dict);
        tgt_art[i - src.size()] = tgt_ex[w]->Extract(tgt[i - src.size()]);
      }
    });
  }
  {
    std::unordered_map<uint64_t, uint32_t> src_df = KeyDf(src_art), tgt_df = KeyDf(tgt_art);
    Weigh(src_art, tgt_df, tgt_art.size());
    Weigh(tgt_art, src_df, src_art.size());
  }

  // 2. The inverted index of the target articles' keys.
  std::vector<std::pair<uint64_t, uint32_t>> postings;
  {
    size_t total = 0;
    for (const Article& a : tgt_art) total += a.keys.size();
    postings.reserve(total);
    for (uint32_t d = 0; d < tgt_art.size(); ++d)
      for (uint64_t k : tgt_art[d].keys) postings.emplace_back(k, d);
    std::sort(postings.begin(), postings.end());
  }
  std::unordered_map<uint64_t, std::pair<uint32_t, uint32_t>> index;  // key -> [begin, count)
  index.reserve(postings.size() / 2 + 16);
  for (size_t i = 0; i < postings.size();) {
    size_t j = i;
    while (j < postings.size() && postings[j].first == postings[i].first) ++j;
    index.emplace(postings[i].first, std::make_pair(static_cast<uint32_t>(i), static_cast<uint32_t>(j - i)));
    i = j;
  }
  const double n_tgt = static_cast<double>(tgt.size());
  const uint32_t max_df = opt.max_key_df > 0
                              ? static_cast<uint32_t>(opt.max_key_df)
                              : static_cast<uint32_t>(std::max(50.0, 2.0 * std::sqrt(n_tgt)));

  // The rare keys' idf mass of each target article (the most its candidates' sums can reach).
  std::vector<float> rare_mass(tgt.size(), 1e-6f);
  for (size_t d = 0; d < tgt.size(); ++d) {
    for (uint64_t k : tgt_art[d].keys) {
      const uint32_t df = index.at(k).second;
      if (df <= max_df) rare_mass[d] += static_cast<float>(std::log((n_tgt + 1.0) / df));
    }
  }

  // 3. Candidates and their scores, per source article.
  std::vector<std::vector<Candidate>> found(threads);
  struct Scratch {
    std::vector<float> acc;
    std::vector<uint32_t> touched, chosen;
    std::vector<char> shared_src, shared_tgt;
  };
  std::vector<Scratch> scratch(threads);
  const char* debug = std::getenv("NEWSALIGN_PAIR_DEBUG");
  ParallelFor(src.size(), threads, [&](size_t s, int w) {
    Scratch& x = scratch[w];
    if (x.acc.size() != tgt.size()) x.acc.assign(tgt.size(), 0.0f);
    const Article& a = src_art[s];
    x.touched.clear();
    for (uint64_t k : a.keys) {
      auto it = index.find(k);
      if (it == index.end() || it->second.second > max_df) continue;
      const float idf = static_cast<float>(std::log((n_tgt + 1.0) / it->second.second));
      for (uint32_t p = it->second.first; p < it->second.first + it->second.second; ++p) {
        uint32_t d = postings[p].second;
        if (x.acc[d] == 0.0f) x.touched.push_back(d);
        x.acc[d] += idf;
      }
    }
    // The best by shared rare evidence, and the best by the share of their own rare evidence
    // that is shared (so that a short, abridged article is not crowded out by long ones).
    const size_t k = static_cast<size_t>(std::max(1, opt.candidates));
    const size_t keep = std::min(x.touched.size(), k);
    auto by = [&](auto key) {
      std::partial_sort(x.touched.begin(), x.touched.begin() + keep, x.touched.end(), [&](uint32_t p, uint32_t q) {
        const float kp = key(p), kq = key(q);
        return kp > kq || (kp == kq && p < q);
      });
      x.chosen.insert(x.chosen.end(), x.touched.begin(), x.touched.begin() + keep);
    };
    x.chosen.clear();
    by([&](uint32_t d) { return x.acc[d]; });
    by([&](uint32_t d) { return x.acc[d] / rare_mass[d]; });
    std::sort(x.chosen.begin(), x.chosen.end());
    x.chosen.erase(std::unique(x.chosen.begin(), x.chosen.end()), x.chosen.end());
    for (uint32_t d : x.touched) x.acc[d] = 0.0f;
    for (uint32_t d : x.chosen) {
      const Article& b = tgt_art[d];
      if (opt.max_date_gap_days >= 0 && a.day != kNoDay && b.day != kNoDay &&
          std::labs(a.day - b.day) > opt.max_date_gap_days)
        continue;
      x.shared_src.assign(a.keys.size(), 0);
      x.shared_tgt.assign(b.keys.size(), 0);
      for (size_t i = 0, j = 0; i < a.keys.size() && j < b.keys.size();) {
        if (a.keys[i] < b.keys[j]) {
          ++i;
        } else if (b.keys[j] < a.keys[i]) {
          ++j;
        } else {
          x.shared_src[i++] = 1;
          x.shared_tgt[j++] = 1;
        }
      }
      const double ratio = a.chars > 0 ? static_cast<double>(b.chars) / a.chars : 10.0;
      const double cov_src = Coverage(a, x.shared_src, static_cast<float>(ratio * kExtentPerRatio));
      const double cov_tgt = Coverage(b, x.shared_tgt);
      double score = 0.5 * (cov_tgt + cov_src);
      if (ratio > kMaxLengthRatio) score *= kMaxLengthRatio / ratio;
      if (debug != nullptr) {
        std::fprintf(stderr, "PAIRDEBUG\t%s\t%s\t%.4f\t%.4f\t%.3f\t%.4f\n", src[s].path.c_str(),
                     tgt[d].path.c_str(), cov_src, cov_tgt, ratio, score);
      }
      found[w].push_back({static_cast<uint32_t>(s), d, score});
    }
  });

  // 4. One-to-one, greedy by score.
  std::vector<Candidate> all;
  for (auto& f : found) all.insert(all.end(), f.begin(), f.end());
  std::sort(all.begin(), all.end(), [](const Candidate& p, const Candidate& q) {
    if (p.score != q.score) return p.score > q.score;
    return p.src != q.src ? p.src < q.src : p.tgt < q.tgt;
  });
  std::vector<char> src_taken(src.size(), 0), tgt_taken(tgt.size(), 0);
  PairingResult result;
  for (const Candidate& c : all) {
    if (src_taken[c.src] || tgt_taken[c.tgt]) continue;
    const double confidence = PairConfidence(c.score);
    if (confidence < opt.min_confidence) break;  // sorted: nothing better follows
    src_taken[c.src] = tgt_taken[c.tgt] = 1;
    result.pairs.push_back({c.src, c.tgt, confidence, c.score});
  }
  std::sort(result.pairs.begin(), result.pairs.end(),
            [](const ArticlePair& p, const ArticlePair& q) { return p.src < q.src; });
  for (size_t i = 0; i < src.size(); ++i)
    if (!src_taken[i]) result.unpaired_src.push_back(i);
  for (size_t i = 0; i < tgt.size(); ++i)
    if (!tgt_taken[i]) result.unpaired_tgt.push_back(i);
  return result;
}

PairingResult PairArticles(const std::vector<Document>& src, const std::vector<Document>& tgt,
                           const PairingOptions& options) {
  return ArticlePairer(options).Pair(src, tgt);
}

}  // namespace newsalign
