// Fuzz target: one line of `align --jsonl` (JSON parsing, the texts' checks, segmenting and
// aligning both sides, the output line). An accepted line gives one line of valid JSON.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_util.h"
#include "newsalign/align/aligner.h"
#include "newsalign/cli/jsonl_mode.h"
#include "newsalign/core/error.h"

namespace {
const newsalign::Aligner* g_aligner = nullptr;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  newsalign::AlignOptions options;
  options.use_dictionary = false;  // a dictionary load per process would dominate; fuzz_align uses it
  g_aligner = new newsalign::Aligner(options);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsalign;
  if (size == 0) return 0;
  cli::JsonlOptions options;
  options.presegmented = data[0] & 1;
  options.read.repair_encoding = data[0] & 2;
  std::string_view line(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string out;
  try {
    out = cli::AlignJsonLine(*g_aligner, line, options);
  } catch (const InputError&) {
    return 0;
  }
  fuzz::Check(out.find('\n') == std::string::npos, "one output line");
  nlohmann::json parsed = nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
  fuzz::Check(!parsed.is_discarded() && parsed.is_object() && parsed.contains("beads"), "output is a JSON object");
  return 0;
}
