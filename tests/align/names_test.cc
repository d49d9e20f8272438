#include "newsalign/align/names.h"

#include <catch2/catch.hpp>

namespace newsalign {
namespace {

TEST_CASE("names: a Russian name and its English spelling share a key") {
  const std::pair<const char*, const char*> same[] = {
      {"Сысоев", "Sysoev"},        {"Сысоева", "Sysoev"},         {"Таджикистан", "Tajikistan"},
      {"Кыргызстан", "Kyrgyzstan"}, {"Манонов", "Manonov"},         {"Хасан", "Hassan"},
      {"ФСБ", "FSB"},               {"Шухрат", "Shukhrat"},        {"Microsoft", "Microsoft"},
  };
  for (auto [ru, en] : same) {
    INFO(ru << " ~ " << en);
    REQUIRE(!NameKey(ru).empty());
    REQUIRE(NameKey(ru) == NameKey(en));
  }
}

TEST_CASE("names: different names and short words stay apart") {
  REQUIRE(NameKey("Москва") != NameKey("Минск"));
  REQUIRE(NameKey("Путин") != NameKey("Байден"));
  REQUIRE(NameKey("Он").empty());
  REQUIRE(NameKey("a").empty());
}

}  // namespace
}  // namespace newsalign
