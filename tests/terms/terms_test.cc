// Term pairs (issue 7) on a small constructed corpus: multi-word terms merged across
// inflections, acronyms, a dash inside a term, stopword edges, competitive linking, lookup,
// and the TSV and TBX glossaries (TBX checked with xmllint when it is installed).
#include "newsalign/terms/terms.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

using namespace newsalign;

namespace {

// Aligned beads: each term pair occurs in several beads, in several Russian cases, among
// filler words that vary.
TermExtractor Corpus() {
  const std::vector<std::pair<std::string, std::string>> beads = {
      {"Исполнительный комитет собрался в Женеве.", "The Executive Committee met in Geneva."},
      {"Решение Исполнительного комитета вызвало споры.", "The decision of the Executive Committee was disputed."},
      {"Он обратился к Исполнительному комитету с письмом.", "He wrote a letter to the Executive Committee."},
      {"Члены Исполнительного комитета проголосовали против.", "Members of the Executive Committee voted against."},
      {"ФСБ задержала двух человек в Москве.", "The FSB detained two people in Moscow."},
      {"По данным ФСБ, угрозы не было.", "According to the FSB, there was no threat."},
      {"Сотрудники ФСБ провели обыск.", "FSB officers carried out a search."},
      {"Государства – члены приняли резолюцию.", "Member states adopted a resolution."},
      {"Все государства – члены согласились с планом.", "All member states agreed to the plan."},
      {"Позиция государств – членов изменилась.", "The position of member states has changed."},
      {"Погода в Женеве была хорошей.", "The weather in Geneva was good."},
      {"В Москве прошёл дождь.", "It rained in Moscow."},
      {"Резолюцию приняли в понедельник.", "The resolution was adopted on Monday."},
  };
  TermExtractor x;
  int64_t id = 0;
  for (const auto& [ru, en] : beads) x.Add(++id, ru, en, 0.9);
  x.Add(++id, "Текст без перевода.", "");  // a one-sided bead teaches nothing
  return x;
}

std::map<std::string, std::string> Glossary(const std::vector<TermPair>& pairs) {
  std::map<std::string, std::string> out;
  for (const TermPair& p : pairs) out[p.ru_key] = p.en;
  return out;
}

int Run(const std::string& cmd) {
  int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("term pairs from a small aligned corpus") {
  TermExtractor x = Corpus();
  REQUIRE(x.beads() == 13);
  TermOptions options;
  options.min_freq = 3;
  std::vector<TermPair> pairs = x.Pairs(options);
  std::map<std::string, std::string> g = Glossary(pairs);
  // Inflected forms merge; the display form is a frequent spelling of the term.
  REQUIRE(g.count("исполнительн комитет"));
  REQUIRE(g["исполнительн комитет"] == "Executive Committee");
  REQUIRE(g["фсб"] == "FSB");
  REQUIRE(g["государств член"] == "member states");
  // Competitive linking: the parts of a linked term are not linked to it again.
  for (const TermPair& p : pairs) {
    if (p.en == "Executive Committee") REQUIRE(p.ru_key == "исполнительн комитет");
    REQUIRE(p.ru_key != "исполнительн");  // always inside the longer term
  }
  // Figures and an example.
  for (const TermPair& p : pairs) {
    if (p.ru_key != "фсб") continue;
    REQUIRE(p.joint == 3);
    REQUIRE(p.ru_freq == 3);
    REQUIRE(p.en_freq == 3);
    REQUIRE(p.dice == Approx(1.0));
    REQUIRE(p.llr > 10);
    REQUIRE(p.example_en.find("FSB") != std::string::npos);
  }
  // Nothing starts or ends with a stopword.
  for (const TermPair& p : pairs) {
    REQUIRE(p.en.rfind("the ", 0) != 0);
    REQUIRE(p.en.rfind("The ", 0) != 0);
  }
}

TEST_CASE("lookup lists the equivalents of one term in any form") {
  TermExtractor x = Corpus();
  TermOptions options;
  std::vector<TermPair> seen = x.Lookup("Исполнительным комитетом", options);
  REQUIRE(!seen.empty());
  REQUIRE(seen[0].en == "Executive Committee");
  REQUIRE(seen[0].joint == 4);
  seen = x.Lookup("FSB", options);
  REQUIRE(!seen.empty());
  REQUIRE(seen[0].ru == "ФСБ");
  REQUIRE(x.Lookup("словарь", options).empty());
}

TEST_CASE("TSV and TBX glossaries") {
  TermExtractor x = Corpus();
  std::vector<TermPair> pairs = x.Pairs(TermOptions{});
  REQUIRE(!pairs.empty());
  std::string tsv = TermsTsv(pairs);
  REQUIRE(tsv.rfind("ru\ten\tjoint\tllr\tdice\t", 0) == 0);
  size_t lines = 0;
  for (char c : tsv) lines += c == '\n';
  REQUIRE(lines == pairs.size() + 1);

  // Markup in terms and examples is escaped.
  TermPair odd = pairs[0];
  odd.ru = "A & B <C>";
  odd.example_en = "\"quoted\" & <tagged>\x01";
  pairs.push_back(odd);
  std::string tbx = TermsTbx(pairs, "test & corpus");
  REQUIRE(tbx.find("<tbx ") != std::string::npos);
  REQUIRE(tbx.find("A &amp; B &lt;C&gt;") != std::string::npos);
  REQUIRE(tbx.find('\x01') == std::string::npos);
  REQUIRE(tbx.find("<langSec xml:lang=\"ru\">") != std::string::npos);
  if (Run("command -v xmllint >/dev/null 2>&1") != 0) {
    WARN("xmllint is not installed: TBX well-formedness not checked");
    return;
  }
  std::string path = (std::filesystem::temp_directory_path() / ("newsalign-terms-" + std::to_string(getpid()) + ".tbx")).string();
  {
    std::ofstream out(path, std::ios::binary);
    out << tbx;
  }
  int rc = Run("xmllint --noout '" + path + "' 2>/dev/null");
  std::filesystem::remove(path);
  REQUIRE(rc == 0);
}
