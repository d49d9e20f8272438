#!/usr/bin/env python3
"""Benchmark of `newsalign pair` (issue 6): precision and recall of article pairs, time, memory.

Dev set: the shared wmt21 news documents of both directions (../shared/corpora/wmt21-ru-en,
175 documents per language). For each seed the documents are copied into a temporary folder
pair under random file names and
  - "feed":  a third of the English documents removed (their Russian must stay unpaired) and a
             quarter of the remaining English cut to their first half (paragraphs when the
             document has several, else sentences from seg/) -- the issue's target setting;
  - "all":   all 175 English documents kept, none cut;
  - "orphans": a third of the English documents removed and another third of the Russian
             ones (their English must stay unpaired): orphans on both sides that must not pair
             with each other -- the negatives the confidence is calibrated on.
Scale run: N x N articles (default 10,000), the shared documents replicated with a distinct
closing line per copy (a reference number and a code, the same in both languages), so that
copies differ only by that line: the right copy must still win.

Targets (issue 6): precision >= 0.99, recall >= 0.97 in "feed" and "all"; scale run <= 60 s on
2 cores. "orphans" is reported, not a target (stories that several outlets covered pair there).
The exit status is 0 when the targets are met.

  tools/bench/pairing.py                       # build-pair or build binary, seeds 1,2,3
  tools/bench/pairing.py --binary build/src/newsalign/cli/newsalign --seeds 1 --scale 0
  tools/bench/pairing.py --dump cand.tsv       # labelled candidate scores (for calibration)

Python 3 standard library only; exits 0 with a note when ../shared is absent.
"""
import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def find_binary(given):
    if given:
        return given
    for build in ("build-pair", "build"):
        path = os.path.join(ROOT, build, "src", "newsalign", "cli", "newsalign")
        if os.path.exists(path):
            return path
    sys.exit("pairing.py: no newsalign binary; build it or pass --binary")


def load_documents(shared):
    """[(doc_id, ru_text, en_text, en_sentences)] from both directions."""
    docs = []
    base = os.path.join(shared, "corpora", "wmt21-ru-en")
    for direction in ("ru-en", "en-ru"):
        text_dir = os.path.join(base, direction, "text")
        seg_dir = os.path.join(base, direction, "seg")
        ids = sorted(f[: -len(".ru.txt")] for f in os.listdir(text_dir) if f.endswith(".ru.txt"))
        for doc in ids:
            with open(os.path.join(text_dir, doc + ".ru.txt"), encoding="utf-8") as f:
                ru = f.read()
            with open(os.path.join(text_dir, doc + ".en.txt"), encoding="utf-8") as f:
                en = f.read()
            sentences = []
            seg = os.path.join(seg_dir, doc + ".en")
            if os.path.exists(seg):
                with open(seg, encoding="utf-8") as f:
                    sentences = [line.strip() for line in f if line.strip()]
            docs.append((direction + "/" + doc, ru, en, sentences))
    return docs


def first_half(en, sentences):
    paragraphs = [p for p in en.replace("\r\n", "\n").split("\n\n") if p.strip()]
    if len(paragraphs) < 2:
        paragraphs = [p for p in en.splitlines() if p.strip()]
    if len(paragraphs) >= 2:
        return "\n\n".join(paragraphs[: (len(paragraphs) + 1) // 2]) + "\n"
    if len(sentences) >= 2:
        return " ".join(sentences[: (len(sentences) + 1) // 2]) + "\n"
    return en[: len(en) // 2] + "\n"


def random_name(rng):
    return "%016x.txt" % rng.getrandbits(64)


def run_pair(binary, ru_dir, en_dir, extra=(), env=None):
    """Runs newsalign pair; returns ({ru_file: (en_file, confidence)}, seconds, stderr)."""
    start = time.monotonic()
    # --repair-encoding: one shared Russian document is CP1251 mojibake (nytimes.268790).
    proc = subprocess.run([binary, "pair", "--repair-encoding", ru_dir, en_dir, *extra], capture_output=True, text=True, env=env)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit("pairing.py: newsalign pair failed (%d): %s" % (proc.returncode, proc.stderr.strip()[-500:]))
    pairs = {}
    for line in proc.stdout.splitlines():
        ru, en, conf = line.split("\t")
        if ru and en:
            pairs[os.path.basename(ru)] = (os.path.basename(en), float(conf))
    return pairs, seconds, proc.stderr


def score(pairs, gold):
    correct = sum(1 for ru, (en, _) in pairs.items() if gold.get(ru) == en)
    precision = correct / len(pairs) if pairs else 1.0
    recall = correct / len(gold) if gold else 1.0
    return precision, recall, correct


def dev_run(binary, docs, seed, setting, dump):
    rng = random.Random(seed * 7919 + {"feed": 1, "all": 2, "orphans": 3}[setting])
    tmp = tempfile.mkdtemp(prefix="pairing-bench-")
    try:
        ru_dir, en_dir = os.path.join(tmp, "ru"), os.path.join(tmp, "en")
        os.makedirs(ru_dir)
        os.makedirs(en_dir)
        order = list(range(len(docs)))
        rng.shuffle(order)
        third = len(docs) // 3
        removed = set(order[:third]) if setting in ("feed", "orphans") else set()
        no_ru = set(order[third : 2 * third]) if setting == "orphans" else set()
        kept = [i for i in order if i not in removed]
        cut = set(kept[: len(kept) // 4]) if setting == "feed" else set()
        gold, names, abridged = {}, {}, set()
        for i, (doc, ru, en, sentences) in enumerate(docs):
            ru_name = random_name(rng)
            names[ru_name] = doc
            if i not in no_ru:
                with open(os.path.join(ru_dir, ru_name), "w", encoding="utf-8") as f:
                    f.write(ru)
            if i in removed:
                continue
            en_name = random_name(rng)
            names[en_name] = doc
            with open(os.path.join(en_dir, en_name), "w", encoding="utf-8") as f:
                f.write(first_half(en, sentences) if i in cut else en)
            if i in cut:
                abridged.add(en_name)
            if i not in no_ru:
                gold[ru_name] = en_name
        env = dict(os.environ)
        if dump:
            env["NEWSALIGN_PAIR_DEBUG"] = "1"
        pairs, seconds, stderr = run_pair(binary, ru_dir, en_dir, env=env)
        precision, recall, correct = score(pairs, gold)
        errors = []
        for ru, (en, conf) in sorted(pairs.items()):
            if gold.get(ru) != en:
                errors.append("  wrong: %s -> %s (%.3f)" % (names[ru], names[en], conf))
        en_to_ru = {en: ru for ru, en in gold.items()}
        got_en = {en for en, _ in pairs.values()}
        for en, ru in sorted(en_to_ru.items()):
            if en not in got_en or pairs.get(ru, ("",))[0] != en:
                errors.append("  missed: %s%s" % (names[en], " (abridged)" if en in abridged else ""))
        if dump:
            for line in stderr.splitlines():
                if line.startswith("PAIRDEBUG"):
                    _, ru, en, *rest = line.split("\t")
                    ru, en = os.path.basename(ru), os.path.basename(en)
                    label = 1 if gold.get(ru) == en else 0
                    dump.write("\t".join([setting, str(seed), names[ru], names[en], str(label),
                                          "1" if en in abridged else "0", *rest]) + "\n")
        return precision, recall, correct, len(pairs), len(gold), seconds, errors
    finally:
        shutil.rmtree(tmp)


def scale_run(binary, docs, n, seed):
    rng = random.Random(seed)
    tmp = tempfile.mkdtemp(prefix="pairing-scale-")
    try:
        ru_dir, en_dir = os.path.join(tmp, "ru"), os.path.join(tmp, "en")
        os.makedirs(ru_dir)
        os.makedirs(en_dir)
        gold = {}
        for copy in range(n):
            _, ru, en, _ = docs[copy % len(docs)]
            ref, code = rng.randrange(100000, 999999), rng.randrange(1000, 9999)
            ru_name, en_name = random_name(rng), random_name(rng)
            with open(os.path.join(ru_dir, ru_name), "w", encoding="utf-8") as f:
                f.write(ru.rstrip() + "\n\nСправка: материал %d, код %d.\n" % (ref, code))
            with open(os.path.join(en_dir, en_name), "w", encoding="utf-8") as f:
                f.write(en.rstrip() + "\n\nReference: item %d, code %d.\n" % (ref, code))
            gold[ru_name] = en_name
        pairs, seconds, _ = run_pair(binary, ru_dir, en_dir)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        precision, recall, _ = score(pairs, gold)
        return seconds, peak_kb, precision, recall
    finally:
        shutil.rmtree(tmp)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="newsalign executable (default: build-pair/ or build/)")
    parser.add_argument("--shared", default=DEFAULT_SHARED, help="the shared data folder")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds")
    parser.add_argument("--scale", type=int, default=10000, help="articles per side in the scale run (0: skip)")
    parser.add_argument("--dump", help="write labelled candidate scores to this TSV (calibration)")
    parser.add_argument("--verbose", action="store_true", help="list wrong and missed pairs")
    args = parser.parse_args()

    if not os.path.isdir(os.path.join(args.shared, "corpora", "wmt21-ru-en")):
        print("pairing.py: %s/corpora/wmt21-ru-en not found; skipping" % args.shared)
        return 0
    binary = find_binary(args.binary)
    docs = load_documents(args.shared)
    print("newsalign pair on wmt21 ru-en + en-ru: %d documents per language (%s)" % (len(docs), binary))
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None
    ok = True
    for setting in ("feed", "all", "orphans"):
        totals = [0, 0, 0]
        for seed in (int(s) for s in args.seeds.split(",")):
            p, r, correct, predicted, gold, seconds, errors = dev_run(binary, docs, seed, setting, dump)
            totals[0] += correct
            totals[1] += predicted
            totals[2] += gold
            print("%-4s seed %d: P %.4f R %.4f (%d correct of %d predicted, %d gold) %.2f s"
                  % (setting, seed, p, r, correct, predicted, gold, seconds))
            if args.verbose:
                for e in errors:
                    print(e)
        p = totals[0] / totals[1] if totals[1] else 1.0
        r = totals[0] / totals[2] if totals[2] else 1.0
        met = p >= 0.99 and r >= 0.97
        if setting == "orphans":
            print("%-4s all seeds: P %.4f R %.4f  (no target)" % (setting, p, r))
            continue
        ok = ok and met
        print("%-4s all seeds: P %.4f R %.4f  (targets P >= 0.99, R >= 0.97: %s)"
              % (setting, p, r, "met" if met else "NOT met"))
    if dump:
        dump.close()
    if args.scale > 0:
        seconds, peak_kb, p, r = scale_run(binary, docs, args.scale, 1)
        print("scale %d x %d: %.1f s, peak RSS %.0f MiB, P %.4f R %.4f  (target <= 60 s on 2 cores: %s)"
              % (args.scale, args.scale, seconds, peak_kb / 1024, p, r, "met" if seconds <= 60 else "NOT met"))
        ok = ok and seconds <= 60
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
