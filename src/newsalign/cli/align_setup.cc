#include <cstdlib>
#include "newsalign/cli/align_setup.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <thread>

#include "newsalign/cli/input.h"
#include "newsalign/core/error.h"

namespace newsalign::cli {

std::pair<std::string, std::string> ParseLangs(const std::string& langs) {
  size_t comma = langs.find(',');
  if (comma == std::string::npos || comma == 0 || comma + 1 == langs.size() ||
      langs.find(',', comma + 1) != std::string::npos)
    throw InputError("--langs wants two language codes, e.g. --langs ru,en (got \"" + langs + "\")");
  return {langs.substr(0, comma), langs.substr(comma + 1)};
}

std::string AlignArgs::src_lang() const { return ParseLangs(langs).first; }
std::string AlignArgs::tgt_lang() const { return ParseLangs(langs).second; }

AlignOptions AlignArgs::Options() const {
  auto [src, tgt] = ParseLangs(langs);
  AlignOptions options;
  options.src_lang = src;
  options.tgt_lang = tgt;
  options.use_dictionary = !no_dictionary;
  options.max_side = max_side;
  for (const std::string& setting : model) {
    size_t eq = setting.find('=');
    char* end = nullptr;
    double value = eq == std::string::npos ? 0 : std::strtod(setting.c_str() + eq + 1, &end);
    if (eq == std::string::npos || end == setting.c_str() + eq + 1 || *end ||
        !SetModelParameter(options.model, setting.substr(0, eq), value))
      throw InputError("--model wants NAME=NUMBER with a field of AlignModel (align/aligner.h), got \"" +
                       setting + "\"");
  }
  return options;
}

void AddAlignArgs(CLI::App& sub, AlignArgs& args) {
  sub.add_option("--langs", args.langs, "Languages of the two sides, ISO 639-1")->capture_default_str();
  sub.add_flag("--presegmented", args.presegmented, "Inputs hold one sentence a line");
  sub.add_flag("--repair-encoding", args.repair, "Repair CP1251 text mis-decoded as Latin-1");
  sub.add_flag("--no-dictionary", args.no_dictionary, "Do not use an installed dictionary");
  sub.add_option("--max-side", args.max_side, "Widest side of a bead (1-4; 4 also offers 3-3)")
      ->check(CLI::Range(1, 4))
      ->capture_default_str();
  // One NAME=NUMBER an occurrence (repeat the option for more), so that it never takes the
  // files that follow it.
  sub.add_option("--model", args.model,
                 "Expert: set a number of the alignment model, e.g. --model learn_passes=0 (see align/aligner.h); "
                 "repeat for more")
      ->allow_extra_args(false);
}

int ResolveThreads(int threads) {
  if (threads > 0) return threads;
  unsigned n = std::thread::hardware_concurrency();
  return n ? static_cast<int>(n) : 1;
}

Aligner MakeAligner(const AlignArgs& args) {
  Aligner aligner(args.Options());
  if (!aligner.dictionary_note().empty()) std::cerr << "newsalign: " << aligner.dictionary_note() << "\n";
  return aligner;
}

std::string JoinSide(const Document& doc, int begin, int count) {
  std::string out;
  for (int k = begin; k < begin + count; ++k) {
    if (k > begin) out += ' ';
    out += OneLine(doc.SentenceText(static_cast<size_t>(k)));
  }
  return out;
}

std::string FormatTsv(const Document& src, const Document& tgt, const Alignment& beads) {
  std::string out;
  char score[32];
  for (const Bead& b : beads) {
    out += JoinSide(src, b.src_begin, b.src_count);
    out += '\t';
    out += JoinSide(tgt, b.tgt_begin, b.tgt_count);
    std::snprintf(score, sizeof score, "\t%.4f\n", b.score);
    out += score;
  }
  return out;
}

}  // namespace newsalign::cli
