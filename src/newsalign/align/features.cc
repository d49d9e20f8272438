#include "newsalign/align/features.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "newsalign/align/names.h"
#include "newsalign/align/numbers.h"
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

struct RawToken {
  std::string_view text;
  bool capitalised = false;
  bool all_caps = false;
  bool cyrillic = false;
  bool has_digit = false;
  bool initial = false;  // first word of the sentence
};

// Maximal runs of letters, digits and combining marks.
std::vector<RawToken> Scan(std::string_view s) {
  std::vector<RawToken> out;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !(u_isalnum(c))) continue;
    RawToken t;
    t.capitalised = u_isupper(c) || u_istitle(c);
    t.cyrillic = c >= 0x400 && c < 0x530;
    t.has_digit = u_isdigit(c);
    bool all_upper = t.capitalised;
    int letters = u_isalpha(c) ? 1 : 0;
    int32_t end = i;
    while (i < n) {
      int32_t before = i;
      U8_NEXT(p, i, n, c);
      if (c >= 0 && (u_isalnum(c) || u_getCombiningClass(c) > 0 || c == 0x301)) {
        if (u_isalpha(c)) {
          ++letters;
          if (!u_isupper(c)) all_upper = false;
        }
        if (u_isdigit(c)) t.has_digit = true;
        end = i;
      } else {
        i = before;
        break;
      }
    }
    t.text = s.substr(start, end - start);
    t.all_caps = all_upper && letters >= 2;
    t.initial = out.empty();
    out.push_back(t);
  }
  return out;
}

}  // namespace

uint64_t TranslationTable::StemKey(Side side, std::string_view stem) {
  return Hash(side == Side::kSource ? 's' : 't', stem);
}
uint64_t TranslationTable::NumberKey(std::string_view number) { return Hash('#', number); }
uint64_t TranslationTable::NameKey(std::string_view skeleton) { return Hash('@', skeleton); }

TranslationTable::TranslationTable(const StemDictionary* dictionary)
    : dictionary_(dictionary), inverted_(dictionary ? dictionary->Inverted() : StemDictionary()) {}

void TranslationTable::AddLearned(uint64_t src_key, uint64_t tgt_key) {
  auto& f = learned_forward_[src_key];
  if (std::find(f.begin(), f.end(), tgt_key) != f.end()) return;
  f.push_back(tgt_key);
  learned_backward_[tgt_key].push_back(src_key);
  ++learned_pairs_;
}

void TranslationTable::AppendTranslations(Side side, std::string_view stem, uint64_t stem_key,
                                          std::vector<uint64_t>* out) const {
  const StemDictionary* dict = side == Side::kSource ? dictionary_ : &inverted_;
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

SideFeatures ExtractFeatures(const Document& doc, Side side, const TranslationTable& table) {
  SideFeatures f;
  WordTools& tools = ToolsFor(doc.lang);
  const bool cyrillic_lang = doc.lang == "ru" || doc.lang == "uk" || doc.lang == "be" || doc.lang == "bg";
  const bool capitalises_nouns = doc.lang == "de" || doc.lang == "lb";
  f.sentences.reserve(doc.sentences.size());
  f.stem_begin.reserve(doc.sentences.size() + 1);
  int last_paragraph = -1;
  std::vector<uint64_t> in;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    std::string_view text = doc.SentenceText(i);
    SentenceFeatures s;
    s.paragraph = doc.sentences[i].paragraph;
    s.paragraph_start = s.paragraph != last_paragraph;
    last_paragraph = s.paragraph;
    s.chars = 0;
    for (char c : text) s.chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    s.token_begin = static_cast<uint32_t>(f.tokens.size());
    f.stem_begin.push_back(static_cast<uint32_t>(f.stems.size()));
    in.clear();

    auto add_token = [&](EvidenceKind kind, uint64_t primary, const std::vector<uint64_t>& outs) {
      if (f.tokens.size() - s.token_begin >= 64 || outs.empty()) return;
      EvidenceToken t;
      t.kind = kind;
      t.primary = primary;
      t.out_begin = static_cast<uint32_t>(f.out_keys.size());
      t.out_count = static_cast<uint32_t>(outs.size());
      f.out_keys.insert(f.out_keys.end(), outs.begin(), outs.end());
      f.tokens.push_back(t);
    };

    // Numbers first: they are the strongest evidence and must not be crowded out.
    std::vector<uint64_t> outs;
    for (const std::string& number : NumberKeys(text, doc.lang)) {
      uint64_t key = TranslationTable::NumberKey(number);
      in.push_back(key);
      outs.assign(1, key);
      add_token(EvidenceKind::kNumber, key, outs);
    }

    for (const RawToken& raw : Scan(text)) {
      if (raw.has_digit) continue;  // numbers were handled above
      std::string folded = FoldCase(raw.text);
      std::string stem = tools.Stem(folded);
      uint64_t stem_key = TranslationTable::StemKey(side, stem);
      in.push_back(stem_key);
      f.stems.push_back(stem_key);
      outs.clear();
      table.AppendTranslations(side, stem, stem_key, &outs);
      // A name: capitalised inside the sentence, an acronym, or a foreign-script word.
      bool foreign = cyrillic_lang != raw.cyrillic;
      EvidenceKind kind = EvidenceKind::kWord;
      if (raw.all_caps || foreign || (raw.capitalised && !raw.initial && !(capitalises_nouns && !outs.empty()))) {
        // (In German every noun is capitalised: one the dictionary knows is a word.)
        kind = EvidenceKind::kName;
      } else if (raw.capitalised) {
        kind = EvidenceKind::kInitialName;
      }
      uint64_t primary = stem_key;
      if (kind != EvidenceKind::kWord) {
        std::string skeleton = NameKey(raw.text);
        if (!skeleton.empty()) {
          uint64_t name_key = TranslationTable::NameKey(skeleton);
          in.push_back(name_key);
          outs.push_back(name_key);
          primary = name_key ^ stem_key;
        } else if (outs.empty()) {
          continue;
        } else {
          kind = EvidenceKind::kWord;
        }
      }
      add_token(kind, primary, outs);
    }
    std::sort(in.begin(), in.end());
    in.erase(std::unique(in.begin(), in.end()), in.end());
    s.in_begin = static_cast<uint32_t>(f.in_keys.size());
    s.in_count = static_cast<uint32_t>(in.size());
    f.in_keys.insert(f.in_keys.end(), in.begin(), in.end());
    s.token_count = static_cast<uint32_t>(f.tokens.size()) - s.token_begin;
    f.sentences.push_back(s);
  }
  f.stem_begin.push_back(static_cast<uint32_t>(f.stems.size()));
  return f;
}

}  // namespace newsalign
