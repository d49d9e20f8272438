// Fuzz target: the streaming TMX reader (libxml2's pull parser, no DTD, no network).
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "newsalign/core/error.h"
#include "newsalign/export/tmx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsalign;
  fuzz::MemFile file(std::string(reinterpret_cast<const char*>(data), size));
  size_t units = 0;
  try {
    ReadTmx(file.path(), [&units](const TranslationUnit& tu) {
      ++units;
      (void)tu.Segment("ru");
      (void)tu.Segment("en");
      (void)tu.Prop("x-pair");
    });
  } catch (const InputError&) {
  }
  return 0;
}
