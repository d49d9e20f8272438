#!/usr/bin/env bash
# Runs the libFuzzer targets of tools/fuzz, each seeded from corpora/samples (copied at run
# time into a work folder; the samples are never written to).
#
#   tools/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]     # TARGET: text html tmx ladder jsonl manifest align
#   FUZZ_WORK=/tmp/fuzz-keep tools/fuzz/run.sh build-fuzz 600 text html   # keep corpora between runs
#
# Prints one line per target: executions, coverage (edges) and features; exits non-zero when a
# target found something (the crashing input is left in the work folder, named in the log).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}"
seconds="${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}"
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text html tmx ladder jsonl manifest align)
build="$(cd "$build" && pwd)"
samples="$root/corpora/samples"
dicts="$root/tools/fuzz"

work="${FUZZ_WORK:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d /tmp/newsalign-fuzz-XXXXXX)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

# seed TARGET: fills $work/seed-TARGET (small files; the fuzzer's corpus is $work/corpus-TARGET).
seed() {
  local t="$1" dir="$work/seed-$1"
  rm -rf "$dir"
  mkdir -p "$dir" "$work/corpus-$t"
  case "$t" in
    text)  # first byte: the options (bit 0 repair, bit 1 presegmented, bit 2 English)
      for f in "$samples"/*.ru.txt; do { printf '\000'; head -c 4096 "$f"; } > "$dir/$(basename "$f")"; done
      for f in "$samples"/*.en.txt; do { printf '\004'; head -c 4096 "$f"; } > "$dir/$(basename "$f")"; done
      for f in "$samples"/*.ru; do { printf '\002'; head -c 4096 "$f"; } > "$dir/$(basename "$f").pre"; done
      f="$samples/kazan-forum.ru.txt"
      { printf '\000\377\376'; head -c 2000 "$f" | iconv -f utf-8 -t utf-16le; } > "$dir/utf16" || true
      { printf '\000'; head -c 2000 "$f" | iconv -f utf-8 -t cp1251; } > "$dir/cp1251" || true
      { printf '\001'; head -c 2000 "$f" | iconv -f utf-8 -t cp1251 | iconv -f latin1 -t utf-8; } > "$dir/mojibake" || true
      ;;
    html)
      for f in "$samples"/*.ru.txt "$samples"/*.en.txt; do
        {
          printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title>'
          printf '<meta property="article:published_time" content="2019-04-18T10:00:00Z"></head><body>'
          printf '<nav><a href="/">Home</a></nav><article><h1>Title</h1>'
          head -c 3000 "$f" | sed -e 's/&/\&amp;/g; s/</\&lt;/g; s/^/<p>/; s/$/<\/p>/'
          printf '</article><footer>(c)</footer></body></html>'
        } > "$dir/$(basename "$f").html"
      done
      ;;
    tmx)
      python3 - "$samples" "$dir" <<'PY'
import sys, glob, os, html
samples, out = sys.argv[1], sys.argv[2]
for gold in sorted(glob.glob(os.path.join(samples, "*.gold.tsv"))):
    rows = [l.rstrip("\n").split("\t") for l in open(gold, encoding="utf-8")][:8]
    tus = "".join(
        '<tu tuid="%d"><prop type="x-pair">%s</prop><tuv xml:lang="ru"><seg>%s</seg></tuv>'
        '<tuv xml:lang="en"><seg>%s</seg></tuv></tu>\n' % (i, os.path.basename(gold), html.escape(r[0]), html.escape(r[1] if len(r) > 1 else ""))
        for i, r in enumerate(rows))
    open(os.path.join(out, os.path.basename(gold) + ".tmx"), "w", encoding="utf-8").write(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="ru" datatype="plaintext" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n' + tus + "</body></tmx>\n")
PY
      ;;
    ladder)
      for f in "$samples"/*.gold; do head -c 4096 "$f" > "$dir/$(basename "$f")"; done
      printf '[0, 1]:[0]:0.9\n[]:[1]:0.1\n[2]:[]:0.2\n' > "$dir/scores"
      ;;
    jsonl)  # first byte: the options (bit 0 presegmented, bit 1 repair)
      python3 - "$samples" "$dir" <<'PY'
import sys, glob, os, json
samples, out = sys.argv[1], sys.argv[2]
for i, ru in enumerate(sorted(glob.glob(os.path.join(samples, "*.ru.txt")))):
    en = ru[:-len(".ru.txt")] + ".en.txt"
    line = json.dumps({"id": i, "ru": open(ru, encoding="utf-8").read()[:1500],
                       "en": open(en, encoding="utf-8").read()[:1500]}, ensure_ascii=bool(i % 2))
    open(os.path.join(out, "%d.jsonl" % i), "wb").write(b"\x00" + line.encode("utf-8"))
open(os.path.join(out, "pre.jsonl"), "wb").write(b'\x01{"id":"p","ru":"\\u041f\\u0440\\u0438\\u0432\\u0435\\u0442.\\n\\u041c\\u0438\\u0440.","en":"Hello.\\nWorld."}')
PY
      ;;
    manifest)
      ls "$samples"/*.ru.txt | while read -r f; do printf '%s\t%s\tTitle\t2019-04-18\n' "$f" "${f%.ru.txt}.en.txt"; done > "$dir/list.tsv"
      printf '# comment\n\nru/a.ru.txt\ten/a.en.txt\r\na.ru.txt\ta.en.txt\nbad line\n' > "$dir/mixed.tsv"
      ;;
    align)
      for f in "$samples"/*.txt; do head -c 512 "$f" > "$dir/$(basename "$f")"; done
      ;;
  esac
}

max_len() {
  case "$1" in
    text|html|jsonl) echo 16384 ;;
    tmx) echo 8192 ;;
    align) echo 4096 ;;
    *) echo 2048 ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  bin="$build/tools/fuzz/fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz: $bin is missing (cmake --build $build --target newsalign_fuzzers)" >&2; exit 2; }
  seed "$t"
  extra=()
  [ -f "$dicts/$t.dict" ] && extra+=(-dict="$dicts/$t.dict")
  log="$work/$t.log"
  # -timeout: an input that takes longer than 20 s is a hang (a finding); -rss_limit_mb: so is
  # a memory blow-up. Findings are written as $work/crash-*, leak-*, timeout-*, oom-*.
  if ! (cd "$work" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        "$bin" "$work/corpus-$t" "$work/seed-$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
        -max_len="$(max_len "$t")" -print_final_stats=1 -artifact_prefix="$work/$t-" "${extra[@]}" >"$log" 2>&1); then
    status=1
    echo "fuzz_$t: FOUND SOMETHING, see $log:" >&2
    grep -m5 -E "ERROR|SUMMARY|invariant|Test unit written" "$log" >&2 || tail -20 "$log" >&2
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo "?")
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || echo "?")
  corp=$(echo "$last" | grep -o 'corp: [0-9]*' | grep -o '[0-9]*' || echo "?")
  echo "fuzz_$t: ${seconds} s, ${execs} executions, cov ${cov} edges, ft ${ft}, corpus ${corp}"
done
exit $status
