// Bead writers: one per export format, each streaming (a bead in, its text out; nothing is
// kept but the counters), so exporting a million beads runs in constant memory.
//
//   auto writer = MakeTmxWriter(std::cout);
//   store.ForEachBead(filter, [&](const BeadRecord& b) { writer->Write(b); });
//   writer->Finish();
//
// Formats:
// - TMX 1.4b: valid against the LISA DTD (tmx14.dtd). The header carries every required
//   attribute (srclang "ru", segtype "sentence", datatype "plaintext", adminlang "en", ...)
//   and a creationdate; one <tu tuid="BEAD_ID" changedate=...> a bead, with <prop>s x-pair,
//   x-document (the pair's title), x-date, x-source, x-type, x-score, x-status, then a <tuv
//   xml:lang="ru"> and a <tuv xml:lang="en">. Only beads with both sides (a TM unit needs two).
//   Text is escaped; characters XML 1.0 cannot carry (C0 controls) become spaces. No
//   DOCTYPE line: readers would try to fetch tmx14.dtd; validate with xmllint --dtdvalid.
// - TSV: ru, en, score, status, pair id, bead id, title; tabs and line breaks inside a cell
//   become spaces (the first three columns are those of `newsalign align`). All beads.
// - Moses: line i of the .ru file translates line i of the .en file; line breaks become
//   spaces. Only beads with both sides.
// - JSONL: one object a bead: pair, bead, ru, en, score, status, type, ru_sentences and
//   en_sentences ([first, count]), title, date, source, updated_at. All beads.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "newsalign/store/store.h"

namespace newsalign {

enum class ExportFormat { kTmx, kTsv, kMoses, kJsonl };

// "tmx", "tsv", "moses", "jsonl"; InputError otherwise.
ExportFormat ParseExportFormat(std::string_view name);

// Whether the format keeps only beads with sentences on both sides.
bool NeedsBothSides(ExportFormat format);

class BeadWriter {
 public:
  virtual ~BeadWriter() = default;
  // Writes one bead (a format that needs both sides skips a bead without them).
  virtual void Write(const BeadRecord& bead) = 0;
  // Writes what closes the file (TMX's </body></tmx>) and flushes.
  virtual void Finish() = 0;
  int64_t written() const { return written_; }

 protected:
  int64_t written_ = 0;
};

struct TmxOptions {
  std::string src_lang = "ru";  // header srclang and the first tuv's xml:lang
  std::string tgt_lang = "en";
  std::string creation_date;    // header creationdate, YYYYMMDDThhmmssZ; empty: now (UTC)
};

std::unique_ptr<BeadWriter> MakeTmxWriter(std::ostream& out, TmxOptions options = {});
std::unique_ptr<BeadWriter> MakeTsvWriter(std::ostream& out);
std::unique_ptr<BeadWriter> MakeJsonlWriter(std::ostream& out);
std::unique_ptr<BeadWriter> MakeMosesWriter(std::ostream& ru, std::ostream& en);

// "2024-05-01T10:20:30Z" -> "20240501T102030Z" (TMX's date format); "" when malformed.
std::string TmxDate(std::string_view iso);

}  // namespace newsalign
