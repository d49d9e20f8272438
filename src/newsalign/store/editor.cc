// PairEditor: every edit is computed on the pair's beads in memory (a pure function from the
// old list to the new one), reduced to the window that differs, and written as that window:
// delete the old window's rows, shift the beads after it when a sentence was split or joined,
// insert the new window. The same routine, run backwards, is undo. See editor.h for the model.
#include "newsalign/store/editor.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "newsalign/align/aligner.h"
#include "newsalign/core/version.h"
#include "newsalign/store/sqlite.h"

namespace newsalign {
namespace {

using nlohmann::json;

// A bead as the editor sees it; id is the row (0 for a bead not yet written).
struct Row {
  int64_t id = 0;
  Bead bead;
  BeadStatus status = BeadStatus::kAuto;
};
using Rows = std::vector<Row>;

bool SameRow(const Row& a, const Row& b) {
  return a.bead == b.bead && a.status == b.status && std::fabs(a.bead.score - b.bead.score) < 1e-9;
}

// Start and count of a bead on one side.
int& Begin(Bead& b, TextSide side) { return side == TextSide::kRu ? b.src_begin : b.tgt_begin; }
int& Count(Bead& b, TextSide side) { return side == TextSide::kRu ? b.src_count : b.tgt_count; }
int Begin(const Bead& b, TextSide side) { return side == TextSide::kRu ? b.src_begin : b.tgt_begin; }
int Count(const Bead& b, TextSide side) { return side == TextSide::kRu ? b.src_count : b.tgt_count; }
const char* SideName(TextSide side) { return side == TextSide::kRu ? "ru" : "en"; }

// A sentence span as stored: [begin, end) bytes of the revision's text, and its paragraph.
struct SpanRow {
  int64_t begin = 0, end = 0;
  int paragraph = 0;
  bool operator==(const SpanRow& o) const { return begin == o.begin && end == o.end && paragraph == o.paragraph; }
};

// One sentence that is `joined` in one state and `first` + `second` in the other.
struct SegChange {
  TextSide side = TextSide::kRu;
  int index = 0;      // the sentence (and, split, the first of the two)
  bool split = true;  // forwards this splits (true) or joins (false)
  SpanRow joined, first, second;
};

// A position between beads: the sentences before it on each side.
struct Cut {
  int ru = 0, en = 0;
};

// What an edit did: the window of beads it replaced, by what, and a span change.
struct Change {
  std::string kind, label;
  Cut begin;               // where the window starts (the same in both states)
  Cut end_before, end_after;  // where it ends, before and after the edit
  Rows before, after;
  std::optional<SegChange> seg;
  int focus = 0;  // index of the window's first bead

  bool empty() const { return before.empty() && after.empty() && !seg; }
};

Cut EndOf(const Bead& b) { return Cut{b.src_end(), b.tgt_end()}; }

// Reduces two full bead lists to the window that differs. `dru`/`den`: how far beads after
// the window moved (a split or joined sentence).
Change Diff(const Rows& old_rows, const Rows& new_rows, int dru, int den) {
  Change c;
  const size_t n = old_rows.size(), m = new_rows.size();
  size_t p = 0;
  while (p < n && p < m && SameRow(old_rows[p], new_rows[p])) ++p;
  size_t s = 0;
  while (s + p < n && s + p < m) {
    Row shifted = old_rows[n - 1 - s];
    shifted.bead.src_begin += dru;
    shifted.bead.tgt_begin += den;
    if (!SameRow(shifted, new_rows[m - 1 - s])) break;
    ++s;
  }
  c.before.assign(old_rows.begin() + p, old_rows.begin() + (n - s));
  c.after.assign(new_rows.begin() + p, new_rows.begin() + (m - s));
  c.focus = static_cast<int>(p);
  if (p > 0) {
    c.begin = EndOf(old_rows[p - 1].bead);
  }
  c.end_before = c.before.empty() ? c.begin : EndOf(c.before.back().bead);
  c.end_after = c.after.empty() ? c.begin : EndOf(c.after.back().bead);
  for (Row& r : c.after) r.id = 0;
  return c;
}

json RowsJson(const Rows& rows) {
  json a = json::array();
  for (const Row& r : rows)
    a.push_back({r.bead.src_begin, r.bead.src_count, r.bead.tgt_begin, r.bead.tgt_count, r.bead.score,
                 StatusName(r.status)});
  return a;
}

Rows RowsFromJson(const json& a) {
  Rows rows;
  for (const json& x : a) {
    Row r;
    r.bead = Bead{x.at(0).get<int>(), x.at(1).get<int>(), x.at(2).get<int>(), x.at(3).get<int>(), x.at(4).get<double>()};
    r.status = ParseBeadStatus(x.at(5).get<std::string>());
    rows.push_back(r);
  }
  return rows;
}

json SpanJson(const SpanRow& s) { return {s.begin, s.end, s.paragraph}; }
SpanRow SpanFromJson(const json& a) { return SpanRow{a.at(0).get<int64_t>(), a.at(1).get<int64_t>(), a.at(2).get<int>()}; }

std::string ChangeJson(const Change& c) {
  json j = {{"begin", {c.begin.ru, c.begin.en}},
            {"end_before", {c.end_before.ru, c.end_before.en}},
            {"end_after", {c.end_after.ru, c.end_after.en}},
            {"before", RowsJson(c.before)},
            {"after", RowsJson(c.after)},
            {"focus", c.focus}};
  if (c.seg) {
    j["seg"] = {{"side", SideName(c.seg->side)}, {"index", c.seg->index},     {"split", c.seg->split},
                {"joined", SpanJson(c.seg->joined)}, {"first", SpanJson(c.seg->first)}, {"second", SpanJson(c.seg->second)}};
  }
  return j.dump();
}

Change ChangeFromJson(const std::string& text) {
  json j = json::parse(text);
  Change c;
  c.begin = Cut{j.at("begin").at(0).get<int>(), j.at("begin").at(1).get<int>()};
  c.end_before = Cut{j.at("end_before").at(0).get<int>(), j.at("end_before").at(1).get<int>()};
  c.end_after = Cut{j.at("end_after").at(0).get<int>(), j.at("end_after").at(1).get<int>()};
  c.before = RowsFromJson(j.at("before"));
  c.after = RowsFromJson(j.at("after"));
  c.focus = j.value("focus", 0);
  if (j.contains("seg")) {
    const json& s = j["seg"];
    SegChange seg;
    seg.side = ParseTextSide(s.at("side").get<std::string>());
    seg.index = s.at("index").get<int>();
    seg.split = s.at("split").get<bool>();
    seg.joined = SpanFromJson(s.at("joined"));
    seg.first = SpanFromJson(s.at("first"));
    seg.second = SpanFromJson(s.at("second"));
    c.seg = seg;
  }
  return c;
}

// The same change seen backwards (what undo applies).
Change Reversed(const Change& c) {
  Change r = c;
  std::swap(r.before, r.after);
  std::swap(r.end_before, r.end_after);
  if (r.seg) r.seg->split = !r.seg->split;
  return r;
}

Row HandMade(Bead b) {
  Row r;
  b.score = 1.0;
  r.bead = b;
  r.status = BeadStatus::kEdited;
  return r;
}

bool IsSpace(const std::string& text, size_t i, size_t* width) {
  unsigned char c = static_cast<unsigned char>(text[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *width = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {  // no-break space
    *width = 2;
    return true;
  }
  return false;
}

std::string OneBased(int i) { return std::to_string(i + 1); }

}  // namespace

TextSide ParseTextSide(const std::string& name) {
  if (name == "ru") return TextSide::kRu;
  if (name == "en") return TextSide::kEn;
  throw InputError("unknown side \"" + name + "\" (want ru or en)");
}

struct PairEditor::Impl {
  sql::Db db;
  EditorOptions options;
  int64_t provenance_id = 0;

  struct State {
    int64_t version = 0;
    int64_t rev[2] = {0, 0};  // ru, en revision ids
    int sentences[2] = {0, 0};
    Rows rows;
  };

  int64_t ProvenanceId() {
    if (provenance_id) {
      sql::Stmt s(db, "SELECT id FROM provenance WHERE id = ?1");
      s.Bind(1, provenance_id);
      if (s.Step()) return provenance_id;
    }
    sql::Stmt s(db,
                "INSERT INTO provenance (tool, tool_version, action, options) VALUES ('newsalign', ?1, 'edit', '{}')");
    s.Bind(1, kVersion);
    s.Run();
    provenance_id = db.LastInsertId();
    return provenance_id;
  }

  State Load(int64_t pair) {
    State st;
    {
      sql::Stmt s(db,
                  "SELECT p.version, p.ru_revision_id, p.en_revision_id, "
                  // Not revisions.sentence_count: see kSummarySelect in store.cc.
                  "coalesce((SELECT max(idx) + 1 FROM sentences WHERE revision_id = p.ru_revision_id), 0), "
                  "coalesce((SELECT max(idx) + 1 FROM sentences WHERE revision_id = p.en_revision_id), 0) "
                  "FROM pairs p WHERE p.id = ?1");
      s.Bind(1, pair);
      if (!s.Step()) throw InputError("no pair " + std::to_string(pair) + " (see the corpus list)");
      st.version = s.Int64(0);
      st.rev[0] = s.Int64(1);
      st.rev[1] = s.Int64(2);
      st.sentences[0] = s.Int(3);
      st.sentences[1] = s.Int(4);
    }
    sql::Stmt b(db,
                "SELECT id, ru_begin, ru_count, en_begin, en_count, score, status FROM beads WHERE pair_id = ?1 "
                "ORDER BY ru_begin, en_begin");
    b.Bind(1, pair);
    while (b.Step()) {
      Row r;
      r.id = b.Int64(0);
      r.bead = Bead{b.Int(1), b.Int(2), b.Int(3), b.Int(4), b.Double(5)};
      r.status = ParseBeadStatus(b.Text(6));
      st.rows.push_back(r);
    }
    return st;
  }

  static void CheckVersion(int64_t pair, const State& st, int64_t seen) {
    if (st.version != seen)
      throw StaleEditError("pair " + std::to_string(pair) + " was changed meanwhile (in another tab or by an import): "
                           "it is at version " + std::to_string(st.version) + ", this edit was made on version " +
                           std::to_string(seen) + "; reload to see the current state (nothing was written)",
                           st.version);
  }

  static void CheckBead(const State& st, int bead) {
    if (bead < 0 || static_cast<size_t>(bead) >= st.rows.size())
      throw InputError("no bead " + std::to_string(bead) + " (the pair has " + std::to_string(st.rows.size()) +
                       " beads, numbered from 0)");
  }

  SpanRow LoadSpan(int64_t rev, int index) {
    sql::Stmt s(db, "SELECT begin_byte, end_byte, paragraph FROM sentences WHERE revision_id = ?1 AND idx = ?2");
    s.Bind(1, rev).Bind(2, index);
    if (!s.Step()) throw Error("revision " + std::to_string(rev) + " has no sentence " + std::to_string(index));
    return SpanRow{s.Int64(0), s.Int64(1), s.Int(2)};
  }

  std::string LoadText(int64_t rev) {
    sql::Stmt s(db, "SELECT text FROM revisions WHERE id = ?1");
    s.Bind(1, rev);
    if (!s.Step()) throw Error("revision " + std::to_string(rev) + " is missing");
    return s.String(0);
  }

  // Gives this pair a revision of its own on `side` when another pair shares it, so that
  // changing sentence spans cannot shift the other pair's beads.
  int64_t OwnRevision(int64_t pair, TextSide side, int64_t rev) {
    sql::Stmt s(db, "SELECT count(*) FROM pairs WHERE ru_revision_id = ?1 OR en_revision_id = ?1");
    s.Bind(1, rev);
    s.Step();
    if (s.Int64(0) <= 1) return rev;
    sql::Stmt copy(db,
                   "INSERT INTO revisions (document_id, number, format, text, sha256, paragraph_count, sentence_count, "
                   "provenance_id) SELECT document_id, (SELECT max(number) + 1 FROM revisions x "
                   "WHERE x.document_id = r.document_id), format, text, sha256, paragraph_count, sentence_count, ?2 "
                   "FROM revisions r WHERE id = ?1");
    copy.Bind(1, rev).Bind(2, ProvenanceId());
    copy.Run();
    const int64_t fork = db.LastInsertId();
    sql::Stmt par(db,
                  "INSERT INTO paragraphs (revision_id, idx, begin_byte, end_byte) "
                  "SELECT ?2, idx, begin_byte, end_byte FROM paragraphs WHERE revision_id = ?1");
    par.Bind(1, rev).Bind(2, fork);
    par.Run();
    sql::Stmt sen(db,
                  "INSERT INTO sentences (revision_id, idx, begin_byte, end_byte, paragraph) "
                  "SELECT ?2, idx, begin_byte, end_byte, paragraph FROM sentences WHERE revision_id = ?1");
    sen.Bind(1, rev).Bind(2, fork);
    sen.Run();
    sql::Stmt u(db, side == TextSide::kRu ? "UPDATE pairs SET ru_revision_id = ?2 WHERE id = ?1"
                                          : "UPDATE pairs SET en_revision_id = ?2 WHERE id = ?1");
    u.Bind(1, pair).Bind(2, fork);
    u.Run();
    return fork;
  }

  // Sentence spans, forwards: `joined` at index -> `first`, `second` (or backwards).
  void ApplySeg(int64_t pair, State& st, const SegChange& seg) {
    const int k = seg.side == TextSide::kRu ? 0 : 1;
    const int64_t rev = OwnRevision(pair, seg.side, st.rev[k]);
    st.rev[k] = rev;
    auto stale = [&] {
      return StaleEditError("the sentences of pair " + std::to_string(pair) +
                                " are no longer those this edit was made on (re-imported?); it cannot be applied",
                            st.version);
    };
    // PRIMARY KEY (revision_id, idx) is checked row by row, so indices move through negatives.
    auto shift_after = [&](int after, int by) {
      sql::Stmt a(db, "UPDATE sentences SET idx = -1 - (idx + ?3) WHERE revision_id = ?1 AND idx > ?2");
      a.Bind(1, rev).Bind(2, after).Bind(3, by);
      a.Run();
      sql::Stmt b(db, "UPDATE sentences SET idx = -1 - idx WHERE revision_id = ?1 AND idx < 0");
      b.Bind(1, rev);
      b.Run();
    };
    sql::Stmt set(db, "UPDATE sentences SET begin_byte = ?3, end_byte = ?4, paragraph = ?5 WHERE revision_id = ?1 AND idx = ?2");
    if (seg.split) {
      if (!(LoadSpan(rev, seg.index) == seg.joined)) throw stale();
      shift_after(seg.index, 1);
      set.Bind(1, rev).Bind(2, seg.index).Bind(3, seg.first.begin).Bind(4, seg.first.end).Bind(5, seg.first.paragraph);
      set.Run();
      sql::Stmt ins(db,
                    "INSERT INTO sentences (revision_id, idx, begin_byte, end_byte, paragraph) VALUES (?1, ?2, ?3, ?4, ?5)");
      ins.Bind(1, rev).Bind(2, seg.index + 1).Bind(3, seg.second.begin).Bind(4, seg.second.end).Bind(5, seg.second.paragraph);
      ins.Run();
    } else {
      if (seg.index + 1 >= st.sentences[k] || !(LoadSpan(rev, seg.index) == seg.first) ||
          !(LoadSpan(rev, seg.index + 1) == seg.second))
        throw stale();
      sql::Stmt del(db, "DELETE FROM sentences WHERE revision_id = ?1 AND idx = ?2");
      del.Bind(1, rev).Bind(2, seg.index + 1);
      del.Run();
      set.Bind(1, rev).Bind(2, seg.index).Bind(3, seg.joined.begin).Bind(4, seg.joined.end).Bind(5, seg.joined.paragraph);
      set.Run();
      shift_after(seg.index + 1, -1);
    }
    sql::Stmt count(db, "UPDATE revisions SET sentence_count = sentence_count + ?2 WHERE id = ?1");
    count.Bind(1, rev).Bind(2, seg.split ? 1 : -1);
    count.Run();
    st.sentences[k] += seg.split ? 1 : -1;
  }

  // Writes `c` forwards onto the stored pair, checking that the beads it replaces are there.
  void Apply(int64_t pair, State& st, const Change& c) {
    // Locate the window: the beads before it must end exactly at c.begin.
    size_t p = 0;
    while (p < st.rows.size() && (st.rows[p].bead.src_end() <= c.begin.ru && st.rows[p].bead.tgt_end() <= c.begin.en) &&
           !(st.rows[p].bead.src_begin >= c.begin.ru && st.rows[p].bead.tgt_begin >= c.begin.en))
      ++p;
    bool ok = p + c.before.size() <= st.rows.size();
    for (size_t i = 0; ok && i < c.before.size(); ++i) ok = SameRow(st.rows[p + i], c.before[i]);
    if (ok && p < st.rows.size() && c.before.empty())
      ok = st.rows[p].bead.src_begin == c.begin.ru && st.rows[p].bead.tgt_begin == c.begin.en;
    if (!ok)
      throw StaleEditError("the beads of pair " + std::to_string(pair) +
                               " are no longer what this edit left (changed by an import or a realignment); "
                               "it cannot be applied",
                           st.version);
    // Only statuses or scores changed (confirm, unconfirm): update the rows in place, which
    // keeps bead ids (TMX tuids) and leaves the full-text index alone.
    bool in_place = !c.seg && c.before.size() == c.after.size();
    for (size_t i = 0; in_place && i < c.before.size(); ++i) in_place = c.before[i].bead == c.after[i].bead;
    if (in_place) {
      sql::Stmt u(db,
                  "UPDATE beads SET status = ?2, score = ?3, provenance_id = ?4, "
                  "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
      for (size_t i = 0; i < c.after.size(); ++i) {
        u.Bind(1, st.rows[p + i].id).Bind(2, StatusName(c.after[i].status));
        u.Bind(3, std::clamp(c.after[i].bead.score, 0.0, 1.0)).Bind(4, ProvenanceId());
        u.Run();
      }
      BumpVersion(pair, st);
      return;
    }
    // The order keeps the full-text index (store/schema.cc, version 2) exact: its triggers
    // remove a bead with the text it shows at that moment, so no bead may show a sentence
    // while its span changes. The window goes first; the beads after it are parked at
    // negative positions (no text) while sentences change, then moved into place. Parking
    // also keeps UNIQUE (pair_id, ru_begin, en_begin), checked row by row, satisfied.
    sql::Stmt del(db, "DELETE FROM beads WHERE id = ?1");
    for (size_t i = 0; i < c.before.size(); ++i) {
      del.Bind(1, st.rows[p + i].id);
      del.Run();
    }
    const int dru = c.end_after.ru - c.end_before.ru, den = c.end_after.en - c.end_before.en;
    if (dru || den) {
      sql::Stmt park(db,
                     "UPDATE beads SET ru_begin = -1 - (ru_begin + ?4), en_begin = -1 - (en_begin + ?5) "
                     "WHERE pair_id = ?1 AND ru_begin >= ?2 AND en_begin >= ?3");
      park.Bind(1, pair).Bind(2, c.end_before.ru).Bind(3, c.end_before.en).Bind(4, dru).Bind(5, den);
      park.Run();
    }
    if (c.seg) ApplySeg(pair, st, *c.seg);
    if (dru || den) {
      sql::Stmt place(db,
                      "UPDATE beads SET ru_begin = -1 - ru_begin, en_begin = -1 - en_begin "
                      "WHERE pair_id = ?1 AND ru_begin < 0");
      place.Bind(1, pair);
      place.Run();
    }
    sql::Stmt ins(db,
                  "INSERT INTO beads (pair_id, ru_begin, ru_count, en_begin, en_count, score, status, provenance_id) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    const int64_t prov = ProvenanceId();
    for (const Row& r : c.after) {
      ins.Bind(1, pair).Bind(2, r.bead.src_begin).Bind(3, r.bead.src_count).Bind(4, r.bead.tgt_begin);
      ins.Bind(5, r.bead.tgt_count).Bind(6, std::clamp(r.bead.score, 0.0, 1.0)).Bind(7, StatusName(r.status)).Bind(8, prov);
      ins.Run();
    }
    BumpVersion(pair, st);
  }

  void BumpVersion(int64_t pair, State& st) {
    sql::Stmt v(db,
                "UPDATE pairs SET version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
                "WHERE id = ?1 RETURNING version");
    v.Bind(1, pair);
    if (!v.Step()) throw Error("pair " + std::to_string(pair) + " vanished");
    st.version = v.Int64(0);
    v.Reset();
  }

  // Marks which entries undo and redo may apply at this version: the newest applied one and
  // the oldest undone one. Anything else bumping the version (an import) disarms both.
  void Arm(int64_t pair, int64_t version) {
    sql::Stmt s(db,
                "UPDATE edits SET at_version = ?2 WHERE id = (SELECT id FROM edits WHERE pair_id = ?1 AND undone = 0 "
                "ORDER BY seq DESC LIMIT 1) OR id = (SELECT id FROM edits WHERE pair_id = ?1 AND undone = 1 "
                "ORDER BY seq LIMIT 1)");
    s.Bind(1, pair).Bind(2, version);
    s.Run();
  }

  void Record(int64_t pair, const Change& c) {
    sql::Stmt drop(db, "DELETE FROM edits WHERE pair_id = ?1 AND undone = 1");
    drop.Bind(1, pair);
    drop.Run();
    sql::Stmt ins(db,
                  "INSERT INTO edits (pair_id, seq, kind, label, delta) VALUES (?1, "
                  "coalesce((SELECT max(seq) FROM edits WHERE pair_id = ?1), 0) + 1, ?2, ?3, ?4)");
    ins.Bind(1, pair).Bind(2, c.kind).Bind(3, c.label).Bind(4, ChangeJson(c));
    ins.Run();
    sql::Stmt trim(db,
                   "DELETE FROM edits WHERE pair_id = ?1 AND seq <= (SELECT max(seq) FROM edits WHERE pair_id = ?1) - ?2");
    trim.Bind(1, pair).Bind(2, options.history_limit);
    trim.Run();
  }

  // The common frame of an edit: one transaction, the version check, `compute` builds the
  // change from the current state, then it is written and recorded.
  std::unique_lock<std::mutex> Lock() {
    return options.write_lock ? std::unique_lock<std::mutex>(*options.write_lock) : std::unique_lock<std::mutex>();
  }

  // A stale edit (another tab got there first) is refused before it queues for the write
  // lock: it would only wait its turn to be refused. The check inside the transaction is the
  // one that counts; this one only sees a version that can no longer come back.
  void RefuseIfStale(int64_t pair, int64_t seen) {
    sql::Stmt s(db, "SELECT version FROM pairs WHERE id = ?1");
    s.Bind(1, pair);
    if (!s.Step()) return;  // the transaction says "no pair"
    State st;
    st.version = s.Int64(0);
    s.Reset();
    if (st.version != seen) CheckVersion(pair, st, seen);
  }

  template <typename F>
  EditResult Edit(int64_t pair, int64_t version, F compute) {
    RefuseIfStale(pair, version);
    auto lock = Lock();
    sql::Transaction tx(db);
    State st = Load(pair);
    CheckVersion(pair, st, version);
    Change c = compute(st);
    EditResult result;
    result.version = st.version;
    result.label = c.label;
    if (c.empty()) {
      result.focus = c.focus;
      return result;  // nothing to write; the transaction rolls back untouched
    }
    Apply(pair, st, c);
    Record(pair, c);
    Arm(pair, st.version);
    tx.Commit();
    result.version = st.version;
    result.changed = true;
    result.focus = c.focus;
    return result;
  }

  EditResult Step(int64_t pair, int64_t version, bool undo) {
    RefuseIfStale(pair, version);
    auto lock = Lock();
    sql::Transaction tx(db);
    State st = Load(pair);
    CheckVersion(pair, st, version);
    sql::Stmt s(db, undo ? "SELECT id, label, delta, at_version FROM edits WHERE pair_id = ?1 AND undone = 0 "
                           "ORDER BY seq DESC LIMIT 1"
                         : "SELECT id, label, delta, at_version FROM edits WHERE pair_id = ?1 AND undone = 1 "
                           "ORDER BY seq LIMIT 1");
    s.Bind(1, pair);
    EditResult result;
    result.version = st.version;
    if (!s.Step()) {
      result.label = undo ? "nothing to undo" : "nothing to redo";
      return result;
    }
    const int64_t id = s.Int64(0);
    const std::string label = s.String(1);
    Change c = ChangeFromJson(s.String(2));
    if (s.IsNull(3) || s.Int64(3) != st.version)
      throw StaleEditError("\"" + label + "\" can no longer be " + (undo ? "undone" : "redone") +
                               ": the pair was changed outside the workbench since (an import or realignment)",
                           st.version);
    s.Reset();
    Apply(pair, st, undo ? Reversed(c) : c);
    sql::Stmt mark(db, "UPDATE edits SET undone = ?2 WHERE id = ?1");
    mark.Bind(1, id).Bind(2, undo ? 1 : 0);
    mark.Run();
    Arm(pair, st.version);
    tx.Commit();
    result.version = st.version;
    result.changed = true;
    result.focus = c.focus;
    result.label = (undo ? "undone: " : "redone: ") + label;
    return result;
  }
};

PairEditor::PairEditor(const std::string& db_path, EditorOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->db = sql::Db::Open(db_path, false, options.busy_timeout_ms);
  impl_->db.Exec("PRAGMA foreign_keys = ON");
  // As Store::Open: the corpus is in WAL mode, where NORMAL is safe against a killed process
  // and commits without an fsync. SQLite's default (FULL) synced the WAL on every edit, while
  // holding the write lock that every other edit waits for.
  impl_->db.Exec("PRAGMA synchronous = NORMAL");
  sql::Stmt has(impl_->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'edits'");
  if (!has.Step() || has.Int64(0) == 0)
    throw InputError(db_path + ": the corpus schema is too old for editing (open it with newsalign first)");
}
PairEditor::~PairEditor() = default;
PairEditor::PairEditor(PairEditor&&) noexcept = default;
PairEditor& PairEditor::operator=(PairEditor&&) noexcept = default;

EditResult PairEditor::SetStatus(int64_t pair, int64_t version, int bead, BeadStatus status) {
  return impl_->Edit(pair, version, [&](const Impl::State& st) {
    Impl::CheckBead(st, bead);
    Rows rows = st.rows;
    rows[bead].status = status;
    Change c = Diff(st.rows, rows, 0, 0);
    c.kind = "status";
    c.label = std::string(status == BeadStatus::kAuto ? "unconfirmed" : status == BeadStatus::kConfirmed ? "confirmed" : "marked as edited") +
              " bead " + OneBased(bead);
    c.focus = bead;
    return c;
  });
}

EditResult PairEditor::Merge(int64_t pair, int64_t version, int bead) {
  return impl_->Edit(pair, version, [&](const Impl::State& st) {
    Impl::CheckBead(st, bead);
    if (static_cast<size_t>(bead) + 1 >= st.rows.size())
      throw InputError("bead " + std::to_string(bead) + " is the last one: nothing to merge it with");
    Rows rows = st.rows;
    Bead m = rows[bead].bead;
    m.src_count += rows[bead + 1].bead.src_count;
    m.tgt_count += rows[bead + 1].bead.tgt_count;
    rows[bead] = HandMade(m);
    rows.erase(rows.begin() + bead + 1);
    Change c = Diff(st.rows, rows, 0, 0);
    c.kind = "merge";
    c.label = "merged beads " + OneBased(bead) + " and " + OneBased(bead + 1);
    return c;
  });
}

EditResult PairEditor::Split(int64_t pair, int64_t version, int bead, int ru_first, int en_first) {
  return impl_->Edit(pair, version, [&](const Impl::State& st) {
    Impl::CheckBead(st, bead);
    const Bead b = st.rows[bead].bead;
    if (ru_first < 0 && en_first < 0) {
      ru_first = std::min(1, b.src_count);
      en_first = std::min(1, b.tgt_count);
      if (ru_first == b.src_count && en_first == b.tgt_count) en_first = 0;
    }
    if (ru_first < 0 || ru_first > b.src_count || en_first < 0 || en_first > b.tgt_count ||
        ru_first + en_first == 0 || (b.src_count - ru_first) + (b.tgt_count - en_first) == 0)
      throw InputError("cannot split a " + b.Type() + " bead after " + std::to_string(ru_first) + " Russian and " +
                       std::to_string(en_first) + " English sentences: both parts need a sentence");
    Bead first{b.src_begin, ru_first, b.tgt_begin, en_first, 1.0};
    Bead second{b.src_begin + ru_first, b.src_count - ru_first, b.tgt_begin + en_first, b.tgt_count - en_first, 1.0};
    Rows rows = st.rows;
    rows[bead] = HandMade(first);
    rows.insert(rows.begin() + bead + 1, HandMade(second));
    Change c = Diff(st.rows, rows, 0, 0);
    c.kind = "split";
    c.label = "split bead " + OneBased(bead) + " (" + b.Type() + " into " + first.Type() + " and " + second.Type() + ")";
    return c;
  });
}

EditResult PairEditor::Move(int64_t pair, int64_t version, int bead, TextSide side, bool to_next) {
  return impl_->Edit(pair, version, [&](const Impl::State& st) {
    Impl::CheckBead(st, bead);
    const int other = to_next ? bead + 1 : bead - 1;
    if (other < 0 || static_cast<size_t>(other) >= st.rows.size())
      throw InputError(std::string("bead ") + std::to_string(bead) + " has no " + (to_next ? "next" : "previous") +
                       " bead to move a sentence to");
    Bead from = st.rows[bead].bead, to = st.rows[other].bead;
    if (Count(from, side) == 0)
      throw InputError("bead " + std::to_string(bead) + " has no " + SideName(side) + " sentence to move");
    const int moved = to_next ? Begin(from, side) + Count(from, side) - 1 : Begin(from, side);
    Count(from, side) -= 1;
    Count(to, side) += 1;
    if (to_next) {
      Begin(to, side) -= 1;
    } else {
      Begin(from, side) += 1;
    }
    // A bead left with no sentence disappears (its neighbour already starts where it did).
    Rows rows = st.rows;
    rows[other] = HandMade(to);
    if (from.src_count + from.tgt_count == 0) {
      rows.erase(rows.begin() + bead);
    } else {
      rows[bead] = HandMade(from);
    }
    Change c = Diff(st.rows, rows, 0, 0);
    c.kind = "move";
    c.label = std::string("moved ") + SideName(side) + " sentence " + OneBased(moved) + " to bead " + OneBased(other);
    return c;
  });
}

EditResult PairEditor::Detach(int64_t pair, int64_t version, TextSide side, int sentence) {
  return impl_->Edit(pair, version, [&](const Impl::State& st) {
    const int k = side == TextSide::kRu ? 0 : 1;
    if (sentence < 0 || sentence >= st.sentences[k])
      throw InputError(std::string("no ") + SideName(side) + " sentence " + std::to_string(sentence));
    size_t i = 0;
    while (i < st.rows.size() && !(Begin(st.rows[i].bead, side) <= sentence &&
                                   sentence < Begin(st.rows[i].bead, side) + Count(st.rows[i].bead, side)))
      ++i;
    if (i == st.rows.size()) throw Error("sentence " + std::to_string(sentence) + " is in no bead");
    const Bead b = st.rows[i].bead;
    const TextSide other = side == TextSide::kRu ? TextSide::kEn : TextSide::kRu;
    Change none;
    none.label = std::string(SideName(side)) + " sentence " + OneBased(sentence) + " already has no translation";
    none.focus = static_cast<int>(i);
    if (Count(b, side) == 1 && Count(b, other) == 0) return none;
    const bool opens = sentence == Begin(b, side), closes = sentence == Begin(b, side) + Count(b, side) - 1;
    if (!opens && !closes)
      throw InputError(std::string(SideName(side)) + " sentence " + OneBased(sentence) + " is inside a " + b.Type() +
                       " bead: split the bead first");
    Bead alone, rest = b;
    Begin(alone, side) = sentence;
    Count(alone, side) = 1;
    Count(alone, other) = 0;
    Count(rest, side) -= 1;
    if (opens) {
      Begin(alone, other) = Begin(b, other);
      Begin(rest, side) += 1;
    } else {
      Begin(alone, other) = Begin(b, other) + Count(b, other);
    }
    Rows rows = st.rows;
    rows.erase(rows.begin() + i);
    const Row first = HandMade(opens ? alone : rest), second = HandMade(opens ? rest : alone);
    rows.insert(rows.begin() + i, {first, second});
    Change c = Diff(st.rows, rows, 0, 0);
    c.kind = "detach";
    c.label = std::string("marked ") + SideName(side) + " sentence " + OneBased(sentence) + " as untranslated";
    return c;
  });
}

EditResult PairEditor::SplitSentence(int64_t pair, int64_t version, TextSide side, int sentence, size_t at) {
  return impl_->Edit(pair, version, [&](const Impl::State& st) {
    const int k = side == TextSide::kRu ? 0 : 1;
    if (sentence < 0 || sentence >= st.sentences[k])
      throw InputError(std::string("no ") + SideName(side) + " sentence " + std::to_string(sentence));
    const SpanRow span = impl_->LoadSpan(st.rev[k], sentence);
    const std::string text = impl_->LoadText(st.rev[k]);
    const size_t len = static_cast<size_t>(span.end - span.begin);
    const size_t cut = static_cast<size_t>(span.begin) + at;
    if (at == 0 || at >= len || (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      throw InputError("cannot split sentence " + OneBased(sentence) + " at byte " + std::to_string(at) +
                       " (want a character boundary inside its " + std::to_string(len) + " bytes)");
    size_t first_end = cut, second_begin = cut, w = 0;
    // Trim white space around the cut (first part's end backwards, second part's start forwards).
    while (first_end > static_cast<size_t>(span.begin)) {
      size_t back = first_end - 1;
      if (static_cast<unsigned char>(text[back]) == 0xA0 && back > 0 && static_cast<unsigned char>(text[back - 1]) == 0xC2)
        --back;
      if (!IsSpace(text, back, &w)) break;
      first_end = back;
    }
    while (second_begin < static_cast<size_t>(span.end) && IsSpace(text, second_begin, &w)) second_begin += w;
    if (first_end <= static_cast<size_t>(span.begin) || second_begin >= static_cast<size_t>(span.end))
      throw InputError("splitting sentence " + OneBased(sentence) + " there would leave an empty part");
    SegChange seg;
    seg.side = side;
    seg.index = sentence;
    seg.split = true;
    seg.joined = span;
    seg.first = SpanRow{span.begin, static_cast<int64_t>(first_end), span.paragraph};
    seg.second = SpanRow{static_cast<int64_t>(second_begin), span.end, span.paragraph};
    Rows rows = st.rows;
    for (Row& r : rows) {
      int b = Begin(r.bead, side), n = Count(r.bead, side);
      if (b <= sentence && sentence < b + n) {
        Count(r.bead, side) += 1;
      } else if (b > sentence) {
        Begin(r.bead, side) += 1;
      }
    }
    Change c = Diff(st.rows, rows, side == TextSide::kRu ? 1 : 0, side == TextSide::kEn ? 1 : 0);
    c.seg = seg;
    c.kind = "split_sentence";
    c.label = std::string("split ") + SideName(side) + " sentence " + OneBased(sentence);
    return c;
  });
}

EditResult PairEditor::JoinSentences(int64_t pair, int64_t version, TextSide side, int sentence) {
  return impl_->Edit(pair, version, [&](const Impl::State& st) {
    const int k = side == TextSide::kRu ? 0 : 1;
    if (sentence < 0 || sentence + 1 >= st.sentences[k])
      throw InputError(std::string(SideName(side)) + " sentence " + std::to_string(sentence) + " has no next sentence to join");
    SegChange seg;
    seg.side = side;
    seg.index = sentence;
    seg.split = false;
    seg.first = impl_->LoadSpan(st.rev[k], sentence);
    seg.second = impl_->LoadSpan(st.rev[k], sentence + 1);
    seg.joined = SpanRow{seg.first.begin, seg.second.end, seg.first.paragraph};
    // Both in one bead: it keeps its status. In two beads: both become hand-made (edited).
    Rows rows;
    for (const Row& old : st.rows) {
      Row r = old;
      int b = Begin(r.bead, side), n = Count(r.bead, side);
      const bool has_first = b <= sentence && sentence < b + n;
      const bool has_second = b <= sentence + 1 && sentence + 1 < b + n;
      if (has_first && has_second) {
        Count(r.bead, side) -= 1;
      } else if (has_second) {
        Count(r.bead, side) -= 1;  // begins at sentence + 1, which now names its next sentence
        if (r.bead.src_count + r.bead.tgt_count == 0) continue;
        r = HandMade(r.bead);
      } else if (has_first) {
        r = HandMade(r.bead);  // its sentence grew
      } else if (b > sentence + 1) {
        Begin(r.bead, side) -= 1;
      }
      rows.push_back(r);
    }
    Change c = Diff(st.rows, rows, side == TextSide::kRu ? -1 : 0, side == TextSide::kEn ? -1 : 0);
    c.seg = seg;
    c.kind = "join_sentence";
    c.label = std::string("joined ") + SideName(side) + " sentences " + OneBased(sentence) + " and " + OneBased(sentence + 1);
    return c;
  });
}

EditResult PairEditor::Realign(int64_t pair, int64_t version, const Aligner& aligner) {
  // Read and align outside the write lock (the aligner may take a while on a long pair).
  Store store = Store::Open(impl_->db.path(), StoreOptions{false, impl_->options.busy_timeout_ms});
  PairRecord rec = store.LoadPair(pair);
  if (rec.summary.version != version) {
    Impl::State st;
    st.version = rec.summary.version;
    Impl::CheckVersion(pair, st, version);
  }
  // Reviewed beads are anchors; at score 1 they also teach the learned lexicon, together
  // with the reviewed beads of the pairs translators worked on most.
  std::vector<Aligner::Pair> work(1);
  std::vector<PairRecord> context;
  work[0].src = &rec.ru;
  work[0].tgt = &rec.en;
  std::vector<const StoredBead*> reviewed;
  for (const StoredBead& b : rec.beads) {
    if (b.status == BeadStatus::kAuto) continue;
    Bead f = b.bead;
    f.score = 1.0;
    work[0].fixed.push_back(f);
    reviewed.push_back(&b);
  }
  if (impl_->options.realign_context_pairs > 0) {
    std::vector<int64_t> ids;
    sql::Stmt s(impl_->db,
                "SELECT pair_id FROM beads WHERE status != 'auto' AND pair_id != ?1 GROUP BY pair_id "
                "ORDER BY count(*) DESC LIMIT ?2");
    s.Bind(1, pair).Bind(2, impl_->options.realign_context_pairs);
    while (s.Step()) ids.push_back(s.Int64(0));
    context.reserve(ids.size());
    for (int64_t id : ids) context.push_back(store.LoadPair(id));
    for (const PairRecord& other : context) {
      Aligner::Pair p{&other.ru, &other.en, {}};
      for (const StoredBead& b : other.beads) {  // all fixed: nothing to align, only to learn from
        Bead f = b.bead;
        if (b.status != BeadStatus::kAuto) f.score = 1.0;
        p.fixed.push_back(f);
      }
      work.push_back(std::move(p));
    }
  }
  Alignment aligned = work.size() == 1 ? aligner.Align(rec.ru, rec.en, work[0].fixed) : aligner.AlignCorpus(work).front();
  std::map<std::pair<int, int>, size_t> fixed_at;
  for (size_t k = 0; k < reviewed.size(); ++k) fixed_at[{reviewed[k]->bead.src_begin, reviewed[k]->bead.tgt_begin}] = k;
  Rows rows;
  for (const Bead& b : aligned) {
    Row r;
    r.bead = b;
    auto it = fixed_at.find({b.src_begin, b.tgt_begin});
    if (it != fixed_at.end() && reviewed[it->second]->bead == b) {
      r.bead.score = reviewed[it->second]->bead.score;
      r.status = reviewed[it->second]->status;
    }
    rows.push_back(r);
  }
  return impl_->Edit(pair, version, [&](const Impl::State& st) {
    Change c = Diff(st.rows, rows, 0, 0);
    int changed = static_cast<int>(c.after.size());
    c.kind = "realign";
    c.label = c.empty() ? "realigned: nothing changed"
                        : "realigned the unreviewed beads (" + std::to_string(changed) + " beads from bead " +
                              OneBased(c.focus) + ")";
    return c;
  });
}

EditResult PairEditor::Undo(int64_t pair, int64_t version) { return impl_->Step(pair, version, true); }
EditResult PairEditor::Redo(int64_t pair, int64_t version) { return impl_->Step(pair, version, false); }

std::vector<EditEntry> PairEditor::History(int64_t pair) {
  sql::Stmt s(impl_->db, "SELECT id, kind, label, undone, created_at FROM edits WHERE pair_id = ?1 ORDER BY seq");
  s.Bind(1, pair);
  std::vector<EditEntry> out;
  while (s.Step()) out.push_back(EditEntry{s.Int64(0), s.String(1), s.String(2), s.Int(3) != 0, s.String(4)});
  return out;
}

namespace {

HistoryTail ReadTail(sql::Db& db, int64_t pair, int recent) {
  HistoryTail tail;
  {
    sql::Stmt s(db, "SELECT id, kind, label, undone, created_at FROM edits WHERE pair_id = ?1 ORDER BY seq DESC LIMIT ?2");
    s.Bind(1, pair).Bind(2, static_cast<int64_t>(std::max(recent, 0)));
    while (s.Step()) tail.recent.push_back(EditEntry{s.Int64(0), s.String(1), s.String(2), s.Int(3) != 0, s.String(4)});
    std::reverse(tail.recent.begin(), tail.recent.end());
  }
  // Undone entries are always the newest ones (a new edit drops them), so both are found by
  // walking (pair_id, seq) back from the end over the undone ones only.
  for (bool undone : {false, true}) {
    sql::Stmt s(db, undone ? "SELECT label FROM edits WHERE pair_id = ?1 AND undone = 1 AND seq > coalesce("
                             "(SELECT seq FROM edits WHERE pair_id = ?1 AND undone = 0 ORDER BY seq DESC LIMIT 1), 0) ORDER BY seq LIMIT 1"
                           : "SELECT label FROM edits WHERE pair_id = ?1 AND undone = 0 ORDER BY seq DESC LIMIT 1");
    s.Bind(1, pair);
    if (s.Step()) (undone ? tail.redo : tail.undo) = s.String(0);
  }
  return tail;
}

}  // namespace

HistoryTail PairEditor::Tail(int64_t pair, int recent) { return ReadTail(impl_->db, pair, recent); }

PairView LoadPairView(const Store& store, int64_t pair, int recent) {
  sql::ReadTransaction snapshot(store.db());
  PairView view;
  view.pair = store.LoadPair(pair);
  view.history = ReadTail(store.db(), pair, recent);
  return view;
}

}  // namespace newsalign
