// search_bench: latency of `newsalign search` on a corpus (issue 7 targets on 1,000,000 beads:
// p95 <= 50 ms for single words and phrases, index build <= 2 min).
//
//   search_bench CORPUS.db [--rebuild] [--queries N] [--seed S]
//
// --rebuild first rebuilds the full-text index from scratch and prints how long it took (the
// corpus from build_big_corpus.py needs it). Queries are drawn from the corpus itself, with a
// fixed seed: words of 4+ letters picked from random beads' running text (so frequent words
// come up as often as users would type them), the same restricted to less common words (in
// at most 1% of beads), two-word phrases in quotes, and prefixes (the first 5 letters and *).
// Each query runs once to warm up, then is timed as Searcher::Search with the CLI's defaults
// (20 hits, marks and translations on both sides) and again with translations off.
// Prints p50/p95/max per set in milliseconds. Figures only: tests never assert them.
#include <sqlite3.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "newsalign/core/error.h"
#include "newsalign/lexicon/dictionary.h"
#include "newsalign/store/search.h"
#include "newsalign/store/store.h"
#include "newsalign/text/words.h"

using namespace newsalign;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// CPU time of this process, ms: on a machine shared with other work the wall time is inflated
// by waiting for a core, and the CPU time is the figure to compare with the targets.
double CpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Sample {
  std::string name;
  std::vector<std::string> queries;
};

// Random bead texts (ru and en sides), read through a plain connection: bead_texts is a view
// over ordinary tables, no tokenizer needed.
std::vector<std::string> RandomTexts(const std::string& db_path, int n, std::mt19937& rng) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "search_bench: cannot open %s\n", db_path.c_str());
    std::exit(1);
  }
  sqlite3_stmt* max_id = nullptr;
  sqlite3_prepare_v2(db, "SELECT max(id) FROM beads", -1, &max_id, nullptr);
  sqlite3_step(max_id);
  int64_t top = sqlite3_column_int64(max_id, 0);
  sqlite3_finalize(max_id);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT ru, en FROM bead_texts WHERE id >= ?1 LIMIT 1", -1, &s, nullptr);
  std::uniform_int_distribution<int64_t> pick(1, std::max<int64_t>(1, top));
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    sqlite3_bind_int64(s, 1, pick(rng));
    if (sqlite3_step(s) == SQLITE_ROW) {
      int col = i % 2;
      const unsigned char* t = sqlite3_column_text(s, col);
      if (t) out.emplace_back(reinterpret_cast<const char*>(t));
    }
    sqlite3_reset(s);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

bool Letters(const std::string& w, size_t min_chars) {
  size_t chars = 0;
  for (unsigned char c : w) {
    if (c >= '0' && c <= '9') return false;
    if (c == '-' || c == '.' || c == ',' || c == '\'') return false;
    chars += (c & 0xC0) != 0x80;
  }
  return chars >= min_chars;
}

std::string Prefix(const std::string& w, size_t chars) {
  size_t i = 0, n = 0;
  while (i < w.size() && n < chars) {
    ++i;
    while (i < w.size() && (static_cast<unsigned char>(w[i]) & 0xC0) == 0x80) ++i;
    ++n;
  }
  return w.substr(0, i);
}

std::string LoadAverage() {
  std::FILE* f = std::fopen("/proc/loadavg", "r");
  char buf[64] = "?";
  if (f) {
    if (!std::fgets(buf, sizeof buf, f)) buf[0] = 0;
    std::fclose(f);
  }
  std::string s(buf);
  return s.substr(0, s.find(' '));
}

void Report(const std::string& name, std::vector<double> ms) {
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
  std::printf("  %-44s n=%-4zu p50 %7.2f ms   p95 %7.2f ms   max %7.2f ms\n", name.c_str(), ms.size(), at(0.5),
              at(0.95), ms.back());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: search_bench CORPUS.db [--rebuild] [--queries N] [--seed S]\n");
    return 1;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows while it runs, also into a file
  std::string path = argv[1];
  bool rebuild = false;
  bool optimize = false;
  int n = 200;
  unsigned seed = 7;
  std::vector<std::string> only;  // --query Q (repeatable): time just these, with details
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rebuild") rebuild = true;
    else if (a == "--queries" && i + 1 < argc) n = std::atoi(argv[++i]);
    else if (a == "--seed" && i + 1 < argc) seed = static_cast<unsigned>(std::atoi(argv[++i]));
    else if (a == "--query" && i + 1 < argc) only.push_back(argv[++i]);
    else if (a == "--optimize") optimize = true;
  }
  try {
    StoreOptions options;
    options.create = false;
    Store store = Store::Open(path, options);
    CorpusStats stats = store.Stats();
    std::printf("corpus %s: %lld beads, %lld pairs\n", path.c_str(), static_cast<long long>(stats.beads),
                static_cast<long long>(stats.pairs));
    if (rebuild) {
      auto t0 = Clock::now();
      double c0 = CpuMs();
      RebuildSearchIndex(store);
      std::printf("index build (FTS5 rebuild of both sides): %.1f s wall, %.1f s CPU (load %s)\n",
                  Ms(Clock::now() - t0) / 1000.0, (CpuMs() - c0) / 1000.0, LoadAverage().c_str());
    }
    if (optimize) {
      auto t0 = Clock::now();
      double c0 = CpuMs();
      OptimizeSearchIndex(store);
      std::printf("index optimize (merge into one segment a side): %.1f s wall, %.1f s CPU\n",
                  Ms(Clock::now() - t0) / 1000.0, (CpuMs() - c0) / 1000.0);
    }
    if (!only.empty()) {
      StemDictionary dictionary = StemDictionary::LoadForLanguages("ru", "en", nullptr);
      Searcher searcher(store, &dictionary);
      searcher.Search("Путин OR Putin", {});
      for (const std::string& q : only) {
        for (bool tr : {false, true}) {
          SearchOptions o;
          o.translations = tr;
          double c0 = CpuMs();
          auto t0 = Clock::now();
          SearchResult r = searcher.Search(q, o);
          std::printf("%-24s translations %-3s %8.2f ms wall %8.2f ms CPU, %lld matches%s\n", q.c_str(),
                      tr ? "on" : "off", Ms(Clock::now() - t0), CpuMs() - c0, static_cast<long long>(r.matches),
                      r.truncated ? "+ (capped)" : "");
        }
      }
      return 0;
    }
    std::mt19937 rng(seed);
    std::vector<std::string> texts = RandomTexts(path, 4 * n, rng);
    WordTools tools[2] = {WordTools("ru"), WordTools("en")};
    Sample words{"single words (4+ letters, from running text)", {}};
    Sample phrases{"two-word \"phrases\" (from running text)", {}};
    Sample prefixes{"prefix* (5 letters)", {}};
    for (size_t k = 0; k < texts.size(); ++k) {
      std::vector<WordSpan> spans;
      tools[k % 2].WordSpans(texts[k], &spans);
      if (spans.size() < 2) continue;
      std::uniform_int_distribution<size_t> pick(0, spans.size() - 2);
      size_t i = pick(rng);
      std::string w = texts[k].substr(spans[i].begin, spans[i].end - spans[i].begin);
      std::string w2 = texts[k].substr(spans[i + 1].begin, spans[i + 1].end - spans[i + 1].begin);
      if (Letters(w, 4) && words.queries.size() < static_cast<size_t>(n)) words.queries.push_back(w);
      if (Letters(w, 2) && Letters(w2, 2) && phrases.queries.size() < static_cast<size_t>(n))
        phrases.queries.push_back("\"" + w + " " + w2 + "\"");
      if (Letters(w, 6) && prefixes.queries.size() < static_cast<size_t>(n / 2))
        prefixes.queries.push_back(Prefix(w, 5) + "*");
    }
    StemDictionary dictionary = StemDictionary::LoadForLanguages("ru", "en", nullptr);
    Searcher searcher(store, &dictionary);
    searcher.Search("Путин OR Putin", {});  // loads the dictionary's inverse and the word-frequency samples
    SearchOptions with, without;
    without.translations = false;
    std::printf("latency of Searcher::Search, 20 hits, wall unless marked (load %s):\n", LoadAverage().c_str());
    Sample rare{"less common words (in <= 1% of beads)", {}};
    std::vector<double> all_single, all_phrase;
    for (Sample* s : {&words, &phrases, &prefixes}) {
      std::vector<double> t_with, t_without, cpu;
      int truncated = 0;
      for (const std::string& q : s->queries) {
        SearchResult warm = searcher.Search(q, with);
        auto t0 = Clock::now();
        double c0 = CpuMs();
        SearchResult r = searcher.Search(q, with);
        double a = Ms(Clock::now() - t0);
        cpu.push_back(CpuMs() - c0);
        t0 = Clock::now();
        searcher.Search(q, without);
        double b = Ms(Clock::now() - t0);
        t_with.push_back(a);
        t_without.push_back(b);
        truncated += r.truncated;
        if (s == &words && r.matches <= stats.beads / 100 && !r.truncated) rare.queries.push_back(q);
        if (s == &words) all_single.push_back(a);
        if (s == &phrases) all_phrase.push_back(a);
        (void)warm;
      }
      Report(s->name, t_with);
      Report(s->name + ", CPU time", cpu);
      Report(s->name + ", no translations", t_without);
      if (truncated) std::printf("    (%d of %zu matched more than %d beads a side: ranked among the newest)\n", truncated,
                                 s->queries.size(), with.max_ranked);
    }
    std::vector<double> t_rare;
    for (const std::string& q : rare.queries) {
      auto t0 = Clock::now();
      searcher.Search(q, with);
      t_rare.push_back(Ms(Clock::now() - t0));
    }
    Report(rare.name, t_rare);
    std::printf("examples: %s | %s | %s\n", words.queries.empty() ? "" : words.queries[0].c_str(),
                phrases.queries.empty() ? "" : phrases.queries[0].c_str(),
                prefixes.queries.empty() ? "" : prefixes.queries[0].c_str());
  } catch (const Error& e) {
    std::fprintf(stderr, "search_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
