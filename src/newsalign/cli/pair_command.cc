// newsalign pair RU_DIR EN_DIR: which English article translates which Russian one.
//
// Output (tsv, the default): one pair a line, "ru_path<TAB>en_path<TAB>confidence", in the order
// of the Russian file names; then one line per unpaired article with the other side and the
// confidence empty: "ru_path<TAB><TAB>" and "<TAB>en_path<TAB>". A summary goes to stderr.
// --format json prints {"pairs": [{"ru", "en", "confidence"}], "unpaired_ru": [...],
// "unpaired_en": [...]}. --pairs-out LIST.tsv also writes the pairs as "ru_path<TAB>en_path"
// lines, the manifest that `newsalign import/batch --pairs LIST.tsv` take. --import then
// aligns the pairs and stores them in the corpus (--db) through the batch path (cli/batch.h),
// exactly as `newsalign --db DB batch --pairs LIST.tsv` would; its summary goes to stderr.
//
// Inputs: the *.txt files directly inside each folder (other files are skipped). A missing
// folder is an InputError (exit 1); empty folders are not an error: "0 pairs", exit 0. A file
// that cannot be read (not UTF-8, empty, ...) is skipped with one warning line: one bad item
// must not stop the pairing of a whole feed.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "newsalign/cli/align_setup.h"
#include "newsalign/cli/batch.h"
#include "newsalign/cli/commands.h"
#include "newsalign/core/error.h"
#include "newsalign/pairing/pairing.h"
#include "newsalign/text/reader.h"

namespace newsalign::cli {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> ListTextFiles(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw InputError(dir + ": no such folder");
  if (!fs::is_directory(dir, ec)) throw InputError(dir + ": not a folder (pair takes two folders of *.txt files)");
  std::vector<std::string> files;
  fs::directory_iterator it(dir, ec);
  if (ec) throw InputError(dir + ": cannot list the folder: " + ec.message());
  for (const fs::directory_entry& e : it) {
    if (e.path().extension() != ".txt") continue;
    std::error_code ec2;
    if (!e.is_regular_file(ec2)) continue;
    files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Reads the files on `threads` workers; unreadable ones are dropped with a warning each.
std::vector<Document> ReadAll(const std::vector<std::string>& files, const std::string& lang, bool repair,
                              int threads) {
  ReadOptions options;
  options.repair_encoding = repair;
  std::vector<std::optional<Document>> docs(files.size());
  std::vector<std::string> errors(files.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < files.size();) {
      try {
        docs[i] = ReadTextFile(files[i], lang, options);
      } catch (const InputError& e) {
        errors[i] = e.what();
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  std::vector<Document> out;
  out.reserve(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (docs[i]) {
      out.push_back(std::move(*docs[i]));
    } else {
      std::cerr << "newsalign: warning: skipped " << errors[i] << "\n";
    }
  }
  return out;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// Aligns the pairs and stores them in the corpus `db` (the batch path). Returns the exit code.
int ImportPairs(const std::vector<ArticlePair>& pairs, const std::vector<Document>& src,
                const std::vector<Document>& tgt, const AlignArgs& align, int threads, const std::string& db) {
  std::vector<PairJob> jobs;
  for (const ArticlePair& p : pairs) {
    PairJob job;
    job.ru_path = src[p.src].path;
    job.en_path = tgt[p.tgt].path;
    job.name = fs::path(job.ru_path).stem().string();
    jobs.push_back(std::move(job));
  }
  Aligner aligner = MakeAligner(align);
  std::unique_ptr<BatchSink> sink = MakeStoreSink(db, aligner, align.Options());
  BatchOptions batch;
  batch.threads = threads;
  batch.repair_encoding = align.repair;
  batch.ru_lang = align.src_lang();
  batch.en_lang = align.tgt_lang();
  BatchSummary s = RunBatch(aligner, jobs, batch, *sink, nullptr);
  std::cerr << "newsalign: imported " << s.aligned << " pairs (" << s.beads << " beads, " << s.doubtful
            << " doubtful) in " << sink->Describe() << "\n";
  for (const std::string& f : s.failures) std::cerr << "newsalign: import failed: " << f << "\n";
  return s.failures.empty() ? 0 : 1;
}

}  // namespace

Command AddPairCommand(CLI::App& app, const GlobalOptions& global) {
  struct Args {
    std::string src_dir, tgt_dir, format = "tsv", langs = "ru,en", pairs_out;
    double min_confidence = 0.5;
    bool no_dictionary = false, repair = false, import = false;
    int threads = 0;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("pair", "Pair the articles of a Russian and an English folder (which translates which)");
  command.sub->add_option("RU_DIR", args->src_dir, "Folder of Russian articles (*.txt)")->required();
  command.sub->add_option("EN_DIR", args->tgt_dir, "Folder of English articles (*.txt)")->required();
  command.sub->add_option("--format", args->format, "Output: tsv (ru, en, confidence; then unpaired) or json")
      ->check(CLI::IsMember({"tsv", "json"}))
      ->capture_default_str();
  command.sub->add_option("--min-confidence", args->min_confidence,
                          "Keep pairs at least this likely to be right (0-1)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command.sub->add_option("--pairs-out", args->pairs_out,
                          "Also write the pairs as ru_path<TAB>en_path lines (for import/batch --pairs)");
  command.sub->add_flag("--import", args->import,
                        "Also align the pairs and store them in the corpus (--db), as batch --pairs does");
  command.sub->add_option("--langs", args->langs, "Languages of the two folders, ISO 639-1")->capture_default_str();
  command.sub->add_flag("--repair-encoding", args->repair, "Repair CP1251 text mis-decoded as Latin-1");
  command.sub->add_flag("--no-dictionary", args->no_dictionary, "Do not use an installed dictionary");
  command.sub->add_option("--threads", args->threads, "Worker threads (0 = all cores)")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  const GlobalOptions* globals = &global;
  command.run = [args, globals] {
    size_t comma = args->langs.find(',');
    if (comma == std::string::npos || comma == 0 || comma + 1 == args->langs.size())
      throw InputError("--langs wants two language codes, e.g. --langs ru,en (got \"" + args->langs + "\")");
    PairingOptions options;
    options.src_lang = args->langs.substr(0, comma);
    options.tgt_lang = args->langs.substr(comma + 1);
    options.min_confidence = args->min_confidence;
    options.use_dictionary = !args->no_dictionary;
    options.threads = args->threads;
    const int threads = args->threads > 0 ? args->threads
                                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

    // Both folders are checked before any work, so a typo fails at once.
    std::vector<std::string> src_files = ListTextFiles(args->src_dir);
    std::vector<std::string> tgt_files = ListTextFiles(args->tgt_dir);
    std::ofstream manifest;
    if (!args->pairs_out.empty()) {
      manifest.open(args->pairs_out, std::ios::binary);
      if (!manifest) throw InputError(args->pairs_out + ": cannot write the file");
    }
    std::vector<Document> src = ReadAll(src_files, options.src_lang, args->repair, threads);
    std::vector<Document> tgt = ReadAll(tgt_files, options.tgt_lang, args->repair, threads);

    ArticlePairer pairer(options);
    if (!pairer.dictionary_note().empty() && !src.empty() && !tgt.empty())
      std::cerr << "newsalign: " << pairer.dictionary_note() << "\n";
    PairingResult r = pairer.Pair(src, tgt);

    std::string out;
    char conf[32];
    if (args->format == "json") {
      out += "{\"pairs\": [";
      for (size_t i = 0; i < r.pairs.size(); ++i) {
        const ArticlePair& p = r.pairs[i];
        std::snprintf(conf, sizeof conf, "%.4f", p.confidence);
        out += i ? ",\n  " : "\n  ";
        out += "{\"ru\": " + JsonString(src[p.src].path) + ", \"en\": " + JsonString(tgt[p.tgt].path) +
               ", \"confidence\": " + conf + "}";
      }
      out += r.pairs.empty() ? "],\n" : "\n],\n";
      out += " \"unpaired_ru\": [";
      for (size_t i = 0; i < r.unpaired_src.size(); ++i) out += (i ? ", " : "") + JsonString(src[r.unpaired_src[i]].path);
      out += "],\n \"unpaired_en\": [";
      for (size_t i = 0; i < r.unpaired_tgt.size(); ++i) out += (i ? ", " : "") + JsonString(tgt[r.unpaired_tgt[i]].path);
      out += "]}\n";
    } else {
      for (const ArticlePair& p : r.pairs) {
        std::snprintf(conf, sizeof conf, "\t%.4f\n", p.confidence);
        out += src[p.src].path + "\t" + tgt[p.tgt].path + conf;
      }
      for (size_t i : r.unpaired_src) out += src[i].path + "\t\t\n";
      for (size_t i : r.unpaired_tgt) out += "\t" + tgt[i].path + "\t\n";
    }
    std::cout << out;
    if (manifest.is_open()) {
      for (const ArticlePair& p : r.pairs) manifest << src[p.src].path << '\t' << tgt[p.tgt].path << '\n';
      manifest.close();
      if (!manifest) throw InputError(args->pairs_out + ": cannot write the file");
    }
    std::cerr << "newsalign: " << r.pairs.size() << " pairs; unpaired: " << r.unpaired_src.size() << " of "
              << src.size() << " " << options.src_lang << ", " << r.unpaired_tgt.size() << " of " << tgt.size()
              << " " << options.tgt_lang << "\n";
    if (!args->import || r.pairs.empty()) return 0;
    AlignArgs align;
    align.langs = args->langs;
    align.repair = args->repair;
    align.no_dictionary = args->no_dictionary;
    return ImportPairs(r.pairs, src, tgt, align, threads, globals->db);
  };
  return command;
}

}  // namespace newsalign::cli
