// Tests for text/words.h (FoldCase, Transliterate, WordTools); they live here because the
// lexicon owns the word tools' implementation.
#include "newsalign/text/words.h"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

namespace newsalign {
namespace {

using Words = std::vector<std::string>;

TEST_CASE("FoldCase folds fully and maps ё to е") {
  struct Case {
    const char* in;
    const char* want;
  };
  const Case cases[] = {
      // empty and ASCII
      {"", ""},
      {"Reuters AP U.S.", "reuters ap u.s."},
      // Russian: ё -> е, stress accents and soft hyphens dropped
      {"МОСКВА", "москва"},
      {"ЁЛКА", "елка"},
      {"Ёлка и ёж", "елка и еж"},
      {"за\xCC\x81мок", "замок"},      // combining acute after а
      {"е\xCC\x88", "е"},              // decomposed ё
      {"пере\xC2\xADнос", "перенос"},  // soft hyphen
      // full folding elsewhere
      {"Straße", "strasse"},
      {"ZÜRICH", "zürich"},
      {"Ελλάδα", "ελλάδα"},
      // Latin inside Russian
      {"Агентство REUTERS", "агентство reuters"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    REQUIRE(FoldCase(c.in) == c.want);
  }
}

TEST_CASE("Transliterate spells Russian names as English news does") {
  struct Case {
    const char* in;
    const char* want;
  };
  const Case cases[] = {
      {"", ""},
      {"Сысоев", "sysoev"},
      {"Таджикистан", "tadzhikistan"},
      {"Ельцин", "yeltsin"},  // word-initial е is "ye"
      {"Алексеев", "alekseev"},
      {"Шойгу", "shoygu"},
      {"Хабаровск", "khabarovsk"},
      {"Щукин", "shchukin"},
      {"Наталья", "natalya"},  // soft sign dropped
      {"Объединённые", "obedinennye"},
      {"Цой", "tsoy"},
      {"Путин заявил", "putin zayavil"},
      {"Zürich", "zurich"},  // other Latin: to ASCII
      {"Reuters", "reuters"},
      {"Київ", "kiiv"},         // Latin but not ASCII after BGN: Latin-ASCII still runs
      {"Μύκονος", "mykonos"},   // other scripts through Any-Latin
      {"Шои\u0306гу", "shoygu"},  // decomposed й: NFC first
  };
  for (const Case& c : cases) {
    INFO(c.in);
    REQUIRE(Transliterate(c.in) == c.want);
  }
}

TEST_CASE("Transliterate is thread-safe") {
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&results, t] {
      std::string r;
      for (int i = 0; i < 200; ++i) r = Transliterate("Таджикистан Сысоев");
      results[t] = r;
    });
  for (auto& th : threads) th.join();
  for (const auto& r : results) REQUIRE(r == "tadzhikistan sysoev");
}

TEST_CASE("Words splits on ICU word boundaries and folds case") {
  WordTools ru("ru");
  struct Case {
    const char* in;
    Words want;
  };
  const std::vector<Case> cases = {
      // empty and punctuation only
      {"", {}},
      {" — «…» ", {}},
      // plain sentences
      {"Президент России заявил.", {"президент", "россии", "заявил"}},
      {"«Ёлка», сказал он, — это…", {"елка", "сказал", "он", "это"}},
      // hyphenated words stay whole, number ranges do not
      {"на северо-западе", {"на", "северо-западе"}},
      {"Ростов-на-Дону", {"ростов-на-дону"}},
      {"кто\xE2\x80\x90то", {"кто-то"}},  // U+2010 HYPHEN
      {"COVID-19 и Ту-154", {"covid-19", "и", "ту-154"}},
      {"в 2017-2018 гг.", {"в", "2017", "2018", "гг"}},
      {"- Да, - ответил", {"да", "ответил"}},
      // numbers are tokens
      {"3,5 млн рублей", {"3,5", "млн", "рублей"}},
      {"2,000 people", {"2,000", "people"}},
      {"12.04.2024 в 15:30", {"12.04.2024", "в", "15", "30"}},
      // abbreviations and initials
      {"т. е. К. Манонов", {"т", "е", "к", "манонов"}},
      {"U.S. President", {"u.s", "president"}},
      // Latin words inside Russian text
      {"агентство Reuters сообщило", {"агентство", "reuters", "сообщило"}},
      {"Russia's terrorists don't", {"russia's", "terrorists", "don't"}},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    REQUIRE(ru.Words(c.in) == c.want);
  }
}

TEST_CASE("Words into a reused vector gives the same tokens") {
  WordTools en("en");
  Words out = {"stale"};
  en.Words("The President said", &out);
  REQUIRE(out == Words{"the", "president", "said"});
  en.Words("", &out);
  REQUIRE(out.empty());
}

TEST_CASE("Stem maps inflected forms to one stem") {
  WordTools ru("ru"), en("en"), de("de"), fr("fr");
  // Russian cases of one noun
  REQUIRE(ru.Stem("терроризма") == ru.Stem("терроризму"));
  REQUIRE(ru.Stem("терроризма") == ru.Stem("терроризм"));
  REQUIRE(ru.Stem("правительство") == ru.Stem("правительства"));
  REQUIRE(ru.Stem("собака") == ru.Stem("собаки"));
  // English plurals
  REQUIRE(en.Stem("terrorists") == en.Stem("terrorist"));
  REQUIRE(en.Stem("governments") == en.Stem("government"));
  // German and French
  REQUIRE(de.Stem("regierungen") == de.Stem("regierung"));
  REQUIRE(fr.Stem("gouvernements") == fr.Stem("gouvernement"));
  // Latin words in Russian text are stemmed as English
  REQUIRE(ru.Stem("reuters") == en.Stem("reuters"));
  REQUIRE(ru.Stem("terrorists") == en.Stem("terrorist"));
  // numbers and hyphenated words survive
  REQUIRE(ru.Stem("2,000") == "2,000");
  REQUIRE(ru.Stem("северо-запад") == "северо-запад");
  // empty word, language without a stemmer
  REQUIRE(ru.Stem("") == "");
  WordTools xx("xx");
  REQUIRE(xx.Stem("words") == "words");
  REQUIRE(xx.lang() == "xx");
}

TEST_CASE("WordTools moves") {
  WordTools a("ru");
  WordTools b(std::move(a));
  REQUIRE(b.Words("Дом") == Words{"дом"});
  a = std::move(b);
  REQUIRE(a.Stem("дома") == "дом");
}

}  // namespace
}  // namespace newsalign
