#!/usr/bin/env python3
"""Check the project's sample corpus (corpora/samples/) for internal consistency.

For every pair NAME (found through NAME.ru.txt) the directory must hold
NAME.ru.txt, NAME.en.txt, NAME.ru, NAME.en, NAME.gold and NAME.gold.tsv.
Checked, per pair:

  * files: UTF-8, no BOM, LF line ends only, final newline, no tab characters
    (except the single column separator of .gold.tsv);
  * .ru / .en: one sentence a line, no blank lines, no leading or trailing
    whitespace; the lines, in order, make up the running text of the .txt file
    (whitespace-normalised), and no line straddles a paragraph break;
  * .gold: every line is a bead `[i, j]:[k]` (0-based, `[i]:[]` and `[]:[k]`
    for 1-0 and 0-1); on each side the beads cover every line exactly once and
    in order; no bead is empty on both sides or straddles a paragraph break;
  * .gold.tsv: one line per .gold bead, `ru<TAB>en`, each side the bead's
    sentences joined by a single space, verbatim (so each non-empty side is
    also a verbatim substring of the .txt file);
  * sample requirements: 15-30 Russian sentences, at least one 1-0 bead and at
    least one 2-1 bead.

Prints one summary line per pair with its bead-type counts; exits 1 on any
error.  Python 3 standard library only.

Usage: tools/check_samples.py [SAMPLES_DIR]   (default: corpora/samples)
"""

import os
import re
import sys
from collections import Counter

BEAD_RE = re.compile(r"^\[(\d+(?:, \d+)*)?\]:\[(\d+(?:, \d+)*)?\]$")
MIN_RU, MAX_RU = 15, 30


class PairErrors:
    def __init__(self, name):
        self.name = name
        self.items = []

    def add(self, msg):
        self.items.append("%s: %s" % (self.name, msg))


def norm(text):
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def read_text(path, errs, allow_tabs=False):
    fn = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        errs.add("%s: cannot read (%s)" % (fn, e.strerror))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        errs.add("%s: starts with a UTF-8 BOM" % fn)
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errs.add("%s: not valid UTF-8 (%s)" % (fn, e))
        return None
    if "\r" in text:
        errs.add("%s: contains CR characters (line ends must be LF)" % fn)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        errs.add("%s: no final newline" % fn)
    if not allow_tabs and "\t" in text:
        errs.add("%s: contains a tab character" % fn)
    return text


def read_lines(path, errs):
    """Lines of a pre-segmented file (.ru / .en / .gold)."""
    text = read_text(path, errs)
    if text is None:
        return None
    fn = os.path.basename(path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, line in enumerate(lines):
        if not line.strip():
            errs.add("%s: line %d is blank" % (fn, n + 1))
        elif line != line.strip():
            errs.add("%s: line %d has leading or trailing whitespace" % (fn, n + 1))
    return lines


def paragraphs(text):
    """Paragraphs of running text: blocks separated by blank lines."""
    return [norm(p) for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


def match_lines_to_text(lines, text, fn_lines, fn_text, errs):
    """Map each line to its paragraph; None if the lines do not rebuild the text."""
    paras = paragraphs(text)
    para_of = []
    k = 0
    for pi, para in enumerate(paras):
        built = ""
        while k < len(lines) and len(built) < len(para):
            piece = norm(lines[k])
            built = piece if not built else built + " " + piece
            para_of.append(pi)
            k += 1
        if built != para:
            errs.add("%s does not rebuild paragraph %d of %s (ends at line %d):\n"
                     "    text : %s\n    lines: %s"
                     % (fn_lines, pi + 1, fn_text, k, para, built))
            return None
    if k != len(lines):
        errs.add("%s has %d lines left over after the last paragraph of %s"
                 % (fn_lines, len(lines) - k, fn_text))
        return None
    if norm(" ".join(lines)) != norm(text):
        errs.add("%s: lines concatenated differ from %s" % (fn_lines, fn_text))
        return None
    return para_of


def parse_gold(lines, errs, fn):
    beads = []
    for n, line in enumerate(lines):
        m = BEAD_RE.match(line)
        if not m:
            errs.add("%s: line %d is not a bead: %r" % (fn, n + 1, line))
            return None
        side = lambda g: [int(x) for x in g.split(", ")] if g else []
        beads.append((side(m.group(1)), side(m.group(2))))
    return beads


def check_ladder(beads, n_ru, n_en, errs, fn):
    ok = True
    for si, (label, n) in enumerate((("ru", n_ru), ("en", n_en))):
        expect = 0
        for bi, bead in enumerate(beads):
            for idx in bead[si]:
                if idx != expect:
                    errs.add("%s: bead %d (%s side): expected line %d, found %d"
                             % (fn, bi + 1, label, expect, idx))
                    ok = False
                    break
                expect += 1
            if not ok:
                break
        if ok and expect != n:
            errs.add("%s: %s side covers %d lines, the file has %d"
                     % (fn, label, expect, n))
            ok = False
    for bi, (r, e) in enumerate(beads):
        if not r and not e:
            errs.add("%s: bead %d is empty on both sides" % (fn, bi + 1))
            ok = False
    return ok


def check_pair(d, name):
    errs = PairErrors(name)
    p = lambda ext: os.path.join(d, name + ext)
    ru_txt = read_text(p(".ru.txt"), errs)
    en_txt = read_text(p(".en.txt"), errs)
    ru = read_lines(p(".ru"), errs)
    en = read_lines(p(".en"), errs)
    gold_lines = read_lines(p(".gold"), errs)
    tsv_text = read_text(p(".gold.tsv"), errs, allow_tabs=True)
    if None in (ru_txt, en_txt, ru, en, gold_lines, tsv_text):
        return errs, None

    ru_para = match_lines_to_text(ru, ru_txt, name + ".ru", name + ".ru.txt", errs)
    en_para = match_lines_to_text(en, en_txt, name + ".en", name + ".en.txt", errs)

    beads = parse_gold(gold_lines, errs, name + ".gold")
    if beads is None or not check_ladder(beads, len(ru), len(en), errs, name + ".gold"):
        return errs, None

    for bi, (r, e) in enumerate(beads):
        for label, idxs, para_of in (("ru", r, ru_para), ("en", e, en_para)):
            if para_of is not None and len({para_of[i] for i in idxs}) > 1:
                errs.add("%s.gold: bead %d straddles a paragraph break on the %s side"
                         % (name, bi + 1, label))

    tsv = tsv_text.split("\n")
    if tsv and tsv[-1] == "":
        tsv.pop()
    if len(tsv) != len(beads):
        errs.add("%s.gold.tsv has %d lines, %s.gold has %d beads"
                 % (name, len(tsv), name, len(beads)))
    tsv_errs_before = len(errs.items)
    for bi, (row, (r, e)) in enumerate(zip(tsv, beads)):
        if len(errs.items) - tsv_errs_before >= 4:
            errs.add("%s.gold.tsv: further lines not compared (line %d on)" % (name, bi + 1))
            break
        cols = row.split("\t")
        if len(cols) != 2:
            errs.add("%s.gold.tsv: line %d has %d columns, expected 2"
                     % (name, bi + 1, len(cols)))
            continue
        for label, col, idxs, lines, txt in (("ru", cols[0], r, ru, ru_txt),
                                             ("en", cols[1], e, en, en_txt)):
            want = " ".join(lines[i] for i in idxs)
            if col != want:
                errs.add("%s.gold.tsv: line %d, %s side differs from the .gold bead %s:\n"
                         "    tsv : %s\n    gold: %s"
                         % (name, bi + 1, label, gold_lines[bi], col, want))
            elif col and col not in txt:
                errs.add("%s.gold.tsv: line %d, %s side is not verbatim in the .txt"
                         % (name, bi + 1, label))

    types = Counter("%d-%d" % (len(r), len(e)) for r, e in beads)
    if not MIN_RU <= len(ru) <= MAX_RU:
        errs.add("%d Russian sentences, expected %d-%d" % (len(ru), MIN_RU, MAX_RU))
    for need in ("1-0", "2-1"):
        if types[need] == 0:
            errs.add("no %s bead" % need)
    summary = {"ru": len(ru), "en": len(en), "beads": len(beads), "types": types,
               "ru_paras": len(paragraphs(ru_txt)), "en_paras": len(paragraphs(en_txt))}
    return errs, summary


def type_key(t):
    a, b = t.split("-")
    return (int(a) + int(b), -int(a))


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    d = argv[1] if len(argv) > 1 else os.path.join(here, os.pardir, "corpora", "samples")
    d = os.path.normpath(d)
    if not os.path.isdir(d):
        print("no such directory: %s" % d, file=sys.stderr)
        return 2
    names = sorted(f[:-len(".ru.txt")] for f in os.listdir(d) if f.endswith(".ru.txt"))
    if not names:
        print("no pairs (NAME.ru.txt) in %s" % d, file=sys.stderr)
        return 2
    failed = 0
    total = Counter()
    for name in names:
        errs, s = check_pair(d, name)
        if s is not None:
            total.update(s["types"])
            types = ", ".join("%s %d" % (t, s["types"][t])
                              for t in sorted(s["types"], key=type_key))
            status = "OK" if not errs.items else "FAIL"
            print("%-4s %-18s ru %2d sent / %d para, en %2d sent / %d para, %2d beads: %s"
                  % (status, name, s["ru"], s["ru_paras"], s["en"], s["en_paras"],
                     s["beads"], types))
        else:
            print("FAIL %s" % name)
        for e in errs.items:
            print("  " + e)
        failed += bool(errs.items)
    types = ", ".join("%s %d" % (t, total[t]) for t in sorted(total, key=type_key))
    print("%d pair(s), %d failed; all beads: %s" % (len(names), failed, types))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
