// newsalign: the command line. Parses, calls the library, prints; nothing else lives here.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <iostream>
#include <vector>

#include "newsalign/cli/commands.h"
#include "newsalign/core/error.h"
#include "newsalign/core/version.h"

int main(int argc, char** argv) {
  using namespace newsalign;
  CLI::App app{"newsalign: align Russian and English news sentence by sentence, keep the pairs in a corpus"};
  app.set_version_flag("--version", std::string("newsalign ") + kVersion);
  app.require_subcommand(1);
  cli::GlobalOptions global;
  app.add_option("--db", global.db, "The corpus database file (SQLite)")->capture_default_str();

  std::vector<cli::Command> commands = {
      cli::AddSegmentCommand(app, global),
      cli::AddAlignCommand(app, global),
      cli::AddEvalCommand(app, global),
      cli::AddPairCommand(app, global),
      cli::AddBatchCommand(app, global),
      cli::AddImportCommand(app, global),
      cli::AddListCommand(app, global),
      cli::AddShowCommand(app, global),
      cli::AddStatsCommand(app, global),
      cli::AddExportCommand(app, global),
      cli::AddMergeCommand(app, global),
      cli::AddSearchCommand(app, global),
      cli::AddTermsCommand(app, global),
      cli::AddServeCommand(app, global),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One clear line, not CLI11's multi-line banner.
    std::cerr << "newsalign: " << e.what() << " (see newsalign --help)\n";
    return 1;
  }

  try {
    for (const cli::Command& command : commands) {
      if (command.sub->parsed()) return command.run();
    }
  } catch (const InputError& e) {
    std::cerr << "newsalign: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "newsalign: internal error: " << e.what() << "\n";
    return 2;
  }
  return 1;
}
