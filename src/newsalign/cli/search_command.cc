// newsalign search QUERY: the concordance (store/search.h) as KWIC lines, TSV or JSON.
//
// Text output, one hit per block: a head line (rank, review status, title, date, pair and
// bead), then the matching side with the hit in the middle of its context and the other side
// around its likely translation. On a terminal the hit is bold red and the translation bold
// green; piped, or with NO_COLOR set, the hit is [in brackets] and the translation {in braces}.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "newsalign/cli/commands.h"
#include "newsalign/cli/input.h"
#include "newsalign/cli/terminal.h"
#include "newsalign/core/error.h"
#include "newsalign/lexicon/dictionary.h"
#include "newsalign/store/search.h"
#include "newsalign/store/store.h"

namespace newsalign::cli {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

[[maybe_unused]] size_t Columns(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += !IsContinuation(c);
  return n;
}

// Byte position `cols` code points before `pos` (not before 0).
size_t BackCols(std::string_view s, size_t pos, size_t cols) {
  while (pos > 0 && cols > 0) {
    --pos;
    while (pos > 0 && IsContinuation(s[pos])) --pos;
    --cols;
  }
  return pos;
}

// Byte position `cols` code points after `pos` (not past the end).
size_t ForwardCols(std::string_view s, size_t pos, size_t cols) {
  while (pos < s.size() && cols > 0) {
    ++pos;
    while (pos < s.size() && IsContinuation(s[pos])) ++pos;
    --cols;
  }
  return pos;
}

struct Style {
  bool color = false;
  std::string Open(MarkKind k) const {
    if (color) return k == MarkKind::kQuery ? "\x1b[1;31m" : "\x1b[1;32m";
    return k == MarkKind::kQuery ? "[" : "{";
  }
  std::string Close(MarkKind k) const {
    if (color) return "\x1b[0m";
    return k == MarkKind::kQuery ? "]" : "}";
  }
  std::string Dim(const std::string& s) const { return color ? "\x1b[2m" + s + "\x1b[0m" : s; }
};

// The text around its first mark: `context` columns either side, cut at spaces, with marks.
std::string Kwic(const std::string& raw, const std::vector<Mark>& word_marks, size_t context, const Style& style) {
  std::string text = OneLine(raw);  // same byte length: tabs and newlines become spaces
  if (text.size() != raw.size()) text = raw;
  // Words of one kind with only spaces between them read as one mark: [White House].
  std::vector<Mark> marks;
  for (const Mark& m : word_marks) {
    if (!marks.empty() && marks.back().kind == m.kind && m.begin >= marks.back().end &&
        text.find_first_not_of(' ', marks.back().end) >= m.begin) {
      marks.back().end = m.end;
    } else {
      marks.push_back(m);
    }
  }
  size_t from = 0, to = text.size();
  if (!marks.empty()) {
    from = BackCols(text, marks.front().begin, context);
    to = ForwardCols(text, marks.front().end, context);
  } else {
    to = ForwardCols(text, 0, 2 * context);
  }
  if (from > 0) {
    size_t space = text.find(' ', from);
    if (space != std::string::npos && space < (marks.empty() ? to : marks.front().begin)) from = space + 1;
  }
  if (to < text.size()) {
    size_t space = text.rfind(' ', to);
    size_t floor = marks.empty() ? from : marks.front().end;
    if (space != std::string::npos && space > floor) to = space;
  }
  std::string out = from > 0 ? "…" : "";
  size_t pos = from;
  for (const Mark& m : marks) {
    if (m.end <= from || m.begin >= to) continue;
    size_t b = std::max(m.begin, from), e = std::min(m.end, to);
    out += text.substr(pos, b - pos);
    out += style.Open(m.kind) + text.substr(b, e - b) + style.Close(m.kind);
    pos = e;
  }
  out += text.substr(pos, to - pos);
  if (to < text.size()) out += "…";
  return out;
}

std::string MarksField(const std::vector<Mark>& marks) {
  std::string out;
  for (const Mark& m : marks) {
    if (!out.empty()) out += ' ';
    out += std::to_string(m.begin) + "-" + std::to_string(m.end) + ":" + MarkKindName(m.kind);
  }
  return out;
}

nlohmann::json MarksJson(const std::vector<Mark>& marks) {
  nlohmann::json a = nlohmann::json::array();
  for (const Mark& m : marks) a.push_back({{"begin", m.begin}, {"end", m.end}, {"kind", MarkKindName(m.kind)}});
  return a;
}

}  // namespace

Command AddSearchCommand(CLI::App& app, const GlobalOptions& global) {
  struct Args {
    std::string query;
    std::string lang;
    int limit = 20;
    std::string format = "text";
    std::string color = "auto";
    bool no_dictionary = false;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand(
      "search", "Concordance: beads whose Russian or English side matches QUERY, with the hit and its translation marked");
  CLI::App* sub = command.sub;
  sub->add_option("QUERY", args->query,
                  "Words (all must occur; inflected forms match), \"exact phrases\", prefix*, OR, -excluded")
      ->required();
  sub->add_option("--lang", args->lang, "Search only this side: ru or en (default: both)")
      ->check(CLI::IsMember({"ru", "en"}));
  sub->add_option("--limit", args->limit, "Hits to show")->check(CLI::Range(1, 100000))->capture_default_str();
  sub->add_option("--format", args->format, "text (KWIC), tsv, or json")
      ->check(CLI::IsMember({"text", "tsv", "json"}))
      ->capture_default_str();
  sub->add_option("--color", args->color, "auto (on a terminal unless NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  sub->add_flag("--no-dictionary", args->no_dictionary, "Mark translations without the bilingual dictionary");
  const GlobalOptions* g = &global;
  command.run = [args, g] {
    StoreOptions store_options;
    store_options.create = false;
    Store store = Store::Open(g->db, store_options);
    StemDictionary dictionary;
    if (!args->no_dictionary) dictionary = StemDictionary::LoadForLanguages("ru", "en", nullptr);
    Searcher searcher(store, &dictionary);
    SearchOptions options;
    options.lang = args->lang;
    options.limit = args->limit;
    SearchResult r = searcher.Search(args->query, options);

    if (args->format == "json") {
      nlohmann::json hits = nlohmann::json::array();
      for (const SearchHit& h : r.hits) {
        hits.push_back({{"bead", h.bead_id}, {"pair", h.pair_id}, {"side", h.side}, {"status", StatusName(h.status)},
                        {"bm25", h.bm25}, {"score", h.score}, {"title", h.title}, {"date", h.date}, {"ru", h.ru},
                        {"en", h.en}, {"ru_marks", MarksJson(h.ru_marks)}, {"en_marks", MarksJson(h.en_marks)}});
      }
      nlohmann::json j = {{"query", args->query}, {"matches", r.matches}, {"truncated", r.truncated},
                          {"learned_ru", r.learned_ru}, {"learned_en", r.learned_en}, {"hits", hits}};
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
      return 0;
    }
    if (args->format == "tsv") {
      std::cout << "bead\tpair\tside\tstatus\tbm25\tdate\ttitle\tru\ten\tru_marks\ten_marks\n";
      for (const SearchHit& h : r.hits) {
        char bm[32];
        std::snprintf(bm, sizeof bm, "%.3f", h.bm25);
        std::cout << h.bead_id << '\t' << h.pair_id << '\t' << h.side << '\t' << StatusName(h.status) << '\t' << bm
                  << '\t' << h.date << '\t' << OneLine(h.title) << '\t' << OneLine(h.ru) << '\t' << OneLine(h.en)
                  << '\t' << MarksField(h.ru_marks) << '\t' << MarksField(h.en_marks) << "\n";
      }
      return 0;
    }

    Style style;
    const char* no_color = std::getenv("NO_COLOR");
    style.color = args->color == "always" ||
                  (args->color == "auto" && isatty(STDOUT_FILENO) && !(no_color && *no_color));
    const size_t width = static_cast<size_t>(std::max(60, TerminalWidth()));
    const size_t context = (width - 8) / 2 - 8;
    int n = 0;
    for (const SearchHit& h : r.hits) {
      ++n;
      std::string head = std::to_string(n) + ". " + (h.status == BeadStatus::kAuto ? "" : std::string("[") + StatusName(h.status) + "] ") +
                         OneLine(h.title) + (h.date.empty() ? "" : "  " + h.date) + "  (pair " +
                         std::to_string(h.pair_id) + ", bead " + std::to_string(h.bead_id) + ")";
      std::cout << style.Dim(head) << "\n";
      const bool ru_first = h.side == "ru";
      const std::string& a = ru_first ? h.ru : h.en;
      const std::string& b = ru_first ? h.en : h.ru;
      const auto& am = ru_first ? h.ru_marks : h.en_marks;
      const auto& bm = ru_first ? h.en_marks : h.ru_marks;
      std::cout << "   " << h.side << "  " << Kwic(a, am, context, style) << "\n";
      std::cout << "   " << (ru_first ? "en" : "ru") << "  " << (b.empty() ? style.Dim("(no translation)") : Kwic(b, bm, context, style))
                << "\n";
    }
    std::string summary = std::to_string(r.hits.size()) + " of " + std::to_string(r.matches) +
                          (r.truncated ? "+ matching beads (a common word: the newest, not ranked by relevance)"
                                       : " matching beads");
    std::cout << style.Dim(summary) << "\n";
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
