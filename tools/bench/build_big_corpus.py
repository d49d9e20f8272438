#!/usr/bin/env python3
"""Builds a big corpus for the search benchmark (issue 7) by replicating a small one.

    python3 tools/bench/build_big_corpus.py BASE.db BIG.db [--beads 1000000]

BASE.db is a newsalign corpus (e.g. the shared wmt21 pairs imported with `newsalign import`,
as tools/bench/search_bench.sh does). BIG.db gets BASE's rows again and again, each copy with
new ids (documents, revisions, pairs, beads) and its origins and titles suffixed "#copy N",
until it holds at least --beads beads. Texts are copied as they are.

The full-text index is NOT brought up to date: the index triggers are dropped while copying
(this script's sqlite3 module does not have newsalign's tokenizer) and put back afterwards, so
BIG.db's index covers BASE's beads only. Rebuild it before searching: `search_bench --rebuild`
does, and times it (that is the "index build" figure).
"""
import argparse
import os
import shutil
import sqlite3
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("base")
    ap.add_argument("big")
    ap.add_argument("--beads", type=int, default=1_000_000)
    ap.add_argument("--confirmed", type=float, default=0.0005,
                    help="share of beads marked confirmed (search ranks them first)")
    args = ap.parse_args()
    if not os.path.exists(args.base):
        sys.exit(f"build_big_corpus: {args.base} does not exist")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(args.big + suffix):
            os.remove(args.big + suffix)
    src = sqlite3.connect(args.base)
    src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    src.close()
    shutil.copyfile(args.base, args.big)

    t0 = time.time()
    db = sqlite3.connect(args.big, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -500000")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version < 2:
        sys.exit(f"build_big_corpus: {args.base} has schema version {version}; open it with newsalign first")
    one = lambda sql: db.execute(sql).fetchone()[0]
    base_beads = one("SELECT count(*) FROM beads")
    if base_beads == 0:
        sys.exit(f"build_big_corpus: {args.base} has no beads")
    offsets = {t: one(f"SELECT coalesce(max(id), 0) FROM {t}") for t in ("documents", "revisions", "pairs", "beads")}
    copies = (args.beads + base_beads - 1) // base_beads - 1

    triggers = db.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%bead_fts_%'").fetchall()
    db.execute("BEGIN")
    for name, _ in triggers:
        db.execute(f'DROP TRIGGER "{name}"')  # our own trigger names, read from the schema
    D, R, P, B = offsets["documents"], offsets["revisions"], offsets["pairs"], offsets["beads"]
    for c in range(1, copies + 1):
        p = {"c": c, "d": c * D, "r": c * R, "p": c * P, "b": c * B, "D": D, "R": R, "P": P, "B": B}
        db.execute("INSERT INTO documents (id, lang, origin, title, date, source, created_at) "
                   "SELECT id + :d, lang, origin || '#copy' || :c, title, date, source, created_at "
                   "FROM documents WHERE id <= :D", p)
        db.execute("INSERT INTO revisions (id, document_id, number, format, text, sha256, paragraph_count, "
                   "sentence_count, provenance_id, created_at) SELECT id + :r, document_id + :d, number, format, "
                   "text, sha256, paragraph_count, sentence_count, provenance_id, created_at "
                   "FROM revisions WHERE id <= :R", p)
        db.execute("INSERT INTO paragraphs (revision_id, idx, begin_byte, end_byte) "
                   "SELECT revision_id + :r, idx, begin_byte, end_byte FROM paragraphs WHERE revision_id <= :R", p)
        db.execute("INSERT INTO sentences (revision_id, idx, begin_byte, end_byte, paragraph) "
                   "SELECT revision_id + :r, idx, begin_byte, end_byte, paragraph FROM sentences "
                   "WHERE revision_id <= :R", p)
        db.execute("INSERT INTO pairs (id, ru_document_id, en_document_id, ru_revision_id, en_revision_id, title, "
                   "date, source, version, created_at, updated_at) SELECT id + :p, ru_document_id + :d, "
                   "en_document_id + :d, ru_revision_id + :r, en_revision_id + :r, title || ' #' || :c, date, "
                   "source, version, created_at, updated_at FROM pairs WHERE id <= :P", p)
        db.execute("INSERT INTO beads (id, pair_id, ru_begin, ru_count, en_begin, en_count, score, status, "
                   "provenance_id, updated_at) SELECT id + :b, pair_id + :p, ru_begin, ru_count, en_begin, "
                   "en_count, score, status, provenance_id, updated_at FROM beads WHERE id <= :B", p)
        if c % 50 == 0:
            print(f"  {c}/{copies} copies", file=sys.stderr)
    if args.confirmed > 0:
        every = max(1, round(1 / args.confirmed))
        db.execute("UPDATE beads SET status = 'confirmed' WHERE id % :every = 0", {"every": every})
    for _, sql in triggers:
        db.execute(sql)
    db.execute("COMMIT")
    total = one("SELECT count(*) FROM beads")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    size = os.path.getsize(args.big) / 1e6
    print(f"{args.big}: {total} beads ({copies + 1} copies of {base_beads}), {size:.0f} MB, "
          f"{time.time() - t0:.1f} s; the search index is stale: rebuild it (search_bench --rebuild)")


if __name__ == "__main__":
    main()
