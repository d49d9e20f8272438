// The concordance (search.h). The index is two FTS5 tables, one a side, so each side's query
// words are stemmed by its own language; a query runs on each side asked for and the hits are
// merged. SQL text is always one of the constants below (a side picks its constant); the
// user's query reaches SQLite only as the bound MATCH expression ParseQuery built, in which
// every item is a quoted FTS5 string, so no user input can be FTS5 syntax.
//
// Cost on a million beads (issue 7). The matches of a side are read once, newest first and
// at most max_ranked + 1 of them, and the same pass hands each row's BM25 ingredients (its
// length in tokens, each phrase's occurrences) to newsalign_rank_parts, an FTS5 auxiliary
// function of ours; the score is computed here once we know the query was not capped.
// FTS5's own bm25() needed a second pass over the matches, and on its first row ran every
// phrase once more over the whole index (xQueryPhrase) to count the rows containing it: three
// evaluations of a phrase, each reading the position lists of both its words, where one is
// enough (the count of a query of one phrase is its number of matches; only queries of
// several phrases count each phrase on its own, and only when they are ranked). Whether a
// match is reviewed comes from the few reviewed beads of the corpus, read from the status
// index, rather than from a join to `beads` per match. All of it runs in one read
// transaction with statements prepared once per Searcher.
#include "newsalign/store/search.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "newsalign/align/features.h"
#include "newsalign/align/names.h"
#include "newsalign/core/error.h"
#include "newsalign/lexicon/dictionary.h"
#include "newsalign/store/schema.h"
#include "newsalign/store/sqlite.h"
#include "newsalign/store/tokenizer.h"
#include "newsalign/text/words.h"

namespace newsalign {
namespace {

constexpr int kMaxReviewedProbes = 200;   // reviewed beads looked up one by one at most
constexpr int kMaxReviewedSet = 20000;    // reviewed beads held in a set; beyond: one seek a match
constexpr int kMinIndexVersion = 2;
constexpr int kBackgroundBeads = 200;     // beads sampled for how common a word is anywhere

// FTS5's bm25() constants (sqlite.org/fts5.html, "The bm25() function"), so that scores are
// the ones it would give.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 0.75;

// The pointer type newsalign_rank_parts accepts its collector under (sqlite3_bind_pointer).
constexpr const char* kRankPartsType = "newsalign_rank_parts";

// What newsalign_rank_parts collects over one statement: per matching row, in the order the
// rows came, its rowid, its length in tokens and how often each phrase of the query occurs
// in it (freq[row * phrases + phrase]); once, the index's row and token counts.
struct RankParts {
  int phrases = -1;  // -1: no row yet
  sqlite3_int64 rows = 0;
  sqlite3_int64 tokens = 0;
  std::vector<int64_t> ids;
  std::vector<int> sizes;
  std::vector<int> freq;
};

void RankPartsFunction(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int n_args,
                       sqlite3_value** args) {
  auto* parts = n_args == 1 ? static_cast<RankParts*>(sqlite3_value_pointer(args[0], kRankPartsType)) : nullptr;
  if (parts == nullptr) {
    sqlite3_result_error(ctx, "newsalign_rank_parts: no collector bound", -1);
    return;
  }
  int rc = SQLITE_OK;
  if (parts->phrases < 0) {
    parts->phrases = api->xPhraseCount(fts);
    rc = api->xRowCount(fts, &parts->rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &parts->tokens);
  }
  int size = 0, instances = 0;
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &size);
  if (rc == SQLITE_OK) rc = api->xInstCount(fts, &instances);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  try {
    const size_t at = parts->freq.size();
    parts->freq.resize(at + static_cast<size_t>(parts->phrases), 0);
    for (int i = 0; i < instances; ++i) {
      int phrase = 0, column = 0, offset = 0;
      rc = api->xInst(fts, i, &phrase, &column, &offset);
      if (rc != SQLITE_OK) {
        sqlite3_result_error_code(ctx, rc);
        return;
      }
      if (phrase >= 0 && phrase < parts->phrases) ++parts->freq[at + static_cast<size_t>(phrase)];
    }
    parts->ids.push_back(api->xRowid(fts));
    parts->sizes.push_back(size);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_null(ctx);
}

const char* const kSyntax = "use words, \"exact phrases\", prefix*, OR, -excluded";

// SQL of one side; [0] Russian, [1] English.
struct SideSql {
  const char* lang;
  const char* matches;     // ?1 match, ?2 limit, ?3 RankParts*: ids newest first, ingredients collected
  const char* ranks;       // ?1 match: (id, bm25) of every match (when the query's phrases are not its items)
  const char* count;       // ?1 match: the number of matches
  const char* probe;       // ?1 match, ?2 id: a row when the bead matches
  const char* other_text;  // ?1 id: the other side's text of a bead
  const char* sample;      // ?1 id: the first bead from there on, with this side's text
};

const SideSql kSides[2] = {
    {"ru",
     "SELECT rowid, newsalign_rank_parts(bead_fts_ru, ?3) FROM bead_fts_ru WHERE bead_fts_ru MATCH ?1 "
     "ORDER BY rowid DESC LIMIT ?2",
     "SELECT rowid, bm25(bead_fts_ru) FROM bead_fts_ru WHERE bead_fts_ru MATCH ?1",
     "SELECT count(*) FROM bead_fts_ru WHERE bead_fts_ru MATCH ?1",
     "SELECT rowid FROM bead_fts_ru WHERE bead_fts_ru MATCH ?1 AND rowid = ?2",
     "SELECT en FROM bead_texts WHERE id = ?1", "SELECT ru FROM bead_texts WHERE id >= ?1 LIMIT 1"},
    {"en",
     "SELECT rowid, newsalign_rank_parts(bead_fts_en, ?3) FROM bead_fts_en WHERE bead_fts_en MATCH ?1 "
     "ORDER BY rowid DESC LIMIT ?2",
     "SELECT rowid, bm25(bead_fts_en) FROM bead_fts_en WHERE bead_fts_en MATCH ?1",
     "SELECT count(*) FROM bead_fts_en WHERE bead_fts_en MATCH ?1",
     "SELECT rowid FROM bead_fts_en WHERE bead_fts_en MATCH ?1 AND rowid = ?2",
     "SELECT ru FROM bead_texts WHERE id = ?1", "SELECT en FROM bead_texts WHERE id >= ?1 LIMIT 1"},
};

constexpr const char* kReviewedSql = "SELECT id FROM beads WHERE status IN ('confirmed', 'edited') LIMIT ?1";
constexpr const char* kStatusSql = "SELECT status != 'auto' FROM beads WHERE id = ?1";
constexpr const char* kDetailSql =
    "SELECT t.ru, t.en, b.pair_id, b.status, b.score, p.title, p.date FROM bead_texts t "
    "JOIN beads b ON b.id = t.id JOIN pairs p ON p.id = b.pair_id WHERE t.id = ?1";
constexpr const char* kIdRangeSql = "SELECT min(id), max(id) FROM beads";
constexpr const char* kDataVersionSql = "PRAGMA data_version";

// A search reads widely (tens of MB of index, texts and statuses on a million beads), so the
// searcher's connection reads through a memory map of the file instead of copying page by
// page through read() into its 2 MB page cache: that copying was a third of the time. Not for
// every connection: in WAL mode a connection drops its whole map whenever another one has
// committed, which costs little to a search but much to a workbench answering small requests
// between edits on dozens of connections. SQLite caps it at its compile-time maximum.
constexpr const char* kMmapSql = "PRAGMA mmap_size = 1073741824";  // 1 GiB

// Resets a cached statement when the block using it ends (also by an exception), so that no
// statement stays half-stepped into the next search.
struct Resetting {
  sql::Stmt& stmt;
  ~Resetting() { stmt.Reset(); }
};

std::string Quote(const std::string& text, bool prefix) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  if (prefix) out += '*';
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

struct Candidate {
  int64_t id = 0;
  double bm25 = 0;
  bool reviewed = false;
  int side = 0;  // index into kSides
};

bool Better(const Candidate& a, const Candidate& b) {
  if (a.reviewed != b.reviewed) return a.reviewed;
  if (a.bm25 != b.bm25) return a.bm25 < b.bm25;
  return a.id > b.id;
}

std::string DigitsOf(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

// Has an upper-case letter (so could be a name): folding changes it.
bool HasUpper(std::string_view surface) { return FoldCase(surface) != surface; }

void AddMarks(std::vector<Mark>& marks, const std::vector<IndexTerm>& terms, const std::vector<bool>& on,
              MarkKind kind) {
  for (size_t i = 0; i < terms.size(); ++i)
    if (on[i]) marks.push_back(Mark{terms[i].begin, terms[i].end, kind});
}

// Sorted by begin; a span already marked keeps its first kind.
void Normalize(std::vector<Mark>& marks) {
  std::stable_sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.begin < b.begin; });
  std::vector<Mark> out;
  for (const Mark& m : marks)
    if (out.empty() || m.begin >= out.back().end) out.push_back(m);
  marks = std::move(out);
}

}  // namespace

const char* MarkKindName(MarkKind kind) {
  switch (kind) {
    case MarkKind::kQuery:
      return "query";
    case MarkKind::kDictionary:
      return "dictionary";
    case MarkKind::kLearned:
      return "learned";
    case MarkKind::kName:
      return "name";
    case MarkKind::kNumber:
      return "number";
  }
  return "?";
}

ParsedQuery ParseQuery(std::string_view query) {
  ParsedQuery q;
  bool pending_or = false, pending_not = false;
  size_t i = 0;
  auto fail = [&](const std::string& what) {
    throw InputError("search: " + what + " in the query '" + std::string(query) + "' (" + kSyntax + ")");
  };
  while (i < query.size()) {
    if (IsSpace(query[i])) {
      ++i;
      continue;
    }
    QueryItem item;
    if (query[i] == '-' && i + 1 < query.size() && !IsSpace(query[i + 1])) {
      item.exclude = true;
      ++i;
    }
    if (query[i] == '"') {
      size_t close = query.find('"', i + 1);
      if (close == std::string_view::npos) fail("an unbalanced \"");
      item.text = std::string(query.substr(i + 1, close - i - 1));
      item.phrase = true;
      i = close + 1;
      if (i < query.size() && query[i] == '*') {
        item.prefix = true;
        ++i;
      }
    } else {
      size_t end = i;
      while (end < query.size() && !IsSpace(query[end]) && query[end] != '"') ++end;
      std::string word(query.substr(i, end - i));
      i = end;
      if (!item.exclude && word == "OR") {
        if (q.items.empty() || pending_or) fail("OR without a word before it");
        pending_or = true;
        continue;
      }
      if (!item.exclude && word == "AND") continue;
      if (!item.exclude && word == "NOT") {
        pending_not = true;
        continue;
      }
      while (!word.empty() && word.back() == '*') {
        item.prefix = true;
        word.pop_back();
      }
      item.text = word;
    }
    bool has_text = false;
    for (char c : item.text) has_text = has_text || !IsSpace(c);
    if (!has_text) {
      if (item.prefix) fail("a '*' without a word before it");
      continue;
    }
    item.exclude = item.exclude || pending_not;
    item.or_before = pending_or && !item.exclude;
    if (pending_or && item.exclude) fail("OR before an excluded word");
    pending_or = pending_not = false;
    q.items.push_back(std::move(item));
  }
  if (pending_or) fail("OR without a word after it");
  if (pending_not) fail("NOT without a word after it");
  if (q.items.empty()) throw InputError(std::string("search: nothing to search for (") + kSyntax + ")");

  // Groups of items joined by OR, groups joined by AND, excluded items last: "a b OR c -d" is
  // ("a") AND ("b" OR "c") NOT "d".
  std::string positive;
  int groups = 0;
  for (size_t k = 0; k < q.items.size(); ++k) {
    const QueryItem& it = q.items[k];
    if (it.exclude) continue;
    if (it.or_before) {
      positive += " OR ";
    } else {
      if (groups++) positive += ") AND (";
    }
    positive += Quote(it.text, it.prefix);
  }
  if (groups == 0) fail("only excluded words");
  q.fts = "(" + positive + ")";
  for (const QueryItem& it : q.items)
    if (it.exclude) q.fts += " NOT " + Quote(it.text, it.prefix);
  return q;
}

struct Searcher::Impl {
  const Store* store = nullptr;
  const StemDictionary* dictionary = nullptr;
  std::optional<TranslationTable> table;  // built on first use (inverting the dictionary)
  TermTokenizer tokenizers[2] = {TermTokenizer("ru"), TermTokenizer("en")};

  sql::Db& db() const { return store->db(); }

  // Statements prepared on first use and kept for the searcher's life, keyed by their SQL
  // constant (a search runs a dozen or more, some over the bead_texts view, whose preparing
  // cost as much as running them).
  std::unordered_map<const char*, std::unique_ptr<sql::Stmt>> prepared;

  sql::Stmt& Prepared(const char* sql_text) {
    std::unique_ptr<sql::Stmt>& s = prepared[sql_text];
    if (!s) s = std::make_unique<sql::Stmt>(db(), sql_text);
    return *s;
  }

  // The reviewed beads of the corpus, read once a search: all of them while there are at
  // most kMaxReviewedSet (`complete`), else none and each match is looked up.
  struct Reviewed {
    bool complete = false;
    std::unordered_set<int64_t> ids;
  };

  Reviewed ReadReviewed() {
    Reviewed r;
    sql::Stmt& s = Prepared(kReviewedSql);
    Resetting done{s};
    s.Bind(1, static_cast<int64_t>(kMaxReviewedSet) + 1);
    while (s.Step()) r.ids.insert(s.Int64(0));
    r.complete = r.ids.size() <= static_cast<size_t>(kMaxReviewedSet);
    if (!r.complete) r.ids.clear();
    return r;
  }

  bool IsReviewed(const Reviewed& reviewed, int64_t id) {
    if (reviewed.complete) return reviewed.ids.count(id) > 0;
    sql::Stmt& s = Prepared(kStatusSql);
    Resetting done{s};
    s.Bind(1, id);
    return s.Step() && s.Int(0) != 0;
  }

  // PRAGMA data_version of the last search: another value means the corpus changed since,
  // and what was sampled from it (Background) is sampled again.
  int64_t data_version = -1;

  void NoteDataVersion() {
    sql::Stmt& s = Prepared(kDataVersionSql);
    Resetting done{s};
    const int64_t v = s.Step() ? s.Int64(0) : 0;
    if (v != data_version) {
      background[0] = Background();
      background[1] = Background();
      data_version = v;
    }
  }

  const TranslationTable& Table() {
    if (!table) table.emplace(dictionary && !dictionary->empty() ? TranslationTable(dictionary) : TranslationTable());
    return *table;
  }

  // How common each stem of one side is across the corpus, from evenly spaced beads (all of
  // them in a small corpus): counting a common word's beads in the index itself would cost
  // as much as the search. Built once per searcher and side.
  struct Background {
    bool built = false;
    std::unordered_map<std::string, int> count;  // stem -> sampled beads with it
    double beads = 0;                             // beads sampled
    int64_t total = 0;                            // beads in the corpus (estimate: id range)
  };
  Background background[2];

  const Background& BackgroundOf(int side) {
    Background& bg = background[side];
    if (bg.built) return bg;
    bg.built = true;
    int64_t lo = 0, hi = 0;
    {
      sql::Stmt& s = Prepared(kIdRangeSql);
      Resetting done{s};
      if (s.Step()) {
        lo = s.Int64(0);
        hi = s.Int64(1);
      }
    }
    if (hi < lo || hi == 0) return bg;
    const int64_t span = hi - lo + 1;
    const int64_t step = std::max<int64_t>(1, span / kBackgroundBeads);
    sql::Stmt& s = Prepared(kSides[side].sample);
    Resetting done{s};
    std::vector<IndexTerm> terms;
    int64_t last = -1;
    for (int64_t id = lo; id <= hi; id += step) {
      s.Bind(1, id);
      if (s.Step()) {
        tokenizers[side].Tokenize(s.Text(0), false, &terms);
        std::set<std::string> unique;
        for (const IndexTerm& t : terms) unique.insert(t.term);
        for (const std::string& t : unique) ++bg.count[t];
        bg.beads += 1;
      }
      s.Reset();
      if (id == last) break;
      last = id;
    }
    bg.total = step == 1 ? static_cast<int64_t>(bg.beads) : span;
    return bg;
  }

  // Steps a MATCH statement; FTS5 errors (which the quoting should make impossible) become
  // the user's problem, named in their terms.
  static bool StepMatch(sql::Stmt& s, std::string_view query) {
    try {
      return s.Step();
    } catch (const InputError&) {
      throw;
    } catch (const Error& e) {
      std::string what = e.what();
      if (what.find("fts5") != std::string::npos)
        throw InputError("search: cannot run the query '" + std::string(query) + "' (" + kSyntax + ")");
      throw;
    }
  }

  // Matches of one side: at most max_ranked + 1 of them, newest first, with their BM25
  // ingredients (see the top). When that is all of them, they are ranked by bm25; a capped
  // query (a common word: "the", "в", "said") ranks its newest max_ranked matches by age, and
  // reviewed beads beyond them are found by one seek each when there are few enough.
  void Collect(int side, const ParsedQuery& q, std::string_view query, const SearchOptions& o,
               const Reviewed& reviewed, std::vector<Candidate>& out, bool* truncated) {
    const SideSql& sql_of = kSides[side];
    const size_t cap = static_cast<size_t>(std::max(o.max_ranked, 0));
    RankParts parts;
    {
      sql::Stmt& s = Prepared(sql_of.matches);
      Resetting done{s};
      s.Bind(1, q.fts).Bind(2, static_cast<int64_t>(cap) + 1).BindPointer(3, &parts, kRankPartsType);
      while (StepMatch(s, query)) {
      }
    }
    const bool capped = parts.ids.size() > cap;
    const size_t n = capped ? cap : parts.ids.size();
    std::vector<double> bm25 = capped || n == 0 ? std::vector<double>(n, 0.0) : Bm25(side, q, query, parts, n);
    std::unordered_set<int64_t> listed;
    for (size_t i = 0; i < n; ++i) {
      out.push_back(Candidate{parts.ids[i], bm25[i], IsReviewed(reviewed, parts.ids[i]), side});
      if (capped) listed.insert(parts.ids[i]);
    }
    if (!capped) return;
    *truncated = true;
    if (!reviewed.complete || reviewed.ids.size() > static_cast<size_t>(kMaxReviewedProbes)) return;
    sql::Stmt& probe = Prepared(sql_of.probe);
    Resetting done{probe};
    for (int64_t id : reviewed.ids) {
      if (listed.count(id)) continue;
      probe.Bind(1, q.fts).Bind(2, id);
      if (StepMatch(probe, query)) out.push_back(Candidate{id, 0.0, true, side});
      probe.Reset();
    }
  }

  // FTS5's bm25 of the first n collected rows. Phrase k of the MATCH expression is item k of
  // the query in the order ParseQuery writes them (positive items, then excluded ones); the
  // rows containing a phrase are its matches when it is the whole query, else counted. A
  // phrase that occurs in none of the rows (an excluded one) adds nothing to any score.
  std::vector<double> Bm25(int side, const ParsedQuery& q, std::string_view query, const RankParts& parts, size_t n) {
    std::vector<const QueryItem*> phrases;
    for (bool excluded : {false, true})
      for (const QueryItem& it : q.items)
        if (it.exclude == excluded) phrases.push_back(&it);
    const size_t k = phrases.size();
    if (parts.phrases < 0 || static_cast<size_t>(parts.phrases) != k || parts.rows <= 0) return FtsBm25(side, q, query, parts, n);
    const double rows = static_cast<double>(parts.rows);
    const double avgdl = static_cast<double>(parts.tokens) / rows;
    std::vector<double> idf(k, 0.0);
    for (size_t p = 0; p < k; ++p) {
      bool occurs = false;
      for (size_t i = 0; i < n && !occurs; ++i) occurs = parts.freq[i * k + p] > 0;
      if (!occurs) continue;
      double hits = static_cast<double>(n);
      if (k > 1) {
        sql::Stmt& c = Prepared(kSides[side].count);
        Resetting done{c};
        c.Bind(1, Quote(phrases[p]->text, phrases[p]->prefix));
        hits = StepMatch(c, query) ? static_cast<double>(c.Int64(0)) : 0.0;
      }
      idf[p] = std::log((rows - hits + 0.5) / (hits + 0.5));
      if (idf[p] <= 0.0) idf[p] = 1e-6;
    }
    std::vector<double> out(n, 0.0);
    for (size_t i = 0; i < n; ++i) {
      const double length = static_cast<double>(parts.sizes[i]);
      double score = 0.0;
      for (size_t p = 0; p < k; ++p) {
        const double f = parts.freq[i * k + p];
        score += idf[p] * (f * (kBm25K1 + 1.0)) / (f + kBm25K1 * (1.0 - kBm25B + kBm25B * length / avgdl));
      }
      out[i] = -score;
    }
    return out;
  }

  // FTS5's own bm25(), a second pass: for an expression whose phrases are not the query's
  // items one for one (never expected; kept so that ranking cannot silently go wrong).
  std::vector<double> FtsBm25(int side, const ParsedQuery& q, std::string_view query, const RankParts& parts,
                              size_t n) {
    std::unordered_map<int64_t, size_t> at;
    for (size_t i = 0; i < n; ++i) at[parts.ids[i]] = i;
    std::vector<double> out(n, 0.0);
    sql::Stmt& s = Prepared(kSides[side].ranks);
    Resetting done{s};
    s.Bind(1, q.fts);
    while (StepMatch(s, query)) {
      auto it = at.find(s.Int64(0));
      if (it != at.end()) out[it->second] = s.Double(1);
    }
    return out;
  }

  // The query's terms per positive item, as the side's index has them.
  std::vector<std::vector<IndexTerm>> ItemTerms(int side, const ParsedQuery& q) {
    std::vector<std::vector<IndexTerm>> out;
    std::vector<IndexTerm> terms;
    for (const QueryItem& it : q.items) {
      if (it.exclude) continue;
      tokenizers[side].Tokenize(it.text, it.prefix, &terms);
      if (!terms.empty()) out.push_back(terms);
    }
    return out;
  }

  // Which tokens of `text` (tokenized into `terms`) the query matches.
  static std::vector<bool> MatchTokens(const std::vector<IndexTerm>& terms,
                                       const std::vector<std::vector<IndexTerm>>& items,
                                       const ParsedQuery& q) {
    std::vector<bool> on(terms.size(), false);
    std::vector<bool> prefix;
    for (const QueryItem& it : q.items)
      if (!it.exclude) prefix.push_back(it.prefix);
    for (size_t k = 0; k < items.size(); ++k) {
      const auto& want = items[k];
      const bool is_prefix = k < prefix.size() && prefix[k];
      for (size_t i = 0; i + want.size() <= terms.size(); ++i) {
        bool ok = true;
        for (size_t j = 0; ok && j < want.size(); ++j) {
          const std::string& have = terms[i + j].term;
          const std::string& w = want[j].term;
          ok = (is_prefix && j + 1 == want.size()) ? have.compare(0, w.size(), w) == 0 : have == w;
        }
        if (ok)
          for (size_t j = 0; j < want.size(); ++j) on[i + j] = true;
      }
    }
    return on;
  }

  // Stems of the other side that keep coming with the query: counted over the best hits of
  // `side`, against how many beads contain them at all.
  std::vector<std::string> Learn(int side, const std::vector<Candidate>& ranked, int64_t side_matches,
                                 const std::vector<std::vector<IndexTerm>>& items, const SearchOptions& o) {
    const int other = 1 - side;
    std::unordered_map<std::string, int> count;
    std::vector<IndexTerm> terms;
    std::set<std::string> own;
    for (const auto& item : items)
      for (const IndexTerm& t : item) own.insert(t.term);
    int n = 0;
    sql::Stmt& text = Prepared(kSides[side].other_text);
    Resetting done{text};
    for (const Candidate& c : ranked) {
      if (c.side != side) continue;
      if (n >= o.learn_sample) break;
      text.Bind(1, c.id);
      if (text.Step()) {
        tokenizers[other].Tokenize(text.Text(0), false, &terms);
        std::set<std::string> unique;
        for (const IndexTerm& t : terms) unique.insert(t.term);
        for (const std::string& t : unique) ++count[t];
        ++n;
      }
      text.Reset();
    }
    std::vector<std::pair<double, std::string>> scored;
    if (n < 2) return {};
    const Background& bg = BackgroundOf(other);
    for (const auto& [stem, c] : count) {
      if (c < 2 || c * 10 < n || own.count(stem)) continue;
      // Beads with the stem anywhere and with both, estimated from the samples; Dice over beads.
      auto it = bg.count.find(stem);
      double share = bg.beads ? (it == bg.count.end() ? 0.5 : it->second) / bg.beads : 0.0;
      double df = std::max(static_cast<double>(c), share * static_cast<double>(bg.total));
      double both = static_cast<double>(c) / n * static_cast<double>(side_matches);
      double dice = 2.0 * both / (static_cast<double>(side_matches) + df);
      if (dice >= o.learn_min_dice) scored.emplace_back(dice, stem);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<std::string> out;
    for (size_t k = 0; k < scored.size() && k < 3; ++k) out.push_back(scored[k].second);
    return out;
  }

  void MarkHit(SearchHit& hit, int side, const ParsedQuery& q, const std::vector<std::vector<IndexTerm>>& items,
               const std::vector<std::string>& learned, bool translations) {
    const int other = 1 - side;
    const std::string& mine = side == 0 ? hit.ru : hit.en;
    const std::string& theirs = side == 0 ? hit.en : hit.ru;
    std::vector<Mark>& my_marks = side == 0 ? hit.ru_marks : hit.en_marks;
    std::vector<Mark>& their_marks = side == 0 ? hit.en_marks : hit.ru_marks;
    std::vector<IndexTerm> a, b;
    tokenizers[side].Tokenize(mine, false, &a);
    std::vector<bool> on = MatchTokens(a, items, q);
    AddMarks(my_marks, a, on, MarkKind::kQuery);
    Normalize(my_marks);
    if (!translations || theirs.empty()) return;
    tokenizers[other].Tokenize(theirs, false, &b);

    const Side my_side = side == 0 ? Side::kSource : Side::kTarget;
    const Side their_side = side == 0 ? Side::kTarget : Side::kSource;
    std::unordered_set<uint64_t> keys;
    std::vector<uint64_t> outs;
    std::set<std::string> names, numbers;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!on[i]) continue;
      outs.clear();
      Table().AppendTranslations(my_side, a[i].term, TranslationTable::StemKey(my_side, a[i].term), &outs);
      keys.insert(outs.begin(), outs.end());
      std::string_view surface = std::string_view(mine).substr(a[i].begin, a[i].end - a[i].begin);
      std::string digits = DigitsOf(surface);
      if (!digits.empty()) {
        numbers.insert(digits);
      } else if (HasUpper(surface)) {
        std::string key = NameKey(surface);
        if (!key.empty()) names.insert(key);
      }
    }
    std::set<std::string> learned_set(learned.begin(), learned.end());
    std::vector<bool> dict(b.size()), learn(b.size()), name(b.size()), number(b.size());
    for (size_t j = 0; j < b.size(); ++j) {
      std::string_view surface = std::string_view(theirs).substr(b[j].begin, b[j].end - b[j].begin);
      dict[j] = keys.count(TranslationTable::StemKey(their_side, b[j].term)) > 0;
      learn[j] = learned_set.count(b[j].term) > 0;
      std::string digits = DigitsOf(surface);
      if (!digits.empty()) {
        number[j] = numbers.count(digits) > 0;
      } else if (!names.empty() && HasUpper(surface)) {
        name[j] = names.count(NameKey(surface)) > 0;
      }
    }
    AddMarks(their_marks, b, number, MarkKind::kNumber);
    AddMarks(their_marks, b, name, MarkKind::kName);
    AddMarks(their_marks, b, dict, MarkKind::kDictionary);
    AddMarks(their_marks, b, learn, MarkKind::kLearned);
    Normalize(their_marks);
  }
};

Searcher::Searcher(const Store& store, const StemDictionary* dictionary) : impl_(std::make_unique<Impl>()) {
  impl_->store = &store;
  impl_->dictionary = dictionary;
  // Not fatal: without the map SQLite reads as before.
  sqlite3_exec(store.db().handle(), kMmapSql, nullptr, nullptr, nullptr);
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;

SearchResult Searcher::Search(std::string_view query, const SearchOptions& options) {
  if (impl_->store->schema_version() < kMinIndexVersion)
    throw InputError(impl_->store->path() + ": this corpus has no search index (open it with this build to upgrade)");
  if (!options.lang.empty() && options.lang != "ru" && options.lang != "en")
    throw InputError("search: unknown side \"" + options.lang + "\" (want ru or en)");
  ParsedQuery q = ParseQuery(query);
  sql::ReadTransaction snapshot(impl_->db());
  impl_->NoteDataVersion();
  const Impl::Reviewed reviewed = impl_->ReadReviewed();
  SearchResult result;
  std::vector<Candidate> all;
  int64_t side_matches[2] = {0, 0};
  for (int side = 0; side < 2; ++side) {
    if (!options.lang.empty() && options.lang != kSides[side].lang) continue;
    size_t before = all.size();
    impl_->Collect(side, q, query, options, reviewed, all, &result.truncated);
    side_matches[side] = static_cast<int64_t>(all.size() - before);
  }
  std::sort(all.begin(), all.end(), Better);
  // A bead matching on both sides is listed once, where it ranks best.
  std::unordered_set<int64_t> listed;
  std::vector<Candidate> ranked;
  for (const Candidate& c : all)
    if (listed.insert(c.id).second) ranked.push_back(c);
  result.matches = static_cast<int64_t>(ranked.size());

  std::vector<std::vector<IndexTerm>> items[2];
  std::vector<std::string> learned[2];
  for (int side = 0; side < 2; ++side) {
    if (side_matches[side] == 0) continue;
    items[side] = impl_->ItemTerms(side, q);
    if (options.translations) learned[side] = impl_->Learn(side, ranked, side_matches[side], items[side], options);
  }
  result.learned_en = learned[0];  // learned from Russian hits: English stems
  result.learned_ru = learned[1];

  sql::Stmt& detail = impl_->Prepared(kDetailSql);
  Resetting done{detail};
  for (const Candidate& c : ranked) {
    if (static_cast<int>(result.hits.size()) >= options.limit) break;
    detail.Bind(1, c.id);
    if (!detail.Step()) {
      detail.Reset();
      continue;
    }
    SearchHit hit;
    hit.bead_id = c.id;
    hit.side = kSides[c.side].lang;
    hit.ru = detail.String(0);
    hit.en = detail.String(1);
    hit.pair_id = detail.Int64(2);
    hit.status = ParseBeadStatus(detail.Text(3));
    hit.score = detail.Double(4);
    hit.title = detail.String(5);
    hit.date = detail.String(6);
    hit.bm25 = c.bm25;
    detail.Reset();
    impl_->MarkHit(hit, c.side, q, items[c.side], learned[c.side], options.translations);
    result.hits.push_back(std::move(hit));
  }
  return result;
}

std::vector<std::string> CheckSearchIndex(const Store& store) {
  std::vector<std::string> problems;
  if (store.schema_version() < kMinIndexVersion) return problems;
  for (const char* sql_text : {"INSERT INTO bead_fts_ru (bead_fts_ru, rank) VALUES ('integrity-check', 1)",
                               "INSERT INTO bead_fts_en (bead_fts_en, rank) VALUES ('integrity-check', 1)"}) {
    try {
      sql::Stmt s(store.db(), sql_text);
      s.Run();
    } catch (const Error& e) {
      problems.push_back(std::string("search index: ") + e.what());
    }
  }
  return problems;
}

void RebuildSearchIndex(const Store& store) {
  if (store.schema_version() < kMinIndexVersion) return;
  sql::Transaction tx(store.db());
  store.db().Exec(
      "INSERT INTO bead_fts_ru (bead_fts_ru) VALUES ('rebuild');"
      "INSERT INTO bead_fts_en (bead_fts_en) VALUES ('rebuild');");
  tx.Commit();
}

void OptimizeSearchIndex(const Store& store) {
  if (store.schema_version() < kMinIndexVersion) return;
  sql::Transaction tx(store.db());
  store.db().Exec(
      "INSERT INTO bead_fts_ru (bead_fts_ru) VALUES ('optimize');"
      "INSERT INTO bead_fts_en (bead_fts_en) VALUES ('optimize');");
  tx.Commit();
}

namespace sql {

bool RegisterSearchFunctions(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) return false;
  return api->xCreateFunction(api, "newsalign_rank_parts", nullptr, RankPartsFunction, nullptr) == SQLITE_OK;
}

}  // namespace sql

}  // namespace newsalign
