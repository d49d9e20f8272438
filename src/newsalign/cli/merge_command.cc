// newsalign merge OUT.db A.db [B.db ...]: combines corpora built on different machines into
// OUT.db (created when absent); store/merge.h has what counts as the same pair and which
// version of it stays.
//
// One summary line per input on stdout. An input that cannot be merged (missing, damaged, of a
// newer newsalign) gets one line on stderr and leaves OUT as it was; the other inputs go on,
// and the exit status is 1.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>

#include "newsalign/cli/commands.h"
#include "newsalign/core/error.h"
#include "newsalign/store/merge.h"
#include "newsalign/store/store.h"

namespace newsalign::cli {

Command AddMergeCommand(CLI::App& app, const GlobalOptions& /*global*/) {
  struct Args {
    std::string out;
    std::vector<std::string> inputs;
    bool verbose = false;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("merge", "Combine corpora built elsewhere into OUT.db without duplicates");
  CLI::App* sub = command.sub;
  sub->add_option("OUT", args->out, "The corpus to merge into (created when absent)")->required();
  // Not required() here: the run checks, so that `--db X merge A` gets a hint, not "INPUT is required".
  sub->add_option("INPUT", args->inputs, "Corpora to merge into OUT (read only)");
  sub->add_flag("-v,--verbose", args->verbose, "Also one line per pair that both corpora have in different versions");
  sub->footer(
      "A pair is the same pair when its two texts are (SHA-256), whatever the paths on each machine.\n"
      "When both corpora have it in different versions, the one with more reviewed (confirmed or\n"
      "edited) beads wins, then the one changed last; a full tie keeps OUT's. The winner comes with\n"
      "its texts, beads, review status and edit history. Per input: added, already present,\n"
      "updated (the input's version won), kept (OUT's won). Merging the same input again adds nothing.\n"
      "Each input is one transaction: one that fails leaves OUT as it was, and the others go on.");
  CLI::App* root = &app;
  command.run = [args, root] {
    if (root->count("--db"))
      throw InputError("merge names its output first: newsalign merge OUT.db A.db B.db ... (without --db)");
    if (args->inputs.empty()) throw InputError("merge wants OUT.db and at least one corpus to merge into it");
    // Before OUT is created or opened: the same file as output and input is a mistake.
    std::error_code ec;
    for (const std::string& input : args->inputs) {
      if (std::filesystem::equivalent(input, args->out, ec))
        throw InputError(input + ": is the output corpus itself (a corpus cannot be merged into itself)");
    }
    Store store = Store::Open(args->out);
    int failed = 0;
    for (const std::string& input : args->inputs) {
      try {
        MergeResult r = MergeCorpus(store, input);
        std::printf(
            "%s: %lld pairs: %lld added, %lld already present, %lld updated, %lld kept as they were; "
            "%lld beads written (%.2f s)\n",
            input.c_str(), static_cast<long long>(r.pairs), static_cast<long long>(r.added),
            static_cast<long long>(r.present), static_cast<long long>(r.updated), static_cast<long long>(r.kept),
            static_cast<long long>(r.beads), r.seconds);
        if (args->verbose) {
          for (const MergeDecision& d : r.decisions)
            std::printf("  pair %lld \"%s\" (%lld in the input): %s: %s\n", static_cast<long long>(d.pair_id),
                        d.title.c_str(), static_cast<long long>(d.input_pair), MergeActionName(d.action),
                        d.why.c_str());
        }
      } catch (const InputError& e) {
        std::fflush(stdout);
        std::cerr << "newsalign: " << e.what() << "\n";
        ++failed;
      }
    }
    std::fflush(stdout);
    return failed ? 1 : 0;
  };
  return command;
}

}  // namespace newsalign::cli
