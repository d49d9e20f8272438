#!/usr/bin/env bash
# Workbench figures (issue 8): a 2,000-bead pair view loads in <= 1 s (the API call, and the
# page in headless Chromium until every bead and the overview plot are drawn), and the API
# answers with p95 <= 20 ms under 50 concurrent clients on loopback. Loopback only; bounded
# in requests and time.
#
#   bash tools/bench/server_bench.sh [path/to/newsalign] [path/to/server_bench]
# Files go to tools/bench/out/server/ (not committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-build/src/newsalign/cli/newsalign}
CLIENT=${2:-build/tools/bench/server_bench}
[ -x "$BIN" ] || { echo "server_bench: build newsalign first ($BIN)"; exit 1; }
[ -x "$CLIENT" ] || { echo "server_bench: build the server_bench target first ($CLIENT)"; exit 1; }
OUT=tools/bench/out/server
rm -rf "$OUT" && mkdir -p "$OUT"
DB=$OUT/bench.db

# A long synthetic news document: 2,000 sentences a side in paragraphs of five, each with
# its own numbers, so that the aligner pairs them 1-1 (and a few omissions make it real).
python3 - "$OUT" <<'PY'
import random, sys
random.seed(8)
cities = [("Душанбе", "Dushanbe"), ("Казани", "Kazan"), ("Москве", "Moscow"), ("Хороге", "Khorog"), ("Худжанде", "Khujand")]
ru, en = [], []
for i in range(2000):
    y, n, m = 1990 + i % 35, random.randint(2, 9999), random.randint(2, 999)
    c_ru, c_en = random.choice(cities)
    ru.append(f"В {y} году в {c_ru} построили {n} домов для {m} семей, сообщает агентство (запись {i + 1}).")
    en.append(f"In {y}, {n} houses for {m} families were built in {c_en}, the agency reports (record {i + 1}).")
def write(path, sents):
    with open(path, "w") as f:
        f.write("\n\n".join(" ".join(sents[k:k + 5]) for k in range(0, len(sents), 5)) + "\n")
write(f"{sys.argv[1]}/long.ru.txt", ru)
write(f"{sys.argv[1]}/long.en.txt", en)
PY
for name in dushanbe-water kazan-forum moscow-interview; do
  "$BIN" --db "$DB" import corpora/samples/$name.ru.txt corpora/samples/$name.en.txt >/dev/null
done
start=$(date +%s%N)
"$BIN" --db "$DB" import --title "Long synthetic document" "$OUT/long.ru.txt" "$OUT/long.en.txt"
echo "import of the long pair: $(( ($(date +%s%N) - start) / 1000000 )) ms"
BIG=$("$BIN" --db "$DB" list | awk '$NF == "document" {print $1}' | tail -1)
[ -n "$BIG" ] || BIG=4

"$BIN" --db "$DB" serve --port 0 > "$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q 'http://' "$OUT/serve.log" && break; sleep 0.1; done
PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$OUT/serve.log")
echo "server on 127.0.0.1:$PORT; the long pair is $BIG"

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (other work on the machine inflates every figure)"
# Back to back (a saturated server), then with 50 ms of thinking between a client's requests.
"$CLIENT" --port "$PORT" --clients 50 --requests 200 --pairs 1,2,3 --big "$BIG"
"$CLIENT" --port "$PORT" --clients 50 --requests 100 --pairs 1,2,3 --think-ms 50

if [ -d tests/browser/node_modules/playwright-core ] && [ -x /usr/bin/chromium ]; then
  node tools/bench/server_bench_page.mjs "http://127.0.0.1:$PORT/" "$BIG"
else
  echo "page load: skipped (needs /usr/bin/chromium and tests/browser/node_modules: cd tests/browser && npm ci)"
fi
