// A bilingual dictionary on stems, read from the dictd dictionaries that Debian packages
// install under /usr/share/dictd (mueller7-dict and dict-freedict-eng-rus for English-Russian,
// dict-freedict-deu-fra for German-French), by our own reader of the dictd format
// (.index + .dict.dz, the latter a gzip file readable with zlib).
//
//   std::string note;
//   StemDictionary dict = StemDictionary::LoadForLanguages("ru", "en", &note);
//   if (dict.empty()) std::cerr << note;   // "no dictionary for ru-en: apt-get install mueller7-dict"
//   dict.Contains(ru_stem, en_stem);        // stems from WordTools::Stem of each language
//
// Entries are stored as (source stem, target stem) pairs for single-word translations (and
// each word of short multi-word translations); headwords and translations are case-folded
// and stemmed with the same Snowball stemmers the aligner uses, so lookups are stem to stem.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace newsalign {

// One dictd dictionary: headword -> article text.
class DictdFile {
 public:
  // Reads `base`.index and `base`.dict.dz (or `base`.dict). Throws InputError if missing.
  explicit DictdFile(const std::string& base);
  size_t size() const { return entries_.size(); }
  // Calls f(headword, article) for each entry in index order.
  template <class F>
  void ForEach(F&& f) const {
    for (const auto& e : entries_) f(e.first, std::string_view(data_).substr(e.second.first, e.second.second));
  }

 private:
  std::vector<std::pair<std::string, std::pair<size_t, size_t>>> entries_;  // word, (offset, length)
  std::string data_;  // the whole uncompressed .dict
};

class StemDictionary {
 public:
  StemDictionary() = default;

  // Finds and loads the installed dictionaries for a language pair, in either direction
  // (an en->ru dictionary serves ru-en too). When none is installed the result is empty and
  // `*note` says which package to install; alignment then goes on without it.
  static StemDictionary LoadForLanguages(const std::string& src_lang, const std::string& tgt_lang,
                                         std::string* note);

  void Add(const std::string& src_stem, const std::string& tgt_stem);
  bool Contains(std::string_view src_stem, std::string_view tgt_stem) const;
  // Target stems for a source stem (empty when unknown).
  const std::vector<std::string>& Translations(std::string_view src_stem) const;
  bool empty() const { return pairs_ == 0; }
  size_t size() const { return pairs_; }

 private:
  std::unordered_map<std::string, std::vector<std::string>> table_;
  size_t pairs_ = 0;
};

}  // namespace newsalign
