// What the aligner knows about each sentence, computed once per document side.
//
// Evidence is expressed in one key space: every evidence token has "in" keys (what it is:
// a number "#2000", a name skeleton "@ssv", a stem of its own language) and "out" keys (what
// it would be on the other side: the same number or name, or the stems its dictionary and
// learned translations give). A token of one side matches a sentence of the other side when
// one of its out keys is among that sentence's in keys.
//
//   SideFeatures ru = ExtractFeatures(ru_doc, Side::kSource, table);
//   SideFeatures en = ExtractFeatures(en_doc, Side::kTarget, table);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsalign/core/document.h"
#include "newsalign/lexicon/dictionary.h"

namespace newsalign {

enum class Side : uint8_t { kSource = 0, kTarget = 1 };

// What kind of evidence a token is; the aligner keeps a match probability per kind.
enum class EvidenceKind : uint8_t {
  kNumber = 0,        // a number or date part
  kName = 1,          // a capitalised word, acronym or foreign-script word inside the sentence
  kInitialName = 2,   // a capitalised word at the start of a sentence (often not a name)
  kWord = 3,          // a word with dictionary or learned translations
};
constexpr int kEvidenceKinds = 4;

// Stems of both languages and the translations between them, as keys: an installed
// dictionary (used in place, by stem id) plus pairs learned from the corpus.
class TranslationTable {
 public:
  static uint64_t StemKey(Side side, std::string_view stem);
  static uint64_t NumberKey(std::string_view number);
  static uint64_t NameKey(std::string_view skeleton);

  TranslationTable() = default;
  // Uses `dictionary` (source stems -> target stems); it must outlive the table.
  explicit TranslationTable(const StemDictionary* dictionary);

  // Adds a learned pair, as keys (StemKey of each side).
  void AddLearned(uint64_t src_key, uint64_t tgt_key);
  size_t learned_size() const { return learned_pairs_; }

  // Appends the keys of the other side's stems that translate `stem` of `side`.
  void AppendTranslations(Side side, std::string_view stem, uint64_t stem_key,
                          std::vector<uint64_t>* out) const;

 private:
  const StemDictionary* dictionary_ = nullptr;
  std::shared_ptr<const StemDictionary> inverted_;  // target -> source, shared by copies
  std::unordered_map<uint64_t, std::vector<uint64_t>> learned_forward_, learned_backward_;
  size_t learned_pairs_ = 0;
};

struct EvidenceToken {
  uint32_t out_begin = 0;  // into SideFeatures::out_keys
  uint32_t out_count = 0;  // tokens of one word share their run of out keys
  EvidenceKind kind = EvidenceKind::kWord;
};

struct SentenceFeatures {
  int chars = 0;               // length in code points
  int paragraph = 0;           // paragraph index in the document
  bool paragraph_start = false;
  bool continues = false;      // opens with a word in lower case: the sentence before goes on
  uint32_t token_begin = 0, token_count = 0;  // into SideFeatures::tokens (at most 64)
  uint32_t in_begin = 0, in_count = 0;        // into SideFeatures::in_keys, sorted, unique
};

struct SideFeatures {
  std::vector<SentenceFeatures> sentences;
  std::vector<EvidenceToken> tokens;
  std::vector<uint64_t> out_keys;
  std::vector<uint64_t> in_keys;
};

// The language work on one document, done once however often it is realigned: words with
// their stems and name skeletons, numbers, lengths.
struct DocumentAnalysis {
  // What each distinct spelling gives, worked out once: its stem and transliterated keys.
  struct Spelling {
    uint64_t name_key = 0;     // TranslationTable::NameKey of the skeleton; 0 when none
    uint64_t cognate_key = 0;  // the same skeleton for a long lower-case word (a loanword:
                               // бизнесмен ~ businessman); 0 when none
  };
  struct Word {  // kept small: a long document has hundreds of thousands
    uint32_t stem = 0;      // index into `stems`
    uint32_t spelling = 0;  // index into `spellings`
    bool capitalised = false, initial = false, all_caps = false, foreign = false;
  };
  struct SentenceInfo {
    int chars = 0;  // code points
    int paragraph = 0;
    bool paragraph_start = false;
    bool continues = false;
    uint32_t word_begin = 0, word_count = 0;      // into `words`
    uint32_t number_begin = 0, number_count = 0;  // into `numbers`
  };
  std::string lang;
  std::vector<SentenceInfo> sentences;
  std::vector<Word> words;
  std::vector<Spelling> spellings;
  std::vector<uint64_t> numbers;   // TranslationTable::NumberKey of each number
  std::vector<std::string> stems;  // distinct stems of the document
};

// `parallel`: a long document analysed on its own, which may use every core.
DocumentAnalysis Analyze(const Document& doc, bool parallel = false);

// Extracts the features of every sentence for the given side. With `needed` (one flag per
// sentence), the sentences not needed get their in keys but no tokens: a realignment that
// keeps most beads fixed reads the tokens of the other sentences only, and the in keys of
// all (how common a key is counts every sentence).
SideFeatures ExtractFeatures(const DocumentAnalysis& doc, Side side, const TranslationTable& table,
                             const std::vector<bool>* needed = nullptr);
SideFeatures ExtractFeatures(const Document& doc, Side side, const TranslationTable& table);

}  // namespace newsalign
