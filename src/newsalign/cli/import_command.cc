// newsalign import RU_FILE EN_FILE | --pairs LIST.tsv | --tmx FILE: read, segment, align and
// store pairs in the corpus (--db); see store/importer.h for what "import" means.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "newsalign/cli/align_setup.h"
#include "newsalign/cli/commands.h"
#include "newsalign/cli/input.h"
#include "newsalign/core/error.h"
#include "newsalign/export/exporter.h"
#include "newsalign/store/importer.h"
#include "newsalign/store/store.h"
#include "newsalign/text/html_reader.h"
#include "newsalign/text/segmenter.h"

namespace newsalign::cli {
namespace {

struct ImportArgs {
  std::string ru_file, en_file, pairs_file, tmx_file;
  std::string title, date, source;
  AlignArgs align;
};

// Reads one side: HTML pages by their article (text/html_reader.h), anything else as text.
// The stored origin is the absolute path, so the same file imported from elsewhere is found.
Document ReadSide(const std::string& path, const std::string& lang, const AlignArgs& align, std::string& format) {
  Document doc;
  if (IsHtmlPath(path)) {
    doc = ReadHtmlFile(path, lang);
    Segment(doc);
    format = "html";
  } else {
    doc = LoadDocument(path, lang, align.presegmented, align.repair);
    format = "text";
  }
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::weakly_canonical(std::filesystem::absolute(path), ec);
  if (!ec) doc.path = abs.string();
  return doc;
}

PairInput ReadPair(const std::string& ru, const std::string& en, const AlignArgs& align) {
  PairInput in;
  in.ru = ReadSide(ru, "ru", align, in.ru_format);
  in.en = ReadSide(en, "en", align, in.en_format);
  CheckPair(in.ru, in.en, /*check_scripts=*/true);
  return in;
}

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

// LIST.tsv: ru_path<TAB>en_path[<TAB>title[<TAB>date[<TAB>source]]] a line; '#' starts a
// comment line; relative paths are relative to the list's folder.
std::vector<PairInput> ReadPairList(const std::string& list, const AlignArgs& align) {
  std::ifstream in(list);
  if (!in) throw InputError(list + ": cannot open the pair list");
  std::filesystem::path base = std::filesystem::path(list).parent_path();
  std::vector<PairInput> pairs;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = SplitTabs(line);
    if (cols.size() < 2 || cols.size() > 5 || cols[0].empty() || cols[1].empty())
      throw InputError(list + ": line " + std::to_string(line_no) +
                       ": want ru_path<TAB>en_path[<TAB>title[<TAB>date[<TAB>source]]]");
    auto resolve = [&base](const std::string& p) {
      std::filesystem::path path(p);
      return (path.is_relative() ? base / path : path).string();
    };
    try {
      PairInput pair = ReadPair(resolve(cols[0]), resolve(cols[1]), align);
      if (cols.size() > 2) pair.title = cols[2];
      if (cols.size() > 3) pair.date = cols[3];
      if (cols.size() > 4) pair.source = cols[4];
      pairs.push_back(std::move(pair));
    } catch (const InputError& e) {
      throw InputError(list + ": line " + std::to_string(line_no) + ": " + e.what());
    }
  }
  if (pairs.empty()) throw InputError(list + ": no pairs listed");
  return pairs;
}

std::string Describe(const ImportResult& r, const std::string& title) {
  std::string head = "pair " + std::to_string(r.pair_id) + " \"" + title + "\": ";
  switch (r.action) {
    case ImportAction::kUnchanged:
      return head + "unchanged, nothing imported";
    case ImportAction::kMetadata:
      return head + "title/date/source updated";
    case ImportAction::kNew:
      return head + "imported, " + std::to_string(r.beads) + " beads";
    case ImportAction::kRealign: {
      std::string s = head + "new revision (ru " + std::to_string(r.ru_revision) + ", en " +
                      std::to_string(r.en_revision) + "), realigned: " + std::to_string(r.beads) + " beads, " +
                      std::to_string(r.kept) + " reviewed beads kept";
      if (r.dropped) s += ", " + std::to_string(r.dropped) + " dropped (their sentences changed)";
      return s;
    }
  }
  return head;
}

int RunTmx(const GlobalOptions& global, const ImportArgs& args) {
  Store store = Store::Open(global.db);
  TmxImportSummary s = ImportTmx(store, args.tmx_file);
  int unchanged = 0;
  for (const ImportResult& r : s.pairs) unchanged += r.action == ImportAction::kUnchanged;
  std::cout << args.tmx_file << ": " << s.units << " units, " << s.beads << " beads stored as confirmed in "
            << (s.pairs.size() - unchanged) << " pairs";
  if (unchanged) std::cout << " (" << unchanged << " pairs unchanged)";
  if (s.skipped) std::cout << "; " << s.skipped << " units skipped (no Russian or no English segment)";
  std::cout << "\n";
  return 0;
}

}  // namespace

Command AddImportCommand(CLI::App& app, const GlobalOptions& global) {
  auto args = std::make_shared<ImportArgs>();
  Command command;
  command.sub = app.add_subcommand("import", "Align and store pairs of documents in the corpus (--db)");
  CLI::App* sub = command.sub;
  sub->add_option("RU_FILE", args->ru_file, "Russian document (.txt, or .html: its article)");
  sub->add_option("EN_FILE", args->en_file, "English document (.txt or .html)");
  sub->add_option("--pairs", args->pairs_file,
                  "A list of pairs, one a line: ru_path<TAB>en_path[<TAB>title[<TAB>date[<TAB>source]]]");
  sub->add_option("--tmx", args->tmx_file, "Import a translation memory (TMX): its units become confirmed beads");
  sub->add_option("--title", args->title, "Title of the pair");
  sub->add_option("--date", args->date, "Date of the pair, YYYY-MM-DD");
  sub->add_option("--source", args->source, "Where the pair comes from (URL)");
  sub->add_flag("--presegmented", args->align.presegmented, "Text inputs hold one sentence a line");
  sub->add_flag("--repair-encoding", args->align.repair, "Repair CP1251 text mis-decoded as Latin-1");
  sub->add_flag("--no-dictionary", args->align.no_dictionary, "Do not use an installed dictionary");
  sub->footer(
      "Importing the same texts again changes nothing. A changed text becomes a new revision and\n"
      "its pair is realigned, keeping the beads a translator confirmed or edited.");
  const GlobalOptions* g = &global;
  command.run = [args, g, sub] {
    const bool files = !args->ru_file.empty();
    const int modes = (files ? 1 : 0) + (!args->pairs_file.empty() ? 1 : 0) + (!args->tmx_file.empty() ? 1 : 0);
    if (modes != 1) throw InputError("import wants RU_FILE EN_FILE, or --pairs LIST.tsv, or --tmx FILE");
    if (files && args->en_file.empty()) throw InputError("import wants both RU_FILE and EN_FILE");
    if (!files && (sub->count("--title") || sub->count("--date") || sub->count("--source")))
      throw InputError("--title, --date and --source go with RU_FILE EN_FILE (a pair list has columns for them)");
    if (!args->tmx_file.empty()) return RunTmx(*g, *args);

    auto start = std::chrono::steady_clock::now();
    std::vector<PairInput> inputs;
    if (files) {
      inputs.push_back(ReadPair(args->ru_file, args->en_file, args->align));
      inputs.back().title = args->title;
      inputs.back().date = args->date;
      inputs.back().source = args->source;
    } else {
      inputs = ReadPairList(args->pairs_file, args->align);
    }
    Store store = Store::Open(g->db);
    Aligner aligner = MakeAligner(args->align);
    Importer importer(store, aligner, args->align.Options());
    std::vector<ImportResult> results = importer.Import(inputs);

    int counts[4] = {0, 0, 0, 0};
    int64_t beads = 0;
    for (size_t i = 0; i < results.size(); ++i) {
      const ImportResult& r = results[i];
      ++counts[static_cast<int>(r.action)];
      if (r.action == ImportAction::kNew || r.action == ImportAction::kRealign) beads += r.beads;
      if (files || r.action != ImportAction::kUnchanged) std::cout << Describe(r, r.title) << "\n";
    }
    if (!files) {
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%zu pairs: %d new, %d realigned, %d metadata updated, %d unchanged; %lld beads stored (%.2f s)\n",
                  results.size(), counts[static_cast<int>(ImportAction::kNew)],
                  counts[static_cast<int>(ImportAction::kRealign)], counts[static_cast<int>(ImportAction::kMetadata)],
                  counts[static_cast<int>(ImportAction::kUnchanged)], static_cast<long long>(beads), seconds);
    }
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
