// newsalign merge (issue 5) as users run it: corpora built by the real binary from the sample
// news in separate folders (two "machines"), reviewed through the editor, merged into a third
// file; then counts, no duplicates, who won, the edit history, search, idempotence, older
// schemas, and inputs that must be refused without touching OUT.
#include <sqlite3.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <tuple>
#include <type_traits>

#include "cli/subprocess.h"
#include "newsalign/core/error.h"
#include "newsalign/store/editor.h"
#include "newsalign/store/schema.h"
#include "newsalign/store/search.h"
#include "newsalign/store/store.h"
#include "newsalign/store/tokenizer.h"

using namespace newsalign;
using namespace newsalign::test;
namespace fs = std::filesystem;

namespace {

const std::string kShared = NEWSALIGN_SHARED_DIR;

// A parameter of Sql(): an integer or a text.
struct Param {
  template <typename T, std::enable_if_t<std::is_integral_v<T>, int> = 0>
  Param(T v) : is_int(true), i(static_cast<long long>(v)) {}  // NOLINT: implicit on purpose
  Param(std::string v) : s(std::move(v)) {}                   // NOLINT
  Param(const char* v) : s(v) {}                              // NOLINT
  bool is_int = false;
  long long i = 0;
  std::string s;
};

// Runs one statement on a corpus file directly (to inspect or sabotage it), with ?1, ?2...
// bound; the first column of the first row, or -1 when there is none. The connection has our
// tokenizer, as the search index's triggers need.
long long Sql(const std::string& db, const std::string& sql, const std::vector<Param>& params = {}) {
  sqlite3* h = nullptr;
  if (sqlite3_open(db.c_str(), &h) != SQLITE_OK) throw std::runtime_error("cannot open " + db);
  newsalign::sql::RegisterTokenizer(h);
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    std::string msg = sqlite3_errmsg(h);
    sqlite3_close(h);
    throw std::runtime_error(sql + ": " + msg);
  }
  for (size_t k = 0; k < params.size(); ++k) {
    const int i = static_cast<int>(k) + 1;
    if (params[k].is_int) {
      sqlite3_bind_int64(st, i, params[k].i);
    } else {
      sqlite3_bind_text(st, i, params[k].s.c_str(), -1, SQLITE_TRANSIENT);
    }
  }
  long long v = -1;
  int rc = sqlite3_step(st);
  std::string msg = sqlite3_errmsg(h);
  if (rc == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + msg);
  return v;
}

// Runs a script of statements (a schema fixture).
void SqlScript(const std::string& db, const std::string& script) {
  sqlite3* h = nullptr;
  if (sqlite3_open(db.c_str(), &h) != SQLITE_OK) throw std::runtime_error("cannot open " + db);
  newsalign::sql::RegisterTokenizer(h);
  char* err = nullptr;
  int rc = sqlite3_exec(h, script.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  if (rc != SQLITE_OK) throw std::runtime_error("script failed: " + msg);
}

// One machine's corpus: copies of the sample pairs `items` in a folder of its own (so paths
// differ between machines, as they would), imported by the binary from a pair list.
std::string BuildCorpus(const TempDir& dir, const std::string& machine, const std::vector<std::string>& items) {
  fs::create_directories(dir / machine);
  std::string list;
  for (const std::string& item : items) {
    for (const char* lang : {".ru.txt", ".en.txt"})
      fs::copy_file(kSamples + item + lang, dir / (machine + "/" + item + lang));
    list += dir / (machine + "/" + item + ".ru.txt") + "\t" + dir / (machine + "/" + item + ".en.txt") + "\n";
  }
  WriteFile(dir / (machine + "/pairs.tsv"), list);
  const std::string db = dir / (machine + ".db");
  RunResult r = Newsalign({"--db", db, "import", "--pairs", dir / (machine + "/pairs.tsv")});
  INFO(r.err);
  REQUIRE(r.status == 0);
  return db;
}

// The pair of the sample `item` (import titles a listed pair by its file name).
int64_t PairOf(const std::string& db, const std::string& item) {
  return Sql(db, "SELECT id FROM pairs WHERE title = ?1", {item});
}

int64_t VersionOf(const std::string& db, int64_t pair) {
  return Sql(db, "SELECT version FROM pairs WHERE id = ?1", {pair});
}

long long Reviewed(const std::string& db) { return Sql(db, "SELECT count(*) FROM beads WHERE status != 'auto'"); }

// Confirms beads of a pair through the workbench's editor, as a translator would.
void Confirm(const std::string& db, const std::string& item, const std::vector<int>& beads) {
  const int64_t pair = PairOf(db, item);
  PairEditor editor(db);
  int64_t version = VersionOf(db, pair);
  for (int b : beads) version = editor.SetStatus(pair, version, b, BeadStatus::kConfirmed).version;
}

// The beads of every pair as (title, ru, en, status), in order: what a merge must keep.
using BeadView = std::tuple<std::string, std::string, std::string, std::string>;
std::vector<BeadView> Beads(const std::string& db, const std::string& only_title = "") {
  Store store = Store::Open(db);
  std::vector<BeadView> out;
  store.ForEachBead({}, [&](const BeadRecord& b) {
    if (only_title.empty() || b.title == only_title)
      out.emplace_back(std::string(b.title), std::string(b.ru), std::string(b.en), StatusName(b.status));
  });
  // By title, keeping the beads of a pair in order (pair ids differ between corpora).
  std::stable_sort(out.begin(), out.end(),
                   [](const BeadView& a, const BeadView& b) { return std::get<0>(a) < std::get<0>(b); });
  return out;
}

std::vector<BeadView> Concat(std::vector<std::vector<BeadView>> parts) {
  std::vector<BeadView> out;
  for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  std::stable_sort(out.begin(), out.end(),
                   [](const BeadView& a, const BeadView& b) { return std::get<0>(a) < std::get<0>(b); });
  return out;
}

// Everything a merge could change, as text: stats, every bead with its status and times, the
// edit histories and provenance rows.
std::string Snapshot(const std::string& db) {
  std::string s =
      Newsalign({"--db", db, "stats", "--json"}).out + Newsalign({"--db", db, "export", "--format", "jsonl"}).out;
  for (const char* table : {"documents", "revisions", "sentences", "pairs", "beads", "edits", "provenance"})
    s += std::string(table) + " " + std::to_string(Sql(db, std::string("SELECT count(*) FROM ") + table)) + "\n";
  s += "versions " + std::to_string(Sql(db, "SELECT sum(version) FROM pairs")) + "\n";
  return s;
}

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A ru sentence of the pair with a space near its middle: (sentence index, byte offset).
std::pair<int, size_t> SplittableSentence(const std::string& db, int64_t pair) {
  Store store = Store::Open(db);
  PairRecord rec = store.LoadPair(pair);
  for (size_t i = 0; i < rec.ru.sentences.size(); ++i) {
    std::string_view s = rec.ru.SentenceText(i);
    size_t at = s.find(' ', s.size() / 2);
    if (s.size() > 40 && at != std::string_view::npos && at + 5 < s.size()) return {static_cast<int>(i), at};
  }
  FAIL("no sentence to split");
  return {0, 0};
}

}  // namespace

TEST_CASE("two machines' corpora merge into one without duplicates, the more reviewed version winning") {
  TempDir dir;
  // Machine A: two pairs. A translator confirms three beads of kazan-forum and fixes a
  // sentence split there (so A's Russian text has a segmentation of its own).
  const std::string a = BuildCorpus(dir, "a", {"dushanbe-water", "kazan-forum"});
  Confirm(a, "kazan-forum", {0, 1, 2});
  {
    const int64_t pair = PairOf(a, "kazan-forum");
    auto [sentence, at] = SplittableSentence(a, pair);
    PairEditor editor(a);
    REQUIRE(editor.SplitSentence(pair, VersionOf(a, pair), TextSide::kRu, sentence, at).changed);
  }
  // Machine B: the same two pairs and a third. One bead of kazan-forum confirmed; in
  // dushanbe-water two beads merged by hand and another confirmed (an edit history of two).
  const std::string b = BuildCorpus(dir, "b", {"dushanbe-water", "kazan-forum", "moscow-interview"});
  Confirm(b, "kazan-forum", {0});
  {
    const int64_t pair = PairOf(b, "dushanbe-water");
    PairEditor editor(b);
    int64_t v = editor.Merge(pair, VersionOf(b, pair), 0).version;
    editor.SetStatus(pair, v, 1, BeadStatus::kConfirmed);
  }
  REQUIRE(Sql(a, "SELECT count(*) FROM edits") == 4);
  REQUIRE(Sql(b, "SELECT count(*) FROM edits") == 3);
  // What must come out: kazan-forum as A has it (3 reviewed against 1), the rest as B has it.
  const std::vector<BeadView> want =
      Concat({Beads(a, "kazan-forum"), Beads(b, "dushanbe-water"), Beads(b, "moscow-interview")});
  const std::string a_before = Snapshot(a), b_before = Snapshot(b);

  const std::string out = dir / "out.db";
  RunResult r = Newsalign({"merge", out, a, b, "--verbose"});
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  REQUIRE(r.err.empty());
  std::vector<std::string> lines = Lines(r.out);
  REQUIRE(lines.size() == 4);
  REQUIRE(Has(lines[0], a + ": 2 pairs: 2 added, 0 already present, 0 updated, 0 kept as they were"));
  REQUIRE(Has(lines[1], b + ": 3 pairs: 1 added, 0 already present, 1 updated, 1 kept as they were"));
  // --verbose says what was decided for each pair both have, and why.
  REQUIRE(
      Has(r.out,
          "\"dushanbe-water\" (1 in the input): updated: 2 reviewed beads in the input against 0 here; other beads"));
  REQUIRE(Has(
      r.out,
      "\"kazan-forum\" (2 in the input): kept: 1 reviewed beads in the input against 3 here; other sentence splits"));

  // One copy of each pair and each document; only A's re-segmented text is an extra revision
  // (B's kazan-forum lost, so its revision did not come along).
  REQUIRE(Sql(out, "SELECT count(*) FROM pairs") == 3);
  REQUIRE(Sql(out, "SELECT count(*) FROM documents") == 6);
  REQUIRE(Sql(out, "SELECT count(*) FROM revisions") == 6);
  REQUIRE(Sql(out, "SELECT count(*) FROM (SELECT sha256 FROM revisions GROUP BY sha256 HAVING count(*) > 1)") == 0);
  // Every bead with its review status, from the winning machine.
  REQUIRE(Beads(out) == want);
  REQUIRE(Reviewed(out) == 3 + 2);
  // The winners' edit histories came along.
  REQUIRE(Sql(out, "SELECT count(*) FROM edits WHERE pair_id = ?1", {PairOf(out, "kazan-forum")}) == 4);
  REQUIRE(Sql(out, "SELECT count(*) FROM edits WHERE pair_id = ?1", {PairOf(out, "dushanbe-water")}) == 2);
  {
    Store store = Store::Open(out);
    REQUIRE(store.CheckConsistency().empty());
    REQUIRE(CheckSearchIndex(store).empty());
  }
  // The inputs are read, never written.
  REQUIRE(Snapshot(a) == a_before);
  REQUIRE(Snapshot(b) == b_before);

  // Search finds beads of all three pairs.
  for (const auto& [word, title] : std::vector<std::pair<std::string, std::string>>{
           {"Душанбе", "dushanbe-water"}, {"Kazan", "kazan-forum"}, {"Ветрова", "moscow-interview"}}) {
    RunResult s = Newsalign({"--db", out, "search", word, "--format", "tsv"});
    INFO(word << ": " << s.err);
    REQUIRE(s.status == 0);
    REQUIRE(Has(s.out, "\t" + title + "\t"));
  }

  // Idempotent: merging both again adds nothing and changes nothing.
  const std::string merged = Snapshot(out);
  r = Newsalign({"merge", out, a, b});
  REQUIRE(r.status == 0);
  lines = Lines(r.out);
  REQUIRE(lines.size() == 2);
  REQUIRE(Has(lines[0], a + ": 2 pairs: 0 added, 1 already present, 0 updated, 1 kept as they were; 0 beads written"));
  REQUIRE(Has(lines[1], b + ": 3 pairs: 0 added, 2 already present, 0 updated, 1 kept as they were; 0 beads written"));
  REQUIRE(Snapshot(out) == merged);

  // The other order gives the same corpus (no tie here): now A's kazan-forum replaces B's,
  // bringing its own segmentation of the same text as a revision of its own.
  const std::string other = dir / "other.db";
  r = Newsalign({"merge", other, b, a});
  REQUIRE(r.status == 0);
  REQUIRE(Has(r.out, a + ": 2 pairs: 0 added, 0 already present, 1 updated, 1 kept as they were"));
  REQUIRE(Beads(other) == want);
  REQUIRE(Sql(other, "SELECT count(*) FROM documents") == 6);
  REQUIRE(Sql(other, "SELECT count(*) FROM revisions") == 7);
  {
    Store store = Store::Open(other);
    REQUIRE(store.CheckConsistency().empty());
    REQUIRE(CheckSearchIndex(store).empty());
  }

  // The edit history is live in OUT: the last edit made on machine B undoes there.
  const int64_t pair = PairOf(out, "dushanbe-water");
  PairEditor editor(out);
  EditResult undone = editor.Undo(pair, VersionOf(out, pair));
  REQUIRE(undone.changed);
  REQUIRE(undone.label == "undone: confirmed bead 2");
  REQUIRE(Reviewed(out) == 3 + 1);
}

TEST_CASE("as many reviewed beads: the version changed last wins, a full tie keeps OUT's") {
  TempDir dir;
  const std::string a = BuildCorpus(dir, "a", {"dushanbe-water"});
  // B: the same pair, unreviewed too, aligned differently (its first two beads as one).
  const std::string b = dir / "b.db";
  fs::copy_file(a, b);
  const int64_t pair = PairOf(b, "dushanbe-water");
  const long long first = Sql(b, "SELECT id FROM beads WHERE pair_id = ?1 ORDER BY ru_begin LIMIT 1", {pair});
  const long long second = Sql(b, "SELECT id FROM beads WHERE pair_id = ?1 ORDER BY ru_begin LIMIT 1 OFFSET 1", {pair});
  const long long ru = Sql(b, "SELECT ru_count FROM beads WHERE id = ?1", {second});
  const long long en = Sql(b, "SELECT en_count FROM beads WHERE id = ?1", {second});
  Sql(b, "DELETE FROM beads WHERE id = ?1", {second});
  Sql(b, "UPDATE beads SET ru_count = ru_count + ?2, en_count = en_count + ?3 WHERE id = ?1", {first, ru, en});
  Sql(b, "UPDATE pairs SET version = version + 1 WHERE id = ?1", {pair});  // as every writer does
  const std::string a_time = "2024-03-01T10:00:00Z";
  Sql(a, "UPDATE pairs SET updated_at = ?1", {a_time});
  const long long a_beads = Sql(a, "SELECT count(*) FROM beads");
  REQUIRE(Sql(b, "SELECT count(*) FROM beads") == a_beads - 1);

  const std::string out = dir / "out.db";
  REQUIRE(Newsalign({"merge", out, a}).status == 0);
  struct Case {
    std::string b_time;
    std::string line, why;
    long long beads;  // in OUT afterwards
  };
  const std::vector<Case> cases = {
      {a_time, "0 updated, 1 kept", "changed at the same time: ours kept", a_beads},
      {"2024-02-01T10:00:00Z", "0 updated, 1 kept", "ours changed later (2024-03-01T10:00:00Z)", a_beads},
      {"2024-04-01T10:00:00Z", "1 updated, 0 kept", "the input's changed later (2024-04-01T10:00:00Z)", a_beads - 1},
  };
  for (const Case& c : cases) {
    Sql(b, "UPDATE pairs SET updated_at = ?1", {c.b_time});
    RunResult r = Newsalign({"merge", out, b, "-v"});
    INFO(c.b_time << ": " << r.out << r.err);
    REQUIRE(r.status == 0);
    REQUIRE(Has(r.out, c.line));
    REQUIRE(Has(r.out, "0 reviewed beads in the input against 0 here, " + c.why + "; other beads"));
    REQUIRE(Sql(out, "SELECT count(*) FROM beads") == c.beads);
  }
  // B's version is now OUT's, with B's time: A's older one does not come back.
  RunResult r = Newsalign({"merge", out, a});
  REQUIRE(Has(r.out, "0 updated, 1 kept"));
  REQUIRE(Sql(out, "SELECT count(*) FROM beads") == a_beads - 1);
  Store store = Store::Open(out);
  REQUIRE(store.CheckConsistency().empty());
  REQUIRE(CheckSearchIndex(store).empty());
}

TEST_CASE("inputs that cannot be merged are refused in one line naming them, leaving OUT as it was") {
  TempDir dir;
  const std::string a = BuildCorpus(dir, "a", {"dushanbe-water", "kazan-forum"});
  const std::string out = dir / "out.db";
  REQUIRE(Newsalign({"merge", out, a}).status == 0);
  const std::string before = Snapshot(out);

  // Copies of A, each spoiled in its own way.
  auto copy = [&](const std::string& name) {
    fs::copy_file(a, dir / name);
    return dir / name;
  };
  const std::string newer = copy("newer.db");
  Sql(newer, "PRAGMA user_version = 999");
  const std::string foreign = dir / "foreign.db";
  Sql(foreign, "CREATE TABLE notes (x TEXT)");
  const std::string text = dir / "notes.txt";
  WriteFile(text, std::string(3000, 'x'));
  const std::string damaged = copy("damaged.db");
  {
    // Garbage over the middle of the file: b-tree pages the check reads.
    std::string bytes = ReadFile(damaged);
    for (size_t i = bytes.size() / 3; i < 2 * bytes.size() / 3; ++i) bytes[i] = static_cast<char>(0xA5 ^ (i & 0xFF));
    WriteFile(damaged, bytes);
  }
  // The failures below come at the input's second pair, after the first one has been written
  // to OUT (it won: more reviewed): the transaction must take that back.
  auto reviewed_copy = [&](const std::string& name) {
    const std::string db = copy(name);
    Confirm(db, "dushanbe-water", {0, 1});
    return db;
  };
  const std::string untiled = reviewed_copy("untiled.db");
  Sql(untiled, "DELETE FROM beads WHERE id = (SELECT max(id) FROM beads WHERE pair_id = ?1)",
      {PairOf(untiled, "kazan-forum")});
  const std::string rehashed = reviewed_copy("rehashed.db");
  Sql(rehashed, "UPDATE revisions SET text = text || ' ' WHERE id = (SELECT en_revision_id FROM pairs WHERE id = ?1)",
      {PairOf(rehashed, "kazan-forum")});

  struct Case {
    std::string input, message;
  };
  const std::vector<Case> cases = {
      {dir / "missing.db", ": no such file"},
      {out, ": is the output corpus itself"},
      {(dir.path() / "." / "out.db").string(), ": is the output corpus itself"},
      {newer, ": made by a newer newsalign (schema version 999"},
      {foreign, ": not a newsalign corpus"},
      {text, ": not a newsalign corpus (not a SQLite database)"},
      {damaged, ""},
      {untiled, ": pair 2: its beads cover"},
      {rehashed, ": pair 2, en revision 4: the text does not match its SHA-256"},
  };
  for (const Case& c : cases) {
    RunResult r = Newsalign({"merge", out, c.input});
    INFO(c.input << ": " << r.out << r.err);
    REQUIRE(r.status == 1);
    REQUIRE(Lines(r.err).size() == 1);
    REQUIRE(Has(r.err, "newsalign: " + c.input + c.message));
    REQUIRE(Snapshot(out) == before);
  }

  // One bad input does not stop the others; the exit status still says something failed.
  const std::string good = reviewed_copy("good.db");
  RunResult r = Newsalign({"merge", out, dir / "missing.db", good});
  INFO(r.out << r.err);
  REQUIRE(r.status == 1);
  REQUIRE(Lines(r.err).size() == 1);
  REQUIRE(Has(r.err, "missing.db: no such file"));
  REQUIRE(Has(r.out, good + ": 2 pairs: 0 added, 1 already present, 1 updated, 0 kept as they were"));
  REQUIRE(Reviewed(out) == 2);

  // Usage mistakes.
  r = Newsalign({"merge", out});
  REQUIRE(r.status == 1);
  REQUIRE(Lines(r.err).size() == 1);
  REQUIRE(Has(r.err, "at least one corpus"));
  r = Newsalign({"--db", out, "merge", a});
  REQUIRE(r.status == 1);
  REQUIRE(Has(r.err, "without --db"));
}

TEST_CASE("corpora of every schema version merge as they are, without being upgraded") {
  for (int v = 1; v <= sql::LatestSchemaVersion(); ++v) {
    DYNAMIC_SECTION("version " << v) {
      TempDir dir;
      const std::string old = dir / "old.db";
      SqlScript(old, ReadFile(std::string(NEWSALIGN_SOURCE_DIR) + "/tests/store/fixtures/schema_v" + std::to_string(v) +
                              ".sql"));
      const std::string out = dir / "out.db";
      RunResult r = Newsalign({"merge", out, old});
      INFO(r.err);
      REQUIRE(r.status == 0);
      REQUIRE(Has(r.out, old + ": 1 pairs: 1 added, 0 already present"));
      REQUIRE(Sql(old, "PRAGMA user_version") == v);
      Store store = Store::Open(out);
      REQUIRE(store.CheckConsistency().empty());
      REQUIRE(CheckSearchIndex(store).empty());
      REQUIRE(Searcher(store).Search("предложение").hits.size() == 1);
      REQUIRE(store.ListPairs().at(0).title == "Fixture pair");
      r = Newsalign({"merge", out, old});
      REQUIRE(Has(r.out, "1 pairs: 0 added, 1 already present"));
    }
  }
}

TEST_CASE("two 175-pair corpora of the shared wmt21 news merge") {
  const std::string corpus = kShared + "/corpora/wmt21-ru-en";
  if (!fs::exists(corpus)) {
    WARN("skipped: " << corpus << " is absent");
    return;
  }
  TempDir dir;
  std::string list;
  for (const char* d : {"ru-en", "en-ru"}) {
    for (const std::string& doc : Lines(ReadFile(corpus + "/" + d + "/news-docs.txt"))) {
      if (doc.empty()) continue;
      const std::string base = corpus + "/" + d + "/text/" + doc;
      list += base + ".ru.txt\t" + base + ".en.txt\t" + doc + "\n";
    }
  }
  WriteFile(dir / "wmt21.tsv", list);
  const std::string a = dir / "a.db", b = dir / "b.db";
  RunResult r = Newsalign({"--db", a, "import", "--repair-encoding", "--pairs", dir / "wmt21.tsv"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  // B: the same corpus where a translator confirmed the first two beads of ten pairs.
  fs::copy_file(a, b);
  Sql(b,
      "UPDATE beads SET status = 'confirmed' WHERE pair_id <= 10 AND id IN "
      "(SELECT id FROM beads x WHERE x.pair_id = beads.pair_id ORDER BY ru_begin LIMIT 2)");
  Sql(b, "UPDATE pairs SET version = version + 1 WHERE id <= 10");
  REQUIRE(Reviewed(b) == 20);

  const std::string out = dir / "out.db";
  const auto start = std::chrono::steady_clock::now();
  r = Newsalign({"merge", out, a, b});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  REQUIRE(Has(r.out, a + ": 175 pairs: 175 added, 0 already present, 0 updated, 0 kept"));
  REQUIRE(Has(r.out, b + ": 175 pairs: 0 added, 165 already present, 10 updated, 0 kept"));
  WARN("merging two 175-pair wmt21 corpora: " << seconds << " s wall (the whole command)");
  REQUIRE(Sql(out, "SELECT count(*) FROM pairs") == 175);
  REQUIRE(Sql(out, "SELECT count(*) FROM beads") == Sql(a, "SELECT count(*) FROM beads"));
  REQUIRE(Reviewed(out) == 20);
  Store store = Store::Open(out);
  REQUIRE(store.CheckConsistency().empty());
  REQUIRE(CheckSearchIndex(store).empty());
  r = Newsalign({"merge", out, a, b});
  REQUIRE(Has(r.out, a + ": 175 pairs: 0 added, 165 already present, 0 updated, 10 kept"));
  REQUIRE(Has(r.out, b + ": 175 pairs: 0 added, 175 already present, 0 updated, 0 kept"));
}
