#include "newsalign/align/numbers.h"

#include <catch2/catch.hpp>

namespace newsalign {
namespace {

using Keys = std::vector<std::string>;

TEST_CASE("numbers: the same quantity written the Russian and the English way") {
  struct Case {
    const char* ru;
    const char* en;
    Keys want;
  };
  const Case cases[] = {
      // thousands separators and scale words
      {"Было 2 000 человек.", "There were 2,000 people.", {"2000"}},
      {"Около 2 тыс. человек.", "About 2,000 people.", {"2000"}},
      {"Пришли 20 тыс. зрителей.", "20,000 spectators came.", {"20000"}},
      {"Выделено 1,5 млн долларов.", "$1.5 million was allocated.", {"1500000"}},
      {"Бюджет 3 млрд. рублей.", "A budget of 3 billion roubles.", {"3000000000"}},
      {"Рост 3,5 процента.", "Growth of 3.5 percent.", {"3.5"}},
      {"Рост на 12%.", "Up 12%.", {"12"}},
      // dates in three spellings
      {"9 декабря 2017 года", "December 9, 2017", {"9", "m12", "2017"}},
      {"09.12.2017", "9 December 2017", {"9", "m12", "2017"}},
      // ranges and ordinals
      {"1–2 ноября", "November 1-2", {"1", "m11", "2"}},
      {"21-й век", "the 21st century", {"21"}},
  };
  for (const Case& c : cases) {
    INFO(c.ru << " | " << c.en);
    Keys ru = NumberKeys(c.ru, "ru");
    Keys en = NumberKeys(c.en, "en");
    std::sort(ru.begin(), ru.end());
    std::sort(en.begin(), en.end());
    Keys want = c.want;
    std::sort(want.begin(), want.end());
    REQUIRE(ru == want);
    REQUIRE(en == want);
  }
}

TEST_CASE("numbers: separators are read by language") {
  // A decimal comma in Russian, a thousands comma in English.
  REQUIRE(NumberKeys("2,5", "ru") == Keys{"2.5"});
  REQUIRE(NumberKeys("2,500", "en") == Keys{"2500"});
  // A space never glues a year to the next number.
  REQUIRE(NumberKeys("в 2017 20 раз", "ru") == Keys{"2017", "20"});
  // Text without digits, and digits inside words.
  REQUIRE(NumberKeys("Ни одной цифры.", "ru").empty());
  REQUIRE(NumberKeys("COVID-19 и G20", "ru") == Keys{"19", "20"});
}

}  // namespace
}  // namespace newsalign
