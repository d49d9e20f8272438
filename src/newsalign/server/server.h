// The translator's workbench: a local HTTP server over one corpus, serving a JSON API and one
// page (review, fix and confirm alignments in the browser). `newsalign serve` runs it.
//
//   ServerOptions options;
//   options.db_path = "corpus.db";
//   Server server(options);          // opens (creates, upgrades) the corpus
//   int port = server.Bind();        // 127.0.0.1:8080 by default; port 0 = any free port
//   server.Run();                    // until Stop() from another thread
//
// The API (routes.cc; JSON in and out, errors as {"error": "..."}):
//   GET  /api/info                        corpus file, schema, whether search is available
//   GET  /api/pairs                       every pair: title, date, counts, share reviewed
//   GET  /api/pairs/ID                    one pair: sentences, beads, undo/redo labels
//   GET  /api/pairs/ID/plot.svg           the alignment path (export/alignment_svg.h)
//   POST /api/pairs/ID/edit               {"version": V, "op": ..., ...} -> the pair after it
//                                         (409 when V is stale: nothing is written)
//   GET  /api/pairs/ID/export?format=tmx|tsv            the pair as a download
//   GET  /api/export?format=tmx|tsv[&status=confirmed|reviewed|all]   the corpus
//   GET  /api/search?q=...                the concordance (501 until store/ offers it)
//
// Safety: bound to loopback unless told otherwise; requests must name this server in Host
// (no DNS rebinding) and writes must be application/json from the same origin (no cross-site
// form posts); bodies over max_body bytes get 413. Every edit is its own transaction
// (store/editor.h). Handlers catch everything: bad data never stops the server.
#pragma once

#include <memory>
#include <string>

#include "newsalign/align/aligner.h"

namespace newsalign::server {

struct ServerOptions {
  std::string db_path = "newsalign.db";  // the corpus
  std::string host = "127.0.0.1";        // interface to listen on; loopback unless asked
  int port = 8080;                       // TCP port; 0 = any free one (Bind() returns it)
  int threads = 64;                      // request threads; a slow client holds one, no more
  size_t max_body = 256 * 1024;          // largest request body, bytes (edits are tiny)
  int timeout_s = 10;                    // read/write timeout per request, seconds
  AlignOptions align;                    // the aligner "realign the rest" uses
};

// Whether `host` names this machine only (127.0.0.0/8, ::1, localhost).
bool IsLoopback(const std::string& host);

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; returns the port. InputError when the address is taken or invalid.
  int Bind();
  // Serves until Stop(). Call after Bind().
  void Run();
  // Stops Run() (from another thread); safe to call more than once.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsalign::server
