// Fuzz target: the HTML article extractor (libgumbo, charset handling, boilerplate removal)
// and the segmenter on the article it finds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "newsalign/core/error.h"
#include "newsalign/text/encoding.h"
#include "newsalign/text/html_reader.h"
#include "newsalign/text/segmenter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsalign;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  Document doc;
  try {
    doc = ReadHtml(bytes, "fuzz.html", "ru");
  } catch (const InputError&) {
    return 0;
  }
  fuzz::Check(FindInvalidUtf8(doc.text) == std::string::npos, "extracted text is UTF-8");
  fuzz::Check(FindInvalidUtf8(doc.title) == std::string::npos, "title is UTF-8");
  Segment(doc);
  fuzz::CheckSpans(doc);
  return 0;
}
