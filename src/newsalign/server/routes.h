// What the request handlers share, and the one function that registers them (routes.cc).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "newsalign/align/aligner.h"
#include "newsalign/lexicon/dictionary.h"
#include "newsalign/server/edit_queue.h"
#include "newsalign/server/json_cache.h"
#include "newsalign/server/pool.h"
#include "newsalign/server/server.h"
#include "newsalign/store/editor.h"
#include "newsalign/store/search.h"
#include "newsalign/store/store.h"

namespace httplib {
class Server;
}

namespace newsalign::server {

// A reader connection with its concordance, pooled together: what a Searcher builds on first
// use (the dictionary inverted for marking translations, the word-frequency samples, its
// prepared statements) is then built once per connection instead of once per request.
struct SearchSession {
  SearchSession(Store s, const StemDictionary* dictionary) : store(std::move(s)), searcher(store, dictionary) {}
  Store store;
  Searcher searcher;
};

struct Context {
  explicit Context(ServerOptions o);

  ServerOptions options;
  Pool<Store> stores;        // readers (one connection per concurrent request)
  Pool<PairEditor> editors;  // realign (its aligner runs for seconds, outside the queue)
  Pool<SearchSession> searchers;  // /api/search
  JsonCache pair_json{32};   // GET /api/pairs/ID and the pair an edit answers with, by pair id
  JsonCache list_json{1};    // GET /api/pairs, as key 0
  std::mutex write_lock;     // writers take turns here (see EditorOptions::write_lock)
  EditQueue edits;           // every other edit, one after another on one writer thread

  // The aligner for "realign the rest", made on first use (loading the dictionary takes a
  // moment); Align() is const and thread-safe.
  const Aligner& aligner();
  // The bilingual dictionary the concordance marks translations with, loaded on first use
  // (may be empty when none is installed); read-only afterwards.
  const StemDictionary& dictionary();

 private:
  std::unique_ptr<PairEditor> NewEditor();

  std::once_flag aligner_once_, dictionary_once_;
  std::unique_ptr<Aligner> aligner_;
  std::unique_ptr<StemDictionary> dictionary_;
};

void AddRoutes(httplib::Server& http, Context& context);

}  // namespace newsalign::server
