// newsalign align RU_FILE EN_FILE: aligns two documents and prints the beads.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "newsalign/align/aligner.h"
#include "newsalign/cli/commands.h"
#include "newsalign/cli/input.h"
#include "newsalign/core/error.h"
#include "newsalign/core/ladder.h"

namespace newsalign::cli {
namespace {

std::string JoinSide(const Document& doc, int begin, int count) {
  std::string out;
  for (int k = begin; k < begin + count; ++k) {
    if (k > begin) out += ' ';
    out += OneLine(doc.SentenceText(static_cast<size_t>(k)));
  }
  return out;
}

}  // namespace

std::pair<std::string, std::string> ParseLangs(const std::string& langs) {
  size_t comma = langs.find(',');
  if (comma == std::string::npos || comma == 0 || comma + 1 == langs.size() ||
      langs.find(',', comma + 1) != std::string::npos)
    throw InputError("--langs wants two language codes, e.g. --langs ru,en (got \"" + langs + "\")");
  return {langs.substr(0, comma), langs.substr(comma + 1)};
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

Command AddAlignCommand(CLI::App& app, const GlobalOptions&) {
  struct Args {
    std::string src_file, tgt_file, format = "tsv", langs = "ru,en";
    bool presegmented = false, repair = false, no_dictionary = false;
    int max_side = 3;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("align", "Align two documents sentence by sentence");
  command.sub->add_option("RU_FILE", args->src_file, "Source document (Russian by default)")->required();
  command.sub->add_option("EN_FILE", args->tgt_file, "Target document (English by default)")->required();
  command.sub->add_option("--format", args->format, "Output: tsv (ru, en, score) or ladder ([i]:[j]:score)")
      ->check(CLI::IsMember({"tsv", "ladder"}))
      ->capture_default_str();
  command.sub->add_option("--langs", args->langs, "Languages of the two files, ISO 639-1")->capture_default_str();
  command.sub->add_flag("--presegmented", args->presegmented, "Inputs hold one sentence a line");
  command.sub->add_flag("--repair-encoding", args->repair, "Repair CP1251 text mis-decoded as Latin-1");
  command.sub->add_flag("--no-dictionary", args->no_dictionary, "Do not use an installed dictionary");
  command.sub->add_option("--max-side", args->max_side, "Widest side of a bead (1-4)")
      ->check(CLI::Range(1, 4))
      ->capture_default_str();
  command.run = [args] {
    auto [src_lang, tgt_lang] = ParseLangs(args->langs);
    Document src = LoadDocument(args->src_file, src_lang, args->presegmented, args->repair);
    Document tgt = LoadDocument(args->tgt_file, tgt_lang, args->presegmented, args->repair);
    AlignOptions options;
    options.src_lang = src_lang;
    options.tgt_lang = tgt_lang;
    options.use_dictionary = !args->no_dictionary;
    options.max_side = args->max_side;
    Aligner aligner(options);
    if (!aligner.dictionary_note().empty()) std::cerr << "newsalign: " << aligner.dictionary_note() << "\n";
    Alignment beads = aligner.Align(src, tgt);
    std::cout << (args->format == "ladder" ? FormatLadder(beads) : FormatTsv(src, tgt, beads));
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
