// Fuzz target: the ladder parser ("[i, j]:[k]:score" lines). What parses must survive a
// round trip through FormatLadder.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "newsalign/core/error.h"
#include "newsalign/core/ladder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsalign;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)ParseLadderLines(text, "fuzz.ladder");
  } catch (const InputError&) {
  }
  Alignment beads;
  try {
    beads = ParseLadder(text, "fuzz.ladder");
  } catch (const InputError&) {
    return 0;
  }
  Alignment again = ParseLadder(FormatLadder(beads, false), "round trip");
  fuzz::Check(again == beads, "FormatLadder then ParseLadder gives the same beads");
  return 0;
}
