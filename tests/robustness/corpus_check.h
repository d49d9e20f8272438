// What a corpus must look like however its writers ended (issue 9), checked with plain SQL
// from outside: the file is sound, and nothing is half there.
#pragma once

#include <string>
#include <vector>

#include "robustness/process.h"

namespace newsalign::robustness {

// Problems found, one line each; empty when the corpus is whole:
// - PRAGMA integrity_check and foreign_key_check are clean;
// - every revision has the sentences and paragraphs its counts promise, each a span of its text;
// - every document has a revision and belongs to a pair;
// - every pair has beads that cover the sentences of both its revisions in order, each once.
inline std::vector<std::string> CorpusProblems(const std::string& db_path) {
  RawDb db(db_path);
  std::vector<std::string> problems;
  for (const std::string& row : db.Column("PRAGMA integrity_check"))
    if (row != "ok") problems.push_back("integrity_check: " + row);
  // Killed before its schema was committed: an empty database, which the next run sets up.
  if (db.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'pairs'") == 0) return problems;
  for (const std::string& row : db.Column("SELECT \"table\" FROM pragma_foreign_key_check"))
    problems.push_back("foreign key broken in " + row);
  for (const std::string& row :
       db.Column("SELECT r.id FROM revisions r WHERE r.sentence_count != (SELECT count(*) FROM sentences "
                 "WHERE revision_id = r.id) OR r.paragraph_count != (SELECT count(*) FROM paragraphs "
                 "WHERE revision_id = r.id) OR r.sentence_count = 0"))
    problems.push_back("revision " + row + ": sentences or paragraphs missing");
  for (const std::string& row :
       db.Column("SELECT s.revision_id || ':' || s.idx FROM sentences s JOIN revisions r ON r.id = s.revision_id "
                 "WHERE s.begin_byte < 0 OR s.end_byte < s.begin_byte OR s.end_byte > length(CAST(r.text AS BLOB)) "
                 "OR s.idx >= r.sentence_count"))
    problems.push_back("sentence " + row + ": span outside its text");
  for (const std::string& row :
       db.Column("SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM revisions WHERE document_id = d.id) "
                 "OR NOT EXISTS (SELECT 1 FROM pairs p WHERE p.ru_document_id = d.id OR p.en_document_id = d.id)"))
    problems.push_back("document " + row + ": no revision or no pair");
  // Beads tile both sides: walking them in order, each starts where the previous one ended,
  // and the last ends at the sentence counts. The window functions compare each bead with the
  // one before it.
  for (const std::string& row : db.Column(
           "WITH b AS (SELECT pair_id, ru_begin, ru_count, en_begin, en_count, "
           "  lag(ru_begin + ru_count, 1, 0) OVER w AS ru_expect, lag(en_begin + en_count, 1, 0) OVER w AS en_expect "
           "  FROM beads WINDOW w AS (PARTITION BY pair_id ORDER BY ru_begin, en_begin, id)) "
           "SELECT DISTINCT pair_id FROM b WHERE ru_begin != ru_expect OR en_begin != en_expect "
           "UNION SELECT p.id FROM pairs p JOIN revisions rr ON rr.id = p.ru_revision_id "
           "  JOIN revisions re ON re.id = p.en_revision_id "
           "  WHERE coalesce((SELECT sum(ru_count) FROM beads WHERE pair_id = p.id), 0) != rr.sentence_count "
           "     OR coalesce((SELECT sum(en_count) FROM beads WHERE pair_id = p.id), 0) != re.sentence_count"))
    problems.push_back("pair " + row + ": beads do not cover both documents exactly once");
  return problems;
}

// Pairs stored; 0 for a database whose schema was never committed.
inline long long PairCount(const std::string& db_path) {
  RawDb db(db_path);
  if (db.Int("SELECT count(*) FROM sqlite_schema WHERE name = 'pairs'") == 0) return 0;
  return db.Int("SELECT count(*) FROM pairs");
}

// Texts of the samples listed `copies` times under different names (each copy ends in a line
// naming it, so each is a document of its own) as a pair list in `dir`; returns its path.
inline std::string SampleList(const TempDir& dir, const std::string& name, int copies) {
  std::string list;
  for (int i = 0; i < copies; ++i)
    for (const char* s : {"dushanbe-water", "kazan-forum", "moscow-interview"}) {
      const std::string stem = name + "-" + std::to_string(i) + "-" + s;
      WriteFile(dir / (stem + ".ru.txt"), ReadFile(kSamples + s + ".ru.txt") + "\nКопия " + stem + ".\n");
      WriteFile(dir / (stem + ".en.txt"), ReadFile(kSamples + s + ".en.txt") + "\nCopy " + stem + ".\n");
      list += dir / (stem + ".ru.txt") + "\t" + dir / (stem + ".en.txt") + "\t" + stem + "\n";
    }
  WriteFile(dir / (name + ".tsv"), list);
  return dir / (name + ".tsv");
}

}  // namespace newsalign::robustness
