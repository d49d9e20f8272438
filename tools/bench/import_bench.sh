#!/usr/bin/env bash
# Imports the shared wmt21 news pairs (107 ru-en + 68 en-ru documents) into a fresh corpus
# with `newsalign import --pairs`, then imports them again, and prints the figures issue 4
# asks for: the time of the first import (target <= 3 s), that the second adds nothing, and
# the export of the result (TMX valid against the DTD, one tu per two-sided bead).
# --repair-encoding: one en-ru Russian text of the shared set is CP1251 mojibake.
#
#   bash tools/bench/import_bench.sh [path/to/newsalign]
# Output files go to tools/bench/out/import/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/src/newsalign/cli/newsalign}
SHARED=${NEWSALIGN_SHARED_DIR:-../shared}
CORPUS=$SHARED/corpora/wmt21-ru-en
if [ ! -d "$CORPUS" ]; then echo "import_bench: $CORPUS is absent; nothing to measure"; exit 0; fi
[ -x "$BIN" ] || { echo "import_bench: build newsalign first ($BIN)"; exit 1; }
OUT=tools/bench/out/import
rm -rf "$OUT" && mkdir -p "$OUT"
LIST=$OUT/wmt21.pairs.tsv
DB=$OUT/wmt21.db

# ru_path<TAB>en_path<TAB>title, Russian first for both directions (no process per line:
# forks are slow on some machines and would blur the figure).
ABS=$(cd "$CORPUS" && pwd -P)
for dir in ru-en en-ru; do
  while read -r doc; do
    [ -n "$doc" ] && printf '%s\t%s\t%s\n' "$ABS/$dir/text/$doc.ru.txt" "$ABS/$dir/text/$doc.en.txt" "$doc"
  done < "$CORPUS/$dir/news-docs.txt"
done > "$LIST"
echo "pairs listed:          $(wc -l < "$LIST")"

# Wall time and CPU time (user + sys): on a busy machine the wall time is inflated by the other
# processes, and the CPU time is the figure to compare with the target.
TIMEFORMAT='%R %U %S'
timed() {  # timed LABEL COMMAND...: runs it, prints LABEL wall and CPU seconds
  local label=$1 t
  shift
  { t=$( { time "$@" > "$OUT/$label.log"; } 2>&1 ); } 
  read -r real user sys <<< "$(tail -1 <<< "$t")"
  awk -v r="$real" -v u="$user" -v s="$sys" -v l="$label" \
    'BEGIN { printf "%-22s %.2f s wall, %.2f s CPU (load: %s)\n", l " import:", r, u + s, ENVIRON["LOAD"] }'
}
export LOAD=$(cut -d' ' -f1 /proc/loadavg)
timed first "$BIN" --db "$DB" import --repair-encoding --pairs "$LIST"
echo "                       $(tail -1 "$OUT/first.log") -- target <= 3 s"
before=$("$BIN" --db "$DB" stats --json)
export LOAD=$(cut -d' ' -f1 /proc/loadavg)
timed second "$BIN" --db "$DB" import --repair-encoding --pairs "$LIST"
echo "                       $(tail -1 "$OUT/second.log")"
after=$("$BIN" --db "$DB" stats --json)
if [ "$before" = "$after" ]; then echo "re-import added:       nothing (stats identical)"; else echo "re-import added:       SOMETHING CHANGED"; fi
"$BIN" --db "$DB" stats | sed 's/^/  /'

"$BIN" --db "$DB" export --format tmx -o "$OUT/wmt21.tmx" 2>/dev/null
tus=$(grep -c '<tu ' "$OUT/wmt21.tmx")
two_sided=$("$BIN" --db "$DB" export --format jsonl 2>/dev/null | grep -vc '"\(ru\|en\)":""' || true)
echo "TMX units:             $tus (beads with both sides: $two_sided)"
if command -v xmllint >/dev/null && [ -f "$SHARED/tools/tmx14.dtd" ]; then
  if xmllint --noout --dtdvalid "$SHARED/tools/tmx14.dtd" "$OUT/wmt21.tmx"; then echo "TMX vs tmx14.dtd:      valid"; else echo "TMX vs tmx14.dtd:      INVALID"; fi
fi
printf 'corpus file:           %s KiB\n' "$(( $(stat -c %s "$DB") / 1024 ))"
