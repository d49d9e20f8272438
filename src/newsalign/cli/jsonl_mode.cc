#include "newsalign/cli/jsonl_mode.h"

#include <cstdlib>
#include <functional>
#include <stdio.h>  // getline(3)
#include <nlohmann/json.hpp>
#include <utility>

#include "newsalign/align/pieces.h"
#include "newsalign/cli/align_setup.h"
#include "newsalign/cli/ordered_pool.h"
#include "newsalign/core/error.h"
#include "newsalign/text/segmenter.h"

namespace newsalign::cli {
namespace {

using nlohmann::json;

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 1, column 7:
// syntax error ...; last read: '<raw bytes>'". Keep the column and the reason; drop the raw
// bytes, which are often the very invalid UTF-8 we are complaining about.
std::string ParseErrorMessage(const json::parse_error& e) {
  std::string what = e.what();
  size_t at = what.find("column ");
  std::string reason = what;
  if (at != std::string::npos) {
    size_t colon = what.find(": ", at);
    if (colon != std::string::npos) reason = what.substr(colon + 2);
  }
  size_t last = reason.find("; last read:");
  if (last != std::string::npos) reason.erase(last);
  return "invalid JSON at byte " + std::to_string(e.byte) + ": " + reason;
}

const std::string& TextField(const json& object, const std::string& key) {
  auto it = object.find(key);
  if (it == object.end()) throw InputError("missing \"" + key + "\" (the " + key + " text)");
  if (!it->is_string()) throw InputError("\"" + key + "\" is not a string");
  const std::string& text = it->get_ref<const std::string&>();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) throw InputError("\"" + key + "\" is empty");
  return text;
}

Document LoadSide(const std::string& text, const std::string& lang, const JsonlOptions& options,
                  std::vector<std::string>* notes) {
  Document doc = ReadText(text, "\"" + lang + "\"", lang, options.read, notes);
  if (options.presegmented) {
    SegmentPresplit(doc);
  } else {
    Segment(doc);
  }
  return doc;
}

void AppendIndices(std::string& out, int begin, int count) {
  out += '[';
  for (int k = begin; k < begin + count; ++k) {
    if (k > begin) out += ',';
    out += std::to_string(k);
  }
  out += ']';
}

struct Line {
  int64_t number = 0;  // 1-based line number in the input
  std::string text;
};

struct Result {
  int64_t number = 0;
  std::string output;  // the JSON line; empty when the line was bad
  std::string error;   // the message for stderr when it was bad
  std::vector<std::string> notes;
};

// The id for messages: "(id "x")" when the line parses far enough to have one.
std::string IdForMessage(std::string_view line) {
  json object = json::parse(line, nullptr, false);
  if (!object.is_object()) return "";
  auto it = object.find("id");
  if (it == object.end() || !(it->is_string() || it->is_number())) return "";
  std::string id = it->dump();
  if (id.size() > 80) id = id.substr(0, 77) + "...";
  return " (id " + id + ")";
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (u < 0x20 || u == 0x7f) {
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

std::string AlignJsonLine(const Aligner& aligner, std::string_view line, const JsonlOptions& options,
                          std::vector<std::string>* notes) {
  json object;
  try {
    object = json::parse(line);
  } catch (const json::parse_error& e) {
    throw InputError(ParseErrorMessage(e));
  }
  if (!object.is_object()) throw InputError("not a JSON object (want {\"id\": ..., \"" + options.src_lang +
                                            "\": ..., \"" + options.tgt_lang + "\": ...})");
  auto id = object.find("id");
  if (id == object.end()) throw InputError("missing \"id\"");
  if (!id->is_string() && !id->is_number()) throw InputError("\"id\" is not a string or a number");
  const std::string& src_text = TextField(object, options.src_lang);
  const std::string& tgt_text = TextField(object, options.tgt_lang);
  Document src = LoadSide(src_text, options.src_lang, options, notes);
  Document tgt = LoadSide(tgt_text, options.tgt_lang, options, notes);
  Alignment beads = AlignPieces(aligner, src, tgt);

  std::string out = "{\"id\":" + id->dump();
  out += ",\"" + options.src_lang + "_sentences\":" + std::to_string(src.sentences.size());
  out += ",\"" + options.tgt_lang + "_sentences\":" + std::to_string(tgt.sentences.size());
  out += ",\"beads\":[";
  char score[32];
  for (size_t k = 0; k < beads.size(); ++k) {
    const Bead& b = beads[k];
    if (k) out += ',';
    out += "{\"" + options.src_lang + "\":";
    AppendIndices(out, b.src_begin, b.src_count);
    out += ",\"" + options.tgt_lang + "\":";
    AppendIndices(out, b.tgt_begin, b.tgt_count);
    std::snprintf(score, sizeof score, ",\"score\":%.4f", b.score);
    out += score;
    out += ",\"" + options.src_lang + "_text\":";
    AppendJsonString(out, JoinSide(src, b.src_begin, b.src_count));
    out += ",\"" + options.tgt_lang + "_text\":";
    AppendJsonString(out, JoinSide(tgt, b.tgt_begin, b.tgt_count));
    out += '}';
  }
  out += "]}";
  return out;
}

JsonlSummary RunJsonl(const Aligner& aligner, const JsonlOptions& options, std::FILE* in, std::FILE* out,
                      std::FILE* err) {
  JsonlSummary summary;
  char* buffer = nullptr;  // getline(3)'s buffer: one line, grown as needed
  size_t capacity = 0;
  struct FreeBuffer {
    char*& p;
    ~FreeBuffer() { std::free(p); }
  } free_buffer{buffer};

  std::function<bool(Line&)> next = [&](Line& line) {
    for (;;) {
      ssize_t n = ::getline(&buffer, &capacity, in);
      if (n < 0) return false;
      ++summary.lines;
      size_t size = static_cast<size_t>(n);
      while (size > 0 && (buffer[size - 1] == '\n' || buffer[size - 1] == '\r')) --size;
      std::string_view view(buffer, size);
      if (view.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank line
      line.number = summary.lines;
      line.text.assign(view);
      return true;
    }
  };
  std::function<Result(Line&)> work = [&](Line& line) {
    Result result;
    result.number = line.number;
    try {
      result.output = AlignJsonLine(aligner, line.text, options, &result.notes);
    } catch (const InputError& e) {
      result.error = IdForMessage(line.text) + ": " + e.what();
    }
    return result;
  };
  std::function<void(Result&)> sink = [&](Result& result) {
    for (const std::string& note : result.notes)
      std::fprintf(err, "newsalign: stdin line %lld: %s\n", static_cast<long long>(result.number), note.c_str());
    if (!result.error.empty()) {
      ++summary.bad;
      std::fprintf(err, "newsalign: stdin line %lld%s\n", static_cast<long long>(result.number),
                   result.error.c_str());
      std::fflush(err);
      return;
    }
    result.output += '\n';
    if (std::fwrite(result.output.data(), 1, result.output.size(), out) != result.output.size() ||
        std::fflush(out) != 0)
      throw Error("cannot write the output (standard output closed?)");
    ++summary.aligned;
  };
  RunOrdered<Line, Result>(options.threads, static_cast<size_t>(options.threads) * 4, next, work, sink);
  return summary;
}

}  // namespace newsalign::cli
