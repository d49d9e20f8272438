// Each subcommand lives in its own file and registers itself here; main.cc only parses,
// dispatches and maps errors to exit codes (0 ok, 1 bad input or usage, 2 internal error).
#pragma once

#include <functional>
#include <string>

namespace CLI {
class App;
}

namespace newsalign::cli {

struct GlobalOptions {
  std::string db = "newsalign.db";  // --db FILE: the corpus
};

// A registered subcommand: `sub` is the CLI11 subcommand, `run` does the work once parsed
// and returns the exit code. A command reports failure by throwing (InputError for the
// user's mistakes, anything else is ours).
struct Command {
  CLI::App* sub = nullptr;
  std::function<int()> run;
};

Command AddSegmentCommand(CLI::App& app, const GlobalOptions& global);
Command AddAlignCommand(CLI::App& app, const GlobalOptions& global);
Command AddEvalCommand(CLI::App& app, const GlobalOptions& global);
Command AddPairCommand(CLI::App& app, const GlobalOptions& global);
// Many pairs on all cores (issue 5): batch.
Command AddBatchCommand(CLI::App& app, const GlobalOptions& global);
// The corpus (issue 4): import, list, show, stats, export.
Command AddImportCommand(CLI::App& app, const GlobalOptions& global);
Command AddListCommand(CLI::App& app, const GlobalOptions& global);
Command AddShowCommand(CLI::App& app, const GlobalOptions& global);
Command AddStatsCommand(CLI::App& app, const GlobalOptions& global);
Command AddExportCommand(CLI::App& app, const GlobalOptions& global);
// Corpora built on different machines (issue 5): merge OUT.db A.db B.db ...
Command AddMergeCommand(CLI::App& app, const GlobalOptions& global);
// Terminology lookup (issue 7): search (concordance), terms (term pairs, glossary).
Command AddSearchCommand(CLI::App& app, const GlobalOptions& global);
Command AddTermsCommand(CLI::App& app, const GlobalOptions& global);
// The workbench in the browser (issue 8): serve.
Command AddServeCommand(CLI::App& app, const GlobalOptions& global);

}  // namespace newsalign::cli
