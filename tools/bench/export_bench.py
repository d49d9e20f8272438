#!/usr/bin/env python3
"""Exports a corpus of about a million beads and prints time and peak memory (issue 4: "exporting
a million beads runs in constant memory").

Needs the corpus tools/bench/import_bench.sh leaves in tools/bench/out/import/wmt21.db. It copies
it and replicates its pairs and beads (documents under new ids that share the original revisions,
a shortcut that only an export may take) up to --beads, then runs `newsalign export` for TMX and
JSONL on the original and on the big corpus, and prints beads, seconds and peak RSS of each.

    python3 tools/bench/export_bench.py [--bin build/src/newsalign/cli/newsalign] [--beads 1000000]
"""
import argparse
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def replicate(db, want_beads):
    con = sqlite3.connect(db)
    beads = con.execute("SELECT count(*) FROM beads").fetchone()[0]
    copies = max(0, -(-want_beads // beads) - 1)
    d, p, b = (con.execute(f"SELECT max(id) FROM {t}").fetchone()[0] for t in ("documents", "pairs", "beads"))
    con.execute("CREATE TEMP TABLE ks (k INTEGER PRIMARY KEY)")
    con.executemany("INSERT INTO ks VALUES (?)", [(k,) for k in range(1, copies + 1)])
    con.execute("INSERT INTO documents (id, lang, origin, title, date, source) "
                "SELECT x.id + k * ?1, lang, origin || '#' || k, title, date, source "
                "FROM documents x, ks WHERE x.id <= ?1", (d,))
    con.execute("INSERT INTO pairs (id, ru_document_id, en_document_id, ru_revision_id, en_revision_id, title, date, source) "
                "SELECT x.id + k * ?1, ru_document_id + k * ?2, en_document_id + k * ?2, ru_revision_id, en_revision_id, "
                "title || ' #' || k, date, source FROM pairs x, ks WHERE x.id <= ?1", (p, d))
    con.execute("INSERT INTO beads (id, pair_id, ru_begin, ru_count, en_begin, en_count, score, status) "
                "SELECT x.id + k * ?1, pair_id + k * ?2, ru_begin, ru_count, en_begin, en_count, score, status "
                "FROM beads x, ks WHERE x.id <= ?1", (b, p))
    con.commit()
    total = con.execute("SELECT count(*) FROM beads").fetchone()[0]
    con.close()
    return total


def run_export(binary, db, fmt, out):
    start = time.monotonic()
    subprocess.run([binary, "--db", db, "export", "--format", fmt, "-o", out], check=True,
                   stderr=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    # ru_maxrss of the children waited for so far (KiB on Linux): run small exports first.
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build/src/newsalign/cli/newsalign"))
    ap.add_argument("--beads", type=int, default=1_000_000)
    args = ap.parse_args()
    src = os.path.join(ROOT, "tools/bench/out/import/wmt21.db")
    if not os.path.exists(src):
        sys.exit("export_bench: run tools/bench/import_bench.sh first (it leaves " + src + ")")
    out = os.path.join(ROOT, "tools/bench/out/export")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    big = os.path.join(out, "big.db")
    shutil.copy(src, big)
    start = time.monotonic()
    total = replicate(big, args.beads)
    print(f"corpus of {total} beads built in {time.monotonic() - start:.1f} s")
    for label, db in (("wmt21", src), ("big", big)):
        for fmt in ("tmx", "jsonl"):
            path = os.path.join(out, f"{label}.{fmt}")
            seconds, rss = run_export(args.bin, db, fmt, path)
            size = os.path.getsize(path) // (1 << 20)
            print(f"export {fmt:5} {label:5}: {seconds:6.2f} s, {size:5} MiB written, peak RSS so far {rss // 1024} MiB")
        for fmt in ("tmx", "jsonl"):
            os.remove(os.path.join(out, f"{label}.{fmt}"))


if __name__ == "__main__":
    main()
