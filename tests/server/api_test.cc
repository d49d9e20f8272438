// The workbench's HTTP API against a real server on a free loopback port and a real SQLite
// file: reading, editing with versions (409 when stale), undo/redo, exports, the page and its
// refusals (malformed JSON, oversized bodies, foreign hosts, cross-site posts), and many
// clients at once.
#include <httplib.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <thread>

#include "newsalign/server/server.h"
#include "newsalign/store/editor.h"
#include "server/sample_pair.h"
#include "store/test_util.h"

using namespace newsalign;
using namespace newsalign::test;
using nlohmann::json;

namespace {

// A corpus with two pairs and a server on it, on 127.0.0.1 and a free port.
struct LiveServer {
  TempDir dir;
  std::string db = dir / "corpus.db";
  int64_t pair = 0, other = 0;
  std::unique_ptr<server::Server> server;
  int port = 0;
  std::thread thread;

  LiveServer() {
    {
      Store store = Store::Open(db);
      pair = StorePair(store, dir.path().string(), "dushanbe");
      other = StorePair(store, dir.path().string(), "second");
    }
    server::ServerOptions options;
    options.db_path = db;
    options.port = 0;
    options.threads = 16;
    server = std::make_unique<server::Server>(options);
    port = server->Bind();
    thread = std::thread([this] { server->Run(); });
    // Ready when it answers.
    for (int i = 0; i < 200; ++i) {
      if (Client().Get("/api/info")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  ~LiveServer() {
    server->Stop();
    thread.join();
  }

  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(10, 0);
    return c;
  }

  json Get(const std::string& path, int want = 200) const {
    auto res = Client().Get(path.c_str());
    REQUIRE(res);
    INFO(path << " -> " << res->status << " " << res->body);
    REQUIRE(res->status == want);
    return json::parse(res->body);
  }

  // POSTs JSON; returns {status, body}.
  std::pair<int, json> Post(const std::string& path, const json& body) const {
    auto res = Client().Post(path.c_str(), body.dump(), "application/json");
    REQUIRE(res);
    return {res->status, json::parse(res->body)};
  }

  std::pair<int, json> Edit(const json& body) const { return Post("/api/pairs/" + std::to_string(pair) + "/edit", body); }
};

}  // namespace

// --- reading
TEST_CASE("api: the corpus list and one pair") {
  LiveServer s;
  json list = s.Get("/api/pairs");
  REQUIRE(list["pairs"].size() == 2);
  REQUIRE(list["pairs"][0]["title"] == "dushanbe");
  REQUIRE(list["pairs"][0]["beads"] == 6);
  REQUIRE(list["pairs"][0]["ru_sentences"] == 4);
  REQUIRE(list["pairs"][0]["reviewed_share"] == 0.0);

  json p = s.Get("/api/pairs/" + std::to_string(s.pair));
  REQUIRE(p["ru"].size() == 4);
  REQUIRE(p["en"][0] == "An international conference on water resources opened in Dushanbe.");
  REQUIRE(p["ru_par"] == json::array({0, 0, 1, 1}));
  REQUIRE(p["beads"].size() == 6);
  json bead = p["beads"][4];
  REQUIRE(bead["id"].is_number_integer());
  bead.erase("id");
  REQUIRE(bead == json({{"ru", {4, 0}}, {"en", {4, 1}}, {"score", 0.3}, {"status", "auto"}}));
  REQUIRE(p["undo"].is_null());
  REQUIRE(p["version"] == 1);

  json missing = s.Get("/api/pairs/999", 404);
  REQUIRE(missing["error"].get<std::string>().find("no pair 999") != std::string::npos);
}

TEST_CASE("api: the page, its files, and nothing else from the disk") {
  LiveServer s;
  auto c = s.Client();
  auto page = c.Get("/");
  REQUIRE(page->status == 200);
  REQUIRE(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  REQUIRE(page->body.find("<script src=\"/app.js\">") != std::string::npos);
  REQUIRE(c.Get("/app.js")->status == 200);
  REQUIRE(c.Get("/app.css")->get_header_value("Content-Type") == "text/css; charset=utf-8");
  for (const char* path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/app.js", "/server.cc", "/x.html"})
    REQUIRE(c.Get(path)->status == 404);
}

TEST_CASE("api: the alignment plot is SVG with one element per bead") {
  LiveServer s;
  auto res = s.Client().Get(("/api/pairs/" + std::to_string(s.pair) + "/plot.svg").c_str());
  REQUIRE(res->status == 200);
  REQUIRE(res->get_header_value("Content-Type") == "image/svg+xml; charset=utf-8");
  REQUIRE(res->body.rfind("<svg", 0) == 0);
  size_t lines = 0;
  for (size_t at = res->body.find("<line data-bead="); at != std::string::npos; at = res->body.find("<line data-bead=", at + 1))
    ++lines;
  REQUIRE(lines == 6);
}

// --- editing
TEST_CASE("api: confirm, merge, split, undo, redo through the edit route") {
  LiveServer s;
  auto [status, r] = s.Edit({{"op", "confirm"}, {"version", 1}, {"bead", 0}});
  REQUIRE(status == 200);
  REQUIRE(r["result"]["changed"] == true);
  REQUIRE(r["result"]["label"] == "confirmed bead 1");
  REQUIRE(r["pair"]["version"] == 2);
  REQUIRE(r["pair"]["beads"][0]["status"] == "confirmed");
  REQUIRE(r["pair"]["confirmed"] == 1);

  std::tie(status, r) = s.Edit({{"op", "merge"}, {"version", 2}, {"bead", 1}});
  REQUIRE(status == 200);
  json merged = r["pair"]["beads"][1];
  merged.erase("id");
  REQUIRE(merged == json({{"ru", {1, 2}}, {"en", {1, 2}}, {"score", 1.0}, {"status", "edited"}}));
  REQUIRE(r["pair"]["undo"] == "merged beads 2 and 3");

  std::tie(status, r) = s.Edit({{"op", "split"}, {"version", 3}, {"bead", 1}});
  REQUIRE(r["pair"]["beads"].size() == 6);

  std::tie(status, r) = s.Edit({{"op", "undo"}, {"version", 4}});
  REQUIRE(r["result"]["label"] == "undone: split bead 2 (2-2 into 1-1 and 1-1)");
  REQUIRE(r["pair"]["beads"].size() == 5);
  REQUIRE(r["pair"]["redo"] == "split bead 2 (2-2 into 1-1 and 1-1)");
  std::tie(status, r) = s.Edit({{"op", "redo"}, {"version", 5}});
  REQUIRE(r["pair"]["beads"].size() == 6);

  // Everything confirmed is in the corpus export.
  auto tmx = s.Client().Get("/api/export?format=tmx&status=confirmed");
  REQUIRE(tmx->status == 200);
  REQUIRE(tmx->get_header_value("Content-Disposition") == "attachment; filename=\"newsalign-confirmed.tmx\"");
  REQUIRE(tmx->body.find("<tmx version=\"1.4\">") != std::string::npos);
  REQUIRE(tmx->body.find("В Душанбе открылась") != std::string::npos);
  REQUIRE(tmx->body.find("Её посетили") == std::string::npos);  // edited, not confirmed
}

TEST_CASE("api: a stale edit gets 409 with the current version and changes nothing") {
  LiveServer s;
  REQUIRE(s.Edit({{"op", "merge"}, {"version", 1}, {"bead", 0}}).first == 200);
  auto [status, r] = s.Edit({{"op", "confirm"}, {"version", 1}, {"bead", 3}});  // the other tab
  REQUIRE(status == 409);
  REQUIRE(r["stale"] == true);
  REQUIRE(r["version"] == 2);
  REQUIRE(r["error"].get<std::string>().find("changed meanwhile") != std::string::npos);
  json p = s.Get("/api/pairs/" + std::to_string(s.pair));
  REQUIRE(p["version"] == 2);
  REQUIRE(p["confirmed"] == 0);
}

// Issue 8: the pair and the corpus list are served from a cache while their version holds.
TEST_CASE("api: cached answers follow every change, through the server or beside it") {
  LiveServer s;
  const std::string path = "/api/pairs/" + std::to_string(s.pair);
  REQUIRE(s.Get(path)["version"] == 1);  // both now cached
  REQUIRE(s.Get("/api/pairs")["pairs"][0]["confirmed"] == 0);

  // Another process (here: its own editor on the file) confirms a bead.
  PairEditor outside(s.db);
  REQUIRE(outside.SetStatus(s.pair, 1, 0, BeadStatus::kConfirmed).version == 2);
  json p = s.Get(path);
  REQUIRE(p["version"] == 2);
  REQUIRE(p["beads"][0]["status"] == "confirmed");
  REQUIRE(p["undo"] == "confirmed bead 1");
  REQUIRE(s.Get("/api/pairs")["pairs"][0]["confirmed"] == 1);

  // An edit through the server answers with the pair after it, and so does the next GET.
  auto [status, r] = s.Edit({{"op", "merge"}, {"version", 2}, {"bead", 1}});
  REQUIRE(status == 200);
  REQUIRE(r["pair"]["version"] == 3);
  REQUIRE(r["pair"]["beads"].size() == 5);
  REQUIRE(s.Get(path)["beads"].size() == 5);
  REQUIRE(s.Get("/api/pairs")["pairs"][0]["beads"] == 5);
  // The other pair's answer was not disturbed.
  REQUIRE(s.Get("/api/pairs/" + std::to_string(s.other))["version"] == 1);
  // Errors from the writer thread reach the client as before.
  REQUIRE(s.Post("/api/pairs/999/edit", {{"op", "confirm"}, {"version", 1}, {"bead", 0}}).first == 404);
  REQUIRE(s.Edit({{"op", "merge"}, {"version", 3}, {"bead", 99}}).first == 400);
}

TEST_CASE("api: malformed and unreasonable requests get 4xx and a message") {
  LiveServer s;
  auto c = s.Client();
  const std::string edit = "/api/pairs/" + std::to_string(s.pair) + "/edit";
  struct Case {
    std::string body;
    int status;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"{\"op\": \"merge\", \"version\": ", 400, "malformed JSON"},
      {"[1, 2]", 400, "JSON object"},
      {R"({"op": "merge", "bead": 0})", 400, "\"version\" is missing"},
      {R"({"op": "merge", "version": 1, "bead": "0"})", 400, "\"bead\" must be an integer"},
      {R"({"op": "frobnicate", "version": 1})", 400, "\"op\" must be one of"},
      {R"({"op": "move", "version": 1, "bead": 1, "side": "de", "to": "next"})", 400, "\"side\" must be one of"},
      {R"({"op": "merge", "version": 1, "bead": 99})", 400, "no bead 99"},
      {R"({"op": "split_sentence", "version": 1, "side": "ru", "sentence": 0, "at": 1})", 400, "character boundary"},
  };
  for (const Case& k : cases) {
    auto res = c.Post(edit.c_str(), k.body, "application/json");
    INFO(k.body << " -> " << res->body);
    REQUIRE(res->status == k.status);
    REQUIRE(json::parse(res->body)["error"].get<std::string>().find(k.says) != std::string::npos);
  }
  // Not JSON at all: a form post from another site cannot get through.
  REQUIRE(c.Post(edit.c_str(), "op=merge", "application/x-www-form-urlencoded")->status == 415);
  httplib::Headers foreign = {{"Origin", "http://evil.example"}};
  REQUIRE(c.Post(edit.c_str(), foreign, R"({"op":"merge","version":1,"bead":0})", "application/json")->status == 403);
  // DNS rebinding: a page of another name resolving to 127.0.0.1.
  httplib::Headers rebound = {{"Host", "evil.example:80"}};
  REQUIRE(c.Get("/api/pairs", rebound)->status == 403);
  // Bodies are bounded.
  REQUIRE(c.Post(edit.c_str(), std::string(1 << 20, ' '), "application/json")->status == 413);
  REQUIRE(c.Get("/api/nothing")->status == 404);
  // Nothing was written by any of it.
  REQUIRE(s.Get("/api/pairs/" + std::to_string(s.pair))["version"] == 1);
}

TEST_CASE("api: pair exports download as TMX and TSV") {
  LiveServer s;
  auto c = s.Client();
  auto tmx = c.Get(("/api/pairs/" + std::to_string(s.pair) + "/export?format=tmx").c_str());
  REQUIRE(tmx->status == 200);
  REQUIRE(tmx->get_header_value("Content-Disposition") == "attachment; filename=\"pair-1.tmx\"");
  REQUIRE(tmx->body.find("<tu ") != std::string::npos);
  auto tsv = c.Get(("/api/pairs/" + std::to_string(s.pair) + "/export?format=tsv").c_str());
  REQUIRE(tsv->status == 200);
  REQUIRE(std::count(tsv->body.begin(), tsv->body.end(), '\n') == 6);
  REQUIRE(c.Get(("/api/pairs/" + std::to_string(s.pair) + "/export?format=docx").c_str())->status == 400);
  REQUIRE(c.Get("/api/pairs/77/export?format=tmx")->status == 404);
}

TEST_CASE("api: many clients at once, readers and writers, lose nothing") {
  LiveServer s;
  std::atomic<int> ok{0}, conflicts{0}, failures{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 24; ++t) {
    clients.emplace_back([&, t] {
      auto c = s.Client();
      for (int i = 0; i < 20; ++i) {
        if (t % 3) {
          auto res = c.Get(("/api/pairs/" + std::to_string(t % 2 ? s.pair : s.other)).c_str());
          (res && res->status == 200 ? ok : failures)++;
          continue;
        }
        // A writer: read the version, confirm a bead on it; losing the race is a clean 409.
        auto res = c.Get(("/api/pairs/" + std::to_string(s.pair)).c_str());
        if (!res || res->status != 200) {
          failures++;
          continue;
        }
        const int64_t version = json::parse(res->body)["version"];
        json body = {{"op", i % 2 ? "confirm" : "unconfirm"}, {"version", version}, {"bead", (t + i) % 6}};
        auto w = c.Post(("/api/pairs/" + std::to_string(s.pair) + "/edit").c_str(), body.dump(), "application/json");
        if (w && w->status == 200) ok++;
        else if (w && w->status == 409) conflicts++;
        else failures++;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  REQUIRE(failures == 0);
  REQUIRE(ok + conflicts == 24 * 20);
  Store store = Store::Open(s.db);
  REQUIRE(store.CheckConsistency() == std::vector<std::string>{});
}

TEST_CASE("api: the concordance finds inflected forms and marks both sides") {
  LiveServer s;
  REQUIRE(s.Get("/api/info")["search"] == true);
  json r = s.Get("/api/search?q=конференции");  // the client encodes it; "конференция" is stored
  REQUIRE(r["hits"].size() >= 1);
  const json& hit = r["hits"][0];
  REQUIRE(hit["side"] == "ru");
  REQUIRE(hit["ru_marks"].size() >= 1);
  const std::string ru = hit["ru"];
  const size_t begin = hit["ru_marks"][0]["begin"], end = hit["ru_marks"][0]["end"];
  INFO(hit.dump());
  REQUIRE(ru.substr(begin, end - begin) == "Конференция");
  REQUIRE(s.Get("/api/search?q=%22unbalanced", 400)["error"].get<std::string>().size() > 0);
}

TEST_CASE("api: IsLoopback tells loopback from the rest") {
  REQUIRE(server::IsLoopback("127.0.0.1"));
  REQUIRE(server::IsLoopback("127.1.2.3"));
  REQUIRE(server::IsLoopback("localhost"));
  REQUIRE(server::IsLoopback("::1"));
  REQUIRE_FALSE(server::IsLoopback("0.0.0.0"));
  REQUIRE_FALSE(server::IsLoopback("192.168.1.5"));
  REQUIRE_FALSE(server::IsLoopback("example.org"));
}
