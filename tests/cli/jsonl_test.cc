// `newsalign align --jsonl`: the streaming mapper contract (cli/jsonl_mode.h) — one output line
// per good input line, in order; bad lines on stderr with their line numbers; exit 1 if any;
// and splitting the input across processes (GNU parallel) gives exactly one process's output.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli/subprocess.h"

namespace newsalign::test {
namespace {

using nlohmann::json;

const std::vector<std::string> kNames = {"dushanbe-water", "kazan-forum", "moscow-interview"};

std::string Item(const json& id, const std::string& name, const std::string& ext = ".txt") {
  json item = {{"id", id}, {"ru", ReadFile(kSamples + name + ".ru" + ext)}, {"en", ReadFile(kSamples + name + ".en" + ext)}};
  return item.dump() + "\n";
}

// `align --format tsv` rebuilt from a JSONL output line.
std::string TsvOf(const json& line) {
  std::string out;
  char score[32];
  for (const json& b : line["beads"]) {
    std::snprintf(score, sizeof score, "\t%.4f\n", b["score"].get<double>());
    out += b["ru_text"].get<std::string>() + "\t" + b["en_text"].get<std::string>() + score;
  }
  return out;
}

// Ladder lines "[i, j]:[k]:score" rebuilt from a JSONL output line.
std::string LadderOf(const json& line) {
  std::string out;
  char score[32];
  for (const json& b : line["beads"]) {
    auto list = [](const json& ids) {
      std::string s = "[";
      for (size_t k = 0; k < ids.size(); ++k) s += (k ? ", " : "") + std::to_string(ids[k].get<int>());
      return s + "]";
    };
    std::snprintf(score, sizeof score, ":%.4f\n", b["score"].get<double>());
    out += list(b["ru"]) + ":" + list(b["en"]) + score;
  }
  return out;
}

TEST_CASE("jsonl: good lines in order and bad lines reported with their numbers and skipped") {
  TempDir dir;
  std::string input;
  input += Item("dushanbe-water", "dushanbe-water");                    // line 1
  input += Item(2, "kazan-forum");                                      // line 2
  input += "{\"id\": \"broken\", \"ru\": \"Текст\", \n";                // line 3: invalid JSON
  input += "{\"id\": \"latin1\", \"ru\": \"\xcf\xf0\xe8\xe2\xe5\xf2\", \"en\": \"Hello.\"}\n";  // line 4: CP1251 bytes
  input += "\n";                                                        // line 5: blank, ignored
  input += Item("moscow-interview", "moscow-interview");                // line 6
  input += "{\"id\": \"no-en\", \"ru\": \"Текст.\", \"en\": \"  \"}\n";  // line 7: empty text
  input += "{\"ru\": \"Текст.\", \"en\": \"Text.\"}\n";                 // line 8: no id
  WriteFile(dir / "in.jsonl", input);

  RunResult r = Newsalign({"align", "--jsonl"}, dir / "in.jsonl");
  REQUIRE(r.status == 1);
  std::vector<std::string> out = Lines(r.out);
  REQUIRE(out.size() == 3);
  std::vector<json> lines;
  for (const std::string& line : out) lines.push_back(json::parse(line));
  REQUIRE(lines[0]["id"] == "dushanbe-water");
  REQUIRE(lines[1]["id"] == 2);
  REQUIRE(lines[2]["id"] == "moscow-interview");

  for (const char* want : {"stdin line 3:", "stdin line 4", "stdin line 7 (id \"no-en\")", "stdin line 8"})
    REQUIRE(r.err.find(want) != std::string::npos);
  for (const char* not_want : {"line 1", "line 2", "line 5", "line 6"})
    REQUIRE(r.err.find(not_want) == std::string::npos);
  REQUIRE(r.err.find("4 of 7 input lines skipped") != std::string::npos);

  // The beads are those of `align` on the same files, text and scores included.
  for (size_t k = 0; k < kNames.size(); ++k) {
    CAPTURE(kNames[k]);
    RunResult tsv = Newsalign({"align", kSamples + kNames[k] + ".ru.txt", kSamples + kNames[k] + ".en.txt"});
    REQUIRE(TsvOf(lines[k]) == tsv.out);
    REQUIRE(lines[k]["ru_sentences"].get<size_t>() > 10);
  }
}

TEST_CASE("jsonl: all good is exit 0 and --presegmented and --threads give the beads of align") {
  TempDir dir;
  std::string input;
  for (const std::string& name : kNames) input += Item(name, name, "");
  WriteFile(dir / "in.jsonl", input);

  RunResult one = Newsalign({"align", "--jsonl", "--presegmented"}, dir / "in.jsonl");
  REQUIRE(one.status == 0);
  REQUIRE(one.err.find("line") == std::string::npos);
  std::vector<std::string> out = Lines(one.out);
  REQUIRE(out.size() == kNames.size());
  for (size_t k = 0; k < kNames.size(); ++k) {
    RunResult ladder = Newsalign({"align", "--presegmented", "--format", "ladder", kSamples + kNames[k] + ".ru",
                                  kSamples + kNames[k] + ".en"});
    REQUIRE(LadderOf(json::parse(out[k])) == ladder.out);
  }

  RunResult threads = Newsalign({"align", "--jsonl", "--presegmented", "--threads", "3"}, dir / "in.jsonl");
  REQUIRE(threads.status == 0);
  REQUIRE(threads.out == one.out);
}

TEST_CASE("jsonl: GNU parallel --pipe over split input gives exactly one process's output") {
  if (!OnPath("parallel")) {
    WARN("GNU parallel is not installed (Debian package parallel): skipped");
    return;
  }
  TempDir dir;
  std::string input;
  for (int round = 0; round < 3; ++round)
    for (const std::string& name : kNames) input += Item(name + "-" + std::to_string(round), name);
  WriteFile(dir / "in.jsonl", input);  // 9 items: blocks of 2 leave an odd one at the end

  RunResult one = Newsalign({"align", "--jsonl"}, dir / "in.jsonl");
  REQUIRE(one.status == 0);
  REQUIRE(Lines(one.out).size() == 9);

  RunResult split = Run({"parallel", "--will-cite", "--pipe", "-N", "2", "-k", kBinary, "align", "--jsonl"},
                        dir / "in.jsonl");
  INFO(split.err);
  REQUIRE(split.status == 0);
  REQUIRE(split.out == one.out);
}

}  // namespace
}  // namespace newsalign::test
