#include "newsalign/cli/input.h"

#include <exception>
#include <future>
#include <iostream>
#include <vector>

#include "newsalign/core/error.h"
#include "newsalign/text/reader.h"
#include "newsalign/text/segmenter.h"

namespace newsalign::cli {

namespace {

// A document read and segmented, or the error that stopped it. The reader's notes are
// reported once the file was read (even when segmenting it then failed).
struct Loaded {
  Document doc;
  std::vector<std::string> notes;
  bool read = false;
  std::exception_ptr error;
  std::string mismatch;  // DetectScriptMismatch, when asked for
};

Loaded Load(const std::string& path, const std::string& lang, bool presegmented, bool repair_encoding,
            bool check_scripts = false) {
  Loaded out;
  try {
    ReadOptions options;
    options.repair_encoding = repair_encoding;
    out.doc = ReadTextFile(path, lang, options, &out.notes);
    out.read = true;
    if (presegmented) {
      SegmentPresplit(out.doc);
    } else {
      Segment(out.doc);
    }
    if (check_scripts) out.mismatch = DetectScriptMismatch(out.doc);
  } catch (...) {
    out.error = std::current_exception();
  }
  return out;
}

// One write per note, so lines from several worker threads (batch) do not interleave.
void Report(const Loaded& loaded) {
  if (loaded.read)
    for (const std::string& note : loaded.notes) std::cerr << ("newsalign: note: " + note + "\n") << std::flush;
  if (loaded.error) std::rethrow_exception(loaded.error);
}

// CheckPair, with each side's DetectScriptMismatch found already ("" when it fits).
void CheckPairWith(const Document& src, const Document& tgt, const std::string& src_mismatch,
                   const std::string& tgt_mismatch, std::string_view hint) {
  if (src.text == tgt.text) {
    throw InputError(src.path + " and " + tgt.path +
                     " have the same text: give the document and its translation");
  }
  for (const std::string* why : {&src_mismatch, &tgt_mismatch}) {
    if (!why->empty()) throw InputError(hint.empty() ? *why : *why + " (" + std::string(hint) + ")");
  }
}

}  // namespace

Document LoadDocument(const std::string& path, const std::string& lang, bool presegmented,
                      bool repair_encoding) {
  Loaded loaded = Load(path, lang, presegmented, repair_encoding);
  Report(loaded);
  return std::move(loaded.doc);
}

std::pair<Document, Document> LoadPair(const std::string& src_path, const std::string& src_lang,
                                       const std::string& tgt_path, const std::string& tgt_lang,
                                       bool presegmented, bool repair_encoding, bool check_scripts,
                                       std::string_view hint) {
  // Reading, checking and segmenting a long document takes a while: the source's on a
  // thread of its own. Notes and errors come out in the order of the calls this replaces.
  std::future<Loaded> src_loading =
      std::async(std::launch::async, Load, src_path, src_lang, presegmented, repair_encoding, check_scripts);
  Loaded tgt = Load(tgt_path, tgt_lang, presegmented, repair_encoding, check_scripts);
  Loaded src = src_loading.get();
  Report(src);
  Report(tgt);
  CheckPairWith(src.doc, tgt.doc, src.mismatch, tgt.mismatch, hint);
  return {std::move(src.doc), std::move(tgt.doc)};
}

void CheckPair(const Document& src, const Document& tgt, bool check_scripts, std::string_view hint) {
  CheckPairWith(src, tgt, check_scripts ? DetectScriptMismatch(src) : std::string(),
                check_scripts ? DetectScriptMismatch(tgt) : std::string(), hint);
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
