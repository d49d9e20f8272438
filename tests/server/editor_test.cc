// The workbench's edits on real SQLite files (store/editor.h): every kind of edit, undo and
// redo back to the exact starting state, stale versions refused, shared revisions forked,
// and after each step the corpus and its full-text index still consistent.
#include "newsalign/store/editor.h"

#include <catch2/catch.hpp>

#include "newsalign/align/aligner.h"
#include "newsalign/core/error.h"
#include "newsalign/store/search.h"
#include "server/sample_pair.h"
#include "store/test_util.h"

using namespace newsalign;
using namespace newsalign::test;

namespace {

// "1-1 1-1 1-1 1-1 0-1 0-1": the shapes, in order.
std::string Shapes(const PairRecord& rec) {
  std::string out;
  for (const StoredBead& b : rec.beads) out += (out.empty() ? "" : " ") + b.bead.Type();
  return out;
}

std::vector<std::string> Texts(const Document& doc) {
  std::vector<std::string> out;
  for (size_t i = 0; i < doc.sentences.size(); ++i) out.emplace_back(doc.SentenceText(i));
  return out;
}

void RequireConsistent(const Store& store) {
  REQUIRE(store.CheckConsistency() == std::vector<std::string>{});
  REQUIRE(CheckSearchIndex(store) == std::vector<std::string>{});
}

struct Fixture {
  TempDir dir;
  std::string db = dir / "corpus.db";
  Store store = Store::Open(db);
  int64_t pair = StorePair(store, dir.path().string());
  PairEditor editor{db};
  int64_t version() { return store.LoadPair(pair).summary.version; }
};

}  // namespace

// --- each edit, then undo and redo
TEST_CASE("editor: confirm, merge, split, move, detach each change the beads they should") {
  Fixture f;
  const PairRecord start = f.store.LoadPair(f.pair);
  REQUIRE(Shapes(start) == "1-1 1-1 1-1 1-1 0-1 0-1");

  struct Case {
    const char* name;
    std::function<EditResult(PairEditor&, int64_t, int64_t)> edit;
    const char* shapes;
    const char* statuses;  // first letters: a(uto), c(onfirmed), e(dited)
  };
  const std::vector<Case> cases = {
      {"confirm", [](PairEditor& e, int64_t p, int64_t v) { return e.SetStatus(p, v, 1, BeadStatus::kConfirmed); },
       "1-1 1-1 1-1 1-1 0-1 0-1", "acaaaa"},
      {"merge", [](PairEditor& e, int64_t p, int64_t v) { return e.Merge(p, v, 3); }, "1-1 1-1 1-1 1-2 0-1",
       "aaaea"},
      {"split 1-1 by default", [](PairEditor& e, int64_t p, int64_t v) { return e.Split(p, v, 0, -1, -1); },
       "1-0 0-1 1-1 1-1 1-1 0-1 0-1", "eeaaaaa"},
      {"move ru to next", [](PairEditor& e, int64_t p, int64_t v) { return e.Move(p, v, 1, TextSide::kRu, true); },
       "1-1 0-1 2-1 1-1 0-1 0-1", "aeeaaa"},
      {"move en to prev", [](PairEditor& e, int64_t p, int64_t v) { return e.Move(p, v, 4, TextSide::kEn, false); },
       "1-1 1-1 1-1 1-2 0-1", "aaaea"},
      {"detach ru", [](PairEditor& e, int64_t p, int64_t v) { return e.Detach(p, v, TextSide::kRu, 2); },
       "1-1 1-1 1-0 0-1 1-1 0-1 0-1", "aaeeaaa"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      EditResult r = c.edit(f.editor, f.pair, start.summary.version);
      REQUIRE(r.changed);
      REQUIRE(r.version == start.summary.version + 1);
      PairRecord now = f.store.LoadPair(f.pair);
      REQUIRE(Shapes(now) == c.shapes);
      std::string statuses;
      for (const StoredBead& b : now.beads) statuses += StatusName(b.status)[0];
      REQUIRE(statuses == c.statuses);
      RequireConsistent(f.store);

      r = f.editor.Undo(f.pair, r.version);
      REQUIRE(r.changed);
      PairRecord undone = f.store.LoadPair(f.pair);
      REQUIRE(Shapes(undone) == Shapes(start));
      for (size_t i = 0; i < start.beads.size(); ++i) {
        REQUIRE(undone.beads[i].status == start.beads[i].status);
        REQUIRE(undone.beads[i].bead.score == Approx(start.beads[i].bead.score));
      }
      RequireConsistent(f.store);

      r = f.editor.Redo(f.pair, r.version);
      REQUIRE(r.changed);
      REQUIRE(Shapes(f.store.LoadPair(f.pair)) == c.shapes);
      RequireConsistent(f.store);
    }
  }
}

// --- segmentation fixes: spans of the stored text
TEST_CASE("editor: splitting and joining sentences changes spans, not text, and undoes exactly") {
  Fixture f;
  const PairRecord start = f.store.LoadPair(f.pair);
  const std::string joined = Texts(start.ru)[2];
  const size_t cut = joined.find(" Он призвал");
  REQUIRE(cut != std::string::npos);

  EditResult r = f.editor.SplitSentence(f.pair, start.summary.version, TextSide::kRu, 2, cut);
  PairRecord split = f.store.LoadPair(f.pair);
  REQUIRE(Texts(split.ru) == std::vector<std::string>{Texts(start.ru)[0], Texts(start.ru)[1],
                                                        "Президент Таджикистана Эмомали Рахмон выступил с речью «Вода для всех».",
                                                        "Он призвал к сотрудничеству.", Texts(start.ru)[3]});
  REQUIRE(split.ru.text == start.ru.text);
  REQUIRE(split.summary.ru_sentences == 5);
  REQUIRE(Shapes(split) == "1-1 1-1 2-1 1-1 0-1 0-1");  // the new sentence stays in its bead
  RequireConsistent(f.store);

  // Now the translator can give each half its own bead.
  r = f.editor.Split(f.pair, r.version, 2, 1, 1);
  REQUIRE(Shapes(f.store.LoadPair(f.pair)) == "1-1 1-1 1-1 1-0 1-1 0-1 0-1");
  RequireConsistent(f.store);

  for (int i = 0; i < 2; ++i) r = f.editor.Undo(f.pair, r.version);
  PairRecord back = f.store.LoadPair(f.pair);
  REQUIRE(Texts(back.ru) == Texts(start.ru));
  REQUIRE(Shapes(back) == Shapes(start));
  RequireConsistent(f.store);

  // Join across beads: the second sentence leaves its bead, which keeps its other side.
  r = f.editor.JoinSentences(f.pair, r.version, TextSide::kEn, 1);
  PairRecord j = f.store.LoadPair(f.pair);
  REQUIRE(Texts(j.en)[1] == "It was attended by 2,000 delegates from 70 countries. That is more than in 2018.");
  REQUIRE(j.summary.en_sentences == 5);
  REQUIRE(Shapes(j) == "1-1 1-1 1-0 1-1 0-1 0-1");
  RequireConsistent(f.store);
  r = f.editor.Undo(f.pair, r.version);
  REQUIRE(Texts(f.store.LoadPair(f.pair).en) == Texts(start.en));
  REQUIRE(Shapes(f.store.LoadPair(f.pair)) == Shapes(start));
  RequireConsistent(f.store);
}

TEST_CASE("editor: a sentence split trims the space at the cut and refuses a cut inside a character") {
  Fixture f;
  const int64_t v = f.version();
  REQUIRE_THROWS_AS(f.editor.SplitSentence(f.pair, v, TextSide::kRu, 0, 1), InputError);  // inside "В" (2 bytes)
  REQUIRE_THROWS_AS(f.editor.SplitSentence(f.pair, v, TextSide::kRu, 0, 0), InputError);
  REQUIRE_THROWS_AS(f.editor.SplitSentence(f.pair, v, TextSide::kRu, 9, 4), InputError);
  // "В Душанбе" cut at the space: "В" and "Душанбе открылась ..."
  f.editor.SplitSentence(f.pair, v, TextSide::kRu, 0, 3);
  PairRecord rec = f.store.LoadPair(f.pair);
  REQUIRE(Texts(rec.ru)[0] == "В");
  REQUIRE(Texts(rec.ru)[1] == "Душанбе открылась международная конференция по водным ресурсам.");
  REQUIRE(f.version() == v + 1);
}

// --- versions and history
TEST_CASE("editor: an edit on a stale version is refused and writes nothing") {
  Fixture f;
  const int64_t v = f.version();
  f.editor.Merge(f.pair, v, 0);
  PairEditor other(f.db);  // a second tab
  REQUIRE_THROWS_AS(other.SetStatus(f.pair, v, 0, BeadStatus::kConfirmed), StaleEditError);
  try {
    other.Undo(f.pair, v);
    FAIL("undo on a stale version went through");
  } catch (const StaleEditError& e) {
    REQUIRE(e.current_version() == v + 1);
    REQUIRE(std::string(e.what()).find("changed meanwhile") != std::string::npos);
  }
  REQUIRE(Shapes(f.store.LoadPair(f.pair)) == "2-2 1-1 1-1 0-1 0-1");
}

TEST_CASE("editor: a new edit clears redo; undo past the start says so") {
  Fixture f;
  EditResult r = f.editor.Merge(f.pair, f.version(), 0);
  r = f.editor.Undo(f.pair, r.version);
  r = f.editor.SetStatus(f.pair, r.version, 0, BeadStatus::kConfirmed);
  EditResult none = f.editor.Redo(f.pair, r.version);
  REQUIRE_FALSE(none.changed);
  REQUIRE(none.label == "nothing to redo");
  r = f.editor.Undo(f.pair, r.version);
  none = f.editor.Undo(f.pair, r.version);
  REQUIRE_FALSE(none.changed);
  REQUIRE(none.version == r.version);
  std::vector<EditEntry> h = f.editor.History(f.pair);
  REQUIRE(h.size() == 1);
  REQUIRE(h[0].label == "confirmed bead 1");
  REQUIRE(h[0].undone);
}

TEST_CASE("editor: an edit that changes nothing writes nothing") {
  Fixture f;
  const int64_t v = f.version();
  EditResult r = f.editor.SetStatus(f.pair, v, 0, BeadStatus::kAuto);
  REQUIRE_FALSE(r.changed);
  REQUIRE(r.version == v);
  REQUIRE(f.editor.History(f.pair).empty());
}

TEST_CASE("editor: bad requests name the problem") {
  Fixture f;
  const int64_t v = f.version();
  REQUIRE_THROWS_WITH(f.editor.Merge(f.pair, v, 5), Catch::Contains("last one"));
  REQUIRE_THROWS_WITH(f.editor.Merge(f.pair, v, 17), Catch::Contains("no bead 17"));
  REQUIRE_THROWS_WITH(f.editor.Split(f.pair, v, 0, 1, 1), Catch::Contains("both parts"));
  REQUIRE_THROWS_WITH(f.editor.Move(f.pair, v, 0, TextSide::kRu, false), Catch::Contains("no previous"));
  REQUIRE_THROWS_WITH(f.editor.Merge(99, v, 0), Catch::Contains("no pair 99"));
  REQUIRE(f.version() == v);
}

TEST_CASE("editor: an import in between makes old edits refuse to be undone") {
  Fixture f;
  EditResult r = f.editor.Merge(f.pair, f.version(), 0);
  // Something outside the editor (a realignment by the CLI) moves the version on.
  PairRecord rec = f.store.LoadPair(f.pair);
  Provenance prov;
  f.store.ReplaceBeads(f.pair, rec.summary.version, rec.beads, prov);
  REQUIRE_THROWS_WITH(f.editor.Undo(f.pair, r.version + 1), Catch::Contains("can no longer be undone"));
}

TEST_CASE("editor: a segmentation fix on a revision two pairs share forks it") {
  Fixture f;
  // A second pair: the same Russian document with another English one.
  PairInput in;
  in.ru = MakeDoc(kRu, "ru", f.dir / "dushanbe.ru.txt");
  in.en = MakeDoc({{"One.", "Two.", "Three.", "Four."}}, "en", f.dir / "other.en.txt");
  Provenance prov;
  ImportPlan plan = f.store.Plan(in);
  const int64_t other = f.store.Commit(in, plan, FakeAlign(4, 4), prov).pair_id;
  REQUIRE(other != f.pair);

  f.editor.SplitSentence(f.pair, f.version(), TextSide::kRu, 0, 3);
  REQUIRE(f.store.LoadPair(f.pair).summary.ru_sentences == 5);
  REQUIRE(f.store.LoadPair(other).summary.ru_sentences == 4);  // untouched
  REQUIRE(f.store.LoadPair(f.pair).summary.ru_revision == 2);  // the fork: same text, next number
  RequireConsistent(f.store);
}

TEST_CASE("editor: undo and redo survive a long random session") {
  Fixture f;
  const PairRecord start = f.store.LoadPair(f.pair);
  int64_t v = start.summary.version;
  unsigned seed = 12345;
  auto next = [&seed](int n) {
    seed = seed * 1103515245u + 12345u;
    return static_cast<int>((seed >> 8) % static_cast<unsigned>(n));
  };
  int applied = 0;
  for (int step = 0; step < 120; ++step) {
    PairRecord rec = f.store.LoadPair(f.pair);
    const int n = static_cast<int>(rec.beads.size());
    const TextSide side = next(2) ? TextSide::kRu : TextSide::kEn;
    const int sentences = side == TextSide::kRu ? rec.summary.ru_sentences : rec.summary.en_sentences;
    try {
      EditResult r;
      switch (next(7)) {
        case 0: r = f.editor.SetStatus(f.pair, v, next(n), BeadStatus::kConfirmed); break;
        case 1: r = f.editor.Merge(f.pair, v, next(n)); break;
        case 2: r = f.editor.Split(f.pair, v, next(n), -1, -1); break;
        case 3: r = f.editor.Move(f.pair, v, next(n), side, next(2)); break;
        case 4: r = f.editor.Detach(f.pair, v, side, next(sentences)); break;
        case 5: r = f.editor.JoinSentences(f.pair, v, side, next(sentences)); break;
        default: r = f.editor.Undo(f.pair, v); break;
      }
      v = r.version;
      applied += r.changed;
    } catch (const StaleEditError&) {
      FAIL("a fresh version was refused");
    } catch (const InputError&) {
      // an edit that does not apply here (the last bead has no next, ...)
    }
    REQUIRE(f.store.CheckConsistency() == std::vector<std::string>{});
  }
  RequireConsistent(f.store);
  REQUIRE(applied > 30);
  // Undo everything: the pair is as imported.
  for (EditResult r = f.editor.Undo(f.pair, v); r.changed; r = f.editor.Undo(f.pair, v)) v = r.version;
  PairRecord back = f.store.LoadPair(f.pair);
  REQUIRE(Shapes(back) == Shapes(start));
  REQUIRE(Texts(back.ru) == Texts(start.ru));
  REQUIRE(Texts(back.en) == Texts(start.en));
  RequireConsistent(f.store);
}

// --- realign the rest
TEST_CASE("editor: realign keeps reviewed beads, fixes the rest, and undoes as one edit") {
  Fixture f;
  // The stand-in aligner paired sentence i with sentence i; the Russian 2 and 3 really go
  // with English 3-4 and 5. A translator confirms the first two beads and realigns the rest.
  EditResult r = f.editor.SetStatus(f.pair, f.version(), 0, BeadStatus::kConfirmed);
  r = f.editor.SetStatus(f.pair, r.version, 1, BeadStatus::kConfirmed);
  AlignOptions options;
  options.use_dictionary = false;
  Aligner aligner(options);
  r = f.editor.Realign(f.pair, r.version, aligner);
  REQUIRE(r.changed);
  PairRecord rec = f.store.LoadPair(f.pair);
  REQUIRE(rec.beads[0].status == BeadStatus::kConfirmed);
  REQUIRE(rec.beads[1].status == BeadStatus::kConfirmed);
  REQUIRE(Shapes(rec).rfind("1-1 1-1 ", 0) == 0);
  REQUIRE(Shapes(rec) != "1-1 1-1 1-1 1-1 0-1 0-1");
  RequireConsistent(f.store);
  REQUIRE(f.editor.History(f.pair).back().kind == "realign");
  r = f.editor.Undo(f.pair, r.version);
  REQUIRE(Shapes(f.store.LoadPair(f.pair)) == "1-1 1-1 1-1 1-1 0-1 0-1");
  // A stale realign is refused before anything is aligned.
  REQUIRE_THROWS_AS(f.editor.Realign(f.pair, r.version - 1, aligner), StaleEditError);
}

TEST_CASE("editor: confirming keeps the bead's id (a TMX tuid stays stable)") {
  Fixture f;
  const int64_t id = f.store.LoadPair(f.pair).beads[2].id;
  EditResult r = f.editor.SetStatus(f.pair, f.version(), 2, BeadStatus::kConfirmed);
  REQUIRE(f.store.LoadPair(f.pair).beads[2].id == id);
  f.editor.Undo(f.pair, r.version);
  REQUIRE(f.store.LoadPair(f.pair).beads[2].id == id);
  REQUIRE(f.store.LoadPair(f.pair).beads[2].status == BeadStatus::kAuto);
  RequireConsistent(f.store);
}

// --- what the workbench's caches key on (issue 8)
TEST_CASE("editor: PairVersion, ListVersion and LoadPairView move with every edit") {
  Fixture f;
  REQUIRE(f.store.PairVersion(f.pair) == 1);
  REQUIRE(f.store.PairVersion(f.pair + 100) == std::nullopt);
  const int64_t list = f.store.ListVersion();
  f.editor.SetStatus(f.pair, 1, 0, BeadStatus::kConfirmed);
  REQUIRE(f.store.PairVersion(f.pair) == 2);
  REQUIRE(f.store.ListVersion() > list);

  PairView view = LoadPairView(f.store, f.pair, 30);
  REQUIRE(view.pair.summary.version == 2);
  REQUIRE(view.pair.beads[0].status == BeadStatus::kConfirmed);
  REQUIRE(view.history.undo == "confirmed bead 1");
  REQUIRE(!view.history.redo);
  REQUIRE(view.history.recent.size() == 1);
  REQUIRE_THROWS_AS(LoadPairView(f.store, f.pair + 100, 30), InputError);
}
