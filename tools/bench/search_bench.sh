#!/usr/bin/env bash
# The search benchmark of issue 7: imports the shared wmt21 pairs, replicates them into a corpus
# of 1,000,000 beads (build_big_corpus.py), rebuilds its full-text index (timed: target <= 2 min)
# and measures search latency (target p95 <= 50 ms for single words and phrases).
#
#   bash tools/bench/search_bench.sh [BUILD_DIR] [BEADS]
# Files go to tools/bench/out/search/ (not committed; the big corpus takes ~1 GB).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
BEADS=${2:-1000000}
BIN=$BUILD/src/newsalign/cli/newsalign
BENCH=$BUILD/tools/bench/search_bench
SHARED=${NEWSALIGN_SHARED_DIR:-../shared}
CORPUS=$SHARED/corpora/wmt21-ru-en
if [ ! -d "$CORPUS" ]; then echo "search_bench: $CORPUS is absent; nothing to measure"; exit 0; fi
[ -x "$BIN" ] && [ -x "$BENCH" ] || { echo "search_bench: build newsalign and search_bench first ($BUILD)"; exit 1; }
OUT=tools/bench/out/search
mkdir -p "$OUT"
LIST=$OUT/wmt21.pairs.tsv
ABS=$(cd "$CORPUS" && pwd -P)
for dir in ru-en en-ru; do
  while read -r doc; do
    [ -n "$doc" ] && printf '%s\t%s\t%s\n' "$ABS/$dir/text/$doc.ru.txt" "$ABS/$dir/text/$doc.en.txt" "$doc"
  done < "$CORPUS/$dir/news-docs.txt"
done > "$LIST"
rm -f "$OUT"/base.db*
"$BIN" --db "$OUT/base.db" import --repair-encoding --pairs "$LIST" | tail -1
echo "== the wmt21 corpus itself"
"$BENCH" "$OUT/base.db" --queries 200
python3 tools/bench/build_big_corpus.py "$OUT/base.db" "$OUT/big.db" --beads "$BEADS"
echo "== $BEADS beads"
"$BENCH" "$OUT/big.db" --rebuild --queries 200
