// The corpus schema and its migrations.
//
// The schema version is PRAGMA user_version. kMigrations[i] takes a database from version i
// to version i + 1; a new database runs them all, an old one runs the ones it lacks, in place,
// in one transaction (so an interrupted upgrade leaves the old version). Never edit a released
// step: append a new one, and add tests/store/fixtures/schema_vN.sql (a database of version N
// with a few rows) so the upgrade test covers it.
//
// Tables (version 1), all byte offsets are into revisions.text:
//   provenance  id, tool, tool_version, action, options (JSON), created_at
//   documents   id, lang, origin (absolute path, or tmx:PATH#GROUP), title, date, source
//   revisions   id, document_id, number (1, 2, ...), format (text|html|tmx), text (verbatim),
//               sha256 (hex of text), paragraph_count, sentence_count, provenance_id
//   paragraphs  (revision_id, idx) -> begin, end
//   sentences   (revision_id, idx) -> begin, end, paragraph
//   pairs       id, ru/en document_id, ru/en revision_id (the revisions its beads index),
//               title, date, source, version (bumped on every change: optimistic concurrency)
//   beads       id, pair_id, ru_begin, ru_count, en_begin, en_count, type ("1-2", generated),
//               score, status (auto|confirmed|edited), provenance_id, updated_at;
//               ordered by (ru_begin, en_begin) within a pair, which is unique.
//   bead_texts  a view: id, pair_id, ru, en: the original bytes a bead covers on each side
//               (from its first sentence's begin to its last one's end); the content table
//               a full-text index can use.
//
// Version 2 (issue 7) adds the full-text index of the bead texts, kept current by triggers:
//   bead_fts_ru, bead_fts_en   FTS5, external content bead_texts (rowid = beads.id), one
//                              column each, tokenizer 'newsalign ru' / 'newsalign en'
//   bead_vocab_ru, bead_vocab_en  fts5vocab 'row' tables over them (term -> beads)
//
// Version 3 (issue 8) adds the workbench's edit history (store/editor.h):
//   edits       id, pair_id, seq (1, 2, ... per pair), kind, label, delta (JSON: the bead
//               window before and after, a sentence span change), undone, at_version
//               (the pair version at which undo/redo may apply it), created_at
#pragma once

#include <vector>

namespace newsalign::sql {

class Db;

// The version this build writes.
int LatestSchemaVersion();

// Every step in order; kMigrationSteps()[v] upgrades version v to v + 1.
const std::vector<const char*>& MigrationSteps();

// Creates or upgrades the schema of `db`; throws InputError for a database of another
// application or of a newer newsalign. Returns the version found before upgrading.
int Migrate(Db& db);

// Checks, writing nothing, that `db` is a newsalign corpus of a version this build can read
// (1 up to LatestSchemaVersion()); InputError naming the file otherwise. Returns the version.
// store/merge.cc reads older corpora as they are, relying on every step so far only adding
// tables and indexes: a step that changes an existing table must teach merge.cc too.
int CheckReadable(Db& db);

// Reads PRAGMA user_version.
int SchemaVersion(Db& db);

}  // namespace newsalign::sql
