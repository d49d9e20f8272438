// The corpus store on real SQLite files: schema and upgrades, import, idempotence, revisions
// with reviewed beads kept, rollback, a killed import, reading back.
#include "newsalign/store/store.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "newsalign/core/error.h"
#include "newsalign/store/importer.h"
#include "newsalign/store/schema.h"
#include "newsalign/store/search.h"
#include "store/test_util.h"

using namespace newsalign;
using namespace newsalign::test;

namespace {

const std::vector<std::vector<std::string>> kRu = {
    {"В Душанбе открылась международная конференция по водным ресурсам.",
     "Её посетили 2 000 делегатов из 70 стран, т. е. больше, чем в 2018 г."},
    {"Президент Таджикистана Эмомали Рахмон выступил с речью «Вода для всех».",
     "Он призвал к сотрудничеству & совместным проектам <в регионе>.",
     "Конференция продлится до 9 июня."}};
const std::vector<std::vector<std::string>> kEn = {
    {"An international conference on water resources opened in Dushanbe.",
     "It was attended by 2,000 delegates from 70 countries, i.e. more than in 2018."},
    {"Tajik President Emomali Rahmon gave a speech \"Water for all\".",
     "He called for cooperation & joint projects <in the region>.", "The conference will last until June 9."}};

PairInput SamplePair(const std::string& dir, const std::string& name = "dushanbe") {
  PairInput in;
  in.ru = MakeDoc(kRu, "ru", dir + "/" + name + ".ru.txt");
  in.en = MakeDoc(kEn, "en", dir + "/" + name + ".en.txt");
  return in;
}

ImportResult Import(Store& store, PairInput in, BeadStatus status = BeadStatus::kAuto) {
  Provenance prov;
  ImportPlan plan = store.Plan(in);
  Alignment beads = plan.NeedsAlignment() ? FakeAlign(in.ru.sentences.size(), in.en.sentences.size(), plan.fixed)
                                          : Alignment{};
  return store.Commit(in, plan, beads, prov, status);
}

long long Count(const std::string& db, const std::string& table) {
  return RawInt(db, "SELECT count(*) FROM " + table);
}

}  // namespace

// --- hashing
TEST_CASE("Sha256Hex matches the FIPS 180-2 examples") {
  REQUIRE(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  REQUIRE(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// --- schema
TEST_CASE("a new corpus gets the latest schema with WAL and its application id") {
  TempDir dir;
  std::string db = dir / "c.db";
  {
    Store store = Store::Open(db);
    REQUIRE(store.schema_version() == sql::LatestSchemaVersion());
  }
  REQUIRE(RawInt(db, "PRAGMA user_version") == sql::LatestSchemaVersion());
  REQUIRE(RawInt(db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'") == 1);
  REQUIRE(RawInt(db, "PRAGMA application_id") != 0);
  // Opening again changes nothing.
  Store again = Store::Open(db);
  REQUIRE(again.schema_version() == sql::LatestSchemaVersion());
  REQUIRE(again.CheckConsistency().empty());
}

TEST_CASE("a database of every earlier schema version is upgraded in place") {
  // fixtures/schema_vN.sql: a corpus as version N wrote it, with one pair of two beads.
  for (int v = 1; v <= sql::LatestSchemaVersion(); ++v) {
    DYNAMIC_SECTION("from version " << v) {
      TempDir dir;
      std::string db = dir / "old.db";
      std::string fixture = std::string(NEWSALIGN_SOURCE_DIR) + "/tests/store/fixtures/schema_v" +
                            std::to_string(v) + ".sql";
      RawExec(db, ReadFile(fixture));
      REQUIRE(RawInt(db, "PRAGMA user_version") == v);
      Store store = Store::Open(db);
      REQUIRE(store.schema_version() == sql::LatestSchemaVersion());
      REQUIRE(store.CheckConsistency().empty());
      std::vector<PairSummary> pairs = store.ListPairs();
      REQUIRE(pairs.size() == 1);
      REQUIRE(pairs[0].title == "Fixture pair");
      std::vector<std::pair<std::string, std::string>> have;
      store.ForEachBead({}, [&](const BeadRecord& b) { have.emplace_back(b.ru, b.en); });
      std::vector<std::pair<std::string, std::string>> want = {{"Первое предложение.", "First sentence."},
                                                               {"Второе. Третье.", "Second and third."}};
      REQUIRE(have == want);
      // The search index covers the old beads (built by the upgrade to version 2).
      REQUIRE(CheckSearchIndex(store).empty());
      REQUIRE(Searcher(store).Search("предложение").hits.size() == 1);
      // And the upgraded corpus takes new imports.
      REQUIRE(Import(store, SamplePair(dir.path().string())).action == ImportAction::kNew);
      REQUIRE(store.CheckConsistency().empty());
      REQUIRE(CheckSearchIndex(store).empty());
    }
  }
}

TEST_CASE("files that are not our corpus are refused and left alone") {
  TempDir dir;
  SECTION("another application's database") {
    std::string db = dir / "other.db";
    RawExec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
    REQUIRE_THROWS_AS(Store::Open(db), InputError);
    REQUIRE(RawInt(db, "SELECT count(*) FROM t") == 1);
  }
  SECTION("a newer newsalign's corpus") {
    std::string db = dir / "newer.db";
    { Store::Open(db); }
    RawExec(db, "PRAGMA user_version = 999");
    REQUIRE_THROWS_WITH(Store::Open(db), Catch::Contains("newer newsalign"));
  }
  SECTION("a text file") {
    std::string db = dir / "notes.txt";
    WriteFile(db, std::string(2000, 'x'));
    REQUIRE_THROWS_AS(Store::Open(db), InputError);
  }
  SECTION("a missing corpus when asked not to create one") {
    StoreOptions options;
    options.create = false;
    REQUIRE_THROWS_WITH(Store::Open(dir / "none.db", options), Catch::Contains("no corpus"));
  }
}

// --- import
TEST_CASE("importing a pair stores texts verbatim with spans and beads and provenance") {
  TempDir dir;
  std::string db = dir / "c.db";
  Store store = Store::Open(db);
  PairInput in = SamplePair(dir.path().string());
  ImportResult r = Import(store, in);
  REQUIRE(r.action == ImportAction::kNew);
  REQUIRE(r.ru_revision == 1);
  REQUIRE(r.en_revision == 1);
  REQUIRE(r.beads == 5);

  PairRecord rec = store.LoadPair(r.pair_id);
  REQUIRE(rec.ru.text == in.ru.text);
  REQUIRE(rec.en.text == in.en.text);
  REQUIRE(rec.ru.sentences.size() == 5);
  REQUIRE(rec.ru.paragraphs.size() == 2);
  for (size_t i = 0; i < rec.ru.sentences.size(); ++i) REQUIRE(rec.ru.SentenceText(i) == in.ru.SentenceText(i));
  REQUIRE(rec.ru.sentences[2].paragraph == 1);
  REQUIRE(rec.beads.size() == 5);
  REQUIRE(rec.beads[0].status == BeadStatus::kAuto);
  REQUIRE(rec.summary.title == "dushanbe");  // derived from the file name
  REQUIRE(rec.summary.version == 1);

  REQUIRE(RawInt(db, "SELECT count(*) FROM revisions WHERE sha256 = '" + Sha256Hex(in.ru.text) + "'") == 1);
  REQUIRE(Count(db, "provenance") == 1);
  REQUIRE(RawInt(db, "SELECT count(*) FROM provenance WHERE tool = 'newsalign' AND action = 'import'") == 1);
  REQUIRE(RawInt(db, "SELECT count(*) FROM beads WHERE type = '1-1'") == 5);
  // The view a full-text index can use returns the original bytes of each bead.
  REQUIRE(RawInt(db, "SELECT count(*) FROM bead_texts WHERE ru = 'Конференция продлится до 9 июня.' "
                     "AND en = 'The conference will last until June 9.'") == 1);
  REQUIRE(store.CheckConsistency().empty());
}

TEST_CASE("importing the same pair again changes nothing and says so") {
  TempDir dir;
  std::string db = dir / "c.db";
  Store store = Store::Open(db);
  ImportResult first = Import(store, SamplePair(dir.path().string()));
  long long changes_before = RawInt(db, "SELECT sum(version) FROM pairs") + Count(db, "revisions") +
                             Count(db, "beads") + Count(db, "provenance") + Count(db, "documents");
  SECTION("same files") {
    PairInput in = SamplePair(dir.path().string());
    ImportPlan plan = store.Plan(in);
    REQUIRE(plan.action == ImportAction::kUnchanged);
    Provenance prov;
    ImportResult again = store.Commit(in, plan, {}, prov);
    REQUIRE(again.action == ImportAction::kUnchanged);
    REQUIRE(again.pair_id == first.pair_id);
  }
  SECTION("the same texts under other file names (moved files)") {
    PairInput in = SamplePair(dir.path().string() + "/moved");
    REQUIRE(Import(store, in).action == ImportAction::kUnchanged);
  }
  SECTION("the same texts segmented differently by a newer segmenter") {
    PairInput in = SamplePair(dir.path().string());
    in.ru.sentences.pop_back();  // the stored segmentation wins: the alignment must fit it
    in.ru.sentences.back().span.end = in.ru.text.size();
    REQUIRE(Import(store, in).action == ImportAction::kUnchanged);
  }
  long long changes_after = RawInt(db, "SELECT sum(version) FROM pairs") + Count(db, "revisions") +
                            Count(db, "beads") + Count(db, "provenance") + Count(db, "documents");
  REQUIRE(changes_after == changes_before);
}

TEST_CASE("new metadata alone updates the pair and bumps its version") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  ImportResult first = Import(store, SamplePair(dir.path().string()));
  PairInput in = SamplePair(dir.path().string());
  in.title = "Вода для всех";
  in.date = "2018-06-20";
  ImportResult r = Import(store, in);
  REQUIRE(r.action == ImportAction::kMetadata);
  PairSummary s = store.LoadPair(first.pair_id).summary;
  REQUIRE(s.title == "Вода для всех");
  REQUIRE(s.date == "2018-06-20");
  REQUIRE(s.version == 2);
  in.date = "20.06.2018";
  REQUIRE_THROWS_AS(store.Plan(in), InputError);
}

TEST_CASE("a changed document becomes a new revision and keeps the confirmed beads") {
  TempDir dir;
  std::string db = dir / "c.db";
  Store store = Store::Open(db);
  ImportResult first = Import(store, SamplePair(dir.path().string()));
  // A translator confirms beads 0, 2 and 4 and edits bead 1.
  PairRecord rec = store.LoadPair(first.pair_id);
  std::vector<StoredBead> reviewed = rec.beads;
  reviewed[0].status = BeadStatus::kConfirmed;
  reviewed[1].status = BeadStatus::kEdited;
  reviewed[2].status = BeadStatus::kConfirmed;
  reviewed[4].status = BeadStatus::kConfirmed;
  reviewed[4].bead.score = 0.99;
  Provenance prov;
  store.ReplaceBeads(first.pair_id, rec.summary.version, reviewed, prov);

  // The English text changes: a sentence is reworded, and a new one is inserted before it.
  auto en = kEn;
  en[1][0] = "President Emomali Rahmon of Tajikistan delivered a speech \"Water for all\".";
  en[1].insert(en[1].begin(), "The forum is held every two years.");
  PairInput in = SamplePair(dir.path().string());
  in.en = MakeDoc(en, "en", in.en.path);
  ImportPlan plan = store.Plan(in);
  REQUIRE(plan.action == ImportAction::kRealign);
  REQUIRE_FALSE(plan.ru_revised);
  REQUIRE(plan.en_revised);
  // Bead 2 (ru 2 <-> en 2) lost its English sentence; 0, 1 and 4 survive, 4 shifted by one.
  REQUIRE(plan.fixed.size() == 3);
  REQUIRE(plan.dropped == 1);
  REQUIRE(plan.fixed[2].src_begin == 4);
  REQUIRE(plan.fixed[2].tgt_begin == 5);
  Alignment beads = FakeAlign(in.ru.sentences.size(), in.en.sentences.size(), plan.fixed);
  ImportResult r = store.Commit(in, plan, beads, prov);
  REQUIRE(r.action == ImportAction::kRealign);
  REQUIRE(r.pair_id == first.pair_id);
  REQUIRE(r.ru_revision == 1);
  REQUIRE(r.en_revision == 2);
  REQUIRE(r.kept == 3);
  REQUIRE(r.dropped == 1);

  PairRecord now = store.LoadPair(first.pair_id);
  REQUIRE(now.en.text == in.en.text);
  REQUIRE(now.summary.version == 3);
  int confirmed = 0, edited = 0;
  for (const StoredBead& b : now.beads) {
    if (b.status == BeadStatus::kConfirmed) ++confirmed;
    if (b.status == BeadStatus::kEdited) ++edited;
    if (b.bead.src_begin == 4 && b.bead.src_count == 1) {
      REQUIRE(b.status == BeadStatus::kConfirmed);
      REQUIRE(b.bead.tgt_begin == 5);
      REQUIRE(b.bead.score == Approx(0.99));
    }
  }
  REQUIRE(confirmed == 2);
  REQUIRE(edited == 1);
  // The old revision is kept as history.
  REQUIRE(RawInt(db, "SELECT count(*) FROM revisions r JOIN documents d ON d.id = r.document_id WHERE d.lang = 'en'") == 2);
  REQUIRE(store.CheckConsistency().empty());
  // And importing the new text again is a no-op.
  PairInput again = in;
  REQUIRE(Import(store, again).action == ImportAction::kUnchanged);
}

TEST_CASE("a failure in the middle of an import leaves nothing behind") {
  TempDir dir;
  std::string db = dir / "c.db";
  { Store::Open(db); }
  // Sabotage: the fourth bead cannot be written, after documents, revisions, sentences, the
  // pair and three beads were.
  RawExec(db, "CREATE TRIGGER sabotage BEFORE INSERT ON beads WHEN NEW.ru_begin = 3 "
              "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
  Store store = Store::Open(db);
  REQUIRE_THROWS_WITH(Import(store, SamplePair(dir.path().string())), Catch::Contains("injected failure"));
  for (const char* table : {"documents", "revisions", "paragraphs", "sentences", "pairs", "beads", "provenance"})
    REQUIRE(Count(db, table) == 0);
  REQUIRE(store.CheckConsistency().empty());
  // The connection is still usable.
  RawExec(db, "DROP TRIGGER sabotage");
  REQUIRE(Import(store, SamplePair(dir.path().string())).action == ImportAction::kNew);
}

TEST_CASE("an alignment that does not cover the documents is refused before writing") {
  TempDir dir;
  std::string db = dir / "c.db";
  Store store = Store::Open(db);
  PairInput in = SamplePair(dir.path().string());
  ImportPlan plan = store.Plan(in);
  Alignment beads = FakeAlign(in.ru.sentences.size(), in.en.sentences.size());
  beads.pop_back();
  Provenance prov;
  REQUIRE_THROWS_AS(store.Commit(in, plan, beads, prov), Error);
  REQUIRE(Count(db, "documents") == 0);
  REQUIRE(prov.id == 0);
}

TEST_CASE("an empty document is bad input") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  PairInput in = SamplePair(dir.path().string());
  in.en = MakeDoc({}, "en", "/x/empty.en.txt");
  REQUIRE_THROWS_WITH(store.Plan(in), Catch::Contains("empty.en.txt: no text"));
}

TEST_CASE("an import planned before another writer changed the pair is refused") {
  TempDir dir;
  std::string db = dir / "c.db";
  Store store = Store::Open(db);
  ImportResult first = Import(store, SamplePair(dir.path().string()));
  auto en = kEn;
  en[0][0] = "A conference on water opened in Dushanbe.";
  PairInput in = SamplePair(dir.path().string());
  in.en = MakeDoc(en, "en", in.en.path);
  ImportPlan plan = store.Plan(in);
  // Meanwhile someone (the workbench) edits the pair.
  RawExec(db, "UPDATE pairs SET version = version + 1");
  Provenance prov;
  REQUIRE_THROWS_WITH(store.Commit(in, plan, FakeAlign(5, 5), prov), Catch::Contains("changed while importing"));
  REQUIRE(store.LoadPair(first.pair_id).summary.en_revision == 1);
}

// --- reading back
TEST_CASE("list and stats and bead iteration with filters") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  ImportResult a = Import(store, SamplePair(dir.path().string(), "a"));
  auto en = kEn;
  en[1].pop_back();  // one Russian sentence without a translation: a 1-0 bead
  PairInput in = SamplePair(dir.path().string(), "b");
  in.en = MakeDoc(en, "en", in.en.path);
  in.en.text += " ";  // a different text from pair a's
  in.title = "Второй";
  ImportResult b = Import(store, in, BeadStatus::kConfirmed);

  std::vector<PairSummary> pairs = store.ListPairs();
  REQUIRE(pairs.size() == 2);
  REQUIRE(pairs[0].id == a.pair_id);
  REQUIRE(pairs[1].title == "Второй");
  REQUIRE(pairs[1].confirmed == 5);
  REQUIRE(pairs[0].doubtful == 2);  // FakeAlign scores 0.3, 0.5, 0.7, 0.9, 0.3

  CorpusStats st = store.Stats();
  REQUIRE(st.pairs == 2);
  REQUIRE(st.documents == 3);  // both pairs share the Russian document
  REQUIRE(st.documents_by_lang["ru"] == 1);
  REQUIRE(st.ru_sentences == 5);  // one Russian revision serves both pairs
  REQUIRE(st.en_sentences == 9);
  REQUIRE(st.beads == 10);
  REQUIRE(st.beads_by_type["1-0"] == 1);
  REQUIRE(st.beads_by_status["confirmed"] == 5);
  REQUIRE(st.doubtful == 2);  // confirmed beads are never doubtful

  auto collect = [&store](const BeadFilter& f) {
    std::vector<int64_t> ids;
    store.ForEachBead(f, [&ids](const BeadRecord& r) { ids.push_back(r.bead_id); });
    return ids;
  };
  BeadFilter all;
  REQUIRE(collect(all).size() == 10);
  BeadFilter confirmed;
  confirmed.statuses = {BeadStatus::kConfirmed};
  REQUIRE(collect(confirmed).size() == 5);
  BeadFilter good;
  good.min_score = 0.6;
  REQUIRE(collect(good).size() == 4);
  BeadFilter one;
  one.pair_ids = {b.pair_id};
  one.both_sides = true;
  REQUIRE(collect(one).size() == 4);
  BeadFilter none;
  none.pair_ids = {12345};
  REQUIRE(collect(none).empty());
  REQUIRE_THROWS_AS(store.LoadPair(12345), InputError);

  // Bead texts are the author's sentences joined by one space, across the paragraph break.
  std::vector<std::string> ru;
  store.ForEachBead(one, [&ru](const BeadRecord& r) { ru.emplace_back(r.ru); });
  REQUIRE(ru[0] == kRu[0][0]);
}

// --- a kill at any moment
TEST_CASE("killing an import at random moments leaves each pair whole or absent") {
  TempDir dir;
  std::string db = dir / "c.db";
  { Store::Open(db); }
  // Big documents so that a kill lands inside a transaction most of the time.
  std::vector<std::vector<std::string>> ru(1), en(1);
  for (int i = 0; i < 4000; ++i) {
    ru[0].push_back("Предложение номер " + std::to_string(i) + " о воде и экономике региона.");
    en[0].push_back("Sentence number " + std::to_string(i) + " about water and the regional economy.");
  }
  std::mt19937 rng(42);
  for (int round = 0; round < 6; ++round) {
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      try {
        Store store = Store::Open(db);
        for (int k = 0; k < 1000; ++k) {
          PairInput in;
          in.ru = MakeDoc(ru, "ru", "/kill/" + std::to_string(round) + "-" + std::to_string(k) + ".ru.txt");
          in.en = MakeDoc(en, "en", "/kill/" + std::to_string(round) + "-" + std::to_string(k) + ".en.txt");
          in.ru.text += "\n\n#" + std::to_string(round * 1000 + k);  // distinct texts, same sentences
          in.en.text += "\n\n#" + std::to_string(round * 1000 + k);
          Import(store, in);
        }
      } catch (...) {
        _exit(3);
      }
      _exit(0);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 400));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    Store store = Store::Open(db);
    std::vector<std::string> problems = store.CheckConsistency();
    INFO("round " << round << ": " << (problems.empty() ? "" : problems[0]));
    REQUIRE(problems.empty());
    REQUIRE(RawInt(db, "SELECT count(*) FROM documents d WHERE NOT EXISTS "
                       "(SELECT 1 FROM pairs p WHERE p.ru_document_id = d.id OR p.en_document_id = d.id)") == 0);
    for (const PairSummary& p : store.ListPairs()) {
      REQUIRE(p.ru_sentences == 4000);
      REQUIRE(p.beads == 4000);
    }
  }
}

// --- the importer with the real aligner
TEST_CASE("the importer aligns new pairs and realigns keeping reviewed beads") {
  TempDir dir;
  std::string db = dir / "c.db";
  Store store = Store::Open(db);
  AlignOptions options;
  options.use_dictionary = false;
  Aligner aligner(options);
  Importer importer(store, aligner, options);
  std::vector<PairInput> inputs = {SamplePair(dir.path().string(), "a"), SamplePair(dir.path().string(), "b")};
  inputs[1].ru.text += "\n";  // another document with the same sentences
  inputs[1].en.text += "\n";
  std::vector<ImportResult> results = importer.Import(inputs);
  REQUIRE(results.size() == 2);
  REQUIRE(results[0].action == ImportAction::kNew);
  REQUIRE(results[1].action == ImportAction::kNew);
  REQUIRE(results[0].beads == 5);
  REQUIRE(RawInt(db, "SELECT count(*) FROM provenance") == 1);  // one batch, one provenance row
  REQUIRE(RawInt(db, "SELECT count(*) FROM provenance WHERE options LIKE '%\"src_lang\":\"ru\"%'") == 1);

  std::vector<PairInput> again = {SamplePair(dir.path().string(), "a")};
  REQUIRE(importer.Import(again)[0].action == ImportAction::kUnchanged);

  PairRecord rec = store.LoadPair(results[0].pair_id);
  std::vector<StoredBead> beads = rec.beads;
  beads[3].status = BeadStatus::kConfirmed;
  Provenance prov;
  store.ReplaceBeads(rec.summary.id, rec.summary.version, beads, prov);
  ImportResult r = importer.Realign(rec.summary.id);
  REQUIRE(r.kept == 1);
  REQUIRE(r.dropped == 0);
  PairRecord now = store.LoadPair(rec.summary.id);
  REQUIRE(now.summary.version == rec.summary.version + 2);
  REQUIRE(now.beads[3].status == BeadStatus::kConfirmed);
  REQUIRE(now.beads[3].bead == beads[3].bead);
  REQUIRE(store.CheckConsistency().empty());
}
