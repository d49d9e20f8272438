#include "newsalign/align/length.h"

#include <catch2/catch.hpp>

namespace newsalign {
namespace {

TEST_CASE("length: matching lengths are evidence for, mismatched against") {
  LengthModel m;
  REQUIRE(m.Evidence(100, 98) > 1.0);
  REQUIRE(m.Evidence(100, 98) > m.Evidence(100, 130));
  REQUIRE(m.Evidence(100, 20) < -2.5);
  REQUIRE(m.Evidence(100, 20) < m.Evidence(100, 60));
  // Bounded above: length alone can never outweigh strong contrary evidence.
  REQUIRE(m.Evidence(1000, 978) < 2.5);
}

TEST_CASE("length: the ratio follows the direction of the pair") {
  LengthModel ru_en = LengthModelFor("ru", "en");
  LengthModel en_ru = LengthModelFor("en", "ru");
  REQUIRE(ru_en.ratio < 1.0);
  REQUIRE(en_ru.ratio > 1.0);
  REQUIRE(ru_en.Evidence(100, 98) == Approx(en_ru.Evidence(98, 100)).epsilon(0.05));
}

}  // namespace
}  // namespace newsalign
