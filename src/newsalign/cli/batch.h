// Aligning many document pairs on all cores: `newsalign batch`.
//
//   std::vector<std::string> problems;
//   std::vector<PairJob> jobs = PairsFromFolders("ru/", "en/", "ru", "en", ".txt", &problems);
//   auto sink = MakeTsvSink("out/", "tsv");              // or MakeStoreSink("corpus.db", ...)
//   BatchSummary s = RunBatch(aligner, jobs, options, *sink, &progress);
//
// The pairs are aligned a chunk at a time (256 pairs) as one corpus (Aligner::AlignCorpus, as
// import --pairs does), so that what the confident beads of some teach helps the others; a
// chunk is read, segmented and aligned on every core (BatchOptions::threads of them). One
// writer (the calling thread) receives the finished chunks in input order through a bounded
// queue (cli/ordered_pool.h) and hands their pairs to the sink while the next chunk is aligned,
// so the SQLite corpus has a single writer and memory holds two chunks at most. A pair that
// fails (unreadable, not UTF-8, empty, ...) is recorded with its error and the run goes on.
//
// Pairing by folders: the files ending in `ext` (".txt") directly inside each folder.
// - Same folder for both sides: NAME.ru.txt pairs with NAME.en.txt (the language codes are
//   --langs'); files without a language tag are ignored.
// - Two folders: a file pairs with the file of the same name in the other folder (ru/NAME.txt
//   with en/NAME.txt), language tags aside (ru/NAME.ru.txt with en/NAME.en.txt also pairs).
// A file with no partner, or two files for the same name on one side, is a problem (listed as
// a failure). Pairs come in the order of the names (byte order).
//
// Pairing by list: LIST.tsv lines "ru_path<TAB>en_path[<TAB>title[<TAB>date]]"; relative paths
// are relative to the current directory (as `find` and `newsalign pair --pairs-out` write them);
// blank lines and lines starting with '#' are skipped; a line with fewer than two fields is a
// problem.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "newsalign/align/aligner.h"
#include "newsalign/cli/progress.h"
#include "newsalign/core/bead.h"
#include "newsalign/core/document.h"

namespace newsalign::cli {

struct PairJob {
  std::string ru_path, en_path;
  std::string title, date;  // from the list (store metadata), may be empty
  std::string name;         // output file stem, unique within a run: "NAME" of NAME.ru.txt
};

// Pairs files by name (rules above). `problems` receives one line per unpaired file.
// InputError when a folder is missing.
std::vector<PairJob> PairsFromFolders(const std::string& ru_dir, const std::string& en_dir,
                                      const std::string& ru_lang, const std::string& en_lang,
                                      const std::string& ext, std::vector<std::string>* problems);

// Reads a pair list (rules above). InputError when the list cannot be read.
std::vector<PairJob> PairsFromList(const std::string& list_path, const std::string& ru_lang,
                                   std::vector<std::string>* problems);

// One aligned pair, as the writer receives it.
struct PairResult {
  const PairJob* job = nullptr;
  Document ru, en;    // read and segmented; Document::path is absolute
  Alignment beads;
  std::string error;  // non-empty: the pair failed, with this message
};

// Where finished pairs go. Called on one thread only, in input order. Throw InputError to fail
// one pair (the run goes on); anything else stops the run.
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  virtual void Write(PairResult& result) = 0;
  // One line for the summary: "wrote 175 TSV files to out/", "corpus x.db: 170 new, ...".
  virtual std::string Describe() const = 0;
};

// --out DIR: DIR/NAME.tsv (align --format tsv) or DIR/NAME.ladder; DIR is created if missing.
// Each file is written under a temporary name and renamed, so no half-written file remains.
std::unique_ptr<BatchSink> MakeTsvSink(const std::string& dir, const std::string& format);

// The SQLite corpus (store/store.h): Plan -> (realign when the plan keeps reviewed beads or the
// stored segmentation differs) -> Commit, one transaction per pair.
std::unique_ptr<BatchSink> MakeStoreSink(const std::string& db_path, const Aligner& aligner,
                                         const AlignOptions& options);

struct BatchOptions {
  int threads = 1;            // cores reading, segmenting and aligning
  bool presegmented = false;  // one sentence a line
  bool repair_encoding = false;
  std::string ru_lang = "ru", en_lang = "en";
};

struct BatchSummary {
  int64_t pairs = 0;      // jobs run
  int64_t aligned = 0;    // pairs written by the sink
  int64_t ru_sentences = 0, en_sentences = 0;
  int64_t beads = 0;
  int64_t doubtful = 0;   // beads with score < 0.5
  double seconds = 0.0;
  std::vector<std::string> failures;  // "ru_path + en_path: error", in input order
};

// Aligns every job and hands it to `sink`. `progress` (may be null) is updated as pairs finish.
BatchSummary RunBatch(const Aligner& aligner, const std::vector<PairJob>& jobs, const BatchOptions& options,
                      BatchSink& sink, Progress* progress);

}  // namespace newsalign::cli
