#include "newsalign/store/schema.h"

#include <string>

#include "newsalign/core/error.h"
#include "newsalign/store/sqlite.h"

namespace newsalign::sql {
namespace {

// "NwAl": PRAGMA application_id of every newsalign corpus, so that `--db some.sqlite` of
// another program is refused instead of being "upgraded".
constexpr int kApplicationId = 0x4E77416C;

// Version 0 -> 1: the corpus as issue 4 describes it. STRICT tables: SQLite checks types.
constexpr const char* kStep1 = R"sql(
CREATE TABLE provenance (
  id INTEGER PRIMARY KEY,
  tool TEXT NOT NULL,                        -- "newsalign"
  tool_version TEXT NOT NULL,                -- kVersion of the build that wrote the rows
  action TEXT NOT NULL,                      -- import | import-tmx | realign | ...
  options TEXT NOT NULL DEFAULT '{}',        -- JSON: aligner options, inputs
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  lang TEXT NOT NULL,                        -- ISO 639-1
  origin TEXT NOT NULL,                      -- absolute path read from, or tmx:PATH#GROUP
  title TEXT NOT NULL DEFAULT '',
  date TEXT NOT NULL DEFAULT '',             -- YYYY-MM-DD when known
  source TEXT NOT NULL DEFAULT '',           -- URL when known
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (lang, origin)
) STRICT;

CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,                   -- 1, 2, ... within the document; the highest is current
  format TEXT NOT NULL,                      -- text | html | tmx
  text TEXT NOT NULL,                        -- the author's text verbatim; spans are bytes of it
  sha256 TEXT NOT NULL,                      -- lower-case hex SHA-256 of text
  paragraph_count INTEGER NOT NULL,
  sentence_count INTEGER NOT NULL,
  provenance_id INTEGER REFERENCES provenance(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (document_id, number)
) STRICT;
CREATE INDEX revisions_by_hash ON revisions(sha256);

CREATE TABLE paragraphs (
  revision_id INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,                      -- 0-based
  begin_byte INTEGER NOT NULL,               -- [begin_byte, end_byte) of revisions.text
  end_byte INTEGER NOT NULL,
  PRIMARY KEY (revision_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE sentences (
  revision_id INTEGER NOT NULL REFERENCES revisions(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,                      -- 0-based; beads index these
  begin_byte INTEGER NOT NULL,               -- [begin_byte, end_byte) of revisions.text
  end_byte INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,                -- paragraphs.idx
  PRIMARY KEY (revision_id, idx)
) STRICT, WITHOUT ROWID;

CREATE TABLE pairs (
  id INTEGER PRIMARY KEY,
  ru_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  en_document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ru_revision_id INTEGER NOT NULL REFERENCES revisions(id),
  en_revision_id INTEGER NOT NULL REFERENCES revisions(id),
  title TEXT NOT NULL DEFAULT '',
  date TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,        -- +1 on every change to the pair or its beads
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (ru_document_id, en_document_id)
) STRICT;

CREATE TABLE beads (
  id INTEGER PRIMARY KEY,
  pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
  ru_begin INTEGER NOT NULL,                 -- first Russian sentence (sentences.idx)
  ru_count INTEGER NOT NULL CHECK (ru_count >= 0),
  en_begin INTEGER NOT NULL,
  en_count INTEGER NOT NULL CHECK (en_count >= 0),
  type TEXT GENERATED ALWAYS AS (ru_count || '-' || en_count) VIRTUAL,
  score REAL NOT NULL,                       -- confidence in [0, 1]
  status TEXT NOT NULL DEFAULT 'auto' CHECK (status IN ('auto', 'confirmed', 'edited')),
  provenance_id INTEGER REFERENCES provenance(id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (ru_count + en_count > 0)
) STRICT;
CREATE UNIQUE INDEX beads_in_order ON beads(pair_id, ru_begin, en_begin);
CREATE INDEX beads_by_status ON beads(status, score);

CREATE VIEW bead_texts AS
SELECT b.id AS id, b.pair_id AS pair_id,
  CASE WHEN b.ru_count = 0 THEN '' ELSE (
    SELECT CAST(substr(CAST(r.text AS BLOB), s1.begin_byte + 1, s2.end_byte - s1.begin_byte) AS TEXT)
    FROM revisions r
    JOIN sentences s1 ON s1.revision_id = r.id AND s1.idx = b.ru_begin
    JOIN sentences s2 ON s2.revision_id = r.id AND s2.idx = b.ru_begin + b.ru_count - 1
    WHERE r.id = p.ru_revision_id) END AS ru,
  CASE WHEN b.en_count = 0 THEN '' ELSE (
    SELECT CAST(substr(CAST(r.text AS BLOB), s1.begin_byte + 1, s2.end_byte - s1.begin_byte) AS TEXT)
    FROM revisions r
    JOIN sentences s1 ON s1.revision_id = r.id AND s1.idx = b.en_begin
    JOIN sentences s2 ON s2.revision_id = r.id AND s2.idx = b.en_begin + b.en_count - 1
    WHERE r.id = p.en_revision_id) END AS en
FROM beads b JOIN pairs p ON p.id = b.pair_id;
)sql";

// Version 1 -> 2: the full-text index (issue 7), one FTS5 table per side over the bead_texts
// view (external content: the texts are not stored twice), tokenized by store/tokenizer.h.
//
// FTS5 removes a row only given the values it indexed, so the index must hold exactly what
// bead_texts shows for every indexed bead. The triggers keep that invariant in two moves:
//  - BEFORE anything that can change a bead's text (the bead deleted or moved; its pair
//    deleted or pointed at other revisions; a revision deleted or its text changed; a sentence
//    of a revision in use inserted, changed or deleted), the beads concerned leave the index
//    with the text they still have;
//  - AFTER a bead is inserted or moved, and after any update of its pair (every change to a
//    pair or its beads bumps pairs.version), the beads of the pair that are not in the index
//    enter it with their text now.
// Whether a bead is in the index is its row in the FTS5 docsize table, so a bead reached by two
// cascades (a document deleted: revisions and pairs go) leaves once. Changing sentences must
// therefore be followed by an update of the pair, as every Store and editor path does.
// fts5vocab tables give per-term bead counts (search uses them to learn translations).
constexpr const char* kStep2 = R"sql(
CREATE INDEX pairs_by_ru_revision ON pairs(ru_revision_id);
CREATE INDEX pairs_by_en_revision ON pairs(en_revision_id);

CREATE VIRTUAL TABLE bead_fts_ru USING fts5(ru, content = 'bead_texts', content_rowid = 'id',
  tokenize = 'newsalign ru');
CREATE VIRTUAL TABLE bead_fts_en USING fts5(en, content = 'bead_texts', content_rowid = 'id',
  tokenize = 'newsalign en');
CREATE VIRTUAL TABLE bead_vocab_ru USING fts5vocab(bead_fts_ru, 'row');
CREATE VIRTUAL TABLE bead_vocab_en USING fts5vocab(bead_fts_en, 'row');

CREATE TRIGGER beads_fts_insert AFTER INSERT ON beads BEGIN
  INSERT INTO bead_fts_ru (rowid, ru) SELECT t.id, t.ru FROM bead_texts t
    WHERE t.id = new.id AND NOT EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (rowid, en) SELECT t.id, t.en FROM bead_texts t
    WHERE t.id = new.id AND NOT EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER beads_fts_delete BEFORE DELETE ON beads BEGIN
  INSERT INTO bead_fts_ru (bead_fts_ru, rowid, ru) SELECT 'delete', t.id, t.ru FROM bead_texts t
    WHERE t.id = old.id AND EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (bead_fts_en, rowid, en) SELECT 'delete', t.id, t.en FROM bead_texts t
    WHERE t.id = old.id AND EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER beads_fts_before_move BEFORE UPDATE OF pair_id, ru_begin, ru_count, en_begin, en_count ON beads BEGIN
  INSERT INTO bead_fts_ru (bead_fts_ru, rowid, ru) SELECT 'delete', t.id, t.ru FROM bead_texts t
    WHERE t.id = old.id AND EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (bead_fts_en, rowid, en) SELECT 'delete', t.id, t.en FROM bead_texts t
    WHERE t.id = old.id AND EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER beads_fts_after_move AFTER UPDATE OF pair_id, ru_begin, ru_count, en_begin, en_count ON beads BEGIN
  INSERT INTO bead_fts_ru (rowid, ru) SELECT t.id, t.ru FROM bead_texts t
    WHERE t.id = new.id AND NOT EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (rowid, en) SELECT t.id, t.en FROM bead_texts t
    WHERE t.id = new.id AND NOT EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER pairs_fts_before_revise BEFORE UPDATE OF ru_revision_id, en_revision_id ON pairs BEGIN
  INSERT INTO bead_fts_ru (bead_fts_ru, rowid, ru) SELECT 'delete', t.id, t.ru FROM bead_texts t
    WHERE t.pair_id = old.id AND EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (bead_fts_en, rowid, en) SELECT 'delete', t.id, t.en FROM bead_texts t
    WHERE t.pair_id = old.id AND EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER pairs_fts_after_update AFTER UPDATE ON pairs BEGIN
  INSERT INTO bead_fts_ru (rowid, ru) SELECT t.id, t.ru FROM bead_texts t
    WHERE t.pair_id = new.id AND NOT EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (rowid, en) SELECT t.id, t.en FROM bead_texts t
    WHERE t.pair_id = new.id AND NOT EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER pairs_fts_delete BEFORE DELETE ON pairs BEGIN
  INSERT INTO bead_fts_ru (bead_fts_ru, rowid, ru) SELECT 'delete', t.id, t.ru FROM bead_texts t
    WHERE t.pair_id = old.id AND EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (bead_fts_en, rowid, en) SELECT 'delete', t.id, t.en FROM bead_texts t
    WHERE t.pair_id = old.id AND EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER revisions_fts_delete BEFORE DELETE ON revisions BEGIN
  INSERT INTO bead_fts_ru (bead_fts_ru, rowid, ru) SELECT 'delete', t.id, t.ru FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = old.id OR en_revision_id = old.id) AND EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (bead_fts_en, rowid, en) SELECT 'delete', t.id, t.en FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = old.id OR en_revision_id = old.id) AND EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER revisions_fts_before_edit BEFORE UPDATE OF text ON revisions BEGIN
  INSERT INTO bead_fts_ru (bead_fts_ru, rowid, ru) SELECT 'delete', t.id, t.ru FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = old.id OR en_revision_id = old.id) AND EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (bead_fts_en, rowid, en) SELECT 'delete', t.id, t.en FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = old.id OR en_revision_id = old.id) AND EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER revisions_fts_after_edit AFTER UPDATE OF text ON revisions BEGIN
  INSERT INTO bead_fts_ru (rowid, ru) SELECT t.id, t.ru FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = new.id OR en_revision_id = new.id) AND NOT EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (rowid, en) SELECT t.id, t.en FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = new.id OR en_revision_id = new.id) AND NOT EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER sentences_fts_insert BEFORE INSERT ON sentences WHEN EXISTS (SELECT 1 FROM pairs WHERE ru_revision_id = new.revision_id OR en_revision_id = new.revision_id) BEGIN
  INSERT INTO bead_fts_ru (bead_fts_ru, rowid, ru) SELECT 'delete', t.id, t.ru FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = new.revision_id OR en_revision_id = new.revision_id) AND EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (bead_fts_en, rowid, en) SELECT 'delete', t.id, t.en FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = new.revision_id OR en_revision_id = new.revision_id) AND EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER sentences_fts_update BEFORE UPDATE ON sentences WHEN EXISTS (SELECT 1 FROM pairs WHERE ru_revision_id = old.revision_id OR en_revision_id = old.revision_id) BEGIN
  INSERT INTO bead_fts_ru (bead_fts_ru, rowid, ru) SELECT 'delete', t.id, t.ru FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = old.revision_id OR en_revision_id = old.revision_id) AND EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (bead_fts_en, rowid, en) SELECT 'delete', t.id, t.en FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = old.revision_id OR en_revision_id = old.revision_id) AND EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;
CREATE TRIGGER sentences_fts_delete BEFORE DELETE ON sentences WHEN EXISTS (SELECT 1 FROM pairs WHERE ru_revision_id = old.revision_id OR en_revision_id = old.revision_id) BEGIN
  INSERT INTO bead_fts_ru (bead_fts_ru, rowid, ru) SELECT 'delete', t.id, t.ru FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = old.revision_id OR en_revision_id = old.revision_id) AND EXISTS (SELECT 1 FROM bead_fts_ru_docsize d WHERE d.id = t.id);
  INSERT INTO bead_fts_en (bead_fts_en, rowid, en) SELECT 'delete', t.id, t.en FROM bead_texts t
    WHERE t.pair_id IN (SELECT id FROM pairs WHERE ru_revision_id = old.revision_id OR en_revision_id = old.revision_id) AND EXISTS (SELECT 1 FROM bead_fts_en_docsize d WHERE d.id = t.id);
END;

-- The corpus so far.
INSERT INTO bead_fts_ru (bead_fts_ru) VALUES ('rebuild');
INSERT INTO bead_fts_en (bead_fts_en) VALUES ('rebuild');
)sql";

// Version 2 -> 3: the workbench's per-pair edit history (issue 8, store/editor.h). Each row is
// one edit: the window of beads it replaced and what replaced it, plus a sentence span change
// for a segmentation fix, as JSON (store/editor.cc). Undo applies it backwards, redo forwards.
constexpr const char* kStep3 = R"sql(
CREATE TABLE edits (
  id INTEGER PRIMARY KEY,
  pair_id INTEGER NOT NULL REFERENCES pairs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,                      -- 1, 2, ... within the pair, in the order made
  kind TEXT NOT NULL,                        -- status | merge | split | move | detach | split_sentence | join_sentence | realign
  label TEXT NOT NULL,                       -- for people: "merged beads 4 and 5"
  delta TEXT NOT NULL,                       -- JSON: {begin, end_before, end_after, before, after, seg?}
  undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  at_version INTEGER,                        -- pairs.version at which undo (or redo) may apply it
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (pair_id, seq)
) STRICT;
)sql";

// PRAGMA takes no bound parameters; the version is our own constant, never user input.
std::string SetVersionSql(int version) { return "PRAGMA user_version = " + std::to_string(version); }

int ReadInt(Db& db, const char* sql) {
  Stmt s(db, sql);
  return s.Step() ? s.Int(0) : 0;
}

}  // namespace

const std::vector<const char*>& MigrationSteps() {
  static const std::vector<const char*> steps = {kStep1, kStep2, kStep3};
  return steps;
}

int LatestSchemaVersion() { return static_cast<int>(MigrationSteps().size()); }

int SchemaVersion(Db& db) { return ReadInt(db, "PRAGMA user_version"); }

int Migrate(Db& db) {
  // Check before taking the write lock, so a foreign file is refused without touching it.
  auto check = [&db](int found, int app_id) {
    if (app_id != 0 && app_id != kApplicationId) {
      throw InputError(db.path() + ": not a newsalign corpus (another application's SQLite file)");
    }
    if (app_id == 0 && ReadInt(db, "SELECT count(*) FROM sqlite_schema") > 0) {
      throw InputError(db.path() + ": not a newsalign corpus (a SQLite file with other tables)");
    }
    if (found > LatestSchemaVersion()) {
      throw InputError(db.path() + ": made by a newer newsalign (schema version " + std::to_string(found) +
                       ", this build knows up to " + std::to_string(LatestSchemaVersion()) + ")");
    }
  };
  int found = SchemaVersion(db);
  int app_id = ReadInt(db, "PRAGMA application_id");
  if (found == LatestSchemaVersion() && app_id == kApplicationId) return found;
  check(found, app_id);

  Transaction tx(db);
  // Again under the lock: another process may have migrated meanwhile.
  found = SchemaVersion(db);
  app_id = ReadInt(db, "PRAGMA application_id");
  check(found, app_id);
  for (int v = found; v < LatestSchemaVersion(); ++v) {
    db.Exec(MigrationSteps()[v]);
  }
  db.Exec(SetVersionSql(LatestSchemaVersion()).c_str());
  db.Exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
  tx.Commit();
  return found;
}

int CheckReadable(Db& db) {
  const int found = SchemaVersion(db);
  const int app_id = ReadInt(db, "PRAGMA application_id");
  if (app_id != kApplicationId) {
    throw InputError(db.path() + (app_id != 0 ? ": not a newsalign corpus (another application's SQLite file)"
                                              : ": not a newsalign corpus (a SQLite file without newsalign's mark)"));
  }
  if (found > LatestSchemaVersion()) {
    throw InputError(db.path() + ": made by a newer newsalign (schema version " + std::to_string(found) +
                     ", this build knows up to " + std::to_string(LatestSchemaVersion()) + "); update newsalign");
  }
  if (found < 1) throw InputError(db.path() + ": not a newsalign corpus (no schema version)");
  return found;
}

}  // namespace newsalign::sql
