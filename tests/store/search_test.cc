// The concordance (issue 7) on real SQLite files: inflected Russian and English queries,
// phrases, prefixes, marks on both sides, the index kept current by imports, bead edits,
// sentence edits and deletes, and bad queries.
#include "newsalign/store/search.h"

#include <catch2/catch.hpp>
#include <optional>
#include <set>

#include "newsalign/core/error.h"
#include "newsalign/lexicon/dictionary.h"
#include "newsalign/store/schema.h"
#include "newsalign/store/sqlite.h"
#include "newsalign/store/tokenizer.h"
#include "newsalign/text/words.h"
#include "store/test_util.h"

using namespace newsalign;
using namespace newsalign::test;

namespace {

// One sentence a paragraph, 1-1 beads.
const std::vector<std::vector<std::string>> kRu = {
    {"Катар обвинили в поддержке терроризма."},
    {"Суд приговорил его к 10 годам за терроризм."},
    {"Насилие, связанное с терроризмом, оправдывает чрезвычайные меры."},
    {"Заседание Исполнительного комитета прошло 9 июня."},
    {"Комитет решил, что исполнительный директор уйдёт."},
    {"Бывший министр Сысоев выступил против террористов."}};
const std::vector<std::vector<std::string>> kEn = {
    {"Qatar was accused of supporting terrorism."},
    {"The court sentenced him to 10 years for terrorism."},
    {"Violence associated with terrorism justifies extraordinary measures."},
    {"The Executive Committee met on June 9."},
    {"The committee decided that the executive director would leave."},
    {"Former minister Sysoev spoke out against the terrorists."}};

PairInput Pair(const std::string& dir, const std::vector<std::vector<std::string>>& ru = kRu,
               const std::vector<std::vector<std::string>>& en = kEn, const std::string& name = "news") {
  PairInput in;
  in.ru = MakeDoc(ru, "ru", dir + "/" + name + ".ru.txt");
  in.en = MakeDoc(en, "en", dir + "/" + name + ".en.txt");
  in.title = "Fixture " + name;
  in.date = "2020-07-26";
  return in;
}

ImportResult Import(Store& store, PairInput in, BeadStatus status = BeadStatus::kAuto) {
  Provenance prov;
  ImportPlan plan = store.Plan(in);
  Alignment beads = plan.NeedsAlignment() ? FakeAlign(in.ru.sentences.size(), in.en.sentences.size(), plan.fixed)
                                          : Alignment{};
  return store.Commit(in, plan, beads, prov, status);
}

// The marked substrings of one side, in order.
std::vector<std::string> Marked(const std::string& text, const std::vector<Mark>& marks,
                                std::optional<MarkKind> kind = std::nullopt) {
  std::vector<std::string> out;
  for (const Mark& m : marks)
    if (!kind || m.kind == *kind) out.push_back(text.substr(m.begin, m.end - m.begin));
  return out;
}

std::set<std::string> HitTexts(const SearchResult& r, const std::string& side) {
  std::set<std::string> out;
  for (const SearchHit& h : r.hits) out.insert(side == "ru" ? h.ru : h.en);
  return out;
}

// A two-pair dictionary on stems, so the tests need no installed dictionary.
StemDictionary SmallDictionary() {
  WordTools ru("ru"), en("en");
  StemDictionary::Builder b;
  b.Add(ru.Stem("терроризм"), en.Stem("terrorism"));
  b.Add(ru.Stem("комитет"), en.Stem("committee"));
  b.Add(ru.Stem("террорист"), en.Stem("terrorist"));
  return std::move(b).Build();
}

}  // namespace

// --- the tokenizer
TEST_CASE("the tokenizer folds case, stems, and keeps the author's byte spans") {
  TermTokenizer ru("ru");
  std::vector<IndexTerm> terms;
  std::string text = "ТЕРРОРИЗМОМ и «Терроризма» — Reuters";
  ru.Tokenize(text, false, &terms);
  REQUIRE(terms.size() == 4);
  REQUIRE(terms[0].term == terms[2].term);  // one stem for both forms
  REQUIRE(text.substr(terms[0].begin, terms[0].end - terms[0].begin) == "ТЕРРОРИЗМОМ");
  REQUIRE(text.substr(terms[2].begin, terms[2].end - terms[2].begin) == "Терроризма");
  REQUIRE(terms[3].term == "reuter");  // Latin words in Russian text: the English stemmer
  // A prefix query keeps what the user typed unless the stem is a prefix of it.
  ru.Tokenize("террор", true, &terms);
  REQUIRE(terms.size() == 1);
  REQUIRE(terms[0].term.rfind("террор", 0) == 0);
  TermTokenizer en("en");
  en.Tokenize("terrorists", true, &terms);
  REQUIRE(terms[0].term == "terrorist");
}

// --- query syntax
TEST_CASE("queries become FTS5 expressions with every item quoted") {
  struct Case {
    std::string query, fts;
  };
  const std::vector<Case> cases = {
      {"терроризм", "(\"терроризм\")"},
      {"a b", "(\"a\") AND (\"b\")"},
      {"\"Executive Committee\"", "(\"Executive Committee\")"},
      {"террор*", "(\"террор\"*)"},
      {"\"white hou\"*", "(\"white hou\"*)"},
      {"a b OR c", "(\"a\") AND (\"b\" OR \"c\")"},
      {"a -b", "(\"a\") NOT \"b\""},
      {"a NOT b", "(\"a\") NOT \"b\""},
      {"covid-19 U.S.", "(\"covid-19\") AND (\"U.S.\")"},
      {"say \"\"", "(\"say\")"},  // an empty phrase is dropped
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    DYNAMIC_SECTION(cases[i].query) { REQUIRE(ParseQuery(cases[i].query).fts == cases[i].fts); }
  }
  // Mistakes are the user's, in one clear line.
  for (const char* bad : {"", "   ", "\"unbalanced", "-only", "OR a", "a OR", "a OR -b", "*"}) {
    DYNAMIC_SECTION("bad: " << bad) { REQUIRE_THROWS_AS(ParseQuery(bad), InputError); }
  }
}

// --- search
TEST_CASE("inflected Russian and English queries find every form") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  Import(store, Pair(dir.path().string()));
  Searcher searcher(store);

  SECTION("терроризм finds терроризма, терроризм, терроризмом") {
    SearchResult r = searcher.Search("терроризм");
    REQUIRE(r.hits.size() == 3);
    REQUIRE(HitTexts(r, "ru") == std::set<std::string>{kRu[0][0], kRu[1][0], kRu[2][0]});
    for (const SearchHit& h : r.hits) REQUIRE(h.side == "ru");
  }
  SECTION("terrorist finds terrorists; terrorism is another stem") {
    SearchResult r = searcher.Search("terrorist", {"en"});
    REQUIRE(HitTexts(r, "en") == std::set<std::string>{kEn[5][0]});
    REQUIRE(searcher.Search("TERRORISM").hits.size() == 3);
  }
  SECTION("both sides by default, one side when asked") {
    REQUIRE(searcher.Search("Qatar OR Катар").hits.size() == 1);  // one bead, listed once
    SearchOptions ru_only;
    ru_only.lang = "ru";
    REQUIRE(searcher.Search("terrorism", ru_only).hits.empty());
  }
  SECTION("phrases match adjacent words only, in any inflection") {
    SearchResult r = searcher.Search("\"исполнительный комитет\"");
    REQUIRE(HitTexts(r, "ru") == std::set<std::string>{kRu[3][0]});
    r = searcher.Search("\"executive committee\"");
    REQUIRE(HitTexts(r, "en") == std::set<std::string>{kEn[3][0]});
    // Both words, not as a phrase: both beads.
    REQUIRE(searcher.Search("исполнительный комитет").hits.size() == 2);
  }
  SECTION("prefixes") {
    SearchResult r = searcher.Search("террор*");
    REQUIRE(r.hits.size() == 4);
    REQUIRE(searcher.Search("terror*", {"en"}).hits.size() == 4);
    REQUIRE(searcher.Search("\"исполнительного комит\"*").hits.size() == 1);
  }
  SECTION("exclusion") {
    REQUIRE(searcher.Search("терроризм -Катар").hits.size() == 2);
  }
  SECTION("hits carry the pair's title and date") {
    SearchResult r = searcher.Search("Катар");
    REQUIRE(r.hits.size() == 1);
    REQUIRE(r.hits[0].title == "Fixture news");
    REQUIRE(r.hits[0].date == "2020-07-26");
  }
}

TEST_CASE("the hit is marked, and its likely translation on the other side") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  Import(store, Pair(dir.path().string()));
  StemDictionary dictionary = SmallDictionary();
  Searcher searcher(store, &dictionary);

  SECTION("a dictionary translation") {
    SearchResult r = searcher.Search("терроризмом");
    REQUIRE(r.hits.size() == 3);
    for (const SearchHit& h : r.hits) {
      REQUIRE(Marked(h.ru, h.ru_marks, MarkKind::kQuery).size() == 1);
      REQUIRE(Marked(h.en, h.en_marks) == std::vector<std::string>{"terrorism"});
    }
    const SearchHit* h = nullptr;
    for (const SearchHit& x : r.hits)
      if (x.ru == kRu[2][0]) h = &x;
    REQUIRE(h != nullptr);
    REQUIRE(Marked(h->ru, h->ru_marks) == std::vector<std::string>{"терроризмом"});
  }
  SECTION("from English to Russian, and a phrase marks all its words") {
    SearchResult r = searcher.Search("\"Executive Committee\"");
    REQUIRE(r.hits.size() == 1);
    REQUIRE(Marked(r.hits[0].en, r.hits[0].en_marks) == std::vector<std::string>{"Executive", "Committee"});
    REQUIRE(Marked(r.hits[0].ru, r.hits[0].ru_marks) == std::vector<std::string>{"комитета"});
  }
  SECTION("names and numbers") {
    SearchResult r = searcher.Search("Сысоев");
    REQUIRE(r.hits.size() == 1);
    REQUIRE(Marked(r.hits[0].en, r.hits[0].en_marks, MarkKind::kName) == std::vector<std::string>{"Sysoev"});
    r = searcher.Search("10", {"ru"});
    REQUIRE(r.hits.size() == 1);
    REQUIRE(Marked(r.hits[0].en, r.hits[0].en_marks, MarkKind::kNumber) == std::vector<std::string>{"10"});
  }
  SECTION("translations learned from the hits themselves, without a dictionary") {
    Searcher plain(store);
    SearchResult r = plain.Search("терроризм");
    REQUIRE(r.learned_en == std::vector<std::string>{"terror"});
    for (const SearchHit& h : r.hits)
      REQUIRE(Marked(h.en, h.en_marks, MarkKind::kLearned) == std::vector<std::string>{"terrorism"});
  }
}

TEST_CASE("confirmed beads rank first") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  Import(store, Pair(dir.path().string()));
  int64_t last = Searcher(store).Search("терроризм").hits.back().bead_id;
  {
    sql::Db db = sql::Db::Open(dir / "c.db", false, 1000);
    sql::Stmt s(db, "UPDATE beads SET status = 'confirmed' WHERE id = ?1");
    s.Bind(1, last).Run();
  }
  SearchResult r = Searcher(store).Search("терроризм");
  REQUIRE(r.hits.front().bead_id == last);
  REQUIRE(r.hits.front().status == BeadStatus::kConfirmed);
}

// Issue 7: ranking reads each match once and computes bm25 itself; the scores must be the
// ones FTS5's bm25() gives, for every kind of query.
TEST_CASE("issue 7: the one-pass ranking gives FTS5's bm25") {
  TempDir dir;
  const std::string path = dir / "c.db";
  Store store = Store::Open(path);
  Import(store, Pair(dir.path().string()));
  Import(store, Pair(dir.path().string(), {{"Терроризм и терроризм: второй документ о терроризме, без комитета."}},
                     {{"Terrorism, terrorism and a committee: a second text on terrorism."}}, "other"));
  Searcher searcher(store);
  sql::Db db = sql::Db::Open(path, false, 1000);
  const std::vector<std::string> queries = {
      "терроризм",          "terrorism",          "\"executive committee\"", "террор*",
      "terror* committee",  "терроризм -Катар",   "Qatar OR terrorism",       "комитет OR терроризм",
      "\"исполнительного комит\"*"};
  for (const std::string& query : queries) {
    DYNAMIC_SECTION(query) {
      SearchResult r = searcher.Search(query);
      REQUIRE(!r.hits.empty());
      for (const SearchHit& h : r.hits) {
        const std::string table = h.side == "ru" ? "bead_fts_ru" : "bead_fts_en";
        const std::string sql_text =
            "SELECT bm25(" + table + ") FROM " + table + " WHERE " + table + " MATCH ?1 AND rowid = ?2";
        sql::Stmt s(db, sql_text.c_str());
        s.Bind(1, ParseQuery(query).fts).Bind(2, h.bead_id);
        REQUIRE(s.Step());
        REQUIRE(h.bm25 == Approx(s.Double(0)).epsilon(1e-9));
        REQUIRE(h.bm25 < 0);
      }
    }
  }
}

// --- the index follows the corpus
TEST_CASE("the index follows bead edits, re-imports, sentence edits and deletes") {
  TempDir dir;
  const std::string path = dir / "c.db";
  Store store = Store::Open(path);
  ImportResult first = Import(store, Pair(dir.path().string()));
  Import(store, Pair(dir.path().string(), {{"Второй документ о терроризме."}}, {{"A second text on terrorism."}},
                     "other"));
  Searcher searcher(store);
  REQUIRE(searcher.Search("терроризм").hits.size() == 4);
  REQUIRE(CheckSearchIndex(store).empty());

  SECTION("beads replaced (a 2-2 merge)") {
    PairRecord rec = store.LoadPair(first.pair_id);
    std::vector<StoredBead> beads;
    StoredBead merged;
    merged.bead = Bead{0, 2, 0, 2, 1.0};
    merged.status = BeadStatus::kEdited;
    beads.push_back(merged);
    for (size_t k = 2; k < rec.beads.size(); ++k) beads.push_back(rec.beads[k]);
    Provenance prov;
    prov.action = "edit";
    store.ReplaceBeads(first.pair_id, rec.summary.version, beads, prov);
    REQUIRE(CheckSearchIndex(store).empty());
    SearchResult r = searcher.Search("Катар");
    REQUIRE(r.hits.size() == 1);
    REQUIRE(r.hits[0].ru == kRu[0][0] + "\n\n" + kRu[1][0]);  // the author's bytes: two paragraphs
    REQUIRE(r.hits[0].status == BeadStatus::kEdited);
    REQUIRE(searcher.Search("терроризм").hits.size() == 3);  // two sentences are one bead now
  }
  SECTION("a revised document re-imported") {
    auto ru = kRu;
    ru[0][0] = "Катар обвинили в поддержке экстремизма.";
    Import(store, Pair(dir.path().string(), ru, kEn));
    REQUIRE(CheckSearchIndex(store).empty());
    REQUIRE(searcher.Search("экстремизм").hits.size() == 1);
    REQUIRE(searcher.Search("терроризм").hits.size() == 3);
  }
  SECTION("a sentence split in place, then the pair updated (the workbench's way)") {
    sql::Db db = sql::Db::Open(path, false, 1000);
    sql::Transaction tx(db);
    // The first Russian sentence ends 7 bytes earlier; its bead's text shrinks.
    sql::Stmt s(db,
                "UPDATE sentences SET end_byte = end_byte - 7 WHERE idx = 0 AND revision_id = "
                "(SELECT ru_revision_id FROM pairs WHERE id = ?1)");
    s.Bind(1, first.pair_id).Run();
    sql::Stmt v(db, "UPDATE pairs SET version = version + 1 WHERE id = ?1");
    v.Bind(1, first.pair_id).Run();
    tx.Commit();
    REQUIRE(CheckSearchIndex(store).empty());
    REQUIRE(searcher.Search("терроризм").hits.size() == 3);
  }
  SECTION("a pair deleted") {
    sql::Db db = sql::Db::Open(path, false, 1000);
    db.Exec("PRAGMA foreign_keys = ON");
    sql::Stmt d(db, "DELETE FROM pairs WHERE id = ?1");
    d.Bind(1, first.pair_id).Run();
    REQUIRE(CheckSearchIndex(store).empty());
    SearchResult r = searcher.Search("терроризм");
    REQUIRE(HitTexts(r, "ru") == std::set<std::string>{"Второй документ о терроризме."});
  }
  SECTION("a document deleted (its revisions and pairs go by cascade)") {
    sql::Db db = sql::Db::Open(path, false, 1000);
    db.Exec("PRAGMA foreign_keys = ON");
    sql::Stmt d(db, "DELETE FROM documents WHERE origin LIKE '%news.en.txt'");
    d.Run();
    REQUIRE(RawInt(path, "SELECT count(*) FROM pairs") == 1);
    REQUIRE(CheckSearchIndex(store).empty());
    REQUIRE(searcher.Search("терроризм").hits.size() == 1);
  }
  SECTION("rebuilt from scratch, the same") {
    RebuildSearchIndex(store);
    REQUIRE(CheckSearchIndex(store).empty());
    REQUIRE(searcher.Search("терроризм").hits.size() == 4);
  }
}

TEST_CASE("a corpus without the index is upgraded and bad queries are the user's problem") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  REQUIRE(store.schema_version() >= 2);
  Searcher searcher(store);
  REQUIRE(searcher.Search("ничего").hits.empty());
  REQUIRE_THROWS_WITH(searcher.Search("\"unbalanced"), Catch::Contains("unbalanced"));
  REQUIRE_THROWS_AS(searcher.Search("-x"), InputError);
  SearchOptions bad;
  bad.lang = "de";
  REQUIRE_THROWS_AS(searcher.Search("x", bad), InputError);
}
