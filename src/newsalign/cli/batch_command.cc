// newsalign batch RU_DIR EN_DIR | batch --pairs LIST.tsv: aligns every pair on all cores and
// stores it in the corpus (--db), or writes one TSV per pair with --out DIR. cli/batch.h has
// the pairing rules and the pipeline.
//
// The summary goes to stdout (it is the command's result), progress to stderr. Exit status 1
// when any pair failed (each one listed in the summary with its error), 0 otherwise.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "newsalign/align/parallel.h"
#include "newsalign/cli/align_setup.h"
#include "newsalign/cli/batch.h"
#include "newsalign/cli/commands.h"
#include "newsalign/cli/progress.h"
#include "newsalign/core/error.h"

namespace newsalign::cli {

Command AddBatchCommand(CLI::App& app, const GlobalOptions& global) {
  struct Args {
    std::string ru_dir, en_dir, pairs, out, format = "tsv", ext = ".txt";
    AlignArgs align;
    int threads = 0;
    bool quiet = false;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("batch", "Align many document pairs on all cores into the corpus or --out DIR");
  command.sub->footer(
      "Pairing: in one folder (batch DIR DIR), NAME.ru.txt goes with NAME.en.txt; in two folders,\n"
      "ru/NAME.txt goes with en/NAME.txt (language tags aside). --pairs LIST.tsv takes lines\n"
      "ru_path<TAB>en_path[<TAB>title<TAB>date] (paths relative to the current folder).\n"
      "Without --out the pairs go into the corpus: newsalign --db FILE batch ... (one writer).\n"
      "A pair that fails is listed in the summary and the others go on; exit status 1 if any failed.");
  command.sub->add_option("RU_DIR", args->ru_dir, "Folder of the Russian (source) files");
  command.sub->add_option("EN_DIR", args->en_dir, "Folder of the English (target) files (may be RU_DIR)");
  command.sub->add_option("--pairs", args->pairs, "A pair list instead of folders: ru_path<TAB>en_path[<TAB>title<TAB>date]");
  command.sub->add_option("--out", args->out, "Write DIR/NAME.tsv per pair instead of storing in the corpus (--db)");
  command.sub->add_option("--format", args->format, "With --out: tsv (as align) or ladder")
      ->check(CLI::IsMember({"tsv", "ladder"}))
      ->capture_default_str();
  command.sub->add_option("--ext", args->ext, "With folders: only files ending in this")->capture_default_str();
  command.sub->add_option("--threads", args->threads, "Cores to use, 0 = all")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command.sub->add_flag("--quiet", args->quiet, "No progress on stderr (the summary is still printed)");
  AddAlignArgs(*command.sub, args->align);
  CLI::App* sub = command.sub;
  const GlobalOptions* options = &global;
  command.run = [args, sub, options] {
    const bool folders = !args->ru_dir.empty();
    if (folders == !args->pairs.empty())
      throw InputError("batch wants RU_DIR EN_DIR or --pairs LIST.tsv (one of the two)");
    if (folders && args->en_dir.empty()) throw InputError("batch wants EN_DIR after RU_DIR (the same folder twice is fine)");
    if (args->out.empty() && sub->count("--format")) throw InputError("--format goes with --out DIR");
    auto [ru_lang, en_lang] = ParseLangs(args->align.langs);

    std::vector<std::string> problems;
    std::vector<PairJob> jobs = folders
        ? PairsFromFolders(args->ru_dir, args->en_dir, ru_lang, en_lang, args->ext, &problems)
        : PairsFromList(args->pairs, ru_lang, &problems);
    if (jobs.empty() && problems.empty())
      throw InputError(folders ? "batch: no *" + args->ext + " files to pair in " + args->ru_dir +
                                     (args->ru_dir == args->en_dir ? "" : " and " + args->en_dir)
                               : "batch: " + args->pairs + ": no pairs listed");

    Aligner aligner = MakeAligner(args->align);
    std::unique_ptr<BatchSink> sink = args->out.empty()
        ? MakeStoreSink(options->db, aligner, args->align.Options())
        : MakeTsvSink(args->out, args->format);
    BatchOptions batch;
    batch.threads = ResolveThreads(args->threads);
    CoreCap() = static_cast<size_t>(batch.threads);  // every part of the run, the aligner's too
    batch.presegmented = args->align.presegmented;
    batch.repair_encoding = args->align.repair;
    batch.ru_lang = ru_lang;
    batch.en_lang = en_lang;
    std::unique_ptr<Progress> progress;
    if (!args->quiet)
      progress = std::make_unique<Progress>(stderr, static_cast<int64_t>(jobs.size()), "pairs",
                                            Progress::IsTerminal(stderr));
    BatchSummary s = RunBatch(aligner, jobs, batch, *sink, progress.get());

    std::vector<std::string> failures = problems;
    failures.insert(failures.end(), s.failures.begin(), s.failures.end());
    std::printf("pairs:     %lld aligned, %zu failed\n", static_cast<long long>(s.aligned), failures.size());
    std::printf("sentences: %lld %s, %lld %s\n", static_cast<long long>(s.ru_sentences), ru_lang.c_str(),
                static_cast<long long>(s.en_sentences), en_lang.c_str());
    std::printf("beads:     %lld (%lld doubtful: score < 0.5)\n", static_cast<long long>(s.beads),
                static_cast<long long>(s.doubtful));
    std::printf("time:      %.2f s (%.1f pairs/s, %d threads)\n", s.seconds,
                s.seconds > 0 ? static_cast<double>(s.pairs) / s.seconds : 0.0, batch.threads);
    std::printf("output:    %s\n", sink->Describe().c_str());
    if (!failures.empty()) {
      std::printf("failed:\n");
      for (const std::string& f : failures) std::printf("  %s\n", f.c_str());
    }
    std::fflush(stdout);
    if (failures.empty()) return 0;
    std::fprintf(stderr, "newsalign: batch: %zu of %zu pairs failed (listed in the summary)\n", failures.size(),
                 failures.size() + static_cast<size_t>(s.aligned));
    return 1;
  };
  return command;
}

}  // namespace newsalign::cli
