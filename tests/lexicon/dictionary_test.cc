#include "newsalign/lexicon/dictionary.h"

#include <stdlib.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "newsalign/core/error.h"
#include "newsalign/text/words.h"

namespace newsalign {
namespace {

namespace fs = std::filesystem;
using Phrases = std::vector<std::string>;
using Entries = std::vector<std::pair<std::string, std::string>>;  // headword, article

// A fresh directory, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "newsalign-lexicon-XXXXXX").string();
    if (mkdtemp(&tmpl[0]) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string EncodeDictdNumber(uint64_t v) {
  static const char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[v % 64]);
    v /= 64;
  } while (v > 0);
  return out;
}

// Writes base.index and base.dict.dz (gzip, as dictzip files are) or base.dict.
void WriteDictd(const std::string& base, const Entries& entries, bool compressed = true) {
  std::string data, index;
  for (const auto& [word, article] : entries) {
    index += word + "\t" + EncodeDictdNumber(data.size()) + "\t" +
             EncodeDictdNumber(article.size()) + "\n";
    data += article;
  }
  std::ofstream(base + ".index", std::ios::binary) << index;
  if (compressed) {
    gzFile f = gzopen((base + ".dict.dz").c_str(), "wb");
    REQUIRE(f != nullptr);
    REQUIRE(gzwrite(f, data.data(), static_cast<unsigned>(data.size())) ==
            static_cast<int>(data.size()));
    REQUIRE(gzclose(f) == Z_OK);
  } else {
    std::ofstream(base + ".dict", std::ios::binary) << data;
  }
}

Entries ReadAll(const DictdFile& f) {
  Entries out;
  f.ForEach([&](std::string_view w, std::string_view a) {
    out.emplace_back(std::string(w), std::string(a));
  });
  return out;
}

// A few Mueller-style articles, shaped like the real ones.
const Entries& MiniMueller() {
  static const Entries entries = {
      {"00-database-short", "00-database-short\n     Mueller English-Russian Dictionary\n"},
      {"_n.", "_n.\n   noun существительное\n"},
      {"dog",
       "dog\n   [dɘg]\n   1. _n.\n      1) собака, пёс; Greater (lesser) Dog созвездие Большого\n"
       "      (Малого) Пса\n      2) кобель; самец волка, лисы (тж. dog-wolf, dog-fox)\n"},
      {"house",
       "house\n   1. _n. [haʊs], _pl. [↗haʊzɪz]\n      1) дом; жилище; здание\n"
       "      2) дом; семья; хозяйство; to keep house вести хозяйство\n"},
      {"government",
       "government\n   [↗gʌvnmɜnt] _n.\n   1) правительство; organs of government органы\n"
       "   государственного управления\n   2) форма правления\n"},
      {"abandon",
       "abandon\n   [ɜ↗bændɜn]\n   1. _v.\n      1) покидать, оставлять\n      2) отказываться "
       "от\n"},
      {"american way of life", "american way of life\n   американский образ жизни\n"},
  };
  return entries;
}

// --- dictd numbers -----------------------------------------------------------------------------

TEST_CASE("DecodeDictdNumber reads dictd's base 64") {
  struct Case {
    const char* in;
    uint64_t want;
  };
  const Case cases[] = {
      {"A", 0},
      {"B", 1},
      {"/", 63},
      {"+", 62},
      {"a", 26},
      {"0", 52},
      {"BA", 64},
      {"BAA", 4096},
      {"C+m", 2 * 4096 + 62 * 64 + 38},  // from mueller7.index: 'cause
      {"O3MQ", 14 * 262144 + 55 * 4096 + 12 * 64 + 16},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    uint64_t v = 12345;
    REQUIRE(DecodeDictdNumber(c.in, &v));
    REQUIRE(v == c.want);
  }
  uint64_t v = 0;
  REQUIRE_FALSE(DecodeDictdNumber("", &v));
  REQUIRE_FALSE(DecodeDictdNumber("A=", &v));
  REQUIRE_FALSE(DecodeDictdNumber("A B", &v));
  REQUIRE_FALSE(DecodeDictdNumber("//////////////", &v));  // 84 bits
  for (uint64_t n : {0ull, 1ull, 63ull, 64ull, 9303472ull, 1ull << 40}) {
    REQUIRE(DecodeDictdNumber(EncodeDictdNumber(n), &v));
    REQUIRE(v == n);
  }
}

// --- DictdFile
// ------------------------------------------------------------------------------------

TEST_CASE("DictdFile reads a gzip-compressed dictionary it did not write") {
  TempDir dir;
  const Entries entries = {
      {"alpha", "alpha\n   альфа\n"}, {"beta", "beta\n   бета\n"}, {"empty", ""}};
  WriteDictd(dir.path() + "/tiny", entries);
  DictdFile f(dir.path() + "/tiny");
  REQUIRE(f.size() == 3);
  REQUIRE(ReadAll(f) == entries);
}

TEST_CASE("DictdFile reads an uncompressed .dict") {
  TempDir dir;
  const Entries entries = {{"gamma", "gamma\nгамма\n"}};
  WriteDictd(dir.path() + "/plain", entries, /*compressed=*/false);
  REQUIRE(ReadAll(DictdFile(dir.path() + "/plain")) == entries);
}

TEST_CASE("DictdFile reports missing and malformed files as InputError") {
  TempDir dir;
  REQUIRE_THROWS_AS(DictdFile(dir.path() + "/nothing"), InputError);
  std::ofstream(dir.path() + "/noindex.dict") << "x";
  REQUIRE_THROWS_AS(DictdFile(dir.path() + "/noindex"), InputError);
  WriteDictd(dir.path() + "/bad", {{"a", "aaaa"}}, false);
  std::ofstream(dir.path() + "/bad.index") << "a\tA\tE\nb\tA=\tB\n";
  REQUIRE_THROWS_WITH(DictdFile(dir.path() + "/bad"), Catch::Contains("line 2"));
  std::ofstream(dir.path() + "/bad.index") << "a\tA\tZ\n";  // 25 bytes past a 4-byte .dict
  REQUIRE_THROWS_WITH(DictdFile(dir.path() + "/bad"), Catch::Contains("beyond the end"));
  std::ofstream(dir.path() + "/bad.index") << "no tabs here\n";
  REQUIRE_THROWS_AS(DictdFile(dir.path() + "/bad"), InputError);
}

// --- article formats
// ------------------------------------------------------------------------------

TEST_CASE("MuellerTranslations keeps translations and drops examples, labels, comments") {
  struct Case {
    const char* name;
    std::string article;
    Phrases want;
  };
  const std::vector<Case> cases = {
      {"empty", "", {}},
      {"headword only", "dog\n", {}},
      {"one word", "terrorist\n   [↗tɛrɜrɪst] _n. террорист\n", {"террорист"}},
      {"senses, POS, comments, examples",
       MiniMueller()[2].second,
       {"собака", "пёс", "кобель", "самец волка", "лисы"}},
      {"example ends the sense, the next sense starts over",
       MiniMueller()[3].second,
       {"дом", "жилище", "здание", "дом", "семья", "хозяйство"}},
      {"a line-end hyphen joins the word",
       "run\n      17)направление; the run of the hills is N. E. холмы тянутся на северо-\n"
       "      восток\n      18)рулада\n",
       {"направление", "рулада"}},
      {"letter sub-senses after an example belong to it",
       "dog\n   1) собака; top dog\n         а) собака, победившая в драке;\n"
       "         б) хозяин положения\n   2) кобель\n",
       {"собака", "кобель"}},
      {"letter sub-senses of the headword",
       "state\n   1) а) состояние; б) положение\n",
       {"состояние", "положение"}},
      {"homonyms, labels, cross references, braces",
       "bank\n   _I [bæŋk]\n      1. _n. 1) _фин. банк {см. тж.}\n      2) = bench\n"
       "   _II [bæŋk] _n. 1) вал, насыпь\n",
       {"банк", "вал", "насыпь"}},
      {"abbreviations split into stop-word fragments",
       "trough\n   1) жёлоб, лоток, труба и т.п.\n   2) _ам. отказываться от чего-л.\n",
       {"жёлоб", "лоток", "труба и т", "п", "отказываться от чего-л"}},
      {"numbered senses glued to the text",
       "house\n   10)колледж университета\n   11)гостиница\n",
       {"колледж университета", "гостиница"}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    REQUIRE(MuellerTranslations(c.article) == c.want);
  }
}

TEST_CASE("FreedictTranslations reads eng-rus and WikDict-style articles") {
  // eng-rus: senses only
  REQUIRE(FreedictTranslations("dog /dɔg/\nсобака\n", false) == Phrases{"собака"});
  REQUIRE(FreedictTranslations("about /əbaut/\n1. о\n2. приблизительно, примерно\n", false) ==
          Phrases{"о", "приблизительно", "примерно"});
  REQUIRE(FreedictTranslations("", false).empty());
  // deu-fra: sense lines followed by German definitions and " 3." sub-definitions
  const std::string haus =
      "Haus /haʊ̯s/ <n, neut>\n1. maison 2.\nzu einem bestimmten Zweck erbautes Gebäude\n 3.\n"
      "zum Wohnen dienendes Gebäude\n2. chambre, maison (de commerce)\nFirma\n";
  REQUIRE(FreedictTranslations(haus, true) == Phrases{"maison", "chambre", "maison"});
  REQUIRE(FreedictTranslations(
              "Regierung /ʁeˈɡiːʁʊŋ/ <n, fem>\ngouvernement 2.\nkein Plural: das Regieren\n",
              true) == Phrases{"gouvernement"});
  REQUIRE(FreedictTranslations("Teichufer /x/ <n, neut>\nrive d'étang\n", true) ==
          Phrases{"rive d'étang"});
}

// --- StemDictionary ------------------------------------------------------------------------------

TEST_CASE("StemDictionary looks pairs up by string and by id") {
  StemDictionary::Builder b;
  b.Add("дом", "hous");
  b.Add("дом", "home");
  b.Add("дом", "hous");  // duplicates collapse
  b.Add("собак", "dog");
  b.Add("", "nothing");  // ignored
  StemDictionary d = std::move(b).Build();
  REQUIRE(d.size() == 3);
  REQUIRE(d.num_stems() == 5);
  REQUIRE(d.num_sources() == 2);
  REQUIRE(d.Contains("дом", "hous"));
  REQUIRE(d.Contains("дом", "home"));
  REQUIRE(d.Contains("собак", "dog"));
  REQUIRE_FALSE(d.Contains("собак", "hous"));
  REQUIRE_FALSE(d.Contains("hous", "дом"));  // directed
  REQUIRE_FALSE(d.Contains("кот", "cat"));
  REQUIRE(d.Id("кот") == kNoStem);
  StemId dom = d.Id("дом");
  REQUIRE(dom != kNoStem);
  REQUIRE(d.Stem(dom) == "дом");
  REQUIRE(d.Contains(dom, d.Id("home")));
  REQUIRE_FALSE(d.Contains(dom, kNoStem));
  REQUIRE_FALSE(d.Contains(kNoStem, kNoStem));
  REQUIRE(d.TranslationIds(dom).size() == 2);
  REQUIRE(d.TranslationIds(kNoStem).empty());
  std::vector<std::string_view> t = d.Translations("дом");
  std::sort(t.begin(), t.end());
  REQUIRE(t == std::vector<std::string_view>{"home", "hous"});
  REQUIRE(d.Translations("кот").empty());

  StemDictionary inv = d.Inverted();
  REQUIRE(inv.size() == 3);
  REQUIRE(inv.Contains("hous", "дом"));
  REQUIRE(inv.Contains("dog", "собак"));
  REQUIRE_FALSE(inv.Contains("дом", "hous"));
}

TEST_CASE("an empty StemDictionary answers no to everything") {
  StemDictionary d;
  REQUIRE(d.empty());
  REQUIRE(d.Id("дом") == kNoStem);
  REQUIRE_FALSE(d.Contains("дом", "hous"));
  REQUIRE(d.Translations("дом").empty());
  REQUIRE(StemDictionary::Builder().Build().empty());
}

TEST_CASE("StemDictionary holds many stems") {
  StemDictionary::Builder b;
  for (int i = 0; i < 20000; ++i) b.Add("s" + std::to_string(i), "t" + std::to_string(i % 777));
  StemDictionary d = std::move(b).Build();
  REQUIRE(d.size() == 20000);
  for (int i = 0; i < 20000; i += 997) {
    REQUIRE(d.Contains("s" + std::to_string(i), "t" + std::to_string(i % 777)));
    REQUIRE_FALSE(d.Contains("s" + std::to_string(i), "t" + std::to_string((i + 1) % 777)));
  }
}

// --- loading
// --------------------------------------------------------------------------------------

TEST_CASE("LoadForLanguages builds ru-en from a Mueller-format dictionary and caches it") {
  TempDir dicts, cache;
  WriteDictd(dicts.path() + "/mueller7", MiniMueller());
  WriteDictd(dicts.path() + "/freedict-eng-rus", {{"cat", "cat /kæt/\nкошка\n"}});
  DictionaryLoadOptions options;
  options.dict_dir = dicts.path();
  options.cache_dir = cache.path();
  WordTools ru("ru"), en("en");
  auto check = [&](const StemDictionary& d) {
    REQUIRE(d.Contains(ru.Stem("дом"), en.Stem("house")));
    REQUIRE(d.Contains(ru.Stem("собака"), en.Stem("dog")));
    REQUIRE(d.Contains(ru.Stem("пёс"), en.Stem("dog")));  // ё folded to е before stemming
    REQUIRE(d.Contains(ru.Stem("правительство"), en.Stem("government")));
    REQUIRE(d.Contains(ru.Stem("отказываться"), en.Stem("abandon")));
    REQUIRE(d.Contains(ru.Stem("кошка"), en.Stem("cat")));                // from freedict-eng-rus
    REQUIRE_FALSE(d.Contains(ru.Stem("от"), en.Stem("abandon")));         // stop word
    REQUIRE_FALSE(d.Contains(ru.Stem("хозяйство"), en.Stem("keep")));     // example
    REQUIRE_FALSE(d.Contains(ru.Stem("органы"), en.Stem("government")));  // example
    REQUIRE_FALSE(d.Contains(ru.Stem("образ"), en.Stem("life")));         // multi-word headword
    REQUIRE(d.Id(ru.Stem("существительное")) == kNoStem);                 // abbreviation list
    REQUIRE(d.headwords() == 5);
  };
  std::string note = "stale";
  StemDictionary cold = StemDictionary::LoadForLanguages("ru", "en", &note, options);
  REQUIRE(note.empty());
  check(cold);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(cache.path())) files.push_back(e.path());
  REQUIRE(files.size() == 1);
  REQUIRE(files[0].filename().string().rfind("stemdict-ru-en-", 0) == 0);

  StemDictionary warm = StemDictionary::LoadForLanguages("ru", "en", &note, options);
  check(warm);
  REQUIRE(warm.size() == cold.size());

  // A damaged cache is ignored and replaced.
  std::ofstream(files[0], std::ios::binary | std::ios::trunc) << "garbage";
  StemDictionary again = StemDictionary::LoadForLanguages("ru", "en", &note, options);
  check(again);
  REQUIRE(fs::file_size(files[0]) > 100);

  // The other direction is the same dictionary, inverted.
  StemDictionary en_ru = StemDictionary::LoadForLanguages("en", "ru", &note, options);
  REQUIRE(en_ru.Contains(en.Stem("dog"), ru.Stem("собака")));
  REQUIRE_FALSE(en_ru.Contains(ru.Stem("собака"), en.Stem("dog")));
  REQUIRE(en_ru.size() == cold.size());
}

TEST_CASE("LoadForLanguages works without a cache directory it can write") {
  TempDir dicts;
  WriteDictd(dicts.path() + "/mueller7", MiniMueller());
  DictionaryLoadOptions options;
  options.dict_dir = dicts.path();
  options.cache_dir = dicts.path() + "/mueller7.index/not-a-dir";  // cannot be created
  std::string note;
  StemDictionary d = StemDictionary::LoadForLanguages("ru", "en", &note, options);
  REQUIRE(d.Contains("собак", "dog"));
  REQUIRE(note.find("dict-freedict-eng-rus") != std::string::npos);  // incomplete: says what to add
}

TEST_CASE("LoadForLanguages without dictionaries gives an empty result and a note") {
  TempDir empty;
  DictionaryLoadOptions options;
  options.dict_dir = empty.path();
  options.use_cache = false;
  std::string note;
  StemDictionary d = StemDictionary::LoadForLanguages("ru", "en", &note, options);
  REQUIRE(d.empty());
  REQUIRE(note.find("apt-get install") != std::string::npos);
  REQUIRE(note.find("mueller7-dict") != std::string::npos);

  d = StemDictionary::LoadForLanguages("fr", "de", &note, options);
  REQUIRE(d.empty());
  REQUIRE(note.find("dict-freedict-deu-fra") != std::string::npos);

  d = StemDictionary::LoadForLanguages("ja", "ko", &note, options);
  REQUIRE(d.empty());
  REQUIRE(note.find("ja-ko") != std::string::npos);

  REQUIRE(StemDictionary::LoadForLanguages("ru", "en", nullptr, options).empty());
}

TEST_CASE("LoadForLanguages survives a damaged dictionary file") {
  TempDir dicts;
  WriteDictd(dicts.path() + "/mueller7", MiniMueller());
  std::ofstream(dicts.path() + "/freedict-eng-rus.index") << "cat\tA\tZZZZ\n";
  std::ofstream(dicts.path() + "/freedict-eng-rus.dict") << "x";
  DictionaryLoadOptions options;
  options.dict_dir = dicts.path();
  options.use_cache = false;
  std::string note;
  StemDictionary d = StemDictionary::LoadForLanguages("ru", "en", &note, options);
  REQUIRE(d.Contains("собак", "dog"));
  REQUIRE(note.find("freedict-eng-rus.index") != std::string::npos);
}

// --- the installed Debian dictionaries
// -------------------------------------------------------------

bool Installed(const char* name) {
  if (fs::exists(std::string("/usr/share/dictd/") + name + ".index")) return true;
  WARN("skipped: /usr/share/dictd/" << name << " is not installed");
  return false;
}

TEST_CASE("the installed mueller7 gives ru-en pairs news needs") {
  if (!Installed("mueller7")) return;
  TempDir cache;
  DictionaryLoadOptions options;
  options.cache_dir = cache.path();
  std::string note;
  StemDictionary d = StemDictionary::LoadForLanguages("ru", "en", &note, options);
  REQUIRE(d.size() > 100000);
  WordTools ru("ru"), en("en");
  const std::pair<const char*, const char*> pairs[] = {
      {"дом", "house"},           {"собака", "dog"},        {"правительство", "government"},
      {"президент", "president"}, {"государство", "state"}, {"терроризм", "terrorism"},
      {"заявлять", "state"},      {"говорить", "say"},      {"брать", "take"},
      // Inflected verbs whose stem lacks the vowel of the dictionary form's ("лежа").
      {"лежит", "lie"},           {"кричит", "shout"},
  };
  for (const auto& [r, e] : pairs) {
    INFO(r << " / " << e);
    REQUIRE(d.Contains(ru.Stem(FoldCase(r)), en.Stem(e)));
  }
  REQUIRE_FALSE(d.Contains(ru.Stem("собака"), en.Stem("government")));
  // Warm load from the cache: the same table.
  StemDictionary warm = StemDictionary::LoadForLanguages("ru", "en", &note, options);
  REQUIRE(warm.size() == d.size());
  REQUIRE(warm.Contains(ru.Stem("собака"), en.Stem("dog")));
}

TEST_CASE("the installed freedict-deu-fra gives de-fr and fr-de pairs") {
  if (!Installed("freedict-deu-fra")) return;
  DictionaryLoadOptions options;
  options.use_cache = false;
  std::string note;
  StemDictionary d = StemDictionary::LoadForLanguages("de", "fr", &note, options);
  REQUIRE(d.size() > 50000);
  WordTools de("de"), fr("fr");
  REQUIRE(d.Contains(de.Stem("hund"), fr.Stem("chien")));
  REQUIRE(d.Contains(de.Stem("regierung"), fr.Stem("gouvernement")));
  REQUIRE(d.Contains(de.Stem("haus"), fr.Stem("maison")));
  StemDictionary inv = StemDictionary::LoadForLanguages("fr", "de", &note, options);
  REQUIRE(inv.Contains(fr.Stem("chien"), de.Stem("hund")));
}

}  // namespace
}  // namespace newsalign
