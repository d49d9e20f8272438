#!/usr/bin/env python3
"""Alignment quality on the shared development sets, with the shared scorers.

usage: tools/bench/quality.py [--binary build/src/newsalign/cli/newsalign] [--shared ../shared]
                              [--sets hard,e2e,e2e-corpus,textberg] [-- extra align options]

Prints, per set: strict/lax P/R/F1 (../shared/tools/score_ladder.py or score_e2e.py), omission
recall and precision, and a reliability table (confidence bucket -> share of beads right); end
to end, also the cuts the scorer forgives (see inner_cuts). e2e aligns one document at a time
(`newsalign align`); e2e-corpus imports a direction's documents as one corpus (`newsalign import
--pairs`, which learns word pairs across them) and scores what `export` gives back.
"""
import argparse, concurrent.futures as cf, glob, json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{p.stderr}")
    return p.stdout


def read_ladder(text):
    beads = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        src, tgt, *rest = line.split(":")
        ids = lambda s: tuple(int(x) for x in s.strip("[] ").replace(",", " ").split())
        beads.append((ids(src), ids(tgt), float(rest[0]) if rest else 1.0))
    return beads


def reliability(pairs):
    """pairs: (confidence, right) for every predicted bead."""
    edges = [0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01]
    rows = []
    for lo, hi in zip(edges, edges[1:]):
        sel = [r for c, r in pairs if lo <= c < hi]
        if sel:
            rows.append(f"  [{lo:.2f}, {min(hi, 1.0):.2f}{')' if hi < 1.01 else ']'}  right {sum(sel) / len(sel):.4f}  beads {len(sel)}")
    hi = [r for c, r in pairs if c >= 0.9]
    rows.append(f"  beads scored >= 0.9: {len(hi)}, right {sum(hi) / max(len(hi), 1):.4f}")
    return "\n".join(rows)


def ladder_set(binary, shared, name, docs, langs, extra, out):
    """Aligns pre-segmented documents; returns the score line and reliability pairs."""
    def one(doc):
        src, tgt, gold = doc
        pred = os.path.join(out, os.path.basename(gold) + ".pred")
        text = run([binary, "align", "--presegmented", "--format", "ladder", "--langs", langs, *extra, src, tgt])
        open(pred, "w").write(text)
        return gold, pred
    t0 = time.time()
    with cf.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        results = list(ex.map(one, docs))
    seconds = time.time() - t0
    golds = [g for g, _ in results]
    preds = [p for _, p in results]
    shared_score = json.loads(run([sys.executable, os.path.join(shared, "tools/score_ladder.py"), "--json",
                                   "--gold", *golds, "--pred", *preds]))
    ours = run([binary, "eval", "--gold", *golds, "--pred", *preds])
    rel = []
    for g, p in results:
        gold = {(s, t) for s, t, _ in read_ladder(open(g).read())}
        rel += [(c, (s, t) in gold) for s, t, c in read_ladder(open(p).read())]
    print(f"== {name}: {len(docs)} documents, {seconds:.1f} s")
    print("score_ladder.py:", " ".join(f"{k}={v}" for k, v in shared_score.items()))
    print(ours.rstrip())
    print("reliability (confidence -> share of predicted beads that are right):")
    print(reliability(rel))
    print()
    return shared_score


def unmojibake(text):
    """Undoes CP1251 text decoded as Latin-1 (or CP1252) and saved as UTF-8: "Ðåöåíçèÿ" -> "Рецензия"."""
    raw = bytearray()
    for ch in text:
        raw += bytes([ord(ch)]) if ord(ch) < 256 else ch.encode("cp1252", errors="replace")
    return raw.decode("cp1251", errors="replace")


def e2e_inputs(binary, ru, gold, tmp):
    """The Russian text and gold beads to score against. When the Russian file is mojibake (our
    tool refuses it without --repair-encoding), the aligner's output holds the repaired text, so
    the scorer gets repaired copies of the text and of the gold's Russian column too."""
    p = subprocess.run([binary, "segment", "--lang", "ru", ru], capture_output=True, text=True)
    if p.returncode == 0 or "mojibake" not in p.stderr:
        return ru, gold
    base = os.path.join(tmp, os.path.basename(gold)[:-len(".gold.tsv")])
    with open(base + ".ru.txt", "w", encoding="utf-8") as f:
        f.write(unmojibake(open(ru, encoding="utf-8").read()))
    with open(base + ".gold.tsv", "w", encoding="utf-8") as f:
        for line in open(gold, encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            cols[0] = unmojibake(cols[0])
            f.write("\t".join(cols) + "\n")
    return base + ".ru.txt", base + ".gold.tsv"


def inner_cuts(ru_path, en_path, gold_path, pred_path):
    """Predicted bead starts that fall strictly inside one gold bead on both sides. The e2e
    scorer forgives them (the gold may hold two sentences in a bead), but a cut in the middle
    of a sentence is what a reader would notice: more of them than the gold's multi-sentence
    beads explain means the aligner splits sentences that have no mark to split at."""
    norm = lambda t: " ".join(t.replace("\u00a0", " ").replace("\u200b", "").split())
    def sides(path, col):
        rows = [line.rstrip("\n").split("\t") + ["", ""] for line in open(path, encoding="utf-8") if line.strip()]
        return [norm(r[col]) for r in rows]
    def spans(doc, parts):
        out, pos = [], 0
        for part in parts:
            at = doc.find(part, pos) if part else pos
            if at < 0:
                return None
            out.append((at, at + len(part)))
            pos = at + len(part)
        return out
    ru, en = (norm(open(p, encoding="utf-8").read()) for p in (ru_path, en_path))
    gold = [spans(ru, sides(gold_path, 0)), spans(en, sides(gold_path, 1))]
    pred = [spans(ru, sides(pred_path, 0)), spans(en, sides(pred_path, 1))]
    if None in gold or None in pred:
        return 0
    gold_beads = list(zip(*gold))
    inside = lambda x, span: span[0] < x < span[1]
    return sum(1 for r, e in list(zip(*pred))[1:]
               if any(inside(r[0], gr) and inside(e[0], ge) for gr, ge in gold_beads))


def aligned_one_at_a_time(binary, docs, extra, out):
    """Aligns each document with `newsalign align` (its TSV); returns gold path -> prediction path."""
    def one(doc):
        ru, en, gold = doc
        pred = os.path.join(out, os.path.basename(gold) + ".pred.tsv")
        open(pred, "w").write(run([binary, "align", *extra, ru, en]))
        return gold, pred
    with cf.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        return dict(ex.map(one, docs))


def imported_as_corpus(binary, docs, extra, out):
    """Imports the documents as one corpus and writes each one's beads as align's TSV would
    (Russian, English, each on one line); returns gold path -> prediction path."""
    db = os.path.join(out, "corpus.db")
    for stale in glob.glob(db + "*"):
        os.remove(stale)
    pairs = os.path.join(out, "pairs.tsv")
    with open(pairs, "w", encoding="utf-8") as f:
        for ru, en, gold in docs:
            f.write(f"{ru}\t{en}\t{os.path.basename(gold)}\n")
    options = [x for x in extra if x in ("--repair-encoding", "--no-dictionary")]
    run([binary, "--db", db, "import", "--pairs", pairs, *options])
    rows = {}
    for line in run([binary, "--db", db, "export", "--format", "jsonl"]).splitlines():
        bead = json.loads(line)
        rows.setdefault(bead["title"], []).append(bead)
    preds = {}
    for ru, en, gold in docs:
        pred = os.path.join(out, os.path.basename(gold) + ".corpus.tsv")
        beads = sorted(rows.get(os.path.basename(gold), []), key=lambda b: b["bead"])
        with open(pred, "w", encoding="utf-8") as f:
            for b in beads:
                f.write(" ".join(b["ru"].split()) + "\t" + " ".join(b["en"].split()) + "\n")
        preds[gold] = pred
    return preds


def e2e_set(binary, shared, name, docs, extra, out, predict):
    """Scores the predictions of `predict` (aligned_one_at_a_time or imported_as_corpus)."""
    t0 = time.time()
    preds = predict(binary, docs, extra, out)
    def one(doc):
        ru, en, gold = doc
        pred = preds[gold]
        tmp = os.path.join(out, "repaired")
        os.makedirs(tmp, exist_ok=True)
        ru, gold = e2e_inputs(binary, ru, gold, tmp)
        score = json.loads(run([sys.executable, os.path.join(shared, "tools/score_e2e.py"), ru, en, gold, pred, "--json"]))
        score["inner_cuts"] = inner_cuts(ru, en, gold, pred)
        return score
    with cf.ThreadPoolExecutor(os.cpu_count() or 2) as ex:
        scores = list(ex.map(one, docs))
    keys = [k for k in scores[0] if isinstance(scores[0][k], (int, float))]
    print(f"== {name}: {len(docs)} documents, {time.time() - t0:.1f} s")
    # Micro-average over beads: score_e2e gives gold and predicted bead counts and recall
    # (4 decimals, exact enough to recover the count of right beads).
    gold = sum(s["gold"] for s in scores)
    pred = sum(s["pred"] for s in scores)
    right = sum(round(s["strict_r"] * s["gold"]) for s in scores)
    p, r = right / max(pred, 1), right / max(gold, 1)
    print(f"score_e2e.py (micro, over beads): gold={gold} pred={pred} right={right} "
          f"unplaced={sum(s['unplaced'] for s in scores)} strict_p={p:.4f} strict_r={r:.4f} "
          f"strict_f1={2 * p * r / max(p + r, 1e-9):.4f}")
    print("score_e2e.py (mean over documents):",
          " ".join(f"{k}={sum(s[k] for s in scores) / len(scores):.4f}" for k in keys if k != "inner_cuts"))
    print(f"cuts inside a gold bead on both sides (forgiven by the scorer; mid-sentence splits show here): "
          f"{sum(s['inner_cuts'] for s in scores)}")
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, "build/src/newsalign/cli/newsalign"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--sets", default="hard,e2e,e2e-corpus,textberg")
    ap.add_argument("extra", nargs="*", help="extra options for newsalign align")
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.shared, "corpora")):
        print(f"skipped: no shared corpora at {a.shared}")
        return
    hard = os.path.join(a.shared, "corpora/wmt21-ru-en-hard")
    sets = a.sets.split(",")
    with tempfile.TemporaryDirectory() as out:
        for direction in ("ru-en", "en-ru"):
            golds = sorted(glob.glob(os.path.join(hard, direction, "*.gold")))
            if "hard" in sets:
                docs = [(g[:-5] + ".ru", g[:-5] + ".en", g) for g in golds]
                ladder_set(a.binary, a.shared, f"wmt21-ru-en-hard {direction}, pre-segmented", docs, "ru,en", a.extra, out)
            if "e2e" in sets:
                docs = [(g[:-5] + ".ru.txt", g[:-5] + ".en.txt", g + ".tsv") for g in golds]
                e2e_set(a.binary, a.shared, f"wmt21-ru-en-hard {direction}, end to end", docs, a.extra, out,
                        aligned_one_at_a_time)
            if "e2e-corpus" in sets:
                docs = [(g[:-5] + ".ru.txt", g[:-5] + ".en.txt", g + ".tsv") for g in golds]
                e2e_set(a.binary, a.shared, f"wmt21-ru-en-hard {direction}, end to end, imported as one corpus", docs,
                        a.extra, out, imported_as_corpus)
        if "textberg" in sets:
            tb = os.path.join(a.shared, "corpora/textberg-de-fr")
            # Yearbook prose merges up to five sentences: beads up to 4 a side, as the corpus
            # bench (newsalign_quality) aligns it.
            wide = [] if "--max-side" in a.extra else ["--max-side", "4"]
            ladder_set(a.binary, a.shared, "textberg-de-fr dev (--max-side 4)",
                       [(tb + "/dev.de", tb + "/dev.fr", tb + "/dev.defr")], "de,fr", wide + a.extra, out)


if __name__ == "__main__":
    main()
