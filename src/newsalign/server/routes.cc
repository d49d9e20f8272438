// Every route of the workbench, in one place. Handlers parse, call the store, answer JSON;
// Respond() maps our exceptions to status codes so that no error escapes a handler:
//   BadRequest, InputError -> 400 (404 for a pair that does not exist)
//   StaleEditError         -> 409 {error, version, stale: true}
//   anything else          -> 500, and a line on stderr
#include "newsalign/server/routes.h"

#include <httplib.h>

#include <iostream>
#include <sstream>

#include "newsalign/export/alignment_svg.h"
#include "newsalign/export/writers.h"
#include "newsalign/server/assets.h"
#include "newsalign/server/json_mapping.h"
#include "newsalign/store/search.h"

namespace newsalign::server {
namespace {

using nlohmann::json;

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(Dump(body), "application/json; charset=utf-8");
}

void SendText(httplib::Response& res, int status, const std::string& json_text) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(json_text, "application/json; charset=utf-8");
}

bool IsNoSuchPair(const std::string& message) {
  // Store::LoadPair and PairEditor say "...no pair N..." for an id that is not there.
  return message.find("no pair ") != std::string::npos;
}

// Runs `fn` (which fills `res` on success) and turns whatever it throws into an answer.
template <typename F>
void Respond(httplib::Response& res, F fn) {
  try {
    fn();
  } catch (const StaleEditError& e) {
    SendJson(res, 409, {{"error", e.what()}, {"version", e.current_version()}, {"stale", true}});
  } catch (const BadRequest& e) {
    SendJson(res, 400, {{"error", e.what()}});
  } catch (const InputError& e) {
    SendJson(res, IsNoSuchPair(e.what()) ? 404 : 400, {{"error", e.what()}});
  } catch (const std::exception& e) {
    std::cerr << "newsalign serve: internal error: " << e.what() << "\n";
    SendJson(res, 500, {{"error", std::string("internal error: ") + e.what()}});
  }
}

int64_t PairId(const httplib::Request& req) {
  const std::string s = req.matches[1];
  if (s.size() > 15) throw InputError("no pair " + s);
  return std::stoll(s);
}

// ?format=tmx|tsv -> a writer into `out`.
std::unique_ptr<BeadWriter> WriterFor(const std::string& format, std::ostream& out) {
  if (format == "tmx") return MakeTmxWriter(out);
  if (format == "tsv") return MakeTsvWriter(out);
  throw BadRequest("format must be tmx or tsv (got \"" + format.substr(0, 20) + "\")");
}

void SendExport(httplib::Response& res, const Store& store, const BeadFilter& filter, const std::string& format,
                const std::string& name) {
  std::ostringstream out;
  auto writer = WriterFor(format, out);
  BeadFilter f = filter;
  f.both_sides = NeedsBothSides(ParseExportFormat(format));
  store.ForEachBead(f, [&](const BeadRecord& b) { writer->Write(b); });
  writer->Finish();
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(out.str(), format == "tmx" ? "application/x-tmx+xml; charset=utf-8"
                                             : "text/tab-separated-values; charset=utf-8");
}

// The pair's JSON, from the cache while the pair is at the version it was built at.
std::shared_ptr<const std::string> CurrentPairJson(Context& ctx, const Store& store, int64_t id) {
  if (std::optional<int64_t> version = store.PairVersion(id))
    if (auto json = ctx.pair_json.Get(id, *version)) return json;
  PairView view = LoadPairView(store, id, kHistoryShown);  // InputError "no pair" -> 404
  auto json = std::make_shared<const std::string>(PairJson(view.pair, view.history));
  ctx.pair_json.Put(id, view.pair.summary.version, json);
  return json;
}

// Every op but realign (see the edit route).
EditResult RunEdit(PairEditor& editor, int64_t pair, const EditRequest& r) {
  const std::string& op = r.op;
  if (op == "confirm") return editor.SetStatus(pair, r.version, r.bead, BeadStatus::kConfirmed);
  if (op == "unconfirm") return editor.SetStatus(pair, r.version, r.bead, BeadStatus::kAuto);
  if (op == "status") return editor.SetStatus(pair, r.version, r.bead, ParseBeadStatus(r.status));
  if (op == "merge") return editor.Merge(pair, r.version, r.bead);
  if (op == "split") return editor.Split(pair, r.version, r.bead, r.ru_first, r.en_first);
  if (op == "move") return editor.Move(pair, r.version, r.bead, ParseTextSide(r.side), r.to == "next");
  if (op == "detach") return editor.Detach(pair, r.version, ParseTextSide(r.side), r.sentence);
  if (op == "split_sentence")
    return editor.SplitSentence(pair, r.version, ParseTextSide(r.side), r.sentence, static_cast<size_t>(r.at));
  if (op == "join_sentence") return editor.JoinSentences(pair, r.version, ParseTextSide(r.side), r.sentence);
  if (op == "undo") return editor.Undo(pair, r.version);
  if (op == "redo") return editor.Redo(pair, r.version);
  throw BadRequest("unknown op \"" + op + "\"");
}

}  // namespace

Context::Context(ServerOptions o)
    : options(std::move(o)),
      stores([path = options.db_path] { return std::make_unique<Store>(Store::Open(path, StoreOptions{false})); }),
      editors([this] { return NewEditor(); }),
      searchers([this] {
        return std::make_unique<SearchSession>(Store::Open(options.db_path, StoreOptions{false}), &dictionary());
      }),
      edits([this] { return NewEditor(); }) {}

std::unique_ptr<PairEditor> Context::NewEditor() {
  EditorOptions o;
  o.write_lock = &write_lock;
  return std::make_unique<PairEditor>(options.db_path, o);
}

const Aligner& Context::aligner() {
  std::call_once(aligner_once_, [this] {
    aligner_ = std::make_unique<Aligner>(options.align);
    if (!aligner_->dictionary_note().empty()) std::cerr << "newsalign serve: " << aligner_->dictionary_note() << "\n";
  });
  return *aligner_;
}

const StemDictionary& Context::dictionary() {
  std::call_once(dictionary_once_, [this] {
    dictionary_ = std::make_unique<StemDictionary>(StemDictionary::LoadForLanguages(options.align.src_lang, options.align.tgt_lang, nullptr));
  });
  return *dictionary_;
}

void AddRoutes(httplib::Server& http, Context& ctx) {
  // The page: a fixed table of compiled-in files; any other path is 404.
  http.Get(R"(/|/[a-z_]+\.(html|css|js|svg))", [](const httplib::Request& req, httplib::Response& res) {
    const Asset* asset = FindAsset(req.path);
    if (!asset) {
      SendJson(res, 404, {{"error", "no such page"}});
      return;
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
    res.set_content(std::string(asset->body), std::string(asset->content_type).c_str());
  });

  http.Get("/api/info", [&ctx](const httplib::Request&, httplib::Response& res) {
    Respond(res, [&] {
      auto store = ctx.stores.Acquire();
      SendJson(res, 200,
               {{"db", store->path()},
                {"schema_version", store->schema_version()},
                {"search", store->schema_version() >= 2},
                {"doubtful_below", kDoubtfulScore}});
    });
  });

  http.Get("/api/pairs", [&ctx](const httplib::Request&, httplib::Response& res) {
    Respond(res, [&] {
      auto store = ctx.stores.Acquire();
      // The version first: a change committed while the list is built makes it stale, never
      // the other way round.
      const int64_t version = store->ListVersion();
      auto text = ctx.list_json.Get(0, version);
      if (!text) {
        json pairs = json::array();
        for (const PairSummary& p : store->ListPairs()) pairs.push_back(SummaryJson(p));
        text = std::make_shared<const std::string>(Dump({{"pairs", std::move(pairs)}}));
        ctx.list_json.Put(0, version, text);
      }
      SendText(res, 200, *text);
    });
  });

  http.Get(R"(/api/pairs/(\d+))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Respond(res, [&] {
      const int64_t id = PairId(req);
      auto store = ctx.stores.Acquire();
      SendText(res, 200, *CurrentPairJson(ctx, *store, id));
    });
  });

  http.Get(R"(/api/pairs/(\d+)/plot\.svg)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Respond(res, [&] {
      auto store = ctx.stores.Acquire();
      SvgOptions options;
      options.standalone = false;
      if (req.has_param("size")) options.size = std::clamp(std::atoi(req.get_param_value("size").c_str()), 100, 4000);
      res.set_header("Cache-Control", "no-store");
      res.set_content(AlignmentSvg(store->LoadPair(PairId(req)), options), "image/svg+xml; charset=utf-8");
    });
  });

  http.Post(R"(/api/pairs/(\d+)/edit)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Respond(res, [&] {
      const int64_t id = PairId(req);
      EditRequest r = ParseEditRequest(req.body);
      EditResult result;
      if (r.op == "realign") {
        // Not through the queue: the aligner may run for seconds, and only its final write
        // needs to take turns with the other edits (EditorOptions::write_lock).
        auto editor = ctx.editors.Acquire();
        result = editor->Realign(id, r.version, ctx.aligner());
      } else {
        result = ctx.edits.Run([&](PairEditor& editor) { return RunEdit(editor, id, r); });
      }
      auto store = ctx.stores.Acquire();
      const std::shared_ptr<const std::string> pair = CurrentPairJson(ctx, *store, id);
      std::string body;
      body.reserve(pair->size() + 200);
      body += "{\"result\":" + Dump(ResultJson(result)) + ",\"pair\":";
      body += *pair;
      body += '}';
      SendText(res, 200, body);
    });
  });

  http.Get(R"(/api/pairs/(\d+)/export)", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Respond(res, [&] {
      const int64_t id = PairId(req);
      auto store = ctx.stores.Acquire();
      store->LoadPair(id);  // 404 for a pair that is not there, rather than an empty file
      BeadFilter filter;
      filter.pair_ids = {id};
      const std::string format = req.has_param("format") ? req.get_param_value("format") : "tmx";
      SendExport(res, *store, filter, format, "pair-" + std::to_string(id));
    });
  });

  http.Get("/api/export", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Respond(res, [&] {
      const std::string format = req.has_param("format") ? req.get_param_value("format") : "tmx";
      const std::string status = req.has_param("status") ? req.get_param_value("status") : "confirmed";
      BeadFilter filter;
      if (status == "confirmed") {
        filter.statuses = {BeadStatus::kConfirmed};
      } else if (status == "reviewed") {
        filter.statuses = {BeadStatus::kConfirmed, BeadStatus::kEdited};
      } else if (status != "all") {
        throw BadRequest("status must be confirmed, reviewed or all");
      }
      auto store = ctx.stores.Acquire();
      SendExport(res, *store, filter, format, "newsalign-" + status);
    });
  });

  // The concordance (store/search.h): stem-aware, both languages, marks on both sides.
  http.Get("/api/search", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Respond(res, [&] {
      const std::string q = req.get_param_value("q");
      SearchOptions options;
      options.lang = req.get_param_value("lang");
      if (!options.lang.empty() && options.lang != "ru" && options.lang != "en") throw BadRequest("lang must be ru or en");
      if (req.has_param("limit")) options.limit = std::clamp(std::atoi(req.get_param_value("limit").c_str()), 1, 200);
      auto session = ctx.searchers.Acquire();
      SendJson(res, 200, SearchJson(session->searcher.Search(q, options)));
    });
  });
}

}  // namespace newsalign::server
