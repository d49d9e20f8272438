// Fuzz target: the plain-text reader (UTF-8 checks, BOMs, UTF-16, legacy charset guesses,
// mojibake repair, paragraphs) and the sentence segmenter on what it accepts.
// The first byte picks the options; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "newsalign/core/error.h"
#include "newsalign/text/reader.h"
#include "newsalign/text/segmenter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace newsalign;
  if (size == 0) return 0;
  const uint8_t flags = data[0];
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  ReadOptions options;
  options.repair_encoding = flags & 1;
  const bool presegmented = flags & 2;
  const std::string lang = (flags & 4) ? "en" : "ru";
  std::vector<std::string> notes;
  Document doc;
  try {
    doc = ReadText(bytes, "fuzz.txt", lang, options, &notes);
  } catch (const InputError&) {
    return 0;  // refusing bad input is the point; anything else escapes and is a finding
  }
  fuzz::Check(!doc.paragraphs.empty(), "an accepted document has a paragraph");
  fuzz::Check(FindInvalidUtf8(doc.text) == std::string::npos, "accepted text is UTF-8");
  if (presegmented) {
    SegmentPresplit(doc);
  } else {
    Segment(doc);
  }
  fuzz::CheckSpans(doc, presegmented);
  fuzz::Check(!doc.sentences.empty(), "an accepted document has a sentence");
  (void)DetectScriptMismatch(doc);
  return 0;
}
