// `newsalign pair RU_DIR EN_DIR` as users run it: the built binary on folders of files.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "pairing/articles.h"

namespace newsalign {
namespace {

namespace fs = std::filesystem;

const std::string kBin = NEWSALIGN_BINARY;
const std::string kSamples = std::string(NEWSALIGN_SOURCE_DIR) + "/corpora/samples/";

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "newsalign-pair-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

void Write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct Run {
  int code = -1;
  std::string out, err;
};

// Runs `newsalign [GLOBAL...] pair ARGS...` with stdout and stderr captured.
Run Pair(const TempDir& dir, const std::vector<std::string>& args, const std::vector<std::string>& global = {},
         const std::string& command = "pair") {
  std::string cmd = Quote(kBin);
  for (const std::string& g : global) cmd += " " + Quote(g);
  cmd += " " + command;
  for (const std::string& a : args) cmd += " " + Quote(a);
  cmd += " >" + Quote(dir / "stdout") + " 2>" + Quote(dir / "stderr");
  int status = std::system(cmd.c_str());
  Run r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = Read(dir / "stdout");
  r.err = Read(dir / "stderr");
  return r;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The folder layout of a feed: RU/<name>.txt and EN/<name>.txt, Russian names prefixed so
// that a test can tell a right pair by its file names.
void WriteFeeds(const TempDir& dir) {
  for (const test::ArticleText& a : test::kArticles) {
    const std::string name = a.name;
    if (name != "santos-football") Write(dir / ("ru/" + name + ".txt"), a.ru);
    if (name != "vladivostok-port") {
      const std::string en = name == "novosibirsk-snow" ? test::FirstHalf(a.en) : a.en;
      Write(dir / ("en/" + name + ".txt"), en);
    }
  }
  Write(dir / "ru/notes.md", "not an article");  // not *.txt: skipped
}

TEST_CASE("pair prints pairs, then the unpaired articles of both sides") {
  TempDir dir;
  WriteFeeds(dir);
  Run r = Pair(dir, {dir / "ru", dir / "en", "--pairs-out", dir / "pairs.tsv"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::vector<std::string> lines = Lines(r.out);
  REQUIRE(lines.size() == 5);
  const std::vector<std::string> paired = {"dushanbe-plant", "kazan-books", "novosibirsk-snow"};
  std::string manifest;
  for (size_t i = 0; i < paired.size(); ++i) {
    const std::string ru = dir / ("ru/" + paired[i] + ".txt"), en = dir / ("en/" + paired[i] + ".txt");
    REQUIRE(lines[i].rfind(ru + "\t" + en + "\t", 0) == 0);
    REQUIRE(std::stod(lines[i].substr(ru.size() + en.size() + 2)) > 0.5);
    manifest += ru + "\t" + en + "\n";
  }
  REQUIRE(lines[3] == dir / "ru/vladivostok-port.txt" + "\t\t");
  REQUIRE(lines[4] == "\t" + dir / "en/santos-football.txt" + "\t");
  REQUIRE(Read(dir / "pairs.tsv") == manifest);
  REQUIRE(r.err.find("3 pairs") != std::string::npos);
}

TEST_CASE("pair --import aligns the pairs into the corpus") {
  TempDir dir;
  WriteFeeds(dir);
  const std::string db = dir / "corpus.db";
  Run r = Pair(dir, {"--import", dir / "ru", dir / "en"}, {"--db", db});
  INFO(r.err);
  REQUIRE(r.code == 0);
  REQUIRE(Lines(r.out).size() == 5);  // the pair list as without --import
  REQUIRE(r.err.find("imported 3 pairs") != std::string::npos);
  Run list = Pair(dir, {}, {"--db", db}, "list");
  REQUIRE(list.code == 0);
  for (const char* name : {"dushanbe-plant", "kazan-books", "novosibirsk-snow"})
    REQUIRE(list.out.find(name) != std::string::npos);
  REQUIRE(list.out.find("vladivostok-port") == std::string::npos);
}

TEST_CASE("pair --format json") {
  TempDir dir;
  WriteFeeds(dir);
  Run r = Pair(dir, {"--format", "json", dir / "ru", dir / "en"});
  REQUIRE(r.code == 0);
  REQUIRE(r.out.find("{\"pairs\": [") == 0);
  REQUIRE(r.out.find("\"ru\": \"" + dir / "ru/kazan-books.txt" + "\", \"en\": \"" + dir / "en/kazan-books.txt") !=
          std::string::npos);
  REQUIRE(r.out.find("\"unpaired_ru\": [\"" + dir / "ru/vladivostok-port.txt" + "\"]") != std::string::npos);
  REQUIRE(r.out.find("\"unpaired_en\": [\"" + dir / "en/santos-football.txt" + "\"]") != std::string::npos);
}

TEST_CASE("pair on the sample articles pairs each with its translation") {
  TempDir dir;
  for (const char* name : {"dushanbe-water", "kazan-forum", "moscow-interview"}) {
    Write(dir / (std::string("ru/") + name + ".txt"), Read(kSamples + name + ".ru.txt"));
    Write(dir / (std::string("en/") + name + ".txt"), Read(kSamples + name + ".en.txt"));
  }
  Run r = Pair(dir, {dir / "ru", dir / "en"});
  REQUIRE(r.code == 0);
  std::vector<std::string> lines = Lines(r.out);
  REQUIRE(lines.size() == 3);
  for (const std::string& line : lines) {
    std::string ru = line.substr(0, line.find('\t'));
    std::string en = line.substr(ru.size() + 1, line.find('\t', ru.size() + 1) - ru.size() - 1);
    REQUIRE(fs::path(ru).filename() == fs::path(en).filename());
  }
}

TEST_CASE("pair with empty folders: 0 pairs, exit 0; a missing folder: one line, exit 1") {
  TempDir dir;
  fs::create_directories(dir / "ru");
  fs::create_directories(dir / "en");
  Run r = Pair(dir, {dir / "ru", dir / "en"});
  REQUIRE(r.code == 0);
  REQUIRE(r.out.empty());
  REQUIRE(r.err.find("0 pairs") != std::string::npos);

  // One side empty: the other side's articles are all unpaired.
  Write(dir / "ru/a.txt", test::kArticles[0].ru);
  r = Pair(dir, {dir / "ru", dir / "en"});
  REQUIRE(r.code == 0);
  REQUIRE(r.out == dir / "ru/a.txt" + "\t\t\n");

  r = Pair(dir, {dir / "ru", dir / "no-such-folder"});
  REQUIRE(r.code == 1);
  REQUIRE(r.out.empty());
  REQUIRE(r.err == "newsalign: " + dir / "no-such-folder" + ": no such folder\n");

  r = Pair(dir, {dir / "ru/a.txt", dir / "en"});
  REQUIRE(r.code == 1);
  REQUIRE(r.err.find("not a folder") != std::string::npos);
}

TEST_CASE("pair skips an unreadable file with a warning and pairs the rest") {
  TempDir dir;
  Write(dir / "ru/a.txt", test::kArticles[1].ru);
  Write(dir / "ru/broken.txt", "Текст \xc3\x28 с ошибкой");  // invalid UTF-8
  Write(dir / "en/a.txt", test::kArticles[1].en);
  Run r = Pair(dir, {dir / "ru", dir / "en"});
  REQUIRE(r.code == 0);
  REQUIRE(Lines(r.out).size() == 1);
  REQUIRE(r.err.find("warning: skipped " + dir / "ru/broken.txt") != std::string::npos);
}

TEST_CASE("pair rejects a bad option value with one line and exit 1") {
  TempDir dir;
  Run r = Pair(dir, {"--min-confidence", "2", dir / "ru", dir / "en"});
  REQUIRE(r.code == 1);
  REQUIRE(Lines(r.err).size() == 1);
}

}  // namespace
}  // namespace newsalign
