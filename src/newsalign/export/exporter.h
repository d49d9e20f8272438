// The corpus in and out of files: `newsalign export` and `newsalign import --tmx`.
//
//   ExportOptions options;
//   options.format = ExportFormat::kTmx;
//   options.filter.min_score = 0.8;
//   options.output = "corpus.tmx";                 // "" or "-": standard output
//   ExportSummary s = Export(store, options);      // streams: constant memory
//
//   TmxImportSummary t = ImportTmx(store, "legacy.tmx");   // TUs become confirmed beads
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsalign/export/writers.h"
#include "newsalign/store/store.h"

namespace newsalign {

struct ExportOptions {
  ExportFormat format = ExportFormat::kTsv;
  BeadFilter filter;   // both_sides is forced on for TMX and Moses
  std::string output;  // file; "" or "-" = stdout. Moses: a prefix, writes PREFIX.ru and PREFIX.en
  std::string creation_date;  // TMX header date (YYYYMMDDThhmmssZ); empty: now
};

struct ExportSummary {
  int64_t beads = 0;               // beads written
  std::vector<std::string> files;  // files written (none for stdout)
};

// Files are written under a temporary name and renamed at the end, so a failed export never
// leaves a truncated file behind. InputError when a file cannot be written.
ExportSummary Export(const Store& store, const ExportOptions& options);

struct TmxImportSummary {
  int64_t units = 0;    // <tu> read
  int64_t skipped = 0;  // without a Russian or an English segment (or with an empty one)
  int64_t beads = 0;    // beads stored (new or realigned pairs)
  std::vector<ImportResult> pairs;
};

// Imports a TMX file: each <tu> with a Russian and an English segment becomes a 1-1 bead
// with status `confirmed` (score from an x-score prop, else 1). Units are grouped into pairs
// by their x-pair (or x-document) prop, as newsalign's own export writes them, so a round
// trip keeps the documents apart; units without one go into pairs of at most 1000 units.
// Each pair's documents are the segments joined by blank lines (origin "tmx:PATH#KEY"), so
// importing the same file again changes nothing. Each pair is its own transaction.
TmxImportSummary ImportTmx(Store& store, const std::string& path);

}  // namespace newsalign
