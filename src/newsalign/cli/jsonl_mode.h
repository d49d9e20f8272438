// `newsalign align --jsonl`: a streaming mapper for GNU parallel, Hadoop Streaming and Spark
// RDD.pipe(). Reads JSON Lines on stdin, writes one JSON line per good input line on stdout.
//
// Input, one object a line (other fields are ignored; the text keys are the --langs codes):
//   {"id": "lenta-123", "ru": "Текст новости…", "en": "The news text…"}
//   - "id": a string or a number, echoed back as given (the key to join results on).
//   - "ru", "en": the two texts, UTF-8 JSON strings (running text; with --presegmented one
//     sentence a line, "\n"-separated).
// Output, one object a line, in input order, flushed after every line:
//   {"id":"lenta-123","ru_sentences":5,"en_sentences":6,"beads":[
//     {"ru":[0],"en":[0],"score":0.9987,"ru_text":"…","en_text":"…"},
//     {"ru":[1],"en":[1,2],"score":0.8123,"ru_text":"…","en_text":"… …"},
//     {"ru":[],"en":[3],"score":0.4000,"ru_text":"","en_text":"…"}]}
//   - "ru"/"en": 0-based sentence indices of the bead's sides (empty for 1-0 / 0-1);
//   - "score": confidence in [0, 1], 4 decimals; "ru_text"/"en_text": the author's text of
//     the bead's sentences joined by one space, tabs and line breaks made spaces (as in TSV).
// A bad line (invalid JSON or UTF-8, not an object, a missing or non-string text, a missing
// id, an empty text) writes nothing on stdout and one line on stderr:
//   newsalign: stdin line 7 (id "x"): "en" is empty
// Blank lines are skipped silently. Memory stays constant: at most a few lines are in flight.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "newsalign/align/aligner.h"
#include "newsalign/text/reader.h"

namespace newsalign::cli {

struct JsonlOptions {
  std::string src_lang = "ru";  // key of the source text (and of bead indices) in input and output
  std::string tgt_lang = "en";
  bool presegmented = false;    // texts hold one sentence a line
  ReadOptions read;             // UTF-8 checks, --repair-encoding
  int threads = 1;              // worker threads; output order stays the input order
};

struct JsonlSummary {
  int64_t lines = 0;    // lines read, blank ones included
  int64_t aligned = 0;  // output lines written
  int64_t bad = 0;      // lines reported on stderr and skipped
};

// Aligns one input line and returns the output line (no trailing newline). A bad line throws
// InputError with a message that does not name the line (the caller adds it). `notes` receives
// reader notes (e.g. mojibake repaired), one line each.
std::string AlignJsonLine(const Aligner& aligner, std::string_view line, const JsonlOptions& options,
                          std::vector<std::string>* notes = nullptr);

// Runs the mapper from `in` to `out`, reporting bad lines on `err`. Throws Error when `out`
// cannot be written.
JsonlSummary RunJsonl(const Aligner& aligner, const JsonlOptions& options, std::FILE* in, std::FILE* out,
                      std::FILE* err);

// `text` as a JSON string literal, quotes included (UTF-8 kept as is; controls escaped).
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace newsalign::cli
