#include "newsalign/cli/input.h"

#include <iostream>
#include <vector>

#include "newsalign/core/error.h"
#include "newsalign/text/reader.h"
#include "newsalign/text/segmenter.h"

namespace newsalign::cli {

Document LoadDocument(const std::string& path, const std::string& lang, bool presegmented,
                      bool repair_encoding) {
  ReadOptions options;
  options.repair_encoding = repair_encoding;
  std::vector<std::string> notes;
  Document doc = ReadTextFile(path, lang, options, &notes);
  // One write per note, so lines from several worker threads (batch) do not interleave.
  for (const std::string& note : notes) std::cerr << ("newsalign: note: " + note + "\n") << std::flush;
  if (presegmented) {
    SegmentPresplit(doc);
  } else {
    Segment(doc);
  }
  return doc;
}

void CheckPair(const Document& src, const Document& tgt, bool check_scripts, std::string_view hint) {
  if (src.text == tgt.text) {
    throw InputError(src.path + " and " + tgt.path +
                     " have the same text: give the document and its translation");
  }
  if (!check_scripts) return;
  for (const Document* doc : {&src, &tgt}) {
    std::string why = DetectScriptMismatch(*doc);
    if (!why.empty()) throw InputError(hint.empty() ? why : why + " (" + std::string(hint) + ")");
  }
}

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    bool space = c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (out.empty() || out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace newsalign::cli
