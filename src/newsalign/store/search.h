// The concordance: full-text search over the stored beads, Russian and English, through the
// FTS5 index of schema version 2 (store/schema.h) and our tokenizer (store/tokenizer.h), so
// inflected forms match: "терроризм" finds терроризма, терроризму, терроризмом.
//
//   Searcher searcher(store, &dictionary);          // dictionary: may be null or empty
//   SearchResult r = searcher.Search("\"Исполнительный комитет\" OR ФСБ", {});
//   for (const SearchHit& h : r.hits) ...            // h.ru / h.en with marks on both sides
//
// Query syntax (ParseQuery): words (all must occur), "exact phrases", prefix* (also
// "a phrase*"), OR between two items, -word or NOT word to exclude. Each side of the corpus is
// searched with its own language's stems; by default both.
//
// Ranking: reviewed beads (confirmed or edited) first, then FTS5's bm25 (best first), then the
// newest. bm25 is computed only when a side has at most SearchOptions::max_ranked matches: a
// query matching more (a common word: "the", "в", "said") lists the newest max_ranked of them,
// reviewed first, unranked, and SearchResult::truncated says so. That keeps the latency
// bounded on a corpus of millions of beads. The scores are FTS5's bm25() exactly, computed
// from ingredients collected in the one pass over the matches (search.cc says why). Reviewed
// beads beyond the newest are still found, one seek each, while there are at most 200 of them
// in the corpus.
//
// Marks: on the side the query matched, the words that match it (whole phrases for phrase
// items); on the other side, the likely translation of those words: stems the bilingual
// dictionary gives (align/features.h TranslationTable), the same name (align/names.h
// skeleton) or number, and stems learned from the hits themselves (words of the other side
// that keep occurring in the matching beads and rarely elsewhere: Dice over beads).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsalign/store/store.h"

struct sqlite3;

namespace newsalign {

class StemDictionary;

// One item of a query.
struct QueryItem {
  std::string text;        // the words as typed (a phrase's words, without quotes or '*')
  bool phrase = false;     // was quoted
  bool prefix = false;     // ended in '*': the last word is a prefix
  bool exclude = false;    // -item or NOT item
  bool or_before = false;  // "OR" joins it to the item before
};

struct ParsedQuery {
  std::vector<QueryItem> items;
  std::string fts;  // the FTS5 MATCH expression: every item quoted, so always valid syntax
};

// Parses the query syntax above. InputError (naming the problem and the syntax) for an empty
// query, an unbalanced quote, a query of excluded items only, or OR at either end.
ParsedQuery ParseQuery(std::string_view query);

struct SearchOptions {
  std::string lang;          // "ru" or "en": search that side only; "": both sides
  int limit = 20;            // hits to return
  int max_ranked = 2500;     // matches per side ranked by bm25 at most (see the top)
  bool translations = true;  // mark the likely translation on the other side
  int learn_sample = 100;    // best hits whose other side teaches translations
  double learn_min_dice = 0.25;  // association a learned translation needs (Dice over beads)
};

// Why a span is marked.
enum class MarkKind { kQuery, kDictionary, kLearned, kName, kNumber };
const char* MarkKindName(MarkKind kind);  // "query", "dictionary", "learned", "name", "number"

struct Mark {
  size_t begin = 0;  // [begin, end): bytes of SearchHit::ru or ::en
  size_t end = 0;
  MarkKind kind = MarkKind::kQuery;
};

struct SearchHit {
  int64_t bead_id = 0;
  int64_t pair_id = 0;
  std::string side;           // "ru" or "en": where the query matched
  std::string ru, en;         // the bead's texts (the author's bytes, as bead_texts gives them)
  std::vector<Mark> ru_marks;  // sorted by begin, not overlapping
  std::vector<Mark> en_marks;
  double bm25 = 0;            // FTS5 bm25 of the match: lower is better
  BeadStatus status = BeadStatus::kAuto;
  double score = 0;           // the aligner's confidence in the bead
  std::string title, date;    // the pair's
};

struct SearchResult {
  std::vector<SearchHit> hits;
  int64_t matches = 0;     // matching beads found (both sides; at most max_ranked a side)
  bool truncated = false;  // some side had more than max_ranked matches: listed unranked
  std::vector<std::string> learned_ru, learned_en;  // learned translation stems, per side marked
};

class Searcher {
 public:
  // `dictionary` (ru -> en stems) may be null; it must outlive the searcher. The store's
  // connection then reads the file through a memory map (PRAGMA mmap_size), as suits a
  // concordance; give the searcher a connection of its own where others write often.
  explicit Searcher(const Store& store, const StemDictionary* dictionary = nullptr);
  ~Searcher();
  Searcher(Searcher&&) noexcept;

  // InputError for a malformed query (ParseQuery) or a corpus older than schema version 2.
  SearchResult Search(std::string_view query, const SearchOptions& options = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Problems FTS5's own integrity check finds in the index against bead_texts (each line one
// problem; empty when the index holds exactly the beads' texts). Reads every bead: slow on
// big corpora; for tests and `check`-like tools.
std::vector<std::string> CheckSearchIndex(const Store& store);

// Rebuilds the index from bead_texts (what the upgrade to version 2 does), in one transaction.
void RebuildSearchIndex(const Store& store);

// Merges each side's index into one b-tree segment (FTS5 'optimize'): queries on a big corpus
// then read one doclist per term instead of one per segment.
void OptimizeSearchIndex(const Store& store);

namespace sql {
// Registers newsalign_rank_parts, the FTS5 auxiliary function Searcher ranks with (it hands
// each match's BM25 ingredients to a collector bound as a pointer); false when this SQLite
// has no FTS5. sql::Db::Open does it on every connection, beside the tokenizer.
bool RegisterSearchFunctions(sqlite3* db);
}  // namespace sql

}  // namespace newsalign
