#include "newsalign/cli/input.h"

#include "newsalign/text/reader.h"
#include "newsalign/text/segmenter.h"

namespace newsalign::cli {

Document LoadDocument(const std::string& path, const std::string& lang, bool presegmented,
                      bool repair_encoding) {
  ReadOptions options;
  options.repair_encoding = repair_encoding;
  Document doc = ReadTextFile(path, lang, options);
  if (presegmented) {
    SegmentPresplit(doc);
  } else {
    Segment(doc);
  }
  return doc;
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
