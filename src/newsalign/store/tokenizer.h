// Our FTS5 tokenizer: the words of text/words.h, case-folded and stemmed with Snowball, so
// that a search for "терроризм" finds терроризма, терроризму, терроризмом and "terrorist"
// finds "terrorists".
//
//   CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'newsalign ru');   -- one language a table
//
// The argument is the ISO 639-1 code of the column's language (Snowball stemmer of that
// language; a Russian tokenizer stems Latin-script words with the English one, as WordTools
// does). Registered on every connection by sql::Db::Open, so every writer of the corpus keeps
// the index current (a plain sqlite3 shell cannot write beads: "no such tokenizer").
//
// Queries go through the same steps, except that the last word of a prefix query ("террор*")
// keeps its folded spelling cut back to its stem only where the stem is a prefix of it, so that
// "terrorists*" still finds "terrorist".
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "newsalign/text/words.h"

struct sqlite3;
struct fts5_api;

namespace newsalign {

// One term of a text as the index sees it.
struct IndexTerm {
  size_t begin = 0;   // [begin, end): bytes of the text
  size_t end = 0;
  std::string term;   // the stem (or, for a prefix query, the prefix)
};

// The tokenizer's logic, usable on its own (highlighting re-tokenizes the hits with it).
// Not thread-safe (Snowball keeps state); one per thread or per FTS5 table connection.
class TermTokenizer {
 public:
  explicit TermTokenizer(const std::string& lang);
  const std::string& lang() const { return tools_.lang(); }

  // The terms of `text` in order. `prefix`: the text is a prefix query's last word.
  void Tokenize(std::string_view text, bool prefix, std::vector<IndexTerm>* out);
  // The stem of one case-folded word, through a bounded cache (news reuses its words).
  const std::string& Stem(const std::string& folded);

 private:
  WordTools tools_;
  std::vector<WordSpan> spans_;
  std::unordered_map<std::string, std::string> cache_;
};

namespace sql {
// Registers the "newsalign" FTS5 tokenizer on `db`; false when this SQLite has no FTS5.
bool RegisterTokenizer(sqlite3* db);
// The FTS5 extension API of `db` (version 2 or later), or nullptr when it has none.
fts5_api* Fts5Api(sqlite3* db);
}  // namespace sql

}  // namespace newsalign
