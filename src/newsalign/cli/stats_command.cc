// newsalign stats: what the corpus holds.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "newsalign/cli/commands.h"
#include "newsalign/store/store.h"

namespace newsalign::cli {
namespace {

std::string Breakdown(const std::map<std::string, int64_t>& m) {
  std::string out;
  for (const auto& [k, v] : m) out += (out.empty() ? "" : ", ") + k + " " + std::to_string(v);
  return out;
}

}  // namespace

Command AddStatsCommand(CLI::App& app, const GlobalOptions& global) {
  auto json = std::make_shared<bool>(false);
  Command command;
  command.sub = app.add_subcommand("stats", "Documents, sentences and beads in the corpus (--db)");
  command.sub->add_flag("--json", *json, "As one JSON object");
  const GlobalOptions* g = &global;
  command.run = [json, g] {
    StoreOptions options;
    options.create = false;
    Store store = Store::Open(g->db, options);
    CorpusStats s = store.Stats();
    if (*json) {
      nlohmann::json j = {{"schema_version", s.schema_version}, {"documents", s.documents},
                          {"documents_by_lang", s.documents_by_lang}, {"revisions", s.revisions},
                          {"pairs", s.pairs}, {"ru_sentences", s.ru_sentences}, {"en_sentences", s.en_sentences},
                          {"beads", s.beads}, {"beads_by_type", s.beads_by_type},
                          {"beads_by_status", s.beads_by_status}, {"doubtful", s.doubtful}};
      std::cout << j.dump() << "\n";
      return 0;
    }
    std::printf("corpus     %s (schema version %d)\n", g->db.c_str(), s.schema_version);
    std::printf("documents  %lld (%s), %lld revisions\n", static_cast<long long>(s.documents),
                Breakdown(s.documents_by_lang).c_str(), static_cast<long long>(s.revisions));
    std::printf("pairs      %lld\n", static_cast<long long>(s.pairs));
    std::printf("sentences  ru %lld, en %lld\n", static_cast<long long>(s.ru_sentences),
                static_cast<long long>(s.en_sentences));
    std::printf("beads      %lld\n", static_cast<long long>(s.beads));
    std::printf("  by type    %s\n", Breakdown(s.beads_by_type).c_str());
    std::printf("  by status  %s\n", Breakdown(s.beads_by_status).c_str());
    std::printf("  doubtful   %lld (%.1f%%): unreviewed, score < %.1f\n", static_cast<long long>(s.doubtful),
                s.beads ? 100.0 * static_cast<double>(s.doubtful) / static_cast<double>(s.beads) : 0.0,
                kDoubtfulScore);
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
