// newsalign list: the pairs in the corpus, one a line.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "newsalign/cli/commands.h"
#include "newsalign/store/store.h"

namespace newsalign::cli {

Command AddListCommand(CLI::App& app, const GlobalOptions& global) {
  auto json = std::make_shared<bool>(false);
  Command command;
  command.sub = app.add_subcommand("list", "List the pairs in the corpus (--db)");
  command.sub->add_flag("--json", *json, "One JSON object a pair (JSON Lines)");
  const GlobalOptions* g = &global;
  command.run = [json, g] {
    StoreOptions options;
    options.create = false;
    Store store = Store::Open(g->db, options);
    std::vector<PairSummary> pairs = store.ListPairs();
    if (*json) {
      for (const PairSummary& p : pairs) {
        nlohmann::json j = {{"id", p.id},           {"title", p.title},        {"date", p.date},
                            {"source", p.source},   {"version", p.version},    {"ru", p.ru_origin},
                            {"en", p.en_origin},    {"ru_revision", p.ru_revision}, {"en_revision", p.en_revision},
                            {"ru_sentences", p.ru_sentences}, {"en_sentences", p.en_sentences},
                            {"beads", p.beads},     {"confirmed", p.confirmed}, {"edited", p.edited},
                            {"doubtful", p.doubtful}, {"updated_at", p.updated_at}};
        std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      }
      return 0;
    }
    if (pairs.empty()) {
      std::cerr << "newsalign: " << g->db << ": no pairs yet (newsalign import RU_FILE EN_FILE)\n";
      return 0;
    }
    std::printf("%5s  %-10s  %5s  %5s  %5s  %5s  %5s  %s\n", "id", "date", "ru", "en", "beads", "conf", "doubt",
                "title");
    for (const PairSummary& p : pairs) {
      std::printf("%5lld  %-10s  %5d  %5d  %5d  %5d  %5d  %s\n", static_cast<long long>(p.id),
                  p.date.empty() ? "-" : p.date.c_str(), p.ru_sentences, p.en_sentences, p.beads,
                  p.confirmed + p.edited, p.doubtful, p.title.c_str());
    }
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
