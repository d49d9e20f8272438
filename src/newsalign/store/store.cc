#include "newsalign/store/store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <unordered_map>
#include <utility>

#include "newsalign/core/error.h"
#include "newsalign/core/version.h"
#include "newsalign/store/schema.h"
#include "newsalign/store/sqlite.h"

namespace newsalign {
namespace {

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string DocName(const Document& doc) { return doc.path.empty() ? "(" + doc.lang + " text)" : doc.path; }

// "a/b/kp.123.ru.txt" -> "kp.123": a title of last resort for a pair.
std::string StemOf(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  for (const char* ext : {".txt", ".html", ".htm", ".ru", ".en"}) {
    std::string_view e(ext);
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0)
      name.resize(name.size() - e.size());
  }
  return name;
}

void CheckSpans(const Document& doc) {
  const size_t n = doc.text.size();
  size_t last = 0;
  for (const Span& p : doc.paragraphs) {
    if (p.begin < last || p.end < p.begin || p.end > n)
      throw Error(DocName(doc) + ": paragraph spans out of order or outside the text");
    last = p.end;
  }
  last = 0;
  for (const Sentence& s : doc.sentences) {
    if (s.span.begin < last || s.span.end < s.span.begin || s.span.end > n || s.paragraph < 0 ||
        static_cast<size_t>(s.paragraph) >= std::max<size_t>(doc.paragraphs.size(), 1))
      throw Error(DocName(doc) + ": sentence spans out of order or outside the text");
    last = s.span.end;
  }
}

// Beads must cover [0, n_ru) and [0, n_en) in order, exactly once.
void CheckTiling(const Alignment& beads, size_t n_ru, size_t n_en, const std::string& what) {
  int ru = 0, en = 0;
  for (const Bead& b : beads) {
    if (b.src_begin != ru || b.tgt_begin != en || b.src_count < 0 || b.tgt_count < 0 ||
        b.src_count + b.tgt_count == 0)
      throw Error(what + ": the alignment does not cover the sentences in order (bead " + b.Type() + " at [" +
                  std::to_string(b.src_begin) + "]:[" + std::to_string(b.tgt_begin) + "])");
    ru += b.src_count;
    en += b.tgt_count;
  }
  if (static_cast<size_t>(ru) != n_ru || static_cast<size_t>(en) != n_en)
    throw Error(what + ": the alignment covers " + std::to_string(ru) + "/" + std::to_string(en) +
                " sentences of " + std::to_string(n_ru) + "/" + std::to_string(n_en));
}

// Where one side of a pair input stands in the store.
struct Side {
  int64_t doc_id = 0;  // 0: a new document
  int64_t rev_id = 0;  // the current revision holding exactly this text; 0: a new revision
  int rev_number = 0;  // number of rev_id, or of the revision to create
  std::string hash;
};

Side ResolveSide(sql::Db& db, const Document& doc, const std::string& hash) {
  Side side;
  side.hash = hash;
  {
    sql::Stmt s(db, "SELECT id FROM documents WHERE lang = ?1 AND origin = ?2");
    s.Bind(1, doc.lang).Bind(2, doc.path);
    if (s.Step()) side.doc_id = s.Int64(0);
  }
  if (side.doc_id) {
    sql::Stmt s(db, "SELECT id, number, sha256 FROM revisions WHERE document_id = ?1 ORDER BY number DESC LIMIT 1");
    s.Bind(1, side.doc_id);
    if (s.Step()) {
      if (s.Text(2) == hash) {
        side.rev_id = s.Int64(0);
        side.rev_number = s.Int(1);
      } else {
        side.rev_number = s.Int(1) + 1;
      }
    } else {
      side.rev_number = 1;
    }
    return side;
  }
  // The same text under another name (a moved or copied file) is the same document.
  sql::Stmt s(db,
              "SELECT r.id, r.number, r.document_id FROM revisions r JOIN documents d ON d.id = r.document_id "
              "WHERE r.sha256 = ?1 AND d.lang = ?2 "
              "AND r.number = (SELECT max(number) FROM revisions WHERE document_id = r.document_id) "
              "ORDER BY r.id LIMIT 1");
  s.Bind(1, hash).Bind(2, doc.lang);
  if (s.Step()) {
    side.rev_id = s.Int64(0);
    side.rev_number = s.Int(1);
    side.doc_id = s.Int64(2);
  } else {
    side.rev_number = 1;
  }
  return side;
}

void LoadSpans(sql::Db& db, int64_t rev_id, Document& doc) {
  doc.paragraphs.clear();
  doc.sentences.clear();
  doc.possible_seams.clear();  // the stored segmentation is settled
  doc.guessed_seams.clear();
  sql::Stmt p(db, "SELECT begin_byte, end_byte FROM paragraphs WHERE revision_id = ?1 ORDER BY idx");
  p.Bind(1, rev_id);
  while (p.Step()) doc.paragraphs.push_back(Span{static_cast<size_t>(p.Int64(0)), static_cast<size_t>(p.Int64(1))});
  sql::Stmt s(db, "SELECT begin_byte, end_byte, paragraph FROM sentences WHERE revision_id = ?1 ORDER BY idx");
  s.Bind(1, rev_id);
  while (s.Step()) {
    Sentence sentence;
    sentence.span = Span{static_cast<size_t>(s.Int64(0)), static_cast<size_t>(s.Int64(1))};
    sentence.paragraph = s.Int(2);
    doc.sentences.push_back(sentence);
  }
}

std::string LoadText(sql::Db& db, int64_t rev_id) {
  sql::Stmt s(db, "SELECT text FROM revisions WHERE id = ?1");
  s.Bind(1, rev_id);
  if (!s.Step()) throw Error(db.path() + ": revision " + std::to_string(rev_id) + " is missing");
  return s.String(0);
}

std::vector<std::string> SentenceTexts(const Document& doc) {
  std::vector<std::string> out;
  out.reserve(doc.sentences.size());
  for (size_t i = 0; i < doc.sentences.size(); ++i) out.emplace_back(doc.SentenceText(i));
  return out;
}

// Maps sentences of an old revision to equal sentences of the new one, in order: a patience
// diff. Sentences that occur once in each are anchors; the longest increasing run of anchors
// is kept (so a moved paragraph does not scramble the rest) and the gaps between anchors are
// matched greedily. -1 where an old sentence has no counterpart. O(n log n).
std::vector<int> MapSentences(const std::vector<std::string>& old_s, const std::vector<std::string>& new_s) {
  std::vector<int> map(old_s.size(), -1);
  std::unordered_map<std::string_view, std::pair<int, int>> count;  // text -> (in old, in new)
  std::unordered_map<std::string_view, int> new_pos;
  for (const std::string& s : old_s) ++count[s].first;
  for (size_t j = 0; j < new_s.size(); ++j) {
    ++count[new_s[j]].second;
    new_pos[new_s[j]] = static_cast<int>(j);
  }
  // Anchors (i, j) in old order; longest increasing subsequence on j.
  std::vector<std::pair<int, int>> anchors;
  for (size_t i = 0; i < old_s.size(); ++i) {
    auto c = count[old_s[i]];
    if (c.first == 1 && c.second == 1) anchors.emplace_back(static_cast<int>(i), new_pos[old_s[i]]);
  }
  std::vector<int> tails, tail_idx, prev(anchors.size(), -1);
  for (size_t k = 0; k < anchors.size(); ++k) {
    int j = anchors[k].second;
    size_t pos = std::lower_bound(tails.begin(), tails.end(), j) - tails.begin();
    if (pos == tails.size()) {
      tails.push_back(j);
      tail_idx.push_back(static_cast<int>(k));
    } else {
      tails[pos] = j;
      tail_idx[pos] = static_cast<int>(k);
    }
    prev[k] = pos ? tail_idx[pos - 1] : -1;
  }
  std::vector<std::pair<int, int>> kept;
  for (int k = tail_idx.empty() ? -1 : tail_idx.back(); k >= 0; k = prev[k]) kept.push_back(anchors[k]);
  std::reverse(kept.begin(), kept.end());
  kept.emplace_back(static_cast<int>(old_s.size()), static_cast<int>(new_s.size()));  // sentinel
  int oi = 0, nj = 0;
  for (auto [ai, aj] : kept) {
    // Greedy in the gap [oi, ai) x [nj, aj).
    for (int i = oi; i < ai; ++i) {
      for (int j = nj; j < aj; ++j) {
        if (old_s[i] == new_s[j]) {
          map[i] = j;
          nj = j + 1;
          break;
        }
      }
    }
    if (ai < static_cast<int>(old_s.size())) map[ai] = aj;
    oi = ai + 1;
    nj = aj + 1;
  }
  return map;
}

// New index of one side of a bead, or -1 when that side did not survive unchanged.
int MapRange(const std::vector<int>* map, int begin, int count, int old_n, int new_n) {
  if (!map) return begin;  // this side kept its revision
  if (count == 0) {
    if (begin >= old_n) return new_n;
    return (*map)[begin];
  }
  int first = (*map)[begin];
  if (first < 0) return -1;
  for (int k = 1; k < count; ++k)
    if ((*map)[begin + k] != first + k) return -1;
  return first;
}

std::string JsonIntArray(const std::vector<int64_t>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + std::to_string(v[i]);
  return out + "]";
}

std::string JsonStatusArray(const std::vector<BeadStatus>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += std::string(i ? "," : "") + "\"" + StatusName(v[i]) + "\"";
  return out + "]";
}

// Sentence counts come from the last sentence's index (a seek in sentences' primary key)
// rather than revisions.sentence_count, the same number: that column is stored after the
// revision's text, and reading it walks the text's overflow pages (75 of them for a 300 KB
// document) every time another connection's write has emptied this one's page cache.
constexpr const char* kSummarySelect =
    "SELECT p.id, p.title, p.date, p.source, p.version, dr.origin, de.origin, rr.number, re.number, "
    "coalesce((SELECT max(idx) + 1 FROM sentences WHERE revision_id = p.ru_revision_id), 0), "
    "coalesce((SELECT max(idx) + 1 FROM sentences WHERE revision_id = p.en_revision_id), 0), count(b.id), "
    "coalesce(sum(b.status = 'confirmed'), 0), coalesce(sum(b.status = 'edited'), 0), "
    "coalesce(sum(b.status = 'auto' AND b.score < ?1), 0), p.updated_at "
    "FROM pairs p "
    "JOIN documents dr ON dr.id = p.ru_document_id JOIN documents de ON de.id = p.en_document_id "
    "JOIN revisions rr ON rr.id = p.ru_revision_id JOIN revisions re ON re.id = p.en_revision_id "
    "LEFT JOIN beads b ON b.pair_id = p.id ";

PairSummary ReadSummary(const sql::Stmt& s) {
  PairSummary p;
  p.id = s.Int64(0);
  p.title = s.String(1);
  p.date = s.String(2);
  p.source = s.String(3);
  p.version = s.Int64(4);
  p.ru_origin = s.String(5);
  p.en_origin = s.String(6);
  p.ru_revision = s.Int(7);
  p.en_revision = s.Int(8);
  p.ru_sentences = s.Int(9);
  p.en_sentences = s.Int(10);
  p.beads = s.Int(11);
  p.confirmed = s.Int(12);
  p.edited = s.Int(13);
  p.doubtful = s.Int(14);
  p.updated_at = s.String(15);
  return p;
}

}  // namespace

const char* StatusName(BeadStatus status) {
  switch (status) {
    case BeadStatus::kConfirmed:
      return "confirmed";
    case BeadStatus::kEdited:
      return "edited";
    case BeadStatus::kAuto:
      break;
  }
  return "auto";
}

BeadStatus ParseBeadStatus(std::string_view name) {
  if (name == "auto") return BeadStatus::kAuto;
  if (name == "confirmed") return BeadStatus::kConfirmed;
  if (name == "edited") return BeadStatus::kEdited;
  throw InputError("unknown bead status \"" + std::string(name) + "\" (want auto, confirmed or edited)");
}

const char* ActionName(ImportAction action) {
  switch (action) {
    case ImportAction::kUnchanged:
      return "unchanged";
    case ImportAction::kMetadata:
      return "metadata";
    case ImportAction::kNew:
      return "new";
    case ImportAction::kRealign:
      return "realigned";
  }
  return "?";
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1)
    throw Error("SHA-256 failed (OpenSSL)");
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned i = 0; i < len; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

struct Store::Impl {
  sql::Db db;
  int schema_version = 0;

  // Inserts the document (when new) and the revision (when new) of one side.
  void WriteSide(Side& side, const Document& doc, const std::string& format, int64_t prov_id) {
    if (!side.doc_id) {
      sql::Stmt s(db, "INSERT INTO documents (lang, origin, title, date) VALUES (?1, ?2, ?3, ?4)");
      s.Bind(1, doc.lang).Bind(2, doc.path).Bind(3, doc.title).Bind(4, IsDate(doc.date) ? doc.date : "");
      s.Run();
      side.doc_id = db.LastInsertId();
    } else if (!side.rev_id && (!doc.title.empty() || IsDate(doc.date))) {
      sql::Stmt s(db,
                  "UPDATE documents SET title = coalesce(nullif(?2, ''), title), "
                  "date = coalesce(nullif(?3, ''), date) WHERE id = ?1");
      s.Bind(1, side.doc_id).Bind(2, doc.title).Bind(3, IsDate(doc.date) ? doc.date : "");
      s.Run();
    }
    if (side.rev_id) return;
    {
      sql::Stmt s(db,
                  "INSERT INTO revisions (document_id, number, format, text, sha256, paragraph_count, "
                  "sentence_count, provenance_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      s.Bind(1, side.doc_id).Bind(2, side.rev_number).Bind(3, format).Bind(4, doc.text).Bind(5, side.hash);
      s.Bind(6, doc.paragraphs.size()).Bind(7, doc.sentences.size()).Bind(8, prov_id);
      s.Run();
      side.rev_id = db.LastInsertId();
    }
    sql::Stmt p(db, "INSERT INTO paragraphs (revision_id, idx, begin_byte, end_byte) VALUES (?1, ?2, ?3, ?4)");
    for (size_t i = 0; i < doc.paragraphs.size(); ++i) {
      p.Bind(1, side.rev_id).Bind(2, i).Bind(3, doc.paragraphs[i].begin).Bind(4, doc.paragraphs[i].end);
      p.Run();
    }
    sql::Stmt s(db,
                "INSERT INTO sentences (revision_id, idx, begin_byte, end_byte, paragraph) "
                "VALUES (?1, ?2, ?3, ?4, ?5)");
    for (size_t i = 0; i < doc.sentences.size(); ++i) {
      const Sentence& x = doc.sentences[i];
      s.Bind(1, side.rev_id).Bind(2, i).Bind(3, x.span.begin).Bind(4, x.span.end).Bind(5, x.paragraph);
      s.Run();
    }
  }

  // A reused revision must hold the spans the alignment was made on.
  void CheckSameSpans(const Side& side, const Document& doc) {
    Document stored;
    LoadSpans(db, side.rev_id, stored);
    bool same = stored.sentences.size() == doc.sentences.size();
    for (size_t i = 0; same && i < doc.sentences.size(); ++i) same = stored.sentences[i].span == doc.sentences[i].span;
    if (!same)
      throw Error(DocName(doc) + ": stored meanwhile with another segmentation; run the import again");
  }

  int64_t EnsureProvenance(const Provenance& prov) {
    if (prov.id) {
      sql::Stmt s(db, "SELECT 1 FROM provenance WHERE id = ?1");
      s.Bind(1, prov.id);
      if (s.Step()) return prov.id;
    }
    sql::Stmt s(db, "INSERT INTO provenance (tool, tool_version, action, options) VALUES ('newsalign', ?1, ?2, ?3)");
    s.Bind(1, kVersion).Bind(2, prov.action).Bind(3, prov.options_json);
    s.Run();
    return db.LastInsertId();
  }

  void InsertBeads(int64_t pair_id, const std::vector<StoredBead>& beads, int64_t prov_id) {
    sql::Stmt s(db,
                "INSERT INTO beads (pair_id, ru_begin, ru_count, en_begin, en_count, score, status, provenance_id) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (const StoredBead& b : beads) {
      double score = std::clamp(b.bead.score, 0.0, 1.0);
      s.Bind(1, pair_id).Bind(2, b.bead.src_begin).Bind(3, b.bead.src_count).Bind(4, b.bead.tgt_begin);
      s.Bind(5, b.bead.tgt_count).Bind(6, score).Bind(7, StatusName(b.status)).Bind(8, prov_id);
      s.Run();
    }
  }

  std::optional<PairSummary> Summary(int64_t pair_id) {
    std::string q = std::string(kSummarySelect) + "WHERE p.id = ?2 GROUP BY p.id";
    sql::Stmt s(db, q.c_str());
    s.Bind(1, kDoubtfulScore).Bind(2, pair_id);
    if (!s.Step()) return std::nullopt;
    return ReadSummary(s);
  }
};

Store::Store() : impl_(std::make_unique<Impl>()) {}
Store::~Store() = default;
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

Store Store::Open(const std::string& path, StoreOptions options) {
  if (!options.create && !std::filesystem::exists(path)) {
    throw InputError(path + ": no corpus here (import something first, or name one with --db)");
  }
  Store store;
  store.impl_->db = sql::Db::Open(path, false, options.busy_timeout_ms);
  sql::Db& db = store.impl_->db;
  db.Exec("PRAGMA foreign_keys = ON");
  sql::Migrate(db);  // refuses foreign files before anything below writes to them
  // WAL: readers never block the writer; NORMAL sync is safe against a killed process (the
  // WAL is replayed or ignored as a whole transaction) and much faster than FULL.
  db.Exec("PRAGMA journal_mode = WAL");
  db.Exec("PRAGMA synchronous = NORMAL");
  store.impl_->schema_version = sql::SchemaVersion(db);
  return store;
}

const std::string& Store::path() const { return impl_->db.path(); }

sql::Db& Store::db() const { return impl_->db; }

int Store::schema_version() const { return impl_->schema_version; }

ImportPlan Store::Plan(PairInput& in) const {
  sql::Db& db = impl_->db;
  for (Document* doc : {&in.ru, &in.en}) {
    if (doc->sentences.empty()) throw InputError(DocName(*doc) + ": no text to align (an empty document?)");
    CheckSpans(*doc);
  }
  if (!in.date.empty() && !IsDate(in.date))
    throw InputError("bad date \"" + in.date + "\" (want YYYY-MM-DD)");

  ImportPlan plan;
  Side ru = ResolveSide(db, in.ru, Sha256Hex(in.ru.text));
  Side en = ResolveSide(db, in.en, Sha256Hex(in.en.text));
  if (ru.rev_id) LoadSpans(db, ru.rev_id, in.ru);
  if (en.rev_id) LoadSpans(db, en.rev_id, in.en);
  plan.ru_revised = !ru.rev_id;
  plan.en_revised = !en.rev_id;
  plan.action = ImportAction::kNew;
  if (!ru.doc_id || !en.doc_id) return plan;

  int64_t old_ru_rev = 0, old_en_rev = 0;
  std::string title, date, source;
  {
    sql::Stmt s(db,
                "SELECT id, version, ru_revision_id, en_revision_id, title, date, source FROM pairs "
                "WHERE ru_document_id = ?1 AND en_document_id = ?2");
    s.Bind(1, ru.doc_id).Bind(2, en.doc_id);
    if (!s.Step()) return plan;
    plan.pair_id = s.Int64(0);
    plan.pair_version = s.Int64(1);
    old_ru_rev = s.Int64(2);
    old_en_rev = s.Int64(3);
    title = s.String(4);
    date = s.String(5);
    source = s.String(6);
  }
  // The pair may lag behind a document that was revised through another pair.
  plan.ru_revised = ru.rev_id != old_ru_rev;
  plan.en_revised = en.rev_id != old_en_rev;
  if (!plan.ru_revised && !plan.en_revised) {
    bool meta = (!in.title.empty() && in.title != title) || (!in.date.empty() && in.date != date) ||
                (!in.source.empty() && in.source != source);
    plan.action = meta ? ImportAction::kMetadata : ImportAction::kUnchanged;
    return plan;
  }
  plan.action = ImportAction::kRealign;

  // Carry the reviewed beads over to the new sentence indices.
  std::vector<int> ru_map, en_map;
  int old_ru_n = 0, old_en_n = 0;
  auto build_map = [&db](int64_t old_rev, const Document& now, std::vector<int>& map, int& old_n) {
    Document old;
    old.text = LoadText(db, old_rev);
    LoadSpans(db, old_rev, old);
    old_n = static_cast<int>(old.sentences.size());
    map = MapSentences(SentenceTexts(old), SentenceTexts(now));
  };
  if (plan.ru_revised) build_map(old_ru_rev, in.ru, ru_map, old_ru_n);
  if (plan.en_revised) build_map(old_en_rev, in.en, en_map, old_en_n);
  sql::Stmt s(db,
              "SELECT ru_begin, ru_count, en_begin, en_count, score, status FROM beads "
              "WHERE pair_id = ?1 AND status != 'auto' ORDER BY ru_begin, en_begin");
  s.Bind(1, plan.pair_id);
  int ru_end = 0, en_end = 0;
  const int new_ru_n = static_cast<int>(in.ru.sentences.size());
  const int new_en_n = static_cast<int>(in.en.sentences.size());
  while (s.Step()) {
    Bead b;
    b.src_count = s.Int(1);
    b.tgt_count = s.Int(3);
    b.score = s.Double(4);
    b.src_begin = MapRange(plan.ru_revised ? &ru_map : nullptr, s.Int(0), b.src_count, old_ru_n, new_ru_n);
    b.tgt_begin = MapRange(plan.en_revised ? &en_map : nullptr, s.Int(2), b.tgt_count, old_en_n, new_en_n);
    if (b.src_begin < 0 || b.tgt_begin < 0 || b.src_begin < ru_end || b.tgt_begin < en_end ||
        b.src_end() > new_ru_n || b.tgt_end() > new_en_n) {
      ++plan.dropped;
      continue;
    }
    plan.fixed.push_back(b);
    plan.fixed_status.push_back(ParseBeadStatus(s.Text(5)));
    ru_end = b.src_end();
    en_end = b.tgt_end();
  }
  return plan;
}

ImportResult Store::Commit(const PairInput& in, const ImportPlan& plan, const Alignment& beads,
                           Provenance& provenance, BeadStatus status) {
  sql::Db& db = impl_->db;
  ImportResult result;
  result.pair_id = plan.pair_id;
  auto finish = [&](ImportAction action) {
    result.action = action;
    if (auto summary = impl_->Summary(result.pair_id)) {
      result.title = summary->title;
      result.ru_revision = summary->ru_revision;
      result.en_revision = summary->en_revision;
      result.beads = summary->beads;
    }
    return result;
  };
  if (plan.action == ImportAction::kUnchanged) return finish(ImportAction::kUnchanged);

  sql::Transaction tx(db);
  const std::string what = DocName(in.ru) + " + " + DocName(in.en);
  // Everything is decided again under the write lock; the plan must still hold.
  Side ru = ResolveSide(db, in.ru, Sha256Hex(in.ru.text));
  Side en = ResolveSide(db, in.en, Sha256Hex(in.en.text));
  if (ru.rev_id) impl_->CheckSameSpans(ru, in.ru);
  if (en.rev_id) impl_->CheckSameSpans(en, in.en);
  int64_t pair_id = 0, version = 0, cur_ru_rev = 0, cur_en_rev = 0;
  if (ru.doc_id && en.doc_id) {
    sql::Stmt s(db,
                "SELECT id, version, ru_revision_id, en_revision_id FROM pairs "
                "WHERE ru_document_id = ?1 AND en_document_id = ?2");
    s.Bind(1, ru.doc_id).Bind(2, en.doc_id);
    if (s.Step()) {
      pair_id = s.Int64(0);
      version = s.Int64(1);
      cur_ru_rev = s.Int64(2);
      cur_en_rev = s.Int64(3);
    }
  }
  if (plan.action == ImportAction::kNew && pair_id) {
    // Stored meanwhile (or listed twice in one batch): the same texts mean nothing to do.
    result.pair_id = pair_id;
    if (ru.rev_id == cur_ru_rev && en.rev_id == cur_en_rev) return finish(ImportAction::kUnchanged);
    throw Error(what + ": the pair was stored by another import meanwhile; run the import again");
  }
  if (plan.action != ImportAction::kNew && (pair_id != plan.pair_id || version != plan.pair_version)) {
    throw Error(what + ": pair " + std::to_string(plan.pair_id) +
                " changed while importing (someone edited it); run the import again");
  }

  if (plan.action == ImportAction::kMetadata) {
    sql::Stmt s(db,
                "UPDATE pairs SET title = coalesce(nullif(?2, ''), title), "
                "date = coalesce(nullif(?3, ''), date), source = coalesce(nullif(?4, ''), source), "
                "version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
    s.Bind(1, pair_id).Bind(2, in.title).Bind(3, in.date).Bind(4, in.source);
    s.Run();
    tx.Commit();
    return finish(ImportAction::kMetadata);
  }

  CheckTiling(beads, in.ru.sentences.size(), in.en.sentences.size(), what);
  const int64_t prov_id = impl_->EnsureProvenance(provenance);
  impl_->WriteSide(ru, in.ru, in.ru_format, prov_id);
  impl_->WriteSide(en, in.en, in.en_format, prov_id);

  if (plan.action == ImportAction::kNew) {
    std::string title = !in.title.empty() ? in.title
                        : !in.ru.title.empty() ? in.ru.title
                        : !in.en.title.empty() ? in.en.title
                                               : StemOf(in.ru.path);
    std::string date = !in.date.empty() ? in.date : IsDate(in.ru.date) ? in.ru.date : IsDate(in.en.date) ? in.en.date : "";
    sql::Stmt s(db,
                "INSERT INTO pairs (ru_document_id, en_document_id, ru_revision_id, en_revision_id, title, date, source) "
                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.Bind(1, ru.doc_id).Bind(2, en.doc_id).Bind(3, ru.rev_id).Bind(4, en.rev_id).Bind(5, title).Bind(6, date);
    s.Bind(7, in.source);
    s.Run();
    pair_id = db.LastInsertId();
  } else {
    sql::Stmt s(db,
                "UPDATE pairs SET ru_revision_id = ?2, en_revision_id = ?3, "
                "title = coalesce(nullif(?4, ''), title), date = coalesce(nullif(?5, ''), date), "
                "source = coalesce(nullif(?6, ''), source), version = version + 1, "
                "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1");
    s.Bind(1, pair_id).Bind(2, ru.rev_id).Bind(3, en.rev_id).Bind(4, in.title).Bind(5, in.date).Bind(6, in.source);
    s.Run();
    sql::Stmt d(db, "DELETE FROM beads WHERE pair_id = ?1");
    d.Bind(1, pair_id);
    d.Run();
  }

  // Carried beads keep status and score; the aligner must have returned each of them.
  std::map<std::pair<int, int>, size_t> fixed_at;  // (ru_begin, en_begin) -> index in plan.fixed
  for (size_t k = 0; k < plan.fixed.size(); ++k)
    fixed_at[{plan.fixed[k].src_begin, plan.fixed[k].tgt_begin}] = k;
  std::vector<StoredBead> rows;
  rows.reserve(beads.size());
  for (const Bead& b : beads) {
    StoredBead row;
    row.bead = b;
    row.status = status;
    auto it = fixed_at.find({b.src_begin, b.tgt_begin});
    if (it != fixed_at.end() && plan.fixed[it->second] == b) {
      row.bead.score = plan.fixed[it->second].score;
      row.status = plan.fixed_status[it->second];
      ++result.kept;
    }
    rows.push_back(row);
  }
  result.dropped = plan.dropped + static_cast<int>(plan.fixed.size()) - result.kept;
  impl_->InsertBeads(pair_id, rows, prov_id);
  tx.Commit();
  provenance.id = prov_id;
  result.pair_id = pair_id;
  return finish(plan.action);
}

std::vector<PairSummary> Store::ListPairs() const {
  std::string q = std::string(kSummarySelect) + "GROUP BY p.id ORDER BY p.id";
  sql::Stmt s(impl_->db, q.c_str());
  s.Bind(1, kDoubtfulScore);
  std::vector<PairSummary> out;
  while (s.Step()) out.push_back(ReadSummary(s));
  return out;
}

PairRecord Store::LoadPair(int64_t pair_id) const {
  sql::Db& db = impl_->db;
  sql::ReadTransaction snapshot(db);  // an edit committing midway must not mix two versions
  PairRecord rec;
  auto summary = impl_->Summary(pair_id);
  if (!summary) throw InputError(db.path() + ": no pair " + std::to_string(pair_id) + " (see newsalign list)");
  rec.summary = *summary;
  sql::Stmt s(db,
              "SELECT p.ru_revision_id, p.en_revision_id, dr.lang, de.lang, dr.title, de.title, dr.date, de.date "
              "FROM pairs p JOIN documents dr ON dr.id = p.ru_document_id "
              "JOIN documents de ON de.id = p.en_document_id WHERE p.id = ?1");
  s.Bind(1, pair_id);
  if (!s.Step()) throw Error(db.path() + ": pair " + std::to_string(pair_id) + " vanished");
  int64_t revs[2] = {s.Int64(0), s.Int64(1)};
  Document* docs[2] = {&rec.ru, &rec.en};
  for (int side = 0; side < 2; ++side) {
    Document& doc = *docs[side];
    doc.lang = s.String(2 + side);
    doc.title = s.String(4 + side);
    doc.date = s.String(6 + side);
    doc.path = side == 0 ? rec.summary.ru_origin : rec.summary.en_origin;
    doc.text = LoadText(db, revs[side]);
    LoadSpans(db, revs[side], doc);
  }
  sql::Stmt b(db,
              "SELECT id, ru_begin, ru_count, en_begin, en_count, score, status, updated_at FROM beads "
              "WHERE pair_id = ?1 ORDER BY ru_begin, en_begin");
  b.Bind(1, pair_id);
  while (b.Step()) {
    StoredBead sb;
    sb.id = b.Int64(0);
    sb.bead.src_begin = b.Int(1);
    sb.bead.src_count = b.Int(2);
    sb.bead.tgt_begin = b.Int(3);
    sb.bead.tgt_count = b.Int(4);
    sb.bead.score = b.Double(5);
    sb.status = ParseBeadStatus(b.Text(6));
    sb.updated_at = b.String(7);
    rec.beads.push_back(sb);
  }
  return rec;
}

int64_t Store::ListVersion() const {
  sql::Stmt s(impl_->db, "SELECT coalesce(sum(version), 0) FROM pairs");
  s.Step();
  return s.Int64(0);
}

std::optional<int64_t> Store::PairVersion(int64_t pair_id) const {
  sql::Stmt s(impl_->db, "SELECT version FROM pairs WHERE id = ?1");
  s.Bind(1, pair_id);
  if (!s.Step()) return std::nullopt;
  return s.Int64(0);
}

CorpusStats Store::Stats() const {
  sql::Db& db = impl_->db;
  CorpusStats st;
  st.schema_version = impl_->schema_version;
  auto one = [&db](const char* q) {
    sql::Stmt s(db, q);
    return s.Step() ? s.Int64(0) : int64_t{0};
  };
  st.documents = one("SELECT count(*) FROM documents");
  st.revisions = one("SELECT count(*) FROM revisions");
  st.pairs = one("SELECT count(*) FROM pairs");
  st.beads = one("SELECT count(*) FROM beads");
  {
    sql::Stmt s(db, "SELECT count(*) FROM beads WHERE status = 'auto' AND score < ?1");
    s.Bind(1, kDoubtfulScore);
    if (s.Step()) st.doubtful = s.Int64(0);
  }
  st.ru_sentences = one(
      "SELECT coalesce(sum(sentence_count), 0) FROM revisions WHERE id IN (SELECT ru_revision_id FROM pairs)");
  st.en_sentences = one(
      "SELECT coalesce(sum(sentence_count), 0) FROM revisions WHERE id IN (SELECT en_revision_id FROM pairs)");
  auto group = [&db](const char* q, std::map<std::string, int64_t>& out) {
    sql::Stmt s(db, q);
    while (s.Step()) out[s.String(0)] = s.Int64(1);
  };
  group("SELECT lang, count(*) FROM documents GROUP BY lang", st.documents_by_lang);
  group("SELECT type, count(*) FROM beads GROUP BY type", st.beads_by_type);
  group("SELECT status, count(*) FROM beads GROUP BY status", st.beads_by_status);
  return st;
}

void Store::ForEachBead(const BeadFilter& filter, const std::function<void(const BeadRecord&)>& fn) const {
  sql::Db& db = impl_->db;
  sql::Stmt pairs(db,
                  "SELECT id, ru_revision_id, en_revision_id, title, date, source FROM pairs "
                  "WHERE ?1 IS NULL OR id IN (SELECT value FROM json_each(?1)) ORDER BY id");
  if (!filter.pair_ids.empty()) pairs.Bind(1, JsonIntArray(filter.pair_ids));
  sql::Stmt beads(db,
                  "SELECT id, ru_begin, ru_count, en_begin, en_count, score, status, updated_at FROM beads "
                  "WHERE pair_id = ?1 AND (?2 IS NULL OR score >= ?2) "
                  "AND (?3 IS NULL OR status IN (SELECT value FROM json_each(?3))) "
                  "AND (?4 = 0 OR (ru_count > 0 AND en_count > 0)) ORDER BY ru_begin, en_begin");
  const std::string statuses = filter.statuses.empty() ? "" : JsonStatusArray(filter.statuses);
  Document ru, en;
  std::string ru_text, en_text, title, date, source;
  auto join = [](const Document& doc, int begin, int count, std::string& out) {
    out.clear();
    for (int i = begin; i < begin + count; ++i) {
      if (i > begin) out += ' ';
      out += doc.SentenceText(static_cast<size_t>(i));
    }
  };
  while (pairs.Step()) {
    int64_t pair_id = pairs.Int64(0);
    beads.Bind(1, pair_id);
    if (filter.min_score) beads.Bind(2, *filter.min_score);
    if (!statuses.empty()) beads.Bind(3, statuses);
    beads.Bind(4, filter.both_sides ? 1 : 0);
    if (!beads.Step()) {
      beads.Reset();
      continue;
    }
    ru.text = LoadText(db, pairs.Int64(1));
    en.text = LoadText(db, pairs.Int64(2));
    LoadSpans(db, pairs.Int64(1), ru);
    LoadSpans(db, pairs.Int64(2), en);
    title = pairs.String(3);
    date = pairs.String(4);
    source = pairs.String(5);
    do {
      BeadRecord r;
      r.pair_id = pair_id;
      r.bead_id = beads.Int64(0);
      r.bead.src_begin = beads.Int(1);
      r.bead.src_count = beads.Int(2);
      r.bead.tgt_begin = beads.Int(3);
      r.bead.tgt_count = beads.Int(4);
      r.bead.score = beads.Double(5);
      r.status = ParseBeadStatus(beads.Text(6));
      r.updated_at = beads.Text(7);
      if (r.bead.src_end() > static_cast<int>(ru.sentences.size()) ||
          r.bead.tgt_end() > static_cast<int>(en.sentences.size()))
        throw Error(db.path() + ": bead " + std::to_string(r.bead_id) + " points past its documents");
      join(ru, r.bead.src_begin, r.bead.src_count, ru_text);
      join(en, r.bead.tgt_begin, r.bead.tgt_count, en_text);
      r.ru = ru_text;
      r.en = en_text;
      r.title = title;
      r.date = date;
      r.source = source;
      fn(r);
    } while (beads.Step());
    beads.Reset();
  }
}

void Store::ReplaceBeads(int64_t pair_id, int64_t expected_version, const std::vector<StoredBead>& beads,
                         Provenance& provenance) {
  sql::Db& db = impl_->db;
  sql::Transaction tx(db);
  sql::Stmt s(db,
              "SELECT p.version, rr.sentence_count, re.sentence_count FROM pairs p "
              "JOIN revisions rr ON rr.id = p.ru_revision_id JOIN revisions re ON re.id = p.en_revision_id "
              "WHERE p.id = ?1");
  s.Bind(1, pair_id);
  if (!s.Step()) throw InputError(db.path() + ": no pair " + std::to_string(pair_id));
  if (s.Int64(0) != expected_version)
    throw Error(db.path() + ": pair " + std::to_string(pair_id) + " changed meanwhile (version " +
                std::to_string(s.Int64(0)) + ", expected " + std::to_string(expected_version) + ")");
  Alignment alignment;
  for (const StoredBead& b : beads) alignment.push_back(b.bead);
  CheckTiling(alignment, static_cast<size_t>(s.Int64(1)), static_cast<size_t>(s.Int64(2)),
              "pair " + std::to_string(pair_id));
  const int64_t prov_id = impl_->EnsureProvenance(provenance);
  sql::Stmt d(db, "DELETE FROM beads WHERE pair_id = ?1");
  d.Bind(1, pair_id);
  d.Run();
  impl_->InsertBeads(pair_id, beads, prov_id);
  sql::Stmt u(db,
              "UPDATE pairs SET version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
              "WHERE id = ?1");
  u.Bind(1, pair_id);
  u.Run();
  tx.Commit();
  provenance.id = prov_id;
}

std::vector<std::string> Store::CheckConsistency() const {
  sql::Db& db = impl_->db;
  std::vector<std::string> problems;
  {
    sql::Stmt s(db, "PRAGMA integrity_check");
    while (s.Step())
      if (s.Text(0) != "ok") problems.push_back("integrity: " + s.String(0));
  }
  {
    sql::Stmt s(db, "PRAGMA foreign_key_check");
    while (s.Step()) problems.push_back("foreign key: a row of " + s.String(0) + " points to a missing " + s.String(2));
  }
  {
    sql::Stmt s(db,
                "SELECT r.id, r.sentence_count, (SELECT count(*) FROM sentences WHERE revision_id = r.id), "
                "r.paragraph_count, (SELECT count(*) FROM paragraphs WHERE revision_id = r.id) FROM revisions r");
    while (s.Step())
      if (s.Int64(1) != s.Int64(2) || s.Int64(3) != s.Int64(4))
        problems.push_back("revision " + s.String(0) + ": " + s.String(2) + " of " + s.String(1) + " sentences, " +
                           s.String(4) + " of " + s.String(3) + " paragraphs stored");
  }
  {
    sql::Stmt s(db, "SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM revisions WHERE document_id = d.id)");
    while (s.Step()) problems.push_back("document " + s.String(0) + " has no revision");
  }
  {
    sql::Stmt s(db,
                "SELECT p.id, rr.sentence_count, re.sentence_count FROM pairs p "
                "JOIN revisions rr ON rr.id = p.ru_revision_id JOIN revisions re ON re.id = p.en_revision_id");
    sql::Stmt b(db,
                "SELECT ru_begin, ru_count, en_begin, en_count FROM beads WHERE pair_id = ?1 "
                "ORDER BY ru_begin, en_begin");
    while (s.Step()) {
      Alignment alignment;
      b.Bind(1, s.Int64(0));
      while (b.Step()) {
        Bead x;
        x.src_begin = b.Int(0);
        x.src_count = b.Int(1);
        x.tgt_begin = b.Int(2);
        x.tgt_count = b.Int(3);
        alignment.push_back(x);
      }
      b.Reset();
      try {
        CheckTiling(alignment, static_cast<size_t>(s.Int64(1)), static_cast<size_t>(s.Int64(2)),
                    "pair " + s.String(0));
      } catch (const Error& e) {
        problems.push_back(e.what());
      }
    }
  }
  return problems;
}

}  // namespace newsalign
