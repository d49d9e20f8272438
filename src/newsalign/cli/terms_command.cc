// newsalign terms: bilingual term-pair candidates from the corpus (terms/terms.h) as a TSV or
// TBX glossary, or the recorded equivalents of one term (--lookup).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>

#include "newsalign/cli/commands.h"
#include "newsalign/cli/input.h"
#include "newsalign/core/error.h"
#include "newsalign/store/store.h"
#include "newsalign/terms/terms.h"

namespace newsalign::cli {

Command AddTermsCommand(CLI::App& app, const GlobalOptions& global) {
  struct Args {
    int min_freq = 3;
    int limit = 100;
    std::string format = "tsv";
    std::string lookup;
    double min_score = 0.0;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("terms", "Bilingual term pairs from the aligned corpus (a glossary), or --lookup TERM");
  CLI::App* sub = command.sub;
  sub->add_option("--min-freq", args->min_freq, "Beads a term and a pair must occur in")
      ->check(CLI::Range(2, 1000000))
      ->capture_default_str();
  sub->add_option("--limit", args->limit, "Pairs to list (0: all)")->check(CLI::Range(0, 10000000))->capture_default_str();
  sub->add_option("--format", args->format, "tsv or tbx (TBX-Basic, ISO 30042)")
      ->check(CLI::IsMember({"tsv", "tbx"}))
      ->capture_default_str();
  sub->add_option("--lookup", args->lookup, "List the equivalents of this term (Russian or English, any form)");
  sub->add_option("--min-score", args->min_score, "Learn only from beads the aligner scored at least this (0..1)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  const GlobalOptions* g = &global;
  command.run = [args, g] {
    StoreOptions store_options;
    store_options.create = false;
    Store store = Store::Open(g->db, store_options);
    TermExtractor extractor;
    BeadFilter filter;
    filter.both_sides = true;
    if (args->min_score > 0) filter.min_score = args->min_score;
    store.ForEachBead(filter, [&](const BeadRecord& b) { extractor.Add(b.bead_id, b.ru, b.en, b.bead.score); });
    TermOptions options;
    options.min_freq = args->min_freq;
    if (!args->lookup.empty()) {
      std::vector<TermPair> seen = extractor.Lookup(args->lookup, options);
      if (seen.empty()) {
        std::cerr << "newsalign: \"" << args->lookup << "\" has no recorded equivalent in " << g->db
                  << " (it occurs in no aligned bead, or with nothing twice)\n";
        return 1;
      }
      if (args->limit > 0 && seen.size() > static_cast<size_t>(args->limit)) seen.resize(args->limit);
      std::cout << TermsTsv(seen);
      return 0;
    }
    std::vector<TermPair> pairs = extractor.Pairs(options);
    if (args->limit > 0 && pairs.size() > static_cast<size_t>(args->limit)) pairs.resize(args->limit);
    if (args->format == "tbx") {
      std::cout << TermsTbx(pairs, "Term pairs extracted by newsalign from " + g->db + " (" +
                                       std::to_string(extractor.beads()) + " aligned beads)");
    } else {
      std::cout << TermsTsv(pairs);
    }
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
