// StemDictionary: the compact table, its builder, loading from dictd files, and the cache.
//
// Layout. Every stem is stored once in `pool_` and named by a StemId; an open-addressing hash
// table (`slots_`, linear probing, at most half full) maps a stem string to its id. The pairs
// are a CSR table over source ids (`pair_begin_`, `targets_`), sorted within each source so
// that Contains() is a binary search over a handful of ids. For ru-en that is ~6 MB, against
// ~25 MB for a map of vectors of strings.
//
// Loading. Parsing Mueller's 46,000 articles and stemming their translations takes about a
// second, too slow for a CLI that loads the dictionary on every `align`. So the built tables
// are written to a cache file (one per language direction) that later loads read back in a
// few milliseconds. The file name carries a hash of the dictd files' paths, sizes and mtimes
// and of kCacheFormat, so an upgraded dictionary package or a change to the parser here (bump
// kCacheFormat!) makes a new file; stale files of the same direction are removed. The file is
// written to a temporary name and renamed, so readers never see half a file, and it carries
// an Adler-32 checksum so a damaged file is rebuilt rather than trusted. Any failure to read
// or write the cache only costs time.

#include "newsalign/lexicon/dictionary.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <unordered_set>

#include "newsalign/core/error.h"
#include "newsalign/text/encoding.h"
#include "newsalign/text/words.h"

namespace newsalign {

// Bump whenever the parsing, filtering or stemming of entries changes: old caches are ignored.
constexpr uint32_t kCacheFormat = 2;

namespace {

size_t HashStem(std::string_view s) { return std::hash<std::string_view>()(s); }

size_t TableSizeFor(size_t n) {
  size_t size = 16;
  while (size < 2 * n) size *= 2;
  return size;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The table.

std::string_view StemDictionary::Stem(StemId id) const {
  uint32_t begin = id == 0 ? 0 : stem_end_[id - 1];
  return std::string_view(pool_).substr(begin, stem_end_[id] - begin);
}

StemId StemDictionary::Id(std::string_view stem) const {
  if (slots_.empty()) return kNoStem;
  size_t mask = slots_.size() - 1;
  for (size_t i = HashStem(stem) & mask;; i = (i + 1) & mask) {
    StemId id = slots_[i];
    if (id == kNoStem) return kNoStem;
    if (Stem(id) == stem) return id;
  }
}

void StemDictionary::BuildHash() {
  slots_.assign(TableSizeFor(stem_end_.size()), kNoStem);
  size_t mask = slots_.size() - 1;
  for (StemId id = 0; id < stem_end_.size(); ++id) {
    size_t i = HashStem(Stem(id)) & mask;
    while (slots_[i] != kNoStem) i = (i + 1) & mask;
    slots_[i] = id;
  }
}

bool StemDictionary::Contains(StemId src, StemId tgt) const {
  IdRange r = TranslationIds(src);
  return tgt != kNoStem && std::binary_search(r.begin(), r.end(), tgt);
}

StemDictionary::IdRange StemDictionary::TranslationIds(StemId src) const {
  if (src == kNoStem || src + 1 >= pair_begin_.size()) return {};
  return {targets_.data() + pair_begin_[src], targets_.data() + pair_begin_[src + 1]};
}

std::vector<std::string_view> StemDictionary::Translations(std::string_view src_stem) const {
  std::vector<std::string_view> out;
  for (StemId t : TranslationIds(Id(src_stem))) out.push_back(Stem(t));
  return out;
}

size_t StemDictionary::num_sources() const {
  size_t n = 0;
  for (size_t i = 0; i + 1 < pair_begin_.size(); ++i) n += pair_begin_[i + 1] > pair_begin_[i];
  return n;
}

size_t StemDictionary::MemoryBytes() const {
  return pool_.capacity() + 4 * (stem_end_.capacity() + slots_.capacity() + pair_begin_.capacity() +
                                 targets_.capacity());
}

namespace {

// Fills the CSR arrays of `n` stems from (src, tgt) pairs; sorts and dedups `pairs`.
void BuildPairs(size_t n, std::vector<std::pair<StemId, StemId>>* pairs,
                std::vector<uint32_t>* pair_begin, std::vector<StemId>* targets) {
  std::sort(pairs->begin(), pairs->end());
  pairs->erase(std::unique(pairs->begin(), pairs->end()), pairs->end());
  pair_begin->assign(n + 1, 0);
  targets->clear();
  targets->reserve(pairs->size());
  for (const auto& p : *pairs) {
    ++(*pair_begin)[p.first + 1];
    targets->push_back(p.second);
  }
  for (size_t i = 0; i < n; ++i) (*pair_begin)[i + 1] += (*pair_begin)[i];
}

}  // namespace

StemDictionary StemDictionary::Inverted() const {
  StemDictionary inv;
  inv.pool_ = pool_;
  inv.stem_end_ = stem_end_;
  inv.slots_ = slots_;
  inv.headwords_ = headwords_;
  // A transpose by counting, with no sort: walking the sources in id order fills every
  // target's row already sorted, and rows here hold no duplicates.
  const size_t n = stem_end_.size();
  inv.pair_begin_.assign(n + 1, 0);
  for (StemId t : targets_) ++inv.pair_begin_[t + 1];
  for (size_t i = 0; i < n; ++i) inv.pair_begin_[i + 1] += inv.pair_begin_[i];
  inv.targets_.resize(targets_.size());
  std::vector<uint32_t> fill(inv.pair_begin_.begin(), inv.pair_begin_.end() - 1);
  for (StemId s = 0; s + 1 < pair_begin_.size(); ++s)
    for (uint32_t k = pair_begin_[s]; k < pair_begin_[s + 1]; ++k) inv.targets_[fill[targets_[k]]++] = s;
  return inv;
}

StemId StemDictionary::Builder::Intern(std::string_view stem) {
  StemDictionary& d = dict_;
  if (2 * (d.stem_end_.size() + 1) > index_.size()) {  // grow, keeping it at most half full
    index_.assign(TableSizeFor(d.stem_end_.size() + 1) * 2, kNoStem);
    size_t mask = index_.size() - 1;
    for (StemId id = 0; id < d.stem_end_.size(); ++id) {
      size_t i = HashStem(d.Stem(id)) & mask;
      while (index_[i] != kNoStem) i = (i + 1) & mask;
      index_[i] = id;
    }
  }
  size_t mask = index_.size() - 1;
  size_t i = HashStem(stem) & mask;
  for (; index_[i] != kNoStem; i = (i + 1) & mask)
    if (d.Stem(index_[i]) == stem) return index_[i];
  if (d.pool_.size() + stem.size() > UINT32_MAX) throw Error("stem dictionary: too many stems");
  StemId id = static_cast<StemId>(d.stem_end_.size());
  d.pool_.append(stem);
  d.stem_end_.push_back(static_cast<uint32_t>(d.pool_.size()));
  index_[i] = id;
  return id;
}

void StemDictionary::Builder::Add(std::string_view src_stem, std::string_view tgt_stem) {
  if (src_stem.empty() || tgt_stem.empty()) return;
  StemId s = Intern(src_stem);
  StemId t = Intern(tgt_stem);
  pairs_.emplace_back(s, t);
}

StemDictionary StemDictionary::Builder::Build() && {
  StemDictionary d = std::move(dict_);
  BuildPairs(d.stem_end_.size(), &pairs_, &d.pair_begin_, &d.targets_);
  d.headwords_ = headwords_;
  d.pool_.shrink_to_fit();
  d.stem_end_.shrink_to_fit();
  d.BuildHash();
  *this = Builder();
  return d;
}

// ---------------------------------------------------------------------------------------------
// The cache file: a header, then the arrays as they are in memory (native endianness, checked
// through a marker), then an Adler-32 of everything before it.

struct StemDictionaryIo {
  static constexpr char kMagic[8] = {'N', 'A', 'S', 'T', 'E', 'M', 'D', '1'};
  static constexpr uint32_t kEndian = 0x01020304;

  struct Header {
    char magic[8];
    uint32_t format;
    uint32_t endian;
    uint64_t key;
    uint64_t headwords;
    uint64_t pool_size;
    uint64_t num_stems;
    uint64_t num_pairs;
  };

  static std::string Serialize(const StemDictionary& d, uint64_t key) {
    Header h;
    std::memcpy(h.magic, kMagic, sizeof(kMagic));
    h.format = kCacheFormat;
    h.endian = kEndian;
    h.key = key;
    h.headwords = d.headwords_;
    h.pool_size = d.pool_.size();
    h.num_stems = d.stem_end_.size();
    h.num_pairs = d.targets_.size();
    std::string out;
    auto put = [&](const void* p, size_t n) { out.append(static_cast<const char*>(p), n); };
    put(&h, sizeof(h));
    put(d.pool_.data(), d.pool_.size());
    put(d.stem_end_.data(), 4 * d.stem_end_.size());
    put(d.pair_begin_.data(), 4 * d.pair_begin_.size());
    put(d.targets_.data(), 4 * d.targets_.size());
    uint32_t sum = static_cast<uint32_t>(adler32(adler32(0, nullptr, 0),
                                                 reinterpret_cast<const Bytef*>(out.data()),
                                                 static_cast<uInt>(out.size())));
    put(&sum, sizeof(sum));
    return out;
  }

  // False when the bytes are not a valid cache for `key`.
  static bool Deserialize(const std::string& in, uint64_t key, StemDictionary* d) {
    Header h;
    if (in.size() < sizeof(h) + 4) return false;
    std::memcpy(&h, in.data(), sizeof(h));
    if (std::memcmp(h.magic, kMagic, sizeof(kMagic)) != 0 || h.format != kCacheFormat ||
        h.endian != kEndian || h.key != key)
      return false;
    if (h.pool_size > UINT32_MAX || h.num_stems >= UINT32_MAX || h.num_pairs > UINT32_MAX)
      return false;
    uint64_t want =
        sizeof(h) + h.pool_size + 4 * (h.num_stems + (h.num_stems + 1) + h.num_pairs) + 4;
    if (in.size() != want) return false;
    uint32_t sum;
    std::memcpy(&sum, in.data() + in.size() - 4, 4);
    if (sum != static_cast<uint32_t>(adler32(adler32(0, nullptr, 0),
                                             reinterpret_cast<const Bytef*>(in.data()),
                                             static_cast<uInt>(in.size() - 4))))
      return false;
    const char* p = in.data() + sizeof(h);
    auto get = [&](auto* vec, size_t n) {
      vec->resize(n);
      std::memcpy(vec->data(), p, n * sizeof((*vec)[0]));
      p += n * sizeof((*vec)[0]);
    };
    StemDictionary r;
    get(&r.pool_, h.pool_size);
    get(&r.stem_end_, h.num_stems);
    get(&r.pair_begin_, h.num_stems + 1);
    get(&r.targets_, h.num_pairs);
    r.headwords_ = h.headwords;
    // Structural checks, so that a valid checksum over bad data still cannot crash us.
    uint32_t prev = 0;
    for (uint32_t e : r.stem_end_) {
      if (e < prev || e > h.pool_size) return false;
      prev = e;
    }
    if (r.pair_begin_.front() != 0 || r.pair_begin_.back() != h.num_pairs) return false;
    for (size_t i = 0; i + 1 < r.pair_begin_.size(); ++i)
      if (r.pair_begin_[i] > r.pair_begin_[i + 1]) return false;
    for (StemId t : r.targets_)
      if (t >= h.num_stems) return false;
    r.BuildHash();
    *d = std::move(r);
    return true;
  }
};

constexpr char StemDictionaryIo::kMagic[8];

// ---------------------------------------------------------------------------------------------
// Loading from dictd files.

namespace {

enum class ArticleFormat { kMueller, kFreedict, kWikdict };

struct DictdSource {
  const char* name;     // file base name under the dictd directory
  const char* package;  // Debian package that installs it
  ArticleFormat format;
};

// A dictionary direction we can build: headwords in `head`, translations in `trans`.
struct PairSpec {
  const char* head;
  const char* trans;
  std::vector<DictdSource> sources;
};

const std::vector<PairSpec>& Specs() {
  static const std::vector<PairSpec> specs = {
      {"en",
       "ru",
       {{"mueller7", "mueller7-dict", ArticleFormat::kMueller},
        {"freedict-eng-rus", "dict-freedict-eng-rus", ArticleFormat::kFreedict}}},
      {"de", "fr", {{"freedict-deu-fra", "dict-freedict-deu-fra", ArticleFormat::kWikdict}}},
  };
  return specs;
}

// Function words, skipped in multi-word translations ("отказываться от" -> "отказываться").
// Folded spelling (ё as е). Only the translation side's list is used.
const std::unordered_set<std::string_view>& StopWords(const std::string& lang) {
  static const std::unordered_set<std::string_view> ru = {
      "а", "без", "бы", "был", "была", "были", "было", "быть", "в", "вам", "вас", "ваш", "во",
      "вот", "все", "всех", "вы", "где", "да", "для", "до", "его", "ее", "ей", "ему", "если",
      "есть", "еще", "же", "за", "и", "из", "или", "им", "их", "к", "как", "кем", "ко", "когда",
      "кого", "ком", "кому", "которая", "которого", "которое", "которой", "котором", "которому",
      "которую", "которые", "который", "которым", "которых", "кто", "ли", "либо", "между", "мне",
      "мы", "на", "над", "не", "него", "нее", "нет", "ни", "но", "о", "об", "обо", "он", "она",
      "они", "оно", "от", "по", "под", "при", "про", "с", "себе", "себя", "со", "так", "также",
      "то", "того", "тоже", "том", "тот", "ту", "у", "уже", "чего", "чей", "чем", "чему", "что",
      "чтобы", "чье", "чья", "это", "этот", "я",
      // abbreviations of Mueller's comments: т. е., т. п., и т. д., тж., см., г., л.
      "т", "п", "д", "е", "г", "л", "тж", "см", "др", "пр"};
  static const std::unordered_set<std::string_view> en = {
      "a",   "an",      "the",  "of",   "to",  "in", "on", "at",  "by",
      "for", "with",    "from", "and",  "or",  "be", "is", "are", "was",
      "one", "oneself", "smb",  "smth", "sth", "sb", "as", "it",  "its"};
  static const std::unordered_set<std::string_view> fr = {
      "le",  "la",   "les",   "l",       "un",        "une",   "des", "de", "du",
      "d",   "à",    "au",    "aux",     "en",        "et",    "ou",  "se", "s",
      "sur", "pour", "par",   "avec",    "dans",      "qui",   "que", "qu", "ne",
      "pas", "être", "avoir", "quelque", "quelqu'un", "chose", "y"};
  static const std::unordered_set<std::string_view> de = {
      "der",   "die",    "das",      "den",      "dem",  "des",   "ein",  "eine", "einen",
      "einem", "einer",  "eines",    "und",      "oder", "zu",    "zum",  "zur",  "in",
      "im",    "an",     "am",       "auf",      "für",  "mit",   "von",  "vom",  "sich",
      "etwas", "jemand", "jemanden", "jemandem", "sein", "haben", "nicht"};
  static const std::unordered_set<std::string_view> none;
  if (lang == "ru") return ru;
  if (lang == "en") return en;
  if (lang == "fr") return fr;
  if (lang == "de") return de;
  return none;
}

bool HasLetter(std::string_view w) {
  for (unsigned char c : w)
    if (c >= 0x80 || (c >= 'a' && c <= 'z')) return true;  // folded: no upper case left
  return false;
}

bool HasCyrillic(std::string_view w) {
  for (unsigned char c : w)
    if (c >= 0xD0 && c <= 0xD3) return true;
  return false;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A Russian dictionary form's Snowball stem can keep a vowel its inflected forms lose
// ("лежать" -> "лежа", "лежит" -> "леж"): the stem without it, or "" when there is none.
std::string ShorterRussianStem(const std::string& stem) {
  static const char* kVowels[] = {"а", "е", "и", "о", "у", "ы", "э", "ю", "я", "й"};
  if (stem.size() < 2 * 4) return "";  // four letters at least (two bytes each): not "сто" from "стоя"
  for (const char* v : kVowels)
    if (EndsWith(stem, v)) return stem.substr(0, stem.size() - 2);
  return "";
}

// Adds the pairs of one dictd file, head -> trans.
void AddDictd(const DictdFile& file, ArticleFormat format, const WordTools& head,
              const WordTools& trans, StemDictionary::Builder* builder) {
  const auto& stop = StopWords(trans.lang());
  const bool head_cyrillic = head.lang() == "ru";
  const bool trans_cyrillic = trans.lang() == "ru";
  std::vector<std::string> words, phrase_words;
  std::vector<std::string> trans_stems;
  file.ForEach([&](std::string_view headword, std::string_view article) {
    if (headword.empty() || headword[0] == '_' || headword.compare(0, 2, "00") == 0) return;
    head.Words(headword, &words);
    if (words.size() != 1 || !HasLetter(words[0]) || HasCyrillic(words[0]) != head_cyrillic) return;
    std::vector<std::string> phrases =
        format == ArticleFormat::kMueller
            ? MuellerTranslations(article)
            : FreedictTranslations(article, format == ArticleFormat::kWikdict);
    trans_stems.clear();
    for (const std::string& phrase : phrases) {
      trans.Words(phrase, &phrase_words);
      if (phrase_words.empty() || phrase_words.size() > 3) continue;
      for (const std::string& w : phrase_words) {
        if (!HasLetter(w) || HasCyrillic(w) != trans_cyrillic || CodePoints(w) < 2) continue;
        if (stop.count(w) || EndsWith(w, "-л") || EndsWith(w, "-либо") || EndsWith(w, "-нибудь"))
          continue;
        trans_stems.push_back(trans.Stem(w));
        if (trans_cyrillic) {
          std::string shorter = ShorterRussianStem(trans_stems.back());
          if (!shorter.empty()) trans_stems.push_back(std::move(shorter));
        }
      }
    }
    if (trans_stems.empty()) return;
    std::string head_stem = head.Stem(words[0]);
    for (const std::string& t : trans_stems) builder->Add(head_stem, t);
    if (head_cyrillic) {
      std::string shorter = ShorterRussianStem(head_stem);
      if (!shorter.empty())
        for (const std::string& t : trans_stems) builder->Add(shorter, t);
    }
    builder->CountHeadword();
  });
}

uint64_t Fnv1a(uint64_t h, std::string_view s) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string DefaultCacheDir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return std::string(xdg) + "/newsalign";
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return std::string(home) + "/.cache/newsalign";
  return "";
}

bool ReadWholeFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  std::streamoff n = in.tellg();
  if (n < 0) return false;
  in.seekg(0);
  out->resize(static_cast<size_t>(n));
  in.read(&(*out)[0], n);
  return static_cast<bool>(in);
}

// Writes atomically; any failure is silent (the cache is only an optimisation).
void WriteCache(const std::string& dir, const std::string& prefix, const std::string& name,
                const std::string& bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return;
  const std::string path = dir + "/" + name;
  static std::atomic<unsigned> counter{0};  // threads of one process load concurrently too
  const std::string tmp =
      path + ".tmp" + std::to_string(getpid()) + "-" + std::to_string(counter++);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      fs::remove(tmp, ec);
      return;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return;
  }
  // Stale caches of the same direction (older dictionary files or format).
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string f = it->path().filename().string();
    if (f != name && f.compare(0, prefix.size(), prefix) == 0 &&
        f.find(".tmp") == std::string::npos) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

}  // namespace

StemDictionary StemDictionary::LoadForLanguages(const std::string& src_lang,
                                                const std::string& tgt_lang, std::string* note,
                                                const DictionaryLoadOptions& options) {
  std::string ignored_note;
  if (note == nullptr) note = &ignored_note;
  note->clear();
  const PairSpec* spec = nullptr;
  bool invert = false;
  for (const PairSpec& s : Specs()) {
    if (src_lang == s.head && tgt_lang == s.trans) spec = &s;
    if (src_lang == s.trans && tgt_lang == s.head) spec = &s, invert = true;
  }
  if (spec == nullptr) {
    *note = "no bilingual dictionary for " + src_lang + "-" + tgt_lang +
            " (known pairs: ru-en, de-fr); aligning without one";
    return {};
  }

  // Which files are there, and the cache key from their identity.
  std::vector<std::pair<const DictdSource*, std::string>> present;  // source, base path
  std::vector<std::string> missing;                                 // packages
  uint64_t key = Fnv1a(1469598103934665603ull,
                       std::string(src_lang) + "-" + tgt_lang + "#" + std::to_string(kCacheFormat));
  for (const DictdSource& s : spec->sources) {
    std::string base = options.dict_dir + "/" + s.name;
    struct stat index_st, dict_st;
    bool ok = stat((base + ".index").c_str(), &index_st) == 0 &&
              (stat((base + ".dict.dz").c_str(), &dict_st) == 0 ||
               stat((base + ".dict").c_str(), &dict_st) == 0);
    if (!ok) {
      missing.push_back(s.package);
      continue;
    }
    present.emplace_back(&s, base);
    for (const struct stat* st : {&index_st, &dict_st})
      key = Fnv1a(key, base + "|" + std::to_string(st->st_size) + "|" +
                           std::to_string(st->st_mtim.tv_sec) + "." +
                           std::to_string(st->st_mtim.tv_nsec));
  }
  auto missing_note = [&] {
    std::string pkgs;
    for (const std::string& p : missing) pkgs += " " + p;
    return pkgs;
  };
  if (present.empty()) {
    *note = "no dictionary for " + src_lang + "-" + tgt_lang + " in " + options.dict_dir +
            ": apt-get install" + missing_note();
    return {};
  }
  if (!missing.empty())
    *note = "dictionary for " + src_lang + "-" + tgt_lang + " is incomplete: apt-get install" +
            missing_note();

  // The cache.
  std::string cache_dir =
      options.use_cache ? (options.cache_dir.empty() ? DefaultCacheDir() : options.cache_dir) : "";
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(key));
  const std::string prefix = "stemdict-" + src_lang + "-" + tgt_lang + "-";
  const std::string cache_name = prefix + hex + ".bin";
  if (!cache_dir.empty()) {
    std::string bytes;
    StemDictionary cached;
    if (ReadWholeFile(cache_dir + "/" + cache_name, &bytes) &&
        StemDictionaryIo::Deserialize(bytes, key, &cached))
      return cached;
  }

  // Parse.
  WordTools head(spec->head), trans(spec->trans);
  Builder builder;
  bool complete = true;  // a damaged file must not end up hidden behind a cache
  for (const auto& [source, base] : present) {
    try {
      DictdFile file(base);
      AddDictd(file, source->format, head, trans, &builder);
    } catch (const Error& e) {
      *note += std::string(note->empty() ? "" : "; ") + "dictionary skipped: " + e.what();
      complete = false;
    }
  }
  StemDictionary dict = std::move(builder).Build();
  if (invert) dict = dict.Inverted();
  if (!cache_dir.empty() && complete && !dict.empty())
    WriteCache(cache_dir, prefix, cache_name, StemDictionaryIo::Serialize(dict, key));
  return dict;
}

}  // namespace newsalign
