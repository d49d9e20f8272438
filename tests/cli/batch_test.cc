// `newsalign batch`: pairing by folders and by list, --out TSV files, the corpus, the summary,
// going on past a bad pair, exit status.
#include <catch2/catch.hpp>

#include <filesystem>

#include "cli/subprocess.h"

namespace newsalign::test {
namespace {

const std::vector<std::string> kNames = {"dushanbe-water", "kazan-forum", "moscow-interview"};

// The sample pairs into `folder`, NAME.ru.txt next to NAME.en.txt.
void CopySamples(const std::string& folder) {
  std::filesystem::create_directory(folder);
  for (const std::string& name : kNames)
    for (const char* lang : {".ru.txt", ".en.txt"})
      std::filesystem::copy_file(kSamples + name + lang, folder + "/" + name + lang);
}

TEST_CASE("batch DIR DIR --out writes a TSV per pair and lists a bad pair with exit 1") {
  TempDir dir;
  CopySamples(dir / "in");
  WriteFile(dir / "in/broken.ru.txt", "Москва \xff\xfe сегодня.\n");  // invalid UTF-8
  WriteFile(dir / "in/broken.en.txt", "Moscow today.\n");
  WriteFile(dir / "in/notes.txt", "not a pair: no language tag, ignored\n");

  RunResult r = Newsalign({"batch", dir / "in", dir / "in", "--out", dir / "out", "--threads", "2"});
  INFO(r.out + r.err);
  REQUIRE(r.status == 1);
  REQUIRE(r.out.find("pairs:     3 aligned, 1 failed") != std::string::npos);
  REQUIRE(r.out.find("sentences: ") != std::string::npos);
  REQUIRE(r.out.find("doubtful") != std::string::npos);
  REQUIRE(r.out.find("broken: " + (dir / "in/broken.ru.txt") + ": invalid UTF-8 at byte") != std::string::npos);
  REQUIRE(r.err.find("1 of 4 pairs failed") != std::string::npos);
  REQUIRE(r.err.find('\r') == std::string::npos);  // not a terminal: no redrawn bar

  // The pairs are aligned as one corpus, as `import --pairs` aligns them: each TSV holds the
  // beads (Russian, English, score) that the import stores for its pair.
  std::string list;
  for (const std::string& name : kNames)
    list += kSamples + name + ".ru.txt\t" + kSamples + name + ".en.txt\t" + name + "\n";
  WriteFile(dir / "pairs.tsv", list);
  const std::string db = dir / "corpus.db";
  REQUIRE(Newsalign({"--db", db, "import", "--pairs", dir / "pairs.tsv"}).status == 0);
  RunResult exported = Newsalign({"--db", db, "export", "--format", "tsv"});
  REQUIRE(exported.status == 0);
  for (const std::string& name : kNames) {
    std::string stored;
    for (const std::string& line : Lines(exported.out)) {
      if (line.substr(line.rfind('\t') + 1) != name) continue;
      size_t third = line.find('\t', line.find('\t', line.find('\t') + 1) + 1);
      stored += line.substr(0, third) + "\n";
    }
    REQUIRE(!stored.empty());
    REQUIRE(ReadFile(dir / ("out/" + name + ".tsv")) == stored);
  }
  REQUIRE(!std::filesystem::exists(dir / "out/broken.tsv"));
}

TEST_CASE("batch --pairs stores new pairs in the corpus and then finds them unchanged") {
  TempDir dir;
  std::filesystem::create_directory(dir / "ru");
  std::filesystem::create_directory(dir / "en");
  std::string list = "# ru<TAB>en<TAB>title<TAB>date\n";
  for (const std::string& name : kNames) {
    std::filesystem::copy_file(kSamples + name + ".ru.txt", dir / ("ru/" + name + ".txt"));
    std::filesystem::copy_file(kSamples + name + ".en.txt", dir / ("en/" + name + ".txt"));
    list += dir / ("ru/" + name + ".txt") + "\t" + dir / ("en/" + name + ".txt") + "\t" + name + "\t2017-12-09\n";
  }
  WriteFile(dir / "pairs.tsv", list);
  const std::string db = dir / "corpus.db";

  RunResult first = Newsalign({"--db", db, "batch", "--pairs", dir / "pairs.tsv", "--quiet"});
  INFO(first.out + first.err);
  REQUIRE(first.status == 0);
  REQUIRE(first.err.empty());
  REQUIRE(first.out.find("3 aligned, 0 failed") != std::string::npos);
  REQUIRE(first.out.find("corpus " + db + ": 3 new") != std::string::npos);

  // Two folders, same names: the same pairs, already stored.
  RunResult again = Newsalign({"--db", db, "batch", dir / "ru", dir / "en", "--quiet", "--threads", "1"});
  INFO(again.out + again.err);
  REQUIRE(again.status == 0);
  REQUIRE(again.out.find(": 3 unchanged") != std::string::npos);
}

TEST_CASE("batch writes the same files on one core and on two") {
  TempDir dir;
  CopySamples(dir / "in");
  for (const char* threads : {"1", "2"})
    REQUIRE(Newsalign({"batch", dir / "in", dir / "in", "--out", dir / ("out" + std::string(threads)), "--threads",
                       threads, "--quiet"})
                .status == 0);
  for (const std::string& name : kNames) {
    const std::string one = ReadFile(dir / ("out1/" + name + ".tsv"));
    REQUIRE(!one.empty());
    REQUIRE(ReadFile(dir / ("out2/" + name + ".tsv")) == one);
  }
}

TEST_CASE("batch: a file without a partner is a failure and no pairs at all is a usage error") {
  TempDir dir;
  std::filesystem::create_directory(dir / "in");
  std::filesystem::copy_file(kSamples + "kazan-forum.ru.txt", dir / "in/kazan-forum.ru.txt");
  std::filesystem::copy_file(kSamples + "kazan-forum.en.txt", dir / "in/kazan-forum.en.txt");
  std::filesystem::copy_file(kSamples + "dushanbe-water.ru.txt", dir / "in/lonely.ru.txt");
  RunResult r = Newsalign({"batch", dir / "in", dir / "in", "--out", dir / "out"});
  REQUIRE(r.status == 1);
  REQUIRE(r.out.find("1 aligned, 1 failed") != std::string::npos);
  REQUIRE(r.out.find("lonely.ru.txt: no en partner lonely.en.txt") != std::string::npos);

  std::filesystem::create_directory(dir / "empty");
  RunResult none = Newsalign({"batch", dir / "empty", dir / "empty", "--out", dir / "out"});
  REQUIRE(none.status == 1);
  REQUIRE(Lines(none.err).size() == 1);
}

}  // namespace
}  // namespace newsalign::test
