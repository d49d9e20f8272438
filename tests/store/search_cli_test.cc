// `newsalign search` and `newsalign terms` as users run them (issue 7): the built binary on the
// sample pairs and a real SQLite file.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "store/test_util.h"

using namespace newsalign::test;

namespace {

const std::string kBin = NEWSALIGN_BINARY;
const std::string kSamples = std::string(NEWSALIGN_SOURCE_DIR) + "/corpora/samples/";

struct Run {
  int code = -1;
  std::string out, err;
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// `env` is put before the command ("NO_COLOR=1"); output goes to files, so stdout is no terminal.
Run Newsalign(const TempDir& dir, const std::string& db, const std::vector<std::string>& args,
              const std::string& env = "") {
  std::string cmd = env + (env.empty() ? "" : " ") + Quote(kBin) + " --db " + Quote(db);
  for (const std::string& a : args) cmd += " " + Quote(a);
  cmd += " >" + Quote(dir / "stdout") + " 2>" + Quote(dir / "stderr") + " </dev/null";
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(dir / "stdout");
  r.err = ReadFile(dir / "stderr");
  return r;
}

void ImportSamples(const TempDir& dir, const std::string& db) {
  for (const char* name : {"dushanbe-water", "kazan-forum"}) {
    Run r = Newsalign(dir, db, {"import", kSamples + name + ".ru.txt", kSamples + name + ".en.txt"});
    REQUIRE(r.code == 0);
  }
}

}  // namespace

TEST_CASE("search prints a concordance with the hit and its translation marked") {
  TempDir dir;
  const std::string db = dir / "c.db";
  ImportSamples(dir, db);

  SECTION("text, piped: brackets for the hit, braces for the translation, no colour") {
    Run r = Newsalign(dir, db, {"search", "водовода", "--limit", "3"});
    REQUIRE(r.code == 0);
    REQUIRE(r.out.find("[водовод") != std::string::npos);  // another form of the word
    REQUIRE(r.out.find("{pipeline}") != std::string::npos);
    REQUIRE(r.out.find("\x1b[") == std::string::npos);
    REQUIRE(r.out.find("matching beads") != std::string::npos);
  }
  SECTION("colour only when asked for (or on a terminal without NO_COLOR)") {
    REQUIRE(Newsalign(dir, db, {"search", "pipeline", "--color", "always"}).out.find("\x1b[1;31m") !=
            std::string::npos);
    REQUIRE(Newsalign(dir, db, {"search", "pipeline"}, "NO_COLOR=1").out.find("\x1b[") == std::string::npos);
  }
  SECTION("json: hits with marks on both sides") {
    Run r = Newsalign(dir, db, {"search", "\"water pipeline\"", "--format", "json", "--lang", "en"});
    REQUIRE(r.code == 0);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["hits"].size() >= 1);
    for (const auto& h : j["hits"]) {
      REQUIRE(h["side"] == "en");
      REQUIRE(h["en_marks"].size() >= 2);
      std::string en = h["en"];
      size_t b = h["en_marks"][0]["begin"], e = h["en_marks"][0]["end"];
      REQUIRE(en.substr(b, e - b) == "water");
    }
  }
  SECTION("tsv: a header and one line a hit") {
    Run r = Newsalign(dir, db, {"search", "Хатлон*", "--format", "tsv"});
    REQUIRE(r.code == 0);
    REQUIRE(r.out.rfind("bead\tpair\tside\tstatus\tbm25\t", 0) == 0);
    REQUIRE(r.out.find("\tru\t") != std::string::npos);
  }
  SECTION("bad queries: exit 1, one clear line, no SQLite") {
    Run r = Newsalign(dir, db, {"search", "\"water"});
    REQUIRE(r.code == 1);
    REQUIRE(r.err.find("unbalanced") != std::string::npos);
    REQUIRE(r.err.find("sqlite") == std::string::npos);
    REQUIRE(r.err.find('\n') == r.err.size() - 1);
    REQUIRE(Newsalign(dir, db, {"search", "OR"}).code == 1);
  }
  SECTION("no corpus") {
    Run r = Newsalign(dir, dir / "none.db", {"search", "x"});
    REQUIRE(r.code == 1);
    REQUIRE(r.err.find("no corpus") != std::string::npos);
  }
}

TEST_CASE("terms: TSV and TBX glossaries and lookup") {
  TempDir dir;
  const std::string db = dir / "c.db";
  ImportSamples(dir, db);
  Run r = Newsalign(dir, db, {"terms", "--min-freq", "2"});
  REQUIRE(r.code == 0);
  REQUIRE(r.out.rfind("ru\ten\tjoint\t", 0) == 0);
  REQUIRE(r.out.find("водовод") != std::string::npos);

  r = Newsalign(dir, db, {"terms", "--min-freq", "2", "--format", "tbx"});
  REQUIRE(r.code == 0);
  REQUIRE(r.out.find("<conceptEntry") != std::string::npos);
  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    WriteFile(dir / "g.tbx", r.out);
    REQUIRE(std::system(("xmllint --noout " + Quote(dir / "g.tbx")).c_str()) == 0);
  }

  r = Newsalign(dir, db, {"terms", "--lookup", "водоводом"});
  REQUIRE(r.code == 0);
  REQUIRE(r.out.find("pipeline") != std::string::npos);
  r = Newsalign(dir, db, {"terms", "--lookup", "квазар"});
  REQUIRE(r.code == 1);
}
