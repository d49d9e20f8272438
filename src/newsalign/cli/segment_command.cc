// newsalign segment FILE --lang ru: one sentence a line, the author's text.
#include <CLI/CLI.hpp>
#include <iostream>

#include "newsalign/cli/commands.h"
#include "newsalign/cli/input.h"

namespace newsalign::cli {

Command AddSegmentCommand(CLI::App& app, const GlobalOptions&) {
  struct Args {
    std::string file, lang = "ru";
    bool repair = false;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("segment", "Split a text into sentences, one a line");
  command.sub->add_option("FILE", args->file, "UTF-8 text or HTML file")->required();
  command.sub->add_option("--lang", args->lang, "Language of the text (ISO 639-1)")->capture_default_str();
  command.sub->add_flag("--repair-encoding", args->repair, "Repair CP1251 text that was mis-decoded as Latin-1");
  command.run = [args] {
    Document doc = LoadDocument(args->file, args->lang, false, args->repair);
    std::string out;
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
      out += OneLine(doc.SentenceText(i));
      out += '\n';
    }
    std::cout << out;
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
