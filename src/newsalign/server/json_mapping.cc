#include "newsalign/server/json_mapping.h"

#include <algorithm>
#include <cstdio>

namespace newsalign::server {

using nlohmann::json;

json SummaryJson(const PairSummary& p) {
  const int reviewed = p.confirmed + p.edited;
  return {{"id", p.id},
          {"title", p.title},
          {"date", p.date},
          {"source", p.source},
          {"version", p.version},
          {"ru_sentences", p.ru_sentences},
          {"en_sentences", p.en_sentences},
          {"beads", p.beads},
          {"confirmed", p.confirmed},
          {"edited", p.edited},
          {"doubtful", p.doubtful},
          {"reviewed_share", p.beads ? static_cast<double>(reviewed) / p.beads : 0.0},
          {"updated_at", p.updated_at}};
}

namespace {

// A JSON string of UTF-8 text, written directly: the pair view of a 2,000-bead document has
// thousands of sentences, and building a json tree for them costs more than the query.
// Invalid UTF-8 (never expected: the store validates its input) becomes U+FFFD.
void AppendString(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    const size_t n = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    bool ok = n > 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s.data() + i, n);
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out += '"';
}

}  // namespace

std::string PairJson(const PairRecord& pair, const HistoryTail& history) {
  json head = SummaryJson(pair.summary);
  head.erase("beads");  // the count; here "beads" is the list itself
  head["ru_origin"] = pair.summary.ru_origin;
  head["en_origin"] = pair.summary.en_origin;
  head["ru_revision"] = pair.summary.ru_revision;
  head["en_revision"] = pair.summary.en_revision;
  head["doubtful_below"] = kDoubtfulScore;
  json labels = json::array();
  const std::vector<EditEntry>& recent = history.recent;
  const size_t shown = static_cast<size_t>(kHistoryShown);
  const size_t from = recent.size() > shown ? recent.size() - shown : 0;
  for (size_t i = from; i < recent.size(); ++i)
    labels.push_back({{"label", recent[i].label}, {"undone", recent[i].undone}, {"at", recent[i].created_at}});
  head["undo"] = history.undo ? json(*history.undo) : json(nullptr);
  head["redo"] = history.redo ? json(*history.redo) : json(nullptr);
  head["history"] = std::move(labels);

  std::string out = Dump(head);
  out.pop_back();  // the closing brace: the big arrays follow
  out.reserve(out.size() + pair.ru.text.size() + pair.en.text.size() + pair.beads.size() * 80 + 1024);
  for (const Document* doc : {&pair.ru, &pair.en}) {
    const bool ru = doc == &pair.ru;
    out += ru ? ",\"ru\":[" : ",\"en\":[";
    for (size_t i = 0; i < doc->sentences.size(); ++i) {
      if (i) out += ',';
      AppendString(out, doc->SentenceText(i));
    }
    out += ru ? "],\"ru_par\":[" : "],\"en_par\":[";
    for (size_t i = 0; i < doc->sentences.size(); ++i) {
      if (i) out += ',';
      out += std::to_string(doc->sentences[i].paragraph);
    }
    out += ']';
  }
  out += ",\"beads\":[";
  char buf[160];
  for (size_t k = 0; k < pair.beads.size(); ++k) {
    const StoredBead& b = pair.beads[k];
    std::snprintf(buf, sizeof buf, "%s{\"id\":%lld,\"ru\":[%d,%d],\"en\":[%d,%d],\"score\":%.3f,\"status\":\"%s\"}",
                  k ? "," : "", static_cast<long long>(b.id), b.bead.src_begin, b.bead.src_count, b.bead.tgt_begin,
                  b.bead.tgt_count, b.bead.score, StatusName(b.status));
    out += buf;
  }
  out += "]}";
  return out;
}

json SearchJson(const SearchResult& result) {
  auto marks = [](const std::vector<Mark>& v) {
    json a = json::array();
    for (const Mark& m : v) a.push_back({{"begin", m.begin}, {"end", m.end}, {"kind", MarkKindName(m.kind)}});
    return a;
  };
  json hits = json::array();
  for (const SearchHit& h : result.hits) {
    hits.push_back({{"pair", h.pair_id},
                    {"bead", h.bead_id},
                    {"side", h.side},
                    {"ru", h.ru},
                    {"en", h.en},
                    {"ru_marks", marks(h.ru_marks)},
                    {"en_marks", marks(h.en_marks)},
                    {"status", StatusName(h.status)},
                    {"score", h.score},
                    {"title", h.title},
                    {"date", h.date}});
  }
  return {{"matches", result.matches}, {"truncated", result.truncated}, {"hits", std::move(hits)}};
}

json ResultJson(const EditResult& r) {
  return {{"version", r.version}, {"changed", r.changed}, {"focus", r.focus}, {"label", r.label}};
}

namespace {

int64_t IntField(const json& j, const char* name, bool required, int64_t fallback) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) throw BadRequest(std::string("\"") + name + "\" is missing");
    return fallback;
  }
  if (!it->is_number_integer()) throw BadRequest(std::string("\"") + name + "\" must be an integer");
  return it->get<int64_t>();
}

int SmallIntField(const json& j, const char* name, bool required, int fallback) {
  int64_t v = IntField(j, name, required, fallback);
  if (v < -1 || v > 100'000'000) throw BadRequest(std::string("\"") + name + "\" is out of range");
  return static_cast<int>(v);
}

std::string StringField(const json& j, const char* name, bool required, std::initializer_list<const char*> allowed) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) throw BadRequest(std::string("\"") + name + "\" is missing");
    return "";
  }
  if (!it->is_string()) throw BadRequest(std::string("\"") + name + "\" must be a string");
  std::string v = it->get<std::string>();
  std::string list;
  for (const char* a : allowed) {
    if (v == a) return v;
    list += std::string(list.empty() ? "" : ", ") + a;
  }
  throw BadRequest(std::string("\"") + name + "\" must be one of " + list + " (got \"" + v.substr(0, 40) + "\")");
}

}  // namespace

EditRequest ParseEditRequest(std::string_view body) {
  json j;
  try {
    j = json::parse(body.begin(), body.end());
  } catch (const json::parse_error& e) {
    throw BadRequest("malformed JSON at byte " + std::to_string(e.byte) + " of the request body");
  }
  if (!j.is_object()) throw BadRequest("the request body must be a JSON object");
  EditRequest r;
  r.op = StringField(j, "op", true,
                     {"status", "confirm", "unconfirm", "merge", "split", "move", "detach", "split_sentence",
                      "join_sentence", "realign", "undo", "redo"});
  r.version = IntField(j, "version", true, 0);
  const std::string& op = r.op;
  const bool needs_bead = op == "status" || op == "confirm" || op == "unconfirm" || op == "merge" || op == "split" || op == "move";
  const bool needs_side = op == "move" || op == "detach" || op == "split_sentence" || op == "join_sentence";
  const bool needs_sentence = op == "detach" || op == "split_sentence" || op == "join_sentence";
  r.bead = SmallIntField(j, "bead", needs_bead, -1);
  r.sentence = SmallIntField(j, "sentence", needs_sentence, -1);
  r.side = StringField(j, "side", needs_side, {"ru", "en"});
  r.to = StringField(j, "to", op == "move", {"next", "prev"});
  r.status = StringField(j, "status", op == "status", {"auto", "confirmed", "edited"});
  r.ru_first = SmallIntField(j, "ru_first", false, -1);
  r.en_first = SmallIntField(j, "en_first", false, -1);
  r.at = IntField(j, "at", op == "split_sentence", -1);
  if (op == "split_sentence" && r.at <= 0) throw BadRequest("\"at\" must be a positive byte offset");
  return r;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace newsalign::server
