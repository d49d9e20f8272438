#include <CLI/CLI.hpp>

#include "newsalign/cli/commands.h"

namespace newsalign::cli {

Command AddEvalCommand(CLI::App& app, const GlobalOptions&) {
  Command command;
  command.sub = app.add_subcommand("eval", "(not yet)");
  command.run = [] { return 1; };
  return command;
}

}  // namespace newsalign::cli
