// newsalign align RU_FILE EN_FILE: aligns two documents and prints the beads.
// newsalign align --jsonl: the same for a stream of JSON Lines (cli/jsonl_mode.h).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <future>
#include <iostream>

#include "newsalign/align/aligner.h"
#include "newsalign/align/pieces.h"
#include "newsalign/cli/align_setup.h"
#include "newsalign/cli/commands.h"
#include "newsalign/cli/input.h"
#include "newsalign/cli/jsonl_mode.h"
#include "newsalign/core/error.h"
#include "newsalign/core/ladder.h"
#include "newsalign/text/words.h"

namespace newsalign::cli {

Command AddAlignCommand(CLI::App& app, const GlobalOptions&) {
  struct Args {
    std::string src_file, tgt_file, format = "tsv";
    AlignArgs align;
    bool jsonl = false;
    int threads = 1;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("align", "Align two documents sentence by sentence");
  command.sub->footer(
      "--jsonl: reads {\"id\": ID, \"ru\": TEXT, \"en\": TEXT} a line on stdin (keys: the --langs codes)\n"
      "and writes a line per input, in order, flushed:\n"
      "  {\"id\":ID,\"ru_sentences\":N,\"en_sentences\":M,\"beads\":[{\"ru\":[0],\"en\":[0,1],\"score\":0.98,\n"
      "   \"ru_text\":\"...\",\"en_text\":\"...\"}, ...]}\n"
      "Bad lines (invalid JSON or UTF-8, missing id or text, empty text) are reported on stderr\n"
      "with their line number and skipped; the exit status is then 1. Blank lines are ignored.");
  command.sub->add_option("RU_FILE", args->src_file, "Source document (Russian by default)");
  command.sub->add_option("EN_FILE", args->tgt_file, "Target document (English by default)");
  command.sub->add_option("--format", args->format, "Output: tsv (ru, en, score) or ladder ([i]:[j]:score)")
      ->check(CLI::IsMember({"tsv", "ladder"}))
      ->capture_default_str();
  command.sub->add_flag("--jsonl", args->jsonl, "Align a stream of JSON Lines from stdin to stdout (see below)");
  command.sub->add_option("--threads", args->threads, "With --jsonl: worker threads, 0 = all cores (order kept)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  AddAlignArgs(*command.sub, args->align);
  CLI::App* sub = command.sub;
  command.run = [args, sub] {
    // Setting up ICU's transliteration takes longer than loading the dictionary: it is done
    // on the side while the documents and the dictionary load.
    std::future<void> transliteration = std::async(std::launch::async, PrepareTransliteration);
    if (args->jsonl) {
      if (!args->src_file.empty())
        throw InputError("align --jsonl reads the texts from standard input; give no file names");
      if (sub->count("--format")) throw InputError("align --jsonl always writes JSON Lines; drop --format");
      JsonlOptions options;
      options.src_lang = args->align.src_lang();
      options.tgt_lang = args->align.tgt_lang();
      options.presegmented = args->align.presegmented;
      options.read.repair_encoding = args->align.repair;
      options.threads = ResolveThreads(args->threads);
      Aligner aligner = MakeAligner(args->align);
      JsonlSummary summary = RunJsonl(aligner, options, stdin, stdout, stderr);
      if (summary.bad == 0) return 0;
      std::fprintf(stderr, "newsalign: %lld of %lld input lines skipped (see above)\n",
                   static_cast<long long>(summary.bad), static_cast<long long>(summary.bad + summary.aligned));
      return 1;
    }
    if (args->src_file.empty() || args->tgt_file.empty())
      throw InputError("align wants RU_FILE and EN_FILE (or --jsonl to read pairs from stdin)");
    if (sub->count("--threads")) throw InputError("--threads goes with --jsonl (batch aligns many files on all cores)");
    auto [src_lang, tgt_lang] = ParseLangs(args->align.langs);
    auto [src, tgt] = LoadPair(args->src_file, src_lang, args->tgt_file, tgt_lang, args->align.presegmented,
                               args->align.repair, sub->count("--langs") == 0,
                               "to align them anyway, give --langs explicitly");
    Aligner aligner = MakeAligner(args->align);
    Alignment beads = AlignPieces(aligner, src, tgt);
    std::cout << (args->format == "ladder" ? FormatLadder(beads) : FormatTsv(src, tgt, beads));
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
