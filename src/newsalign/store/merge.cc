// MergeCorpus: the input is read pair by pair through its own read-only connection, inside one
// read transaction (a consistent snapshot even if someone writes the input meanwhile), and OUT
// is written inside one write transaction, so a failure anywhere leaves OUT as it was. Memory:
// one pair's texts at a time. merge.h has the identity and the rule; here is how.
//
// Per input pair P: map each side to a document of OUT (by hash, then by origin) without
// writing; if OUT has a pair Q on both documents, compare and maybe replace Q by P, else add P.
// Rows are written in the order the full-text index's triggers need (store/schema.cc, step 2):
// documents, revisions with their sentences, the pair, then its beads; each bead enters the
// index as it is inserted, and leaves it as Q's beads are deleted.
#include "newsalign/store/merge.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "newsalign/core/error.h"
#include "newsalign/store/schema.h"
#include "newsalign/store/sqlite.h"

namespace newsalign {
namespace {

namespace fs = std::filesystem;

// [begin, end) bytes of a revision's text; `paragraph` for sentences only.
struct SpanRow {
  int64_t begin = 0, end = 0, paragraph = 0;
  bool operator==(const SpanRow& o) const { return begin == o.begin && end == o.end && paragraph == o.paragraph; }
};

struct RevisionRow {
  int64_t id = 0, document_id = 0, number = 0;
  std::string format, text, sha256, created_at;     // text: only when loaded with texts
  int64_t provenance = 0;                           // 0: none
  int64_t paragraph_count = 0, sentence_count = 0;  // as recorded in the row
  std::vector<SpanRow> paragraphs, sentences;

  bool SameSpans(const RevisionRow& o) const { return paragraphs == o.paragraphs && sentences == o.sentences; }
};

struct DocumentRow {
  int64_t id = 0;
  std::string lang, origin, title, date, source, created_at;
};

struct BeadRow {
  int64_t ru_begin = 0, ru_count = 0, en_begin = 0, en_count = 0;
  double score = 0;
  std::string status, updated_at;
  int64_t provenance = 0;

  // The same alignment decision: positions and review status (scores vary between builds).
  bool SameAs(const BeadRow& o) const {
    return ru_begin == o.ru_begin && ru_count == o.ru_count && en_begin == o.en_begin && en_count == o.en_count &&
           status == o.status;
  }
};

struct EditRow {
  int64_t seq = 0, undone = 0;
  std::string kind, label, delta, created_at;
  std::optional<int64_t> at_version;
};

struct PairRow {
  int64_t id = 0, version = 0;
  std::string title, date, source, created_at, updated_at;
  DocumentRow doc[2];  // ru, en
  RevisionRow rev[2];
  std::vector<BeadRow> beads;  // in order
  std::vector<EditRow> edits;  // by seq

  int64_t Reviewed() const {
    return std::count_if(beads.begin(), beads.end(), [](const BeadRow& b) { return b.status != "auto"; });
  }
};

const char* const kSideName[2] = {"ru", "en"};

int64_t OptInt(const sql::Stmt& s, int col) { return s.IsNull(col) ? 0 : s.Int64(col); }

void BindOpt(sql::Stmt& s, int i, int64_t v) {
  if (v) {
    s.Bind(i, v);
  } else {
    s.BindNull(i);
  }
}

// Resets a statement when a read through it ends, however it ends.
class Reading {
 public:
  explicit Reading(sql::Stmt& s) : s_(s) {}
  ~Reading() { s_.Reset(); }
  Reading(const Reading&) = delete;
  Reading& operator=(const Reading&) = delete;

 private:
  sql::Stmt& s_;
};

// A message from SQLite or from a damaged file, made one printable line.
std::string OneLine(std::string_view text) {
  std::string out;
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    out += (b < 0x20 || b == 0x7F) ? ' ' : c;
  }
  return out;
}

// Reads pairs with what they use (documents, revisions with spans, beads, edits) through one
// connection: the input's, or OUT's to compare.
class Reader {
 public:
  Reader(sql::Db& db, bool has_edits)
      : db_(db),
        pair_(db,
              "SELECT ru_document_id, en_document_id, ru_revision_id, en_revision_id, title, date, source, version, "
              "created_at, updated_at FROM pairs WHERE id = ?1"),
        document_(db, "SELECT lang, origin, title, date, source, created_at FROM documents WHERE id = ?1"),
        revision_(db,
                  "SELECT document_id, number, format, sha256, created_at, provenance_id, paragraph_count, "
                  "sentence_count, CASE WHEN ?2 THEN text END FROM revisions WHERE id = ?1"),
        paragraphs_(db, "SELECT idx, begin_byte, end_byte FROM paragraphs WHERE revision_id = ?1 ORDER BY idx"),
        sentences_(db,
                   "SELECT idx, begin_byte, end_byte, paragraph FROM sentences WHERE revision_id = ?1 ORDER BY idx"),
        beads_(db,
               "SELECT ru_begin, ru_count, en_begin, en_count, score, status, provenance_id, updated_at FROM beads "
               "WHERE pair_id = ?1 ORDER BY ru_begin, en_begin") {
    if (has_edits) {
      edits_ = std::make_unique<sql::Stmt>(
          db,
          "SELECT seq, kind, label, delta, undone, at_version, created_at FROM edits WHERE pair_id = ?1 ORDER BY seq");
    }
  }

  // The pair `id`; `full`: with the revision texts and the edit history too.
  PairRow Pair(int64_t id, bool full) {
    PairRow p;
    p.id = id;
    int64_t doc_ids[2], rev_ids[2];
    {
      Reading r(pair_);
      pair_.Bind(1, id);
      if (!pair_.Step()) throw Error(db_.path() + ": pair " + std::to_string(id) + " vanished");
      doc_ids[0] = pair_.Int64(0);
      doc_ids[1] = pair_.Int64(1);
      rev_ids[0] = pair_.Int64(2);
      rev_ids[1] = pair_.Int64(3);
      p.title = pair_.String(4);
      p.date = pair_.String(5);
      p.source = pair_.String(6);
      p.version = pair_.Int64(7);
      p.created_at = pair_.String(8);
      p.updated_at = pair_.String(9);
    }
    for (int side = 0; side < 2; ++side) {
      p.doc[side] = Document(doc_ids[side], id);
      p.rev[side] = Revision(rev_ids[side], full);
      if (p.rev[side].document_id != doc_ids[side])
        throw InputError(db_.path() + ": pair " + std::to_string(id) + " uses revision " +
                         std::to_string(rev_ids[side]) + " of another document (a damaged corpus)");
    }
    {
      Reading r(beads_);
      beads_.Bind(1, id);
      while (beads_.Step()) {
        BeadRow b;
        b.ru_begin = beads_.Int64(0);
        b.ru_count = beads_.Int64(1);
        b.en_begin = beads_.Int64(2);
        b.en_count = beads_.Int64(3);
        b.score = beads_.Double(4);
        b.status = beads_.String(5);
        b.provenance = OptInt(beads_, 6);
        b.updated_at = beads_.String(7);
        p.beads.push_back(std::move(b));
      }
    }
    if (full && edits_) {
      Reading r(*edits_);
      edits_->Bind(1, id);
      while (edits_->Step()) {
        EditRow e;
        e.seq = edits_->Int64(0);
        e.kind = edits_->String(1);
        e.label = edits_->String(2);
        e.delta = edits_->String(3);
        e.undone = edits_->Int64(4);
        if (!edits_->IsNull(5)) e.at_version = edits_->Int64(5);
        e.created_at = edits_->String(6);
        p.edits.push_back(std::move(e));
      }
    }
    return p;
  }

  RevisionRow Revision(int64_t id, bool with_text) {
    RevisionRow r;
    r.id = id;
    {
      Reading reading(revision_);
      revision_.Bind(1, id).Bind(2, with_text ? 1 : 0);
      if (!revision_.Step())
        throw InputError(db_.path() + ": revision " + std::to_string(id) + " is missing (a damaged corpus)");
      r.document_id = revision_.Int64(0);
      r.number = revision_.Int64(1);
      r.format = revision_.String(2);
      r.sha256 = revision_.String(3);
      r.created_at = revision_.String(4);
      r.provenance = OptInt(revision_, 5);
      r.paragraph_count = revision_.Int64(6);
      r.sentence_count = revision_.Int64(7);
      if (with_text) r.text = revision_.String(8);
    }
    auto spans = [&](sql::Stmt& s, bool sentences, std::vector<SpanRow>& out) {
      Reading reading(s);
      s.Bind(1, id);
      while (s.Step()) {
        if (s.Int64(0) != static_cast<int64_t>(out.size()))
          throw InputError(db_.path() + ": revision " + std::to_string(id) + ": " +
                           (sentences ? "sentence" : "paragraph") + " numbers have gaps (a damaged corpus)");
        out.push_back(SpanRow{s.Int64(1), s.Int64(2), sentences ? s.Int64(3) : 0});
      }
    };
    spans(paragraphs_, false, r.paragraphs);
    spans(sentences_, true, r.sentences);
    return r;
  }

 private:
  DocumentRow Document(int64_t id, int64_t pair) {
    Reading r(document_);
    document_.Bind(1, id);
    if (!document_.Step())
      throw InputError(db_.path() + ": pair " + std::to_string(pair) + " names a missing document " +
                       std::to_string(id) + " (a damaged corpus)");
    DocumentRow d;
    d.id = id;
    d.lang = document_.String(0);
    d.origin = document_.String(1);
    d.title = document_.String(2);
    d.date = document_.String(3);
    d.source = document_.String(4);
    d.created_at = document_.String(5);
    return d;
  }

  sql::Db& db_;
  sql::Stmt pair_, document_, revision_, paragraphs_, sentences_, beads_;
  std::unique_ptr<sql::Stmt> edits_;  // null before schema version 3
};

// What OUT must be able to trust about an input pair before storing it: texts that match
// their hashes, spans in order inside them, beads that tile both sides, known statuses.
void Validate(const PairRow& p, const std::string& path) {
  const std::string where = path + ": pair " + std::to_string(p.id);
  for (int side = 0; side < 2; ++side) {
    const RevisionRow& r = p.rev[side];
    const std::string what = where + ", " + kSideName[side] + " revision " + std::to_string(r.id);
    if (Sha256Hex(r.text) != r.sha256)
      throw InputError(what + ": the text does not match its SHA-256 (a damaged or hand-edited corpus)");
    if (static_cast<int64_t>(r.sentences.size()) != r.sentence_count ||
        static_cast<int64_t>(r.paragraphs.size()) != r.paragraph_count)
      throw InputError(what + ": " + std::to_string(r.sentences.size()) + " of " + std::to_string(r.sentence_count) +
                       " sentences and " + std::to_string(r.paragraphs.size()) + " of " +
                       std::to_string(r.paragraph_count) + " paragraphs stored (a damaged corpus)");
    const auto size = static_cast<int64_t>(r.text.size());
    int64_t last = 0;
    for (const SpanRow& s : r.paragraphs) {
      if (s.begin < last || s.end < s.begin || s.end > size)
        throw InputError(what + ": paragraph spans out of order or outside the text (a damaged corpus)");
      last = s.end;
    }
    last = 0;
    const auto paragraphs = std::max<int64_t>(static_cast<int64_t>(r.paragraphs.size()), 1);
    for (const SpanRow& s : r.sentences) {
      if (s.begin < last || s.end < s.begin || s.end > size || s.paragraph < 0 || s.paragraph >= paragraphs)
        throw InputError(what + ": sentence spans out of order or outside the text (a damaged corpus)");
      last = s.end;
    }
  }
  int64_t ru = 0, en = 0;
  for (const BeadRow& b : p.beads) {
    if (b.ru_begin != ru || b.en_begin != en || b.ru_count < 0 || b.en_count < 0 || b.ru_count + b.en_count == 0)
      throw InputError(where + ": its beads do not cover the sentences in order (bead at [" +
                       std::to_string(b.ru_begin) + "]:[" + std::to_string(b.en_begin) + "]; a damaged corpus)");
    if (b.status != "auto" && b.status != "confirmed" && b.status != "edited")
      throw InputError(where + ": unknown bead status \"" + OneLine(b.status) + "\" (a damaged corpus)");
    ru += b.ru_count;
    en += b.en_count;
  }
  if (ru != static_cast<int64_t>(p.rev[0].sentences.size()) || en != static_cast<int64_t>(p.rev[1].sentences.size()))
    throw InputError(where + ": its beads cover " + std::to_string(ru) + "/" + std::to_string(en) + " of " +
                     std::to_string(p.rev[0].sentences.size()) + "/" + std::to_string(p.rev[1].sentences.size()) +
                     " sentences (a damaged corpus)");
  for (const EditRow& e : p.edits) {
    if (!nlohmann::json::accept(e.delta) || (e.undone != 0 && e.undone != 1))
      throw InputError(where + ": edit " + std::to_string(e.seq) + " of its history is malformed (a damaged corpus)");
  }
}

class Merger {
 public:
  Merger(sql::Db& out, sql::Db& in, int in_version, MergeResult& result)
      : out_(out),
        in_(in),
        result_(result),
        in_reader_(in, in_version >= 3),
        out_reader_(out, true),
        doc_by_hash_(out,
                     "SELECT d.id FROM revisions r JOIN documents d ON d.id = r.document_id "
                     "WHERE r.sha256 = ?1 AND d.lang = ?2 ORDER BY d.origin = ?3 DESC, "
                     "r.number = (SELECT max(number) FROM revisions x WHERE x.document_id = d.id) DESC, d.id LIMIT 1"),
        doc_by_origin_(out, "SELECT id FROM documents WHERE lang = ?1 AND origin = ?2"),
        pair_by_docs_(out, "SELECT id FROM pairs WHERE ru_document_id = ?1 AND en_document_id = ?2"),
        same_text_(out, "SELECT id FROM revisions WHERE document_id = ?1 AND sha256 = ?2 ORDER BY number DESC"),
        insert_document_(out,
                         "INSERT INTO documents (lang, origin, title, date, source, created_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        insert_revision_(out,
                         "INSERT INTO revisions (document_id, number, format, text, sha256, paragraph_count, "
                         "sentence_count, provenance_id, created_at) VALUES (?1, (SELECT coalesce(max(number), 0) + 1 "
                         "FROM revisions WHERE document_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        insert_paragraph_(out,
                          "INSERT INTO paragraphs (revision_id, idx, begin_byte, end_byte) VALUES (?1, ?2, ?3, ?4)"),
        insert_sentence_(out,
                         "INSERT INTO sentences (revision_id, idx, begin_byte, end_byte, paragraph) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)"),
        insert_bead_(
            out,
            "INSERT INTO beads (pair_id, ru_begin, ru_count, en_begin, en_count, score, status, provenance_id, "
            "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        insert_edit_(out,
                     "INSERT INTO edits (pair_id, seq, kind, label, delta, undone, at_version, created_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)") {}

  void Run() {
    sql::Stmt ids(in_, "SELECT id FROM pairs ORDER BY id");
    Reading r(ids);
    while (ids.Step()) {
      MergePair(ids.Int64(0));
      ++result_.pairs;
    }
  }

 private:
  void MergePair(int64_t input_id) {
    PairRow p = in_reader_.Pair(input_id, /*full=*/true);
    Validate(p, in_.path());
    int64_t docs[2] = {FindDocument(p.doc[0], p.rev[0].sha256), FindDocument(p.doc[1], p.rev[1].sha256)};
    int64_t pair_id = 0;
    if (docs[0] && docs[1]) {
      Reading r(pair_by_docs_);
      pair_by_docs_.Bind(1, docs[0]).Bind(2, docs[1]);
      if (pair_by_docs_.Step()) pair_id = pair_by_docs_.Int64(0);
    }
    if (!pair_id) {
      Add(p, docs);
      ++result_.added;
      return;
    }
    PairRow q = out_reader_.Pair(pair_id, /*full=*/false);
    bool same_texts = true, same_spans = true;
    for (int side = 0; side < 2; ++side) {
      same_texts = same_texts && p.rev[side].sha256 == q.rev[side].sha256;
      same_spans = same_spans && p.rev[side].SameSpans(q.rev[side]);
    }
    const bool same_beads =
        p.beads.size() == q.beads.size() && std::equal(p.beads.begin(), p.beads.end(), q.beads.begin(),
                                                       [](const BeadRow& a, const BeadRow& b) { return a.SameAs(b); });
    if (same_texts && same_spans && same_beads) {
      ++result_.present;
      return;
    }
    // The rule (merge.h): more reviewed beads, then changed later, then OUT's.
    const int64_t mine = p.Reviewed(), theirs = q.Reviewed();
    const bool take = mine > theirs || (mine == theirs && p.updated_at > q.updated_at);
    MergeDecision d;
    d.input_pair = input_id;
    d.pair_id = pair_id;
    d.why = std::to_string(mine) + " reviewed beads in the input against " + std::to_string(theirs) + " here";
    if (mine == theirs) {
      d.why += p.updated_at == q.updated_at ? ", changed at the same time: ours kept"
               : take                       ? ", the input's changed later (" + p.updated_at + ")"
                                            : ", ours changed later (" + q.updated_at + ")";
    }
    d.why += !same_texts ? "; other texts" : !same_spans ? "; other sentence splits" : "; other beads";
    if (take) {
      Replace(q, p, docs);
      d.action = MergeAction::kUpdated;
      d.title = p.title.empty() ? q.title : p.title;
      ++result_.updated;
    } else {
      d.action = MergeAction::kKept;
      d.title = q.title;
      ++result_.kept;
    }
    result_.decisions.push_back(std::move(d));
  }

  // OUT's document for an input document whose revision has `sha256`; 0: none yet.
  int64_t FindDocument(const DocumentRow& doc, const std::string& sha256) {
    {
      Reading r(doc_by_hash_);
      doc_by_hash_.Bind(1, sha256).Bind(2, doc.lang).Bind(3, doc.origin);
      if (doc_by_hash_.Step()) return doc_by_hash_.Int64(0);
    }
    Reading r(doc_by_origin_);
    doc_by_origin_.Bind(1, doc.lang).Bind(2, doc.origin);
    return doc_by_origin_.Step() ? doc_by_origin_.Int64(0) : 0;
  }

  // A revision of `doc` with the text and spans of `rev`: OUT's own when it has one, else a
  // copy appended as the document's next revision.
  int64_t EnsureRevision(int64_t doc, const RevisionRow& rev) {
    std::vector<int64_t> candidates;
    {
      Reading r(same_text_);
      same_text_.Bind(1, doc).Bind(2, rev.sha256);
      while (same_text_.Step()) candidates.push_back(same_text_.Int64(0));
    }
    for (int64_t id : candidates)
      if (out_reader_.Revision(id, /*with_text=*/false).SameSpans(rev)) return id;
    insert_revision_.Bind(1, doc).Bind(2, rev.format).Bind(3, rev.text).Bind(4, rev.sha256);
    insert_revision_.Bind(5, rev.paragraphs.size()).Bind(6, rev.sentences.size());
    BindOpt(insert_revision_, 7, Provenance(rev.provenance));
    insert_revision_.Bind(8, rev.created_at);
    insert_revision_.Run();
    const int64_t id = out_.LastInsertId();
    for (size_t i = 0; i < rev.paragraphs.size(); ++i) {
      insert_paragraph_.Bind(1, id).Bind(2, i).Bind(3, rev.paragraphs[i].begin).Bind(4, rev.paragraphs[i].end);
      insert_paragraph_.Run();
    }
    for (size_t i = 0; i < rev.sentences.size(); ++i) {
      const SpanRow& s = rev.sentences[i];
      insert_sentence_.Bind(1, id).Bind(2, i).Bind(3, s.begin).Bind(4, s.end).Bind(5, s.paragraph);
      insert_sentence_.Run();
    }
    ++result_.revisions;
    return id;
  }

  // OUT's provenance row equal to the input's row `id` (inserted when missing); 0 for none.
  int64_t Provenance(int64_t id) {
    if (!id) return 0;
    auto it = provenance_.find(id);
    if (it != provenance_.end()) return it->second;
    int64_t mapped = 0;
    sql::Stmt s(in_, "SELECT tool, tool_version, action, options, created_at FROM provenance WHERE id = ?1");
    s.Bind(1, id);
    if (s.Step()) {
      sql::Stmt find(out_,
                     "SELECT id FROM provenance WHERE tool = ?1 AND tool_version = ?2 AND action = ?3 "
                     "AND options = ?4 AND created_at = ?5 ORDER BY id LIMIT 1");
      for (int i = 0; i < 5; ++i) find.Bind(i + 1, s.Text(i));
      if (find.Step()) {
        mapped = find.Int64(0);
      } else {
        sql::Stmt ins(out_,
                      "INSERT INTO provenance (tool, tool_version, action, options, created_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)");
        for (int i = 0; i < 5; ++i) ins.Bind(i + 1, s.Text(i));
        ins.Run();
        mapped = out_.LastInsertId();
      }
    }
    provenance_[id] = mapped;
    return mapped;
  }

  void Add(const PairRow& p, int64_t docs[2]) {
    int64_t revs[2];
    for (int side = 0; side < 2; ++side) {
      if (!docs[side]) {
        const DocumentRow& d = p.doc[side];
        insert_document_.Bind(1, d.lang).Bind(2, d.origin).Bind(3, d.title).Bind(4, d.date).Bind(5, d.source);
        insert_document_.Bind(6, d.created_at);
        insert_document_.Run();
        docs[side] = out_.LastInsertId();
        ++result_.documents;
      }
      revs[side] = EnsureRevision(docs[side], p.rev[side]);
    }
    // The input's version number comes along, so its edit history's undo stays armed.
    sql::Stmt s(out_,
                "INSERT INTO pairs (ru_document_id, en_document_id, ru_revision_id, en_revision_id, title, date, "
                "source, version, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    s.Bind(1, docs[0]).Bind(2, docs[1]).Bind(3, revs[0]).Bind(4, revs[1]).Bind(5, p.title).Bind(6, p.date);
    s.Bind(7, p.source).Bind(8, p.version).Bind(9, p.created_at).Bind(10, p.updated_at);
    s.Run();
    const int64_t pair_id = out_.LastInsertId();
    InsertBeads(pair_id, p);
    InsertEdits(pair_id, p, std::nullopt);
  }

  // Q becomes P: P's revisions, metadata, beads and history; the version moves past both so
  // an editor that saw Q is refused, and P's armed undo/redo is armed at the new version.
  void Replace(const PairRow& q, const PairRow& p, const int64_t docs[2]) {
    int64_t revs[2];
    for (int side = 0; side < 2; ++side) revs[side] = EnsureRevision(docs[side], p.rev[side]);
    sql::Stmt beads(out_, "DELETE FROM beads WHERE pair_id = ?1");
    beads.Bind(1, q.id);
    beads.Run();
    sql::Stmt edits(out_, "DELETE FROM edits WHERE pair_id = ?1");
    edits.Bind(1, q.id);
    edits.Run();
    const int64_t version = std::max(q.version, p.version) + 1;
    sql::Stmt s(out_,
                "UPDATE pairs SET ru_revision_id = ?2, en_revision_id = ?3, title = coalesce(nullif(?4, ''), title), "
                "date = coalesce(nullif(?5, ''), date), source = coalesce(nullif(?6, ''), source), version = ?7, "
                "updated_at = ?8 WHERE id = ?1");
    s.Bind(1, q.id).Bind(2, revs[0]).Bind(3, revs[1]).Bind(4, p.title).Bind(5, p.date).Bind(6, p.source);
    s.Bind(7, version).Bind(8, p.updated_at);
    s.Run();
    InsertBeads(q.id, p);
    InsertEdits(q.id, p, version);
  }

  void InsertBeads(int64_t pair_id, const PairRow& p) {
    for (const BeadRow& b : p.beads) {
      insert_bead_.Bind(1, pair_id).Bind(2, b.ru_begin).Bind(3, b.ru_count).Bind(4, b.en_begin).Bind(5, b.en_count);
      insert_bead_.Bind(6, std::clamp(b.score, 0.0, 1.0)).Bind(7, b.status);
      BindOpt(insert_bead_, 8, Provenance(b.provenance));
      insert_bead_.Bind(9, b.updated_at);
      insert_bead_.Run();
    }
    result_.beads += static_cast<int64_t>(p.beads.size());
  }

  // `version`: the pair's new version when it is not P's own (see Replace).
  void InsertEdits(int64_t pair_id, const PairRow& p, std::optional<int64_t> version) {
    for (const EditRow& e : p.edits) {
      insert_edit_.Bind(1, pair_id).Bind(2, e.seq).Bind(3, e.kind).Bind(4, e.label).Bind(5, e.delta);
      insert_edit_.Bind(6, e.undone);
      std::optional<int64_t> at = e.at_version;
      if (version) at = at == p.version ? version : std::nullopt;
      if (at) {
        insert_edit_.Bind(7, *at);
      } else {
        insert_edit_.BindNull(7);
      }
      insert_edit_.Bind(8, e.created_at);
      insert_edit_.Run();
    }
  }

  sql::Db& out_;
  sql::Db& in_;
  MergeResult& result_;
  Reader in_reader_, out_reader_;
  sql::Stmt doc_by_hash_, doc_by_origin_, pair_by_docs_, same_text_;
  sql::Stmt insert_document_, insert_revision_, insert_paragraph_, insert_sentence_, insert_bead_, insert_edit_;
  std::map<int64_t, int64_t> provenance_;  // input id -> OUT id
};

// Refuses what is not a SQLite file at all before SQLite does, with a message about merging.
void CheckIsSqlite(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot read it");
  char head[16] = {};
  in.read(head, sizeof head);
  if (in.gcount() == 0) throw InputError(path + ": an empty file, not a newsalign corpus");
  if (in.gcount() < static_cast<std::streamsize>(sizeof head) ||
      std::string_view(head, 16) != std::string_view("SQLite format 3\0", 16))
    throw InputError(path + ": not a newsalign corpus (not a SQLite database)");
}

}  // namespace

const char* MergeActionName(MergeAction action) {
  switch (action) {
    case MergeAction::kAdded:
      return "added";
    case MergeAction::kPresent:
      return "present";
    case MergeAction::kUpdated:
      return "updated";
    case MergeAction::kKept:
      return "kept";
  }
  return "?";
}

MergeResult MergeCorpus(Store& out, const std::string& input, const MergeOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  MergeResult result;
  result.input = input;
  std::error_code ec;
  const fs::file_status st = fs::status(input, ec);
  if (!fs::exists(st)) throw InputError(input + ": no such file (nothing to merge)");
  if (fs::is_directory(st)) throw InputError(input + ": a folder, not a corpus file");
  if (fs::equivalent(input, out.path(), ec))
    throw InputError(input + ": is the output corpus itself (a corpus cannot be merged into itself)");
  CheckIsSqlite(input);

  sql::Db in = sql::Db::Open(input, /*read_only=*/true, options.busy_timeout_ms);
  in.Exec("BEGIN");  // one snapshot of the input for the whole merge; closing `in` ends it
  result.schema_version = sql::CheckReadable(in);
  {
    sql::Stmt check(in, "PRAGMA quick_check(1)");
    if (check.Step() && check.Text(0) != "ok")
      throw InputError(input + ": damaged (" + OneLine(check.Text(0)) + "); restore it from a backup");
  }
  sql::Transaction tx(out.db());
  Merger merger(out.db(), in, result.schema_version, result);
  merger.Run();
  tx.Commit();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace newsalign
