#include "newsalign/align/features.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "newsalign/align/names.h"
#include "newsalign/align/numbers.h"
#include "newsalign/align/parallel.h"
#include "newsalign/text/encoding.h"
#include "newsalign/text/words.h"

namespace newsalign {
namespace {

uint64_t Hash(char tag, std::string_view text) {
  // FNV-1a, 64 bit, with a one-byte tag so that kinds never collide by construction.
  uint64_t h = 1469598103934665603ULL;
  h = (h ^ static_cast<unsigned char>(tag)) * 1099511628211ULL;
  for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return h;
}

// One WordTools per language and thread: Snowball stemmers keep state.
WordTools& ToolsFor(const std::string& lang) {
  thread_local std::map<std::string, std::unique_ptr<WordTools>> tools;
  auto& slot = tools[lang];
  if (!slot) slot = std::make_unique<WordTools>(lang);
  return *slot;
}

constexpr int kCognateMinLetters = 6;

struct RawToken {
  std::string_view text;
  bool capitalised = false;
  bool all_caps = false;
  bool all_lower = false;  // letters, none of them capitals ("le", "équipe"; not "iPhone")
  bool cyrillic = false;
  bool has_digit = false;
  bool initial = false;  // first word of the sentence
  int letters = 0;
};

// What Scan asks ICU about a code point. ASCII and the Russian alphabet, nearly all of the
// text, are answered without a call per character; ICU answers the rest.
struct CharProps {
  bool alpha = false, digit = false, upper = false, title = false, mark = false;
  bool alnum() const { return alpha || digit; }  // u_isalnum: letters (L) and digits (Nd)
};

CharProps PropsOf(UChar32 c) {
  CharProps p;
  if (c < 0x80) {
    p.upper = c >= 'A' && c <= 'Z';
    p.alpha = p.upper || (c >= 'a' && c <= 'z');
    p.digit = c >= '0' && c <= '9';
  } else if (IsRussianLetter(static_cast<char32_t>(c))) {
    p.alpha = true;
    p.upper = c <= 0x42F;  // А..Я and Ё
  } else {
    p.alpha = u_isalpha(c);
    p.digit = u_isdigit(c);
    p.upper = u_isupper(c);
    p.title = u_istitle(c);
    p.mark = u_getCombiningClass(c) > 0 || c == 0x301;
  }
  return p;
}

// Maximal runs of letters, digits and combining marks.
void Scan(std::string_view s, std::vector<RawToken>& out) {
  out.clear();
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    CharProps first = PropsOf(c);
    if (!first.alnum()) continue;
    RawToken t;
    t.capitalised = first.upper || first.title;
    t.cyrillic = c >= 0x400 && c < 0x530;
    t.has_digit = first.digit;
    bool all_upper = t.capitalised, any_upper = t.capitalised;
    int letters = first.alpha ? 1 : 0;
    int32_t end = i;
    while (i < n) {
      int32_t before = i;
      U8_NEXT(p, i, n, c);
      CharProps next = c >= 0 ? PropsOf(c) : CharProps();
      if (next.alnum() || next.mark) {
        if (next.alpha) {
          ++letters;
          if (!next.upper) all_upper = false;
          if (next.upper || next.title) any_upper = true;
        }
        if (next.digit) t.has_digit = true;
        end = i;
      } else {
        i = before;
        break;
      }
    }
    t.text = s.substr(start, end - start);
    t.all_caps = all_upper && letters >= 2;
    t.all_lower = !any_upper && !t.has_digit && letters > 0;
    t.letters = letters;
    t.initial = out.empty();
    out.push_back(t);
  }
}

}  // namespace

uint64_t TranslationTable::StemKey(Side side, std::string_view stem) {
  return Hash(side == Side::kSource ? 's' : 't', stem);
}
uint64_t TranslationTable::NumberKey(std::string_view number) { return Hash('#', number); }
uint64_t TranslationTable::NameKey(std::string_view skeleton) { return Hash('@', skeleton); }

TranslationTable::TranslationTable(const StemDictionary* dictionary)
    : dictionary_(dictionary),
      inverted_(std::make_shared<const StemDictionary>(dictionary ? dictionary->Inverted() : StemDictionary())) {}

void TranslationTable::AddLearned(uint64_t src_key, uint64_t tgt_key) {
  auto& f = learned_forward_[src_key];
  if (std::find(f.begin(), f.end(), tgt_key) != f.end()) return;
  f.push_back(tgt_key);
  learned_backward_[tgt_key].push_back(src_key);
  ++learned_pairs_;
}

void TranslationTable::AppendTranslations(Side side, std::string_view stem, uint64_t stem_key,
                                          std::vector<uint64_t>* out) const {
  const StemDictionary* dict = side == Side::kSource ? dictionary_ : inverted_.get();
  if (dict && !dict->empty()) {
    StemId id = dict->Id(stem);
    if (id != kNoStem) {
      const Side other = side == Side::kSource ? Side::kTarget : Side::kSource;
      for (StemId t : dict->TranslationIds(id)) out->push_back(StemKey(other, dict->Stem(t)));
    }
  }
  const auto& learned = side == Side::kSource ? learned_forward_ : learned_backward_;
  auto it = learned.find(stem_key);
  if (it != learned.end()) out->insert(out->end(), it->second.begin(), it->second.end());
}

namespace {

// A distinct spelling of a document, and what it gives: its stem, and the skeleton of the
// name it may be (a long word's too: see Analyze). Worked out once per spelling, the slow
// part of the analysis (stemming and, above all, transliteration).
struct SpellingWork {
  std::string_view text;
  bool long_word = false;  // kCognateMinLetters letters or more
  bool wants_skeleton = false;
  std::string stem, skeleton;
};

void WorkOut(SpellingWork& w, const std::string& lang) {
  w.stem = ToolsFor(lang).Stem(FoldCase(w.text));
  if (w.wants_skeleton) w.skeleton = NameKey(w.text);
}

}  // namespace

DocumentAnalysis Analyze(const Document& doc, bool parallel) {
  DocumentAnalysis a;
  a.lang = doc.lang;
  const bool cyrillic_lang = doc.lang == "ru" || doc.lang == "uk" || doc.lang == "be" || doc.lang == "bg";
  // News repeats its words: each distinct spelling is folded, stemmed and transliterated once.
  // First the sentences are read, numbering spellings where first seen; then each spelling
  // is worked out (independently: side by side in a long document); then the stems are
  // numbered in the order their spellings were first seen.
  std::unordered_map<std::string_view, uint32_t> known;
  std::vector<SpellingWork> work;
  a.sentences.reserve(doc.sentences.size());
  // About a word per space or sentence: a quarter more is room enough not to grow (a copy of
  // it all), and not so much that a corpus of analysed documents holds much unused.
  a.words.reserve((std::count(doc.text.begin(), doc.text.end(), ' ') + doc.sentences.size()) * 5 / 4);
  std::vector<RawToken> raws;
  int last_paragraph = -1;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    std::string_view text = doc.SentenceText(i);
    DocumentAnalysis::SentenceInfo s;
    s.paragraph = doc.sentences[i].paragraph;
    s.paragraph_start = s.paragraph != last_paragraph;
    last_paragraph = s.paragraph;
    s.chars = static_cast<int>(CodePoints(text));
    s.number_begin = static_cast<uint32_t>(a.numbers.size());
    for (const std::string& number : NumberKeys(text, doc.lang)) a.numbers.push_back(TranslationTable::NumberKey(number));
    s.number_count = static_cast<uint32_t>(a.numbers.size()) - s.number_begin;
    s.word_begin = static_cast<uint32_t>(a.words.size());
    Scan(text, raws);
    // Opening with a word all in lower case, the sentence goes on from the one before ("le
    // travail d'érosion ...", a line of a corpus split at ";"); not "«мы", "iPhone", "2019".
    s.continues = !raws.empty() && raws[0].text.data() == text.data() && raws[0].all_lower;
    for (const RawToken& raw : raws) {
      if (raw.has_digit) continue;  // numbers were handled above
      auto [it, fresh] = known.try_emplace(raw.text, static_cast<uint32_t>(work.size()));
      DocumentAnalysis::Word w;
      w.spelling = it->second;
      w.capitalised = raw.capitalised;
      w.initial = raw.initial;
      w.all_caps = raw.all_caps;
      w.foreign = cyrillic_lang != raw.cyrillic;
      if (fresh) {
        // A name's skeleton is its key; long words are often loanwords spelt alike in both
        // scripts (интернет, president), and theirs is a key too. (All of it depends on the
        // spelling alone, not on where in the sentence it is.)
        SpellingWork& sw = work.emplace_back();
        sw.text = raw.text;
        sw.long_word = raw.letters >= kCognateMinLetters;
        sw.wants_skeleton = sw.long_word || w.capitalised || w.all_caps || w.foreign;
      }
      a.words.push_back(w);
    }
    s.word_count = static_cast<uint32_t>(a.words.size()) - s.word_begin;
    a.sentences.push_back(s);
  }

  constexpr size_t kSpellingsAChunk = 256;
  const size_t chunks = (work.size() + kSpellingsAChunk - 1) / kSpellingsAChunk;
  ForEachIndex(
      chunks, parallel, [] { return 0; },
      [&](size_t chunk, int) {
        const size_t end = std::min(work.size(), (chunk + 1) * kSpellingsAChunk);
        for (size_t k = chunk * kSpellingsAChunk; k < end; ++k) WorkOut(work[k], doc.lang);
      });

  std::unordered_map<std::string, uint32_t> stem_index;
  std::vector<uint32_t> stem_of(work.size());
  a.spellings.resize(work.size());
  for (size_t k = 0; k < work.size(); ++k) {
    auto [si, new_stem] = stem_index.try_emplace(work[k].stem, static_cast<uint32_t>(a.stems.size()));
    if (new_stem) a.stems.push_back(std::move(work[k].stem));
    stem_of[k] = si->second;
    const std::string& skeleton = work[k].skeleton;
    DocumentAnalysis::Spelling& spelling = a.spellings[k];
    spelling.name_key = skeleton.empty() ? 0 : TranslationTable::NameKey(skeleton);
    // A long word matches its loanword twin by the skeleton, unless that is too short.
    if (work[k].long_word && skeleton.size() >= 3) spelling.cognate_key = spelling.name_key;
  }
  for (DocumentAnalysis::Word& w : a.words) w.stem = stem_of[w.spelling];
  return a;
}

SideFeatures ExtractFeatures(const Document& doc, Side side, const TranslationTable& table) {
  return ExtractFeatures(Analyze(doc), side, table);
}

SideFeatures ExtractFeatures(const DocumentAnalysis& doc, Side side, const TranslationTable& table,
                             const std::vector<bool>* needed) {
  SideFeatures f;
  const bool capitalises_nouns = doc.lang == "de" || doc.lang == "lb";
  // Keys and translations of each distinct stem, looked up once.
  std::vector<uint64_t> stem_keys(doc.stems.size());
  std::vector<uint32_t> trans_begin(doc.stems.size() + 1);
  std::vector<uint64_t> trans;
  for (size_t k = 0; k < doc.stems.size(); ++k) {
    stem_keys[k] = TranslationTable::StemKey(side, doc.stems[k]);
    trans_begin[k] = static_cast<uint32_t>(trans.size());
    table.AppendTranslations(side, doc.stems[k], stem_keys[k], &trans);
  }
  trans_begin[doc.stems.size()] = static_cast<uint32_t>(trans.size());

  f.sentences.reserve(doc.sentences.size());
  f.tokens.reserve(doc.words.size() + doc.numbers.size());
  // Enough that they never grow (a copy of all of it and fresh pages): a sentence's in keys
  // are its numbers and, per word, a stem and at most one name; the out keys are a guess
  // that covers news (each stem's translations about twice, a name per spelling, numbers).
  f.in_keys.reserve(doc.numbers.size() + 2 * doc.words.size());
  f.out_keys.reserve(2 * trans.size() + doc.spellings.size() + doc.numbers.size());
  // Tokens of one identity (a number; a word with its name) share one run of out keys.
  using Run = std::pair<uint32_t, uint32_t>;  // (begin, count) in f.out_keys
  constexpr uint32_t kNotWritten = UINT32_MAX;
  std::unordered_map<uint64_t, Run> shared_outs;
  // The run of each spelling without a name, with its name key and with its cognate key,
  // found in `shared_outs` once: a hash look-up for every word is the slow part here.
  std::vector<std::array<Run*, 3>> spelling_runs(doc.spellings.size());
  std::vector<uint64_t> in;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const DocumentAnalysis::SentenceInfo& info = doc.sentences[i];
    // At most 64 tokens a sentence (the aligner keeps their matches in a 64-bit mask), and
    // none where nobody reads them.
    const size_t max_tokens = !needed || (*needed)[i] ? 64 : 0;
    SentenceFeatures s;
    s.paragraph = info.paragraph;
    s.paragraph_start = info.paragraph_start;
    s.continues = info.continues;
    s.chars = info.chars;
    s.token_begin = static_cast<uint32_t>(f.tokens.size());
    in.clear();
    // Adds a token of `kind` whose out keys `write_outs` appends to `run`, unless a token of
    // the same identity wrote them already.
    auto add_token = [&](EvidenceKind kind, Run& run, auto write_outs) {
      if (run.first == kNotWritten) {
        run.first = static_cast<uint32_t>(f.out_keys.size());
        write_outs();
        run.second = static_cast<uint32_t>(f.out_keys.size()) - run.first;
      }
      EvidenceToken t;
      t.kind = kind;
      t.out_begin = run.first;
      t.out_count = run.second;
      f.tokens.push_back(t);
    };
    auto run_of = [&](uint64_t identity) -> Run& {  // (a reference stays valid on rehash)
      return shared_outs.try_emplace(identity, kNotWritten, 0).first->second;
    };

    // Numbers first: they are the strongest evidence and must not be crowded out. A number
    // is its own out key.
    for (uint32_t k = info.number_begin; k < info.number_begin + info.number_count; ++k) {
      const uint64_t key = doc.numbers[k];
      in.push_back(key);
      if (f.tokens.size() - s.token_begin >= max_tokens) continue;
      add_token(EvidenceKind::kNumber, run_of(key), [&] { f.out_keys.push_back(key); });
    }

    for (uint32_t k = info.word_begin; k < info.word_begin + info.word_count; ++k) {
      const DocumentAnalysis::Word& w = doc.words[k];
      uint64_t stem_key = stem_keys[w.stem];
      in.push_back(stem_key);
      const bool translatable = trans_begin[w.stem + 1] > trans_begin[w.stem];
      // A name: capitalised inside the sentence, an acronym, or a foreign-script word.
      // (In German every noun is capitalised: one the dictionary knows is a word.)
      EvidenceKind kind = EvidenceKind::kWord;
      if (w.all_caps || w.foreign || (w.capitalised && !w.initial && !(capitalises_nouns && translatable))) {
        kind = EvidenceKind::kName;
      } else if (w.capitalised) {
        kind = EvidenceKind::kInitialName;
      }
      uint64_t name_key = 0;
      const DocumentAnalysis::Spelling& spelling = doc.spellings[w.spelling];
      if (kind != EvidenceKind::kWord) {
        if (spelling.name_key) {
          name_key = spelling.name_key;
          in.push_back(name_key);
        } else if (!translatable) {
          continue;
        } else {
          kind = EvidenceKind::kWord;
        }
      }
      if (kind == EvidenceKind::kWord && spelling.cognate_key) {
        // A word may also find its loanword twin: the skeleton joins its keys both ways.
        name_key = spelling.cognate_key;
        in.push_back(name_key);
      }
      if (!translatable && !name_key) continue;
      if (f.tokens.size() - s.token_begin >= max_tokens) continue;
      // (Number keys and word keys are hashes of different tags: their identities do not meet.
      // A spelling has one stem, so its identity is fixed by which of its names it uses.)
      Run*& run = spelling_runs[w.spelling][!name_key ? 0 : name_key == spelling.name_key ? 1 : 2];
      if (!run) run = &run_of(stem_key ^ (name_key * 0x9E3779B97F4A7C15ULL));
      add_token(kind, *run, [&] {
        f.out_keys.insert(f.out_keys.end(), trans.begin() + trans_begin[w.stem], trans.begin() + trans_begin[w.stem + 1]);
        if (name_key) f.out_keys.push_back(name_key);
      });
    }
    std::sort(in.begin(), in.end());
    in.erase(std::unique(in.begin(), in.end()), in.end());
    s.in_begin = static_cast<uint32_t>(f.in_keys.size());
    s.in_count = static_cast<uint32_t>(in.size());
    f.in_keys.insert(f.in_keys.end(), in.begin(), in.end());
    s.token_count = static_cast<uint32_t>(f.tokens.size()) - s.token_begin;
    f.sentences.push_back(s);
  }
  return f;
}

}  // namespace newsalign
