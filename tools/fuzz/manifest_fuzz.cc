// Fuzz target: the pair list of `batch --pairs` (ru_path<TAB>en_path[<TAB>title<TAB>date]).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "newsalign/cli/batch.h"
#include "newsalign/core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsalign;
  fuzz::MemFile file(std::string(reinterpret_cast<const char*>(data), size));
  std::vector<std::string> problems;
  std::vector<cli::PairJob> jobs;
  try {
    jobs = cli::PairsFromList(file.path(), "ru", &problems);
  } catch (const InputError&) {
    return 0;
  }
  std::set<std::string> names;
  for (const cli::PairJob& job : jobs) {
    fuzz::Check(!job.ru_path.empty() && !job.en_path.empty(), "both paths");
    fuzz::Check(names.insert(job.name).second, "output names are unique");
  }
  return 0;
}
