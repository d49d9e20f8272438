// newsalign export --format tmx|tsv|moses|jsonl: the corpus's beads as files translators and
// MT pipelines take (export/writers.h describes each format).
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "newsalign/cli/commands.h"
#include "newsalign/core/error.h"
#include "newsalign/export/exporter.h"
#include "newsalign/store/store.h"

namespace newsalign::cli {

Command AddExportCommand(CLI::App& app, const GlobalOptions& global) {
  struct Args {
    std::string format = "tmx", output;
    double min_score = -1;
    std::vector<std::string> statuses;
    std::vector<int64_t> pairs;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("export", "Export aligned beads as TMX, TSV, Moses or JSONL");
  CLI::App* sub = command.sub;
  sub->add_option("--format", args->format, "tmx, tsv, moses (two files) or jsonl")->capture_default_str();
  sub->add_option("--min-score", args->min_score, "Only beads scoring at least this (0..1)")->check(CLI::Range(0.0, 1.0));
  sub->add_option("--status", args->statuses, "Only beads with this status: auto, confirmed, edited (repeatable)")
      ->delimiter(',');
  sub->add_option("--pair", args->pairs, "Only this pair (repeatable; see newsalign list)")->delimiter(',');
  sub->add_option("-o,--output", args->output, "Output file (default: standard output); for moses a prefix");
  sub->footer(
      "TMX and Moses hold only beads with both sides (a 1-0 or 0-1 bead is not a translation unit);\n"
      "TSV and JSONL hold every bead. TMX validates against the TMX 1.4 DTD.");
  const GlobalOptions* g = &global;
  command.run = [args, g] {
    ExportOptions options;
    options.format = ParseExportFormat(args->format);
    options.output = args->output;
    if (args->min_score >= 0) options.filter.min_score = args->min_score;
    for (const std::string& s : args->statuses) options.filter.statuses.push_back(ParseBeadStatus(s));
    options.filter.pair_ids = args->pairs;
    StoreOptions store_options;
    store_options.create = false;
    Store store = Store::Open(g->db, store_options);
    for (int64_t id : args->pairs) store.LoadPair(id);  // InputError "no pair N" before writing anything
    ExportSummary s = Export(store, options);
    std::cerr << "newsalign: exported " << s.beads << " beads";
    for (size_t i = 0; i < s.files.size(); ++i) std::cerr << (i ? " and " : " to ") << s.files[i];
    std::cerr << "\n";
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
