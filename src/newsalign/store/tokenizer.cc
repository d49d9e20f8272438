// The FTS5 tokenizer, through the fts5_api (sqlite.org/fts5.html, "Custom Tokenizers"): the
// api pointer comes from `SELECT fts5(?1)` with the pointer bound under the type "fts5_api_ptr".
// FTS5 calls xCreate once per table and connection with the arguments after the name
// ('newsalign ru' -> {"ru"}), and xTokenize for every value written and every query string.
#include "newsalign/store/tokenizer.h"

#include <sqlite3.h>

#include <exception>

namespace newsalign {

namespace {
constexpr size_t kStemCacheSize = 200000;  // distinct words kept; news vocabularies fit
}

TermTokenizer::TermTokenizer(const std::string& lang) : tools_(lang) {}

const std::string& TermTokenizer::Stem(const std::string& folded) {
  auto it = cache_.find(folded);
  if (it != cache_.end()) return it->second;
  if (cache_.size() >= kStemCacheSize) cache_.clear();
  return cache_.emplace(folded, tools_.Stem(folded)).first->second;
}

void TermTokenizer::Tokenize(std::string_view text, bool prefix, std::vector<IndexTerm>* out) {
  out->clear();
  tools_.WordSpans(text, &spans_);
  for (size_t i = 0; i < spans_.size(); ++i) {
    IndexTerm t;
    t.begin = spans_[i].begin;
    t.end = spans_[i].end;
    const std::string& stem = Stem(spans_[i].folded);
    if (prefix && i + 1 == spans_.size()) {
      const std::string& f = spans_[i].folded;
      t.term = f.compare(0, stem.size(), stem) == 0 ? stem : f;
    } else {
      t.term = stem;
    }
    out->push_back(std::move(t));
  }
}

namespace sql {
namespace {

struct TokenizerState {
  TermTokenizer tokenizer;
  std::vector<IndexTerm> terms;
  explicit TokenizerState(const std::string& lang) : tokenizer(lang) {}
};

int Create(void*, const char** args, int n_args, ::Fts5Tokenizer** out) {
  *out = nullptr;
  if (n_args != 1 || args[0] == nullptr || args[0][0] == '\0') return SQLITE_ERROR;  // want 'newsalign LANG'
  try {
    *out = reinterpret_cast<::Fts5Tokenizer*>(new TokenizerState(args[0]));
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (const std::exception&) {
    return SQLITE_ERROR;
  }
}

void Delete(::Fts5Tokenizer* t) { delete reinterpret_cast<TokenizerState*>(t); }

int Tokenize(::Fts5Tokenizer* handle, void* ctx, int flags, const char* text, int n_text,
             int (*emit)(void*, int, const char*, int, int, int)) {
  auto* t = reinterpret_cast<TokenizerState*>(handle);
  try {
    const bool prefix = (flags & FTS5_TOKENIZE_PREFIX) != 0;
    t->tokenizer.Tokenize(std::string_view(text ? text : "", text ? static_cast<size_t>(n_text) : 0), prefix,
                          &t->terms);
    for (const IndexTerm& term : t->terms) {
      int rc = emit(ctx, 0, term.term.data(), static_cast<int>(term.term.size()), static_cast<int>(term.begin),
                    static_cast<int>(term.end));
      if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (const std::exception&) {
    return SQLITE_ERROR;
  }
}

}  // namespace

fts5_api* Fts5Api(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) return nullptr;
  sqlite3_bind_pointer(stmt, 1, reinterpret_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  return api != nullptr && api->iVersion >= 2 ? api : nullptr;
}

bool RegisterTokenizer(sqlite3* db) {
  fts5_api* api = Fts5Api(db);
  if (api == nullptr) return false;
  static fts5_tokenizer kTokenizer = {Create, Delete, Tokenize};
  return api->xCreateTokenizer(api, "newsalign", nullptr, &kTokenizer, nullptr) == SQLITE_OK;
}

}  // namespace sql
}  // namespace newsalign
