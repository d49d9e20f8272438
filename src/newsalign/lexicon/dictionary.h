// A bilingual dictionary on stems, read from the dictd dictionaries that Debian packages
// install under /usr/share/dictd (mueller7-dict and dict-freedict-eng-rus for English-Russian,
// dict-freedict-deu-fra for German-French), by our own reader of the dictd format
// (.index + .dict.dz, the latter a gzip file readable with zlib).
//
//   std::string note;
//   StemDictionary dict = StemDictionary::LoadForLanguages("ru", "en", &note);
//   if (dict.empty()) std::cerr << note;   // "no dictionary for ru-en: apt-get install
//   mueller7-dict" dict.Contains(ru_stem, en_stem);        // stems from WordTools::Stem of each
//   language
//
//   // Hot loops: look stems up once, then compare ids.
//   StemId a = dict.Id(ru_stem), b = dict.Id(en_stem);   // kNoStem when not in the dictionary
//   dict.Contains(a, b);
//   for (StemId t : dict.TranslationIds(a)) dict.Stem(t);
//
// Entries are stored as (source stem, target stem) pairs for single-word translations (and
// each content word of translations of up to three words); headwords and translations are
// case-folded and stemmed with the same Snowball stemmers the aligner uses (text/words.h), so
// lookups are stem to stem. A Russian word is also entered without the last vowel of its
// stem ("лежать" gives "лежа" and "леж"), because the stems of its inflected forms lose it
// ("лежит" gives "леж"). A dictionary is immutable once built and safe to share between
// threads. Stems are interned: every distinct stem string is stored once and has a StemId;
// source and target stems share one id space (a stem string has one id whichever side it
// is on), and pairs are directed: Contains(src, tgt) is not Contains(tgt, src).
//
// Loading parses the dictionaries once (~1 s for ru-en) and keeps the result in a binary cache
// ($XDG_CACHE_HOME/newsalign or ~/.cache/newsalign), keyed by the dictionary files' size and
// mtime and a format version; later loads read the cache (tens of milliseconds).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsalign {

// One dictd dictionary: headword -> article text.
class DictdFile {
 public:
  // Reads `base`.index and `base`.dict.dz (or `base`.dict). Throws InputError if a file is
  // missing or unreadable, or the index is malformed (names the file and the line).
  explicit DictdFile(const std::string& base);
  size_t size() const { return entries_.size(); }
  // Calls f(headword, article) for each entry in index order.
  template <class F>
  void ForEach(F&& f) const {
    for (const auto& e : entries_)
      f(std::string_view(e.first), std::string_view(data_).substr(e.second.first, e.second.second));
  }

 private:
  std::vector<std::pair<std::string, std::pair<size_t, size_t>>>
      entries_;       // word, (offset, length)
  std::string data_;  // the whole uncompressed .dict
};

// A number in dictd's base64 (digits A-Z a-z 0-9 + /, most significant first): "B" -> 1,
// "BA" -> 64. Returns false on a character outside the alphabet or overflow.
bool DecodeDictdNumber(std::string_view digits, uint64_t* value);

// The translations in one article of the Mueller English-Russian dictionary (mueller7-dict),
// as short phrases in the article's spelling: "dog" -> {"собака", "пёс", "кобель", ...}.
// Transcriptions [..], labels (_n., _разг.), comments (..) and {..} are dropped; in each sense
// ("1.", "1)", "а)") the phrases before its first English example are kept, the examples and
// their translations are not.
std::vector<std::string> MuellerTranslations(std::string_view article);

// The translations in one FreeDict article (the plain-text dictd rendering of FreeDict's TEI):
// a header line "headword /pron/ <pos>", then sense lines ("1. a, b" or just "a, b"). With
// `has_definitions` (the WikDict-based dictionaries such as deu-fra) each sense line is
// followed by a definition in the source language, which is skipped.
std::vector<std::string> FreedictTranslations(std::string_view article, bool has_definitions);

using StemId = uint32_t;
inline constexpr StemId kNoStem = 0xFFFFFFFFu;

// Where LoadForLanguages looks and caches.
struct DictionaryLoadOptions {
  std::string dict_dir = "/usr/share/dictd";  // the dictd files (.index, .dict.dz)
  // Directory of the binary cache; "" = $XDG_CACHE_HOME/newsalign, else ~/.cache/newsalign.
  std::string cache_dir;
  bool use_cache = true;  // false: always parse, never read or write a cache
};

class StemDictionary {
 public:
  class Builder;

  StemDictionary() = default;

  // Finds and loads the installed dictionaries for a language pair (ISO 639-1), in either
  // direction (an en->ru dictionary serves ru-en too): ru-en/en-ru from mueller7 and
  // freedict-eng-rus, de-fr/fr-de from freedict-deu-fra. When none is installed the result is
  // empty and `*note` says which package to install; alignment then goes on without it.
  // `note` may be null. Never throws for a missing or unreadable dictionary or cache.
  static StemDictionary LoadForLanguages(const std::string& src_lang, const std::string& tgt_lang,
                                         std::string* note,
                                         const DictionaryLoadOptions& options = {});

  // The id of a stem, kNoStem when no pair mentions it.
  StemId Id(std::string_view stem) const;
  // The stem of an id (< num_stems()).
  std::string_view Stem(StemId id) const;

  bool Contains(StemId src, StemId tgt) const;
  bool Contains(std::string_view src_stem, std::string_view tgt_stem) const {
    return Contains(Id(src_stem), Id(tgt_stem));
  }

  // Target stem ids for a source stem id, sorted by id; empty for kNoStem or an unknown stem.
  struct IdRange {
    const StemId* first = nullptr;
    const StemId* last = nullptr;
    const StemId* begin() const { return first; }
    const StemId* end() const { return last; }
    size_t size() const { return static_cast<size_t>(last - first); }
    bool empty() const { return first == last; }
  };
  IdRange TranslationIds(StemId src) const;
  // Target stems for a source stem (empty when unknown); views into this dictionary.
  std::vector<std::string_view> Translations(std::string_view src_stem) const;

  // The same pairs, target -> source.
  StemDictionary Inverted() const;

  bool empty() const { return targets_.empty(); }
  size_t size() const { return targets_.size(); }        // number of (src, tgt) stem pairs
  size_t num_stems() const { return stem_end_.size(); }  // distinct stems, both sides
  size_t num_sources() const;                            // stems with at least one translation
  size_t headwords() const { return headwords_; }        // dictionary entries that gave pairs
  size_t MemoryBytes() const;                            // heap held by the tables

 private:
  friend class Builder;
  friend struct StemDictionaryIo;

  void BuildHash();

  std::string pool_;                  // all stems, concatenated
  std::vector<uint32_t> stem_end_;    // stem i is pool_[stem_end_[i-1] (or 0), stem_end_[i])
  std::vector<uint32_t> slots_;       // open-addressing hash: stem id or kNoStem; size 2^k
  std::vector<uint32_t> pair_begin_;  // CSR over source ids: targets_[pair_begin_[i], [i+1])
  std::vector<StemId> targets_;       // target ids, sorted within each source
  size_t headwords_ = 0;
};

// Collects pairs, then builds the compact dictionary. Adding is amortised O(1).
//
//   StemDictionary::Builder b;
//   b.Add("дом", "hous");
//   StemDictionary dict = std::move(b).Build();
class StemDictionary::Builder {
 public:
  void Add(std::string_view src_stem, std::string_view tgt_stem);
  // Counts one dictionary entry (headword) that contributed pairs; for statistics only.
  void CountHeadword() { ++headwords_; }
  StemDictionary Build() &&;

 private:
  StemId Intern(std::string_view stem);

  StemDictionary dict_;          // pool_ and stem_end_ are filled as stems arrive
  std::vector<uint32_t> index_;  // growing hash table over dict_'s stems (as dict_.slots_)
  std::vector<std::pair<StemId, StemId>> pairs_;
  size_t headwords_ = 0;
};

}  // namespace newsalign
