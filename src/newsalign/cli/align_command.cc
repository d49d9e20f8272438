#include <CLI/CLI.hpp>

#include "newsalign/cli/commands.h"

namespace newsalign::cli {

Command AddAlignCommand(CLI::App& app, const GlobalOptions&) {
  Command command;
  command.sub = app.add_subcommand("align", "(not yet)");
  command.run = [] { return 1; };
  return command;
}

}  // namespace newsalign::cli
