#!/usr/bin/env bash
# Runs the hostile-input cases of issue 9 against a built newsalign and prints a Markdown table:
# the case, the command, the exit code, the lines on stderr and the first of them, and whether
# the corpus changed. The tests (tests/robustness) check the same cases; this is for reading.
#
#   tools/robustness_table.sh [path/to/newsalign]      # default: build/src/newsalign/cli/newsalign
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(realpath "${1:-$root/build/src/newsalign/cli/newsalign}")"
[ -x "$bin" ] || { echo "robustness_table: no newsalign at $bin (build it, or give its path)" >&2; exit 2; }
s="$root/corpora/samples"
ru="$s/kazan-forum.ru.txt"
en="$s/kazan-forum.en.txt"
w="$(mktemp -d /tmp/newsalign-table-XXXXXX)"
chmod 755 "$w"
trap 'chmod -R u+rwx "$w" 2>/dev/null; rm -rf "$w"' EXIT
cd "$w"

db="$w/corpus.db"
"$bin" --db "$db" import "$s/dushanbe-water.ru.txt" "$s/dushanbe-water.en.txt" >/dev/null

counts() {
  [ -f "$1" ] || { echo none; return; }
  python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True, timeout=10)
print(" ".join(str(c.execute("SELECT count(*) FROM " + t).fetchone()[0]) for t in ("documents", "revisions", "sentences", "pairs", "beads")))
PY
}

# row CASE DB-OR-- [--stdin FILE] [--nobody] ARGS...: runs newsalign ARGS, prints a table row.
row() {
  local name="$1" cdb="$2"
  shift 2
  local stdin=/dev/null nobody=""
  [ "$1" = "--stdin" ] && { stdin="$2"; shift 2; }
  [ "$1" = "--nobody" ] && { nobody=1; shift; }
  local before after=""
  [ "$cdb" != "-" ] && before="$(counts "$cdb" 2>/dev/null)"
  if [ -n "$nobody" ] && [ "$(id -u)" = 0 ]; then
    setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" "$@" <"$stdin" >"$w/out" 2>"$w/err"
  else
    "$bin" "$@" <"$stdin" >"$w/out" 2>"$w/err"
  fi
  local code=$?
  [ "$cdb" != "-" ] && after="$(counts "$cdb" 2>/dev/null)"
  local stored="-"
  [ "$cdb" != "-" ] && { [ "$before" = "$after" ] && stored="unchanged" || stored="changed ($before -> $after)"; }
  local lines first
  lines=$(wc -l <"$w/err")
  first=$(head -1 "$w/err" | sed -e "s|$w/||g; s|$s/||g; s/|/\\\\|/g" | cut -c1-170)
  local shown
  shown=$(printf '%s ' "$@" | sed -e "s|$w/||g; s|$s/||g; s|$bin|newsalign|g" | cut -c1-60)
  printf '| %s | `%s` | %s | %s | %s | %s |\n' "$name" "${shown% }" "$code" "$lines" "${first:-}" "$stored"
}

echo "| case | command | exit | stderr lines | stderr | corpus |"
echo "|---|---|---|---|---|---|"

: >empty.txt
printf '  \n\t\r\n\xc2\xa0\n' >blank.txt
mkdir -p folder.txt
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >image.txt
printf 'Текст\0\0\0 дальше.' >nul.txt
printf 'Привет мир. \xff Ещё текст.\n' >bad.txt
{ printf '\xff\xfe'; iconv -f utf-8 -t utf-16le "$ru"; } >utf16.txt
printf 'Le caf\xe9 \xe0 c\xf4t\xe9 de la gare a ferm\xe9. Les employ\xe9s r\xe9clament leur d\xfb.\n' >latin1.txt
head -c 3000 "$ru" | iconv -c -f utf-8 -t cp1251 >cp1251.txt
iconv -f utf-8 -t cp1251 "$ru" | iconv -f latin1 -t utf-8 >mojibake.txt
sed 's/$/\r/' "$ru" >crlf.txt
tr '\n' '\r' <"$ru" >cr.txt
python3 -c "
import sys
ru = open('$ru', 'rb').read() + b'\n'
block = (ru * (2**20 // len(ru) + 1))[:2**20]
with open('big.txt', 'wb') as f:
    for _ in range(200): f.write(block)
words = ['слово', 'новости', 'город', 'Казань', 'форум', 'участники']
i = 0
parts = []
n = 0
while n < 2**20:
    w = words[(i * 7) % 6] + ' '; parts.append(w); n += len(w.encode()); i += 1
open('long.ru.txt', 'w').write('Короткое начало.\n' + ''.join(parts) + '\n')
ew = ['word', 'news', 'city', 'Kazan', 'forum', 'participants']
parts = []; n = 0; i = 0
while n < 2**20:
    w = ew[(i * 7) % 6] + ' '; parts.append(w); n += len(w); i += 1
open('long.en.txt', 'w').write('A short start.\n' + ''.join(parts) + '\n')
open('zw.ru.txt', 'w').write('Мэр\u200b Казани заявил\u200d об открытии фо\u00adрума.\u0007 Участники приехали из \u202e37 стран\u202c.\n\n\u2066Форум\u2069 продлится три дня\u200f.\n')
open('zw.en.txt', 'w').write('The mayor of Kazan\u200b announced the opening of the fo\u00adrum.\u0007 Participants came from \u202e37 countries\u202c.\n\n\u2066The forum\u2069 will last three days.\n')
open('word.ru.txt', 'w').write('Вот слово. ' + 'ая' * 5000 + ' было сказано. Конец статьи.\n')
open('word.en.txt', 'w').write('Here is a word. ' + 'x' * 10000 + ' was said. The end of the article.\n')
"
cp big.txt big.html
cp "$en" copy.en.txt

row "empty file" "$db" --db "$db" import empty.txt "$en"
row "white space only" "$db" --db "$db" import blank.txt "$en"
row "a directory" "$db" --db "$db" import folder.txt "$en"
row "missing file" "$db" --db "$db" import missing.txt "$en"
cp "$ru" secret.txt
chmod 000 secret.txt
chmod 666 "$db"
row "unreadable file (chmod 000, as nobody)" - --nobody align secret.txt "$en"
row "PNG image" "$db" --db "$db" import image.txt "$en"
row "NUL bytes" "$db" --db "$db" import nul.txt "$en"
row "invalid UTF-8" "$db" --db "$db" import bad.txt "$en"
row "UTF-16 with BOM (converted)" - align utf16.txt "$en"
row "Latin-1" "$db" --db "$db" import latin1.txt "$en"
row "CP1251" "$db" --db "$db" import cp1251.txt "$en"
row "mojibake" "$db" --db "$db" import mojibake.txt "$en"
row "mojibake --repair-encoding" - align --repair-encoding mojibake.txt "$en"
row "CRLF line ends" - align crlf.txt "$en"
row "lone CR line ends" - align cr.txt "$en"
row "200 MB file" "$db" --db "$db" import big.txt "$en"
row "200 MB HTML page" "$db" --db "$db" import big.html "$en"
row "200 MB on stdin" - --stdin big.txt align - "$en"
rm -f big.txt big.html
row "1 MB sentence, no punctuation" - align long.ru.txt long.en.txt
row "languages swapped" "$db" --db "$db" import "$en" "$ru"
row "languages swapped, align" - align "$en" "$ru"
row "swapped, --langs given (override)" - align --langs ru,en "$en" "$ru"
row "both sides identical" "$db" --db "$db" import "$ru" "$ru"
row "both sides identical, align" - align --langs en,en "$en" copy.en.txt
row "zero-width, control, bidi chars" - align zw.ru.txt zw.en.txt
row "10,000-character word" - align word.ru.txt word.en.txt

# The database file.
cp "$db" corrupt.db
python3 -c "
b = bytearray(open('corrupt.db', 'rb').read())
for i in range(4096, len(b), 4096):
    for j in range(i + 100, min(i + 400, len(b))): b[j] = (j * 131) % 256
open('corrupt.db', 'wb').write(b)"
row "corrupt database" - --db corrupt.db import "$ru" "$en"
python3 -c "print('This is a text file, not a corpus. ' * 20000)" >text.db
row "not a database" - --db text.db import "$ru" "$en"
mkdir -p ro && cp "$db" ro/corpus.db && chmod 444 ro/corpus.db && chmod 555 ro
# (first the reader: a check of the counts as root would leave corpus.db-shm behind, which
# is what lets an unprivileged reader in)
row "read-only database: list (as nobody)" - --nobody --db ro/corpus.db list
row "read-only database: import (as nobody)" - --nobody --db ro/corpus.db import "$ru" "$en"
cp "$db" newer.db
python3 -c "import sqlite3; c = sqlite3.connect('newer.db'); c.execute('PRAGMA user_version = 999'); c.commit()"
row "database from a newer version" newer.db --db newer.db import "$ru" "$en"
cp "$db" locked.db
python3 -c "
import sqlite3, time
c = sqlite3.connect('locked.db', isolation_level=None)
c.execute('BEGIN EXCLUSIVE')
open('locked.ready', 'w').close()
time.sleep(12)
c.execute('ROLLBACK')" &
locker=$!
while [ ! -f locked.ready ]; do sleep 0.05; done
row "locked database (writer waits 5 s)" - --db locked.db import "$ru" "$en"
row "locked database: list" - --db locked.db list
kill "$locker" 2>/dev/null; wait "$locker" 2>/dev/null

# Structured input.
head='<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="ru" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>'
tu='<tu><prop type="x-pair">p1</prop><tuv xml:lang="ru"><seg>Предложение.</seg></tuv><tuv xml:lang="en"><seg>Sentence.</seg></tuv></tu>'
tu2='<tu><prop type="x-pair">p2</prop><tuv xml:lang="ru"><seg>Второе.</seg></tuv><tuv xml:lang="en"><seg>Second.</seg></tuv></tu>'
printf '%s\n%s\n%s\n<tu><tuv xml:lang="ru"><seg>Оборвано' "$head" "$tu" "$tu2" >truncated.tmx
echo 'Just some text < with & a bracket' >notxml.tmx
echo '<?xml version="1.0"?><html><body/></html>' >root.tmx
row "TMX cut off after 2 good pairs" "$db" --db "$db" import --tmx truncated.tmx
row "TMX that is not XML" "$db" --db "$db" import --tmx notxml.tmx
row "TMX with another root" "$db" --db "$db" import --tmx root.tmx
echo '<html><body><nav><a href="/">Главная</a></nav><footer>(c)</footer></body></html>' >nav.ru.html
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR' >image.ru.html
row "HTML without an article" "$db" --db "$db" import nav.ru.html "$en"
row "PNG named .html" "$db" --db "$db" import image.ru.html "$en"
printf '%s\n' '{"id": "ok", "ru": "Москва сегодня.", "en": "Moscow today."}' '{"id": 1, "ru": "Текст.", "en": ' \
  '{"ru": "Текст.", "en": "Text."}' '{"id": 3, "ru": 5, "en": "Text."}' >bad.jsonl
row "JSONL: 3 bad lines of 4" - --stdin bad.jsonl align --jsonl
printf '%s\t%s\n%s\n' "$ru" "$en" "only-one-column.txt" >bad-list.tsv
row "pair list: a line with one column" "$db" --db "$db" import --pairs bad-list.tsv
printf '%s\t%s\n%s\t%s\n' "$ru" "$en" "$w/missing.ru.txt" "$en" >missing-list.tsv
row "pair list: a missing file" "$db" --db "$db" import --pairs missing-list.tsv
row "pair list, batch (goes on past it)" - --db batch.db batch --pairs missing-list.tsv --quiet
