// newsalign eval --gold G... --pred P...: strict and lax P/R/F1, omissions, per bead type.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "newsalign/align/evaluation.h"
#include "newsalign/cli/commands.h"
#include "newsalign/core/error.h"
#include "newsalign/core/ladder.h"

namespace newsalign::cli {
namespace {

std::vector<LadderBead> ReadLadderFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read the file");
  std::stringstream text;
  text << in.rdbuf();
  return ParseLadderLines(text.str(), path);
}

}  // namespace

Command AddEvalCommand(CLI::App& app, const GlobalOptions&) {
  struct Args {
    std::vector<std::string> gold, pred;
    bool json = false;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("eval", "Score predicted ladders against gold ladders");
  command.sub->add_option("--gold", args->gold, "Gold ladder files ([i, j]:[k] a line)")->required();
  command.sub->add_option("--pred", args->pred, "Predicted ladder files, in the same order")->required();
  command.sub->add_flag("--json", args->json, "Print the figures as one JSON object");
  command.run = [args] {
    if (args->gold.size() != args->pred.size())
      throw InputError("eval: " + std::to_string(args->gold.size()) + " gold files but " +
                       std::to_string(args->pred.size()) + " predictions; give one prediction per gold file");
    std::vector<LadderPair> documents;
    for (size_t k = 0; k < args->gold.size(); ++k)
      documents.emplace_back(ReadLadderFile(args->gold[k]), ReadLadderFile(args->pred[k]));
    EvaluationReport report = Evaluate(documents);
    std::cout << (args->json ? FormatReportJson(report) : FormatReport(report));
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
