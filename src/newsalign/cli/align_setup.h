// What `align` and `batch` share: the aligner options on the command line, loading a pair of
// documents, and the TSV output.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "newsalign/align/aligner.h"
#include "newsalign/core/bead.h"
#include "newsalign/core/document.h"

namespace CLI {
class App;
}

namespace newsalign::cli {

// The options every aligning command takes.
struct AlignArgs {
  std::string langs = "ru,en";  // --langs: the two documents' languages, ISO 639-1
  bool presegmented = false;    // --presegmented: one sentence a line
  bool repair = false;          // --repair-encoding
  bool no_dictionary = false;   // --no-dictionary
  int max_side = 3;             // --max-side
  std::vector<std::string> model;  // --model NAME=VALUE: AlignModel fields, for experiments

  std::string src_lang() const;  // from langs; InputError when malformed
  std::string tgt_lang() const;
  AlignOptions Options() const;  // InputError when langs is malformed
};

// Registers --langs, --presegmented, --repair-encoding, --no-dictionary and --max-side.
void AddAlignArgs(CLI::App& sub, AlignArgs& args);

// "ru,en" -> {"ru", "en"}; InputError otherwise.
std::pair<std::string, std::string> ParseLangs(const std::string& langs);

// --threads N: N itself when positive, else the number of cores (at least 1).
int ResolveThreads(int threads);

// Creates the aligner once per process and prints its dictionary note (if any) on stderr.
Aligner MakeAligner(const AlignArgs& args);

// Sentences [begin, begin + count) of `doc` on one line, joined by single spaces (OneLine).
std::string JoinSide(const Document& doc, int begin, int count);

// `align --format tsv`: "ru<TAB>en<TAB>score" a bead, score with 4 decimals.
std::string FormatTsv(const Document& src, const Document& tgt, const Alignment& beads);

}  // namespace newsalign::cli
