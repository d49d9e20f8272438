// End-to-end tests of the existing commands as users run them: segment, align, eval, --help,
// --version, and how errors look (one line on stderr, exit 1).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/subprocess.h"

namespace newsalign::test {
namespace {

const std::vector<std::string> kNames = {"dushanbe-water", "kazan-forum", "moscow-interview"};

// The highest sentence index + 1 on each side of a ladder.
std::pair<int, int> LadderSides(const std::string& ladder) {
  int ru = 0, en = 0;
  for (const std::string& line : Lines(ladder)) {
    size_t colon = line.find("]:[");
    REQUIRE(colon != std::string::npos);
    auto last = [](const std::string& list) {
      int n = 0;
      std::string digits;
      for (char c : list + ",") {
        if (c >= '0' && c <= '9') {
          digits += c;
        } else if (!digits.empty()) {
          n = std::stoi(digits) + 1;
          digits.clear();
        }
      }
      return n;
    };
    ru = std::max(ru, last(line.substr(0, colon + 1)));
    size_t end = line.find(']', colon + 2);
    en = std::max(en, last(line.substr(colon + 2, end - colon - 2)));
  }
  return {ru, en};
}

TEST_CASE("version and help") {
  RunResult version = Newsalign({"--version"});
  REQUIRE(version.status == 0);
  REQUIRE(version.out.rfind("newsalign ", 0) == 0);

  RunResult help = Newsalign({"--help"});
  REQUIRE(help.status == 0);
  for (const char* command : {"segment", "align", "eval", "batch"})
    REQUIRE(help.out.find(command) != std::string::npos);

  RunResult align_help = Newsalign({"align", "--help"});
  REQUIRE(align_help.status == 0);
  REQUIRE(align_help.out.find("--jsonl") != std::string::npos);
}

TEST_CASE("usage errors give one line on stderr and exit 1") {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"align", "--format", "xml", kSamples + "kazan-forum.ru.txt", kSamples + "kazan-forum.en.txt"},
           {"align", kSamples + "kazan-forum.ru.txt"},
           {"align", "--langs", "ru", kSamples + "kazan-forum.ru.txt", kSamples + "kazan-forum.en.txt"},
           {"no-such-command"},
           {"batch"},
       }) {
    CAPTURE(args);
    RunResult r = Newsalign(args);
    REQUIRE(r.status == 1);
    REQUIRE(r.out.empty());
    REQUIRE(Lines(r.err).size() == 1);
    REQUIRE(r.err.rfind("newsalign: ", 0) == 0);
  }
}

TEST_CASE("a missing file gives exit 1 and names the file") {
  const std::string missing = "/nonexistent/nowhere.ru.txt";
  RunResult r = Newsalign({"align", missing, kSamples + "kazan-forum.en.txt"});
  REQUIRE(r.status == 1);
  REQUIRE(Lines(r.err).size() == 1);
  REQUIRE(r.err.find(missing) != std::string::npos);

  // The two sides are read side by side, but the errors come in order: the source's first,
  // then the target's, then the checks on the pair.
  const std::string also_missing = "/nonexistent/nowhere.en.txt";
  RunResult both = Newsalign({"align", missing, also_missing});
  REQUIRE(both.status == 1);
  REQUIRE(Lines(both.err).size() == 1);
  REQUIRE(both.err.find(missing) != std::string::npos);
  RunResult target = Newsalign({"align", kSamples + "kazan-forum.ru.txt", also_missing});
  REQUIRE(target.status == 1);
  REQUIRE(target.err.find(also_missing) != std::string::npos);
  RunResult swapped = Newsalign({"align", kSamples + "kazan-forum.en.txt", kSamples + "kazan-forum.ru.txt"});
  REQUIRE(swapped.status == 1);
  REQUIRE(Lines(swapped.err).size() == 1);
  REQUIRE(swapped.err.find("kazan-forum.en.txt: given as Russian") != std::string::npos);

  RunResult s = Newsalign({"segment", missing});
  REQUIRE(s.status == 1);
  REQUIRE(s.err.find(missing) != std::string::npos);
}

TEST_CASE("segment and align agree on the sentences") {
  for (const std::string& name : kNames) {
    CAPTURE(name);
    RunResult ru = Newsalign({"segment", kSamples + name + ".ru.txt"});
    RunResult en = Newsalign({"segment", "--lang", "en", kSamples + name + ".en.txt"});
    REQUIRE(ru.status == 0);
    REQUIRE(en.status == 0);
    REQUIRE(Lines(ru.out).size() > 10);

    RunResult ladder = Newsalign({"align", "--format", "ladder", kSamples + name + ".ru.txt", kSamples + name + ".en.txt"});
    REQUIRE(ladder.status == 0);
    auto [ru_n, en_n] = LadderSides(ladder.out);
    REQUIRE(ru_n == static_cast<int>(Lines(ru.out).size()));
    REQUIRE(en_n == static_cast<int>(Lines(en.out).size()));

    // TSV: a line per bead, three columns, the score last.
    RunResult tsv = Newsalign({"align", kSamples + name + ".ru.txt", kSamples + name + ".en.txt"});
    REQUIRE(tsv.status == 0);
    REQUIRE(Lines(tsv.out).size() == Lines(ladder.out).size());
    for (const std::string& line : Lines(tsv.out)) {
      REQUIRE(std::count(line.begin(), line.end(), '\t') == 2);
      double score = std::stod(line.substr(line.rfind('\t') + 1));
      REQUIRE(score >= 0.0);
      REQUIRE(score <= 1.0);
    }
  }
}

TEST_CASE("align --presegmented --format ladder scores well against the gold with eval") {
  TempDir dir;
  std::vector<std::string> eval = {"eval", "--json", "--gold"};
  std::vector<std::string> preds;
  for (const std::string& name : kNames) {
    RunResult r = Newsalign({"align", "--presegmented", "--format", "ladder", kSamples + name + ".ru",
                             kSamples + name + ".en"});
    REQUIRE(r.status == 0);
    WriteFile(dir / (name + ".pred"), r.out);
    eval.push_back(kSamples + name + ".gold");
    preds.push_back(dir / (name + ".pred"));
  }
  eval.push_back("--pred");
  eval.insert(eval.end(), preds.begin(), preds.end());
  RunResult r = Newsalign(eval);
  REQUIRE(r.status == 0);
  auto report = nlohmann::json::parse(r.out);
  REQUIRE(report["strict_f1"].get<double>() >= 0.95);
}

TEST_CASE("align --model takes one NAME=NUMBER an occurrence, before the files") {
  const std::string ru = kSamples + "kazan-forum.ru", en = kSamples + "kazan-forum.en";
  RunResult plain = Newsalign({"align", "--presegmented", "--format", "ladder", ru, en});
  REQUIRE(plain.status == 0);
  // The model's own defaults, given explicitly, change nothing.
  RunResult same = Newsalign({"align", "--presegmented", "--format", "ladder", "--model", "learn_passes=1", "--model",
                              "guessed_seam=0.9", ru, en});
  REQUIRE(same.status == 0);
  REQUIRE(same.out == plain.out);
  RunResult bad = Newsalign({"align", "--presegmented", "--model", "no_such_field=1", ru, en});
  REQUIRE(bad.status == 1);
  REQUIRE(bad.err.find("no_such_field") != std::string::npos);
}

TEST_CASE("eval: gold against itself is perfect and a mismatched count is a usage error") {
  const std::string gold = kSamples + "kazan-forum.gold";
  RunResult r = Newsalign({"eval", "--json", "--gold", gold, "--pred", gold});
  REQUIRE(r.status == 0);
  REQUIRE(nlohmann::json::parse(r.out)["strict_f1"].get<double>() == 1.0);

  RunResult bad = Newsalign({"eval", "--gold", gold, gold, "--pred", gold});
  REQUIRE(bad.status == 1);
  REQUIRE(Lines(bad.err).size() == 1);
}

}  // namespace
}  // namespace newsalign::test
