#include "newsalign/core/ladder.h"

#include <catch2/catch.hpp>

#include "newsalign/core/error.h"

namespace newsalign {
namespace {

TEST_CASE("ladder round trip keeps every bead type") {
  Alignment beads = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 0, 0.5}, {2, 0, 1, 1, 0.6}, {2, 2, 2, 1, 0.7},
                     {4, 1, 3, 2, 0.8}, {5, 2, 5, 2, 0.8}, {7, 1, 7, 3, 0.4}};
  std::string text = FormatLadder(beads);
  REQUIRE(text.substr(0, 35) == "[0]:[0]:0.9000\n[1]:[]:0.5000\n[]:[1]");
  Alignment back = ParseLadder(text, "t");
  REQUIRE(back == beads);
}

TEST_CASE("ladder parses gold lines without scores and empty sides") {
  Alignment beads = ParseLadder("[0, 1]:[0]\n[]:[1]\n[2]:[]\n\n[3]:[2, 3]\n", "g");
  REQUIRE(beads.size() == 4);
  REQUIRE(beads[0].Type() == "2-1");
  REQUIRE(beads[1].Type() == "0-1");
  REQUIRE(beads[1].src_begin == 2);
  REQUIRE(beads[2].Type() == "1-0");
  REQUIRE(beads[2].tgt_begin == 2);
  REQUIRE(beads[3].Type() == "1-2");
}

TEST_CASE("ladder rejects malformed lines with the line number") {
  REQUIRE_THROWS_WITH(ParseLadder("[0]:[0]\nhello\n", "p.ladder"), Catch::Contains("p.ladder: line 2"));
  REQUIRE_THROWS_AS(ParseLadder("[0, 2]:[0]\n", "p"), InputError);
  REQUIRE_THROWS_AS(ParseLadder("[]:[]\n", "p"), InputError);
}

}  // namespace
}  // namespace newsalign
