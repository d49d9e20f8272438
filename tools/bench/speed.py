#!/usr/bin/env python3
"""Speed and scale figures for issue 5, on pairs built from the shared WMT21 documents.

usage: tools/bench/speed.py [--binary build/src/newsalign/cli/newsalign] [--shared ../shared]
                            [--sizes 10000,50000] [--threads 2] [--big-batch 10000]
                            [--only long,batch,jsonl]

Prints, never asserts:
- long: one long pair made by concatenating the WMT21 pre-segmented documents (both
  directions) until each side has N sentences (--sizes), plus the same from the hard set
  (omissions and merges). `newsalign align --presegmented --format ladder`: wall time and peak
  RSS (/usr/bin/time -f '%e %M'), and strict F1 against the concatenated gold (newsalign eval).
- batch: the 175 WMT21 pairs (text/<doc>.ru.txt, .en.txt) with `batch --out` and into a fresh
  corpus (--db), on --threads cores; then --big-batch pairs (the 175 repeated) with --out.
- jsonl: `align --jsonl` throughput on the 175 pairs repeated to 1000 lines: one process, one
  process with --threads, and GNU parallel --pipe (when installed).
Skips cleanly (exit 0) when the shared folder is absent.
"""
import argparse, glob, json, os, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def read_ladder(path, swap=False):
    beads = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        src, tgt = line.split(":")[:2]
        ids = lambda s: [int(x) for x in s.strip("[] ").replace(",", " ").split()]
        a, b = ids(src), ids(tgt)
        beads.append((b, a) if swap else (a, b))
    return beads


def lines_of(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def wmt_docs(shared):
    """(ru_lines, en_lines, gold beads [ru]:[en]) per WMT21 document, both directions."""
    docs = []
    base = os.path.join(shared, "corpora", "wmt21-ru-en")
    for direction, ext in (("ru-en", "ruen"), ("en-ru", "enru")):
        for doc in lines_of(os.path.join(base, direction, "news-docs.txt")):
            doc = doc.strip()
            seg = os.path.join(base, direction, "seg", doc)
            gold = os.path.join(base, direction, "gold", f"{doc}.{ext}")
            docs.append((lines_of(seg + ".ru"), lines_of(seg + ".en"), read_ladder(gold, swap=(ext == "enru"))))
    return docs


def hard_docs(shared):
    docs = []
    for gold in sorted(glob.glob(os.path.join(shared, "corpora", "wmt21-ru-en-hard", "*", "*.gold"))):
        stem = gold[: -len(".gold")]
        docs.append((lines_of(stem + ".ru"), lines_of(stem + ".en"), read_ladder(gold)))
    return docs


def concatenate(docs, target, out_prefix):
    """Repeats the documents until both sides reach `target` lines; writes .ru, .en, .gold."""
    ru, en, gold = [], [], []
    k = 0
    while len(ru) < target or len(en) < target:
        r, e, g = docs[k % len(docs)]
        for a, b in g:
            gold.append(([i + len(ru) for i in a], [j + len(en) for j in b]))
        ru += r
        en += e
        k += 1
    fmt = lambda ids: "[" + ", ".join(map(str, ids)) + "]"
    for ext, lines in ((".ru", ru), (".en", en)):
        with open(out_prefix + ext, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    with open(out_prefix + ".gold", "w", encoding="utf-8") as f:
        f.writelines(f"{fmt(a)}:{fmt(b)}\n" for a, b in gold)
    return len(ru), len(en)


def timed(cmd, stdin=None, stdout=None):
    """Runs under /usr/bin/time; returns (wall seconds, peak RSS MB, completed process). CPU
    seconds (user + sys) go to timed.cpu: on a shared, loaded machine they are the steadier figure."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        p = subprocess.run(["/usr/bin/time", "-o", t.name, "-f", "%e %M %U %S", *cmd], stdin=stdin,
                           stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE)
        fields = open(t.name).read().split()
    seconds, kb = float(fields[-4]), int(fields[-3])
    timed.cpu = float(fields[-2]) + float(fields[-1])
    return seconds, kb / 1024.0, p


def run_long(binary, shared, sizes, work):
    # A long pair prepares its two sides on two threads: "wall s" uses the machine's cores,
    # "1 core s" is the same run pinned to one core (taskset), as the 50k target asks.
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    print("== long pairs: align --presegmented --format ladder (one process)")
    print(f"{'pair':<28}{'ru x en':>16}{'wall s':>9}{'cpu s':>9}{'1 core s':>10}{'peak MB':>9}{'strict F1':>11}")
    sets = [("wmt21", wmt_docs(shared)), ("wmt21-hard", hard_docs(shared))]
    for name, docs in sets:
        if not docs:
            print(f"{name}: no documents found, skipped")
            continue
        for size in sizes:
            prefix = os.path.join(work, f"{name}-{size}")
            n_ru, n_en = concatenate(docs, size, prefix)
            with open(prefix + ".pred", "w") as pred:
                secs, mb, p = timed([binary, "align", "--presegmented", "--format", "ladder",
                                     prefix + ".ru", prefix + ".en"], stdout=pred)
                cpu = timed.cpu
            if p.returncode != 0:
                print(f"{name}-{size}: align failed: {p.stderr.decode(errors='replace').strip()}")
                continue
            one_core = float("nan")
            if pin:
                one_core, _, _ = timed([*pin, binary, "align", "--presegmented", "--format", "ladder",
                                        prefix + ".ru", prefix + ".en"], stdout=subprocess.DEVNULL)
            e = subprocess.run([binary, "eval", "--json", "--gold", prefix + ".gold", "--pred", prefix + ".pred"],
                               capture_output=True, text=True)
            f1 = json.loads(e.stdout)["strict_f1"] if e.returncode == 0 else float("nan")
            print(f"{name + '-' + str(size):<28}{f'{n_ru} x {n_en}':>16}{secs:>9.2f}{cpu:>9.2f}{one_core:>10.2f}"
                  f"{mb:>9.1f}{f1:>11.4f}")
            sys.stdout.flush()


def wmt_text_pairs(shared):
    pairs = []
    base = os.path.join(shared, "corpora", "wmt21-ru-en")
    for direction in ("ru-en", "en-ru"):
        for doc in lines_of(os.path.join(base, direction, "news-docs.txt")):
            stem = os.path.join(base, direction, "text", doc.strip())
            pairs.append((stem + ".ru.txt", stem + ".en.txt", doc.strip()))
    return pairs


def summary_line(out, key):
    for line in out.splitlines():
        if line.startswith(key):
            return line[len(key):].strip()
    return "?"


def run_batch(binary, shared, threads, big, work):
    pairs = wmt_text_pairs(shared)
    print(f"\n== batch: the {len(pairs)} WMT21 pairs, --threads {threads}")
    folder = os.path.join(work, "pairs")
    os.makedirs(folder, exist_ok=True)
    for ru, en, doc in pairs:
        for src, ext in ((ru, ".ru.txt"), (en, ".en.txt")):
            dst = os.path.join(folder, doc + ext)
            if not os.path.exists(dst):
                os.symlink(src, dst)
    runs = [
        ("--out TSV", [binary, "batch", folder, folder, "--out", os.path.join(work, "out"), "--threads", str(threads), "--quiet"]),
        ("corpus (fresh --db)", [binary, "--db", os.path.join(work, "batch.db"), "batch", folder, folder,
                                 "--threads", str(threads), "--quiet"]),
        ("corpus again (unchanged)", [binary, "--db", os.path.join(work, "batch.db"), "batch", folder, folder,
                                      "--threads", str(threads), "--quiet"]),
    ]
    if big:
        listing = os.path.join(work, "big-pairs.tsv")
        with open(listing, "w") as f:
            for k in range(big):
                ru, en, _ = pairs[k % len(pairs)]
                f.write(f"{ru}\t{en}\n")
        runs.append((f"{big} pairs --out TSV", [binary, "batch", "--pairs", listing, "--out",
                                                os.path.join(work, "big-out"), "--threads", str(threads), "--quiet"]))
    print(f"{'run':<28}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}{'pairs/s':>9}  summary")
    for name, cmd in runs:
        secs, mb, p = timed(cmd)
        out = p.stdout.decode()
        n = summary_line(out, "pairs:")
        count = int(n.split()[0]) if n[:1].isdigit() else 0
        print(f"{name:<28}{secs:>9.2f}{timed.cpu:>9.2f}{mb:>9.1f}{count / secs if secs else 0:>9.1f}  {n}; "
              f"{summary_line(out, 'beads:')}; exit {p.returncode}")
        sys.stdout.flush()


def run_jsonl(binary, shared, threads, work, lines=1000):
    pairs = wmt_text_pairs(shared)
    path = os.path.join(work, "items.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for k in range(lines):
            ru, en, doc = pairs[k % len(pairs)]
            item = {"id": f"{doc}#{k}", "ru": open(ru, encoding="utf-8").read(), "en": open(en, encoding="utf-8").read()}
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    mb_in = os.path.getsize(path) / 1e6
    print(f"\n== align --jsonl: {lines} news items ({mb_in:.1f} MB in)")
    runs = [("one process", [binary, "align", "--jsonl"]),
            (f"--threads {threads}", [binary, "align", "--jsonl", "--threads", str(threads)])]
    if shutil.which("parallel"):
        runs.append((f"parallel --pipe -j {threads}", ["parallel", "--will-cite", "--pipe", "-N", "50", "-k", "-j",
                                                     str(threads), binary, "align", "--jsonl"]))
    print(f"{'run':<28}{'wall s':>9}{'cpu s':>9}{'peak MB':>9}{'items/s':>9}{'MB/s in':>9}")
    reference = None
    for name, cmd in runs:
        with open(path, "rb") as stdin, tempfile.TemporaryFile() as out:
            secs, mb, p = timed(cmd, stdin=stdin, stdout=out)
            out.seek(0)
            data = out.read()
        same = "" if reference is None else ("  (same output)" if data == reference else "  (OUTPUT DIFFERS)")
        reference = reference or data
        n = data.count(b"\n")
        print(f"{name:<28}{secs:>9.2f}{timed.cpu:>9.2f}{mb:>9.1f}{n / secs if secs else 0:>9.1f}{mb_in / secs if secs else 0:>9.2f}{same}"
              + ("" if p.returncode == 0 else f"  exit {p.returncode}"))
        sys.stdout.flush()


def load_note():
    try:
        return "load average %.1f on %d cores" % (os.getloadavg()[0], os.cpu_count() or 1)
    except OSError:
        return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "src", "newsalign", "cli", "newsalign"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--sizes", default="10000,50000")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--big-batch", type=int, default=10000, help="pairs for the large batch run (0: skip)")
    ap.add_argument("--only", default="long,batch,jsonl")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, "corpora", "wmt21-ru-en")):
        print(f"speed: {args.shared}/corpora/wmt21-ru-en not found: skipped")
        return 0
    if not os.access(args.binary, os.X_OK):
        print(f"speed: {args.binary} not built (cmake --build build)", file=sys.stderr)
        return 1
    if not os.access("/usr/bin/time", os.X_OK):
        print("speed: /usr/bin/time missing (Debian package time)", file=sys.stderr)
        return 1
    only = set(args.only.split(","))
    print(f"speed: {args.binary}; {load_note()} (wall times are noisy on a busy machine)")
    with tempfile.TemporaryDirectory(prefix="newsalign-speed-") as work:
        if "long" in only:
            run_long(args.binary, args.shared, [int(s) for s in args.sizes.split(",")], work)
        if "batch" in only:
            run_batch(args.binary, args.shared, args.threads, args.big_batch, work)
        if "jsonl" in only:
            run_jsonl(args.binary, args.shared, args.threads, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
