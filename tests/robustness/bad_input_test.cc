// Hostile input (issue 9): whatever a scraper hands us, newsalign answers with exactly one line
// on stderr naming the file and the problem, a non-zero exit, and nothing stored; or, where the
// input is merely unusual (UTF-16, CR line ends, invisible characters, very long sentences and
// words), it aligns it. The built binary runs on files made here and on a real SQLite corpus.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "robustness/process.h"

namespace newsalign::robustness {
namespace {

using namespace std::string_literals;  // "a\0b"s keeps the NUL bytes, with the literal's length

namespace fs = std::filesystem;

const std::string kRu = kSamples + "kazan-forum.ru.txt";
const std::string kEn = kSamples + "kazan-forum.en.txt";

// A corpus holding one good pair, so "nothing stored" is a comparison of non-zero counts.
std::string MakeCorpus(const TempDir& dir) {
  const std::string db = dir / "corpus.db";
  RunResult r = Newsalign({"--db", db, "import", kSamples + "dushanbe-water.ru.txt", kSamples + "dushanbe-water.en.txt"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  return db;
}

// The command fails with exit code 1 and one stderr line holding every `wants` string, and
// the corpus (if any) is unchanged.
void ExpectRefused(const std::vector<std::string>& args, const std::vector<std::string>& wants,
                   const std::string& db = "", const RunOptions& options = {}) {
  const std::string before = db.empty() ? "" : RowCounts(db);
  RunResult r = Newsalign(args, options);
  std::string cmd;
  for (const std::string& a : args) cmd += " " + a.substr(0, 120);
  INFO("newsalign" << cmd << "\nexit " << r.status << ", stderr:\n" << r.err);
  REQUIRE(!r.timed_out);
  REQUIRE(r.status == 1);
  REQUIRE(CountLines(r.err) == 1);
  REQUIRE(r.err.rfind("newsalign: ", 0) == 0);
  for (const std::string& want : wants) REQUIRE(r.err.find(want) != std::string::npos);
  if (!db.empty()) REQUIRE(RowCounts(db) == before);
}

// True when `line` is one line of printable, well-formed UTF-8 ending in '\n': what a terminal
// should get, whatever bytes the input held.
bool IsCleanLine(const std::string& line) {
  if (line.empty() || line.back() != '\n') return false;
  for (size_t i = 0; i + 1 < line.size();) {
    const auto b = static_cast<unsigned char>(line[i]);
    const size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len >= line.size() || (len == 1 && (b < 0x20 || b == 0x7F))) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(line[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

// Repeats `unit` until the result has at least `bytes` bytes.
std::string Repeat(const std::string& unit, size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

struct FileCase {
  std::string name;
  std::function<std::string(const TempDir&)> make;  // makes the bad file, returns its path
  std::vector<std::string> wants;                   // in the stderr line, besides the path
};

}  // namespace

TEST_CASE("unusable text files are refused with one line naming the file, nothing stored") {
  const std::string ru = ReadFile(kRu);
  std::vector<FileCase> cases = {
      // Nothing to align.
      {"empty", [](const TempDir& d) { WriteFile(d / "empty.txt", ""); return d / "empty.txt"; }, {"empty file"}},
      {"white space only",
       [](const TempDir& d) { WriteFile(d / "blank.txt", "  \n\t\r\n\xC2\xA0\n\n"); return d / "blank.txt"; },
       {"only white space"}},
      // Not a file.
      {"a directory", [](const TempDir& d) { fs::create_directory(d / "folder.txt"); return d / "folder.txt"; },
       {"is a directory"}},
      {"missing", [](const TempDir& d) { return d / "missing.txt"; }, {"no such file"}},
      // Binary data.
      {"a PNG image",
       [](const TempDir& d) {
         WriteFile(d / "image.txt", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"s);
         return d / "image.txt";
       },
       {"a PNG image, not text"}},
      {"NUL bytes",
       [](const TempDir& d) { WriteFile(d / "nul.txt", "Текст\0\0\0 дальше."s); return d / "nul.txt"; },
       {"binary data (a NUL byte at byte 10)"}},
      {"UTF-16 without a BOM",
       [](const TempDir& d) {
         std::string bytes;
         for (char c : std::string("Moscow, April 18. The forum opened today.\n")) bytes += std::string{c, '\0'};
         WriteFile(d / "utf16.txt", bytes);
         return d / "utf16.txt";
       },
       {"UTF-16LE without a byte-order mark", "iconv -f UTF-16LE"}},
      // Not UTF-8: damaged UTF-8 gives the offset, legacy charsets their name.
      {"invalid UTF-8",
       [](const TempDir& d) { WriteFile(d / "bad.txt", "Привет мир. \xff Ещё текст.\n"); return d / "bad.txt"; },
       {"invalid UTF-8 at byte 21"}},
      {"Latin-1",
       [](const TempDir& d) {
         WriteFile(d / "latin1.txt",
                   "Le caf\xe9 \xe0 c\xf4t\xe9 de la gare a ferm\xe9. Les employ\xe9s r\xe9" "clament leur d\xfb.\n"
                   "L'\xe9t\xe9 dernier, la soci\xe9t\xe9 a d\xe9" "clar\xe9 des pertes tr\xe8s \xe9lev\xe9" "es.\n");
         return d / "latin1.txt";
       },
       // ICU names it Latin-1 or its Windows superset CP1252, depending on the letters.
       {"not UTF-8; it looks like", "convert with iconv -f ", " -t utf-8"}},
      {"CP1251",
       [&ru](const TempDir& d) {
         WriteFile(d / "utf8.txt", ru.substr(0, 3000));
         REQUIRE(std::system(("iconv -c -f utf-8 -t cp1251 " + d / "utf8.txt" + " > " + d / "cp1251.txt").c_str()) == 0);
         return d / "cp1251.txt";
       },
       {"not UTF-8", "CP1251", "iconv -f cp1251 -t utf-8"}},
      {"mojibake (CP1251 read as Latin-1, saved as UTF-8)",
       [&ru](const TempDir& d) {
         WriteFile(d / "utf8.txt", ru.substr(0, 3000));
         REQUIRE(std::system(("iconv -c -f utf-8 -t cp1251 " + d / "utf8.txt" + " | iconv -f latin1 -t utf-8 > " +
                              d / "mojibake.txt")
                                 .c_str()) == 0);
         return d / "mojibake.txt";
       },
       {"mis-decoded as Latin-1", "--repair-encoding"}},
  };
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  for (const FileCase& c : cases) {
    SECTION(c.name) {
      const std::string bad = c.make(dir);
      std::vector<std::string> wants = c.wants;
      wants.push_back(fs::path(bad).filename().string());
      ExpectRefused({"align", bad, kEn}, wants);
      ExpectRefused({"align", kRu, bad}, wants);
      ExpectRefused({"--db", db, "import", bad, kEn}, wants, db);
      ExpectRefused({"--db", db, "import", kRu, bad}, wants, db);
    }
  }
}

TEST_CASE("an unreadable file is refused naming it") {
  if (!CanDropPrivileges()) {
    WARN("skipped: running as root and cannot become an unprivileged user, so chmod 000 stops nothing");
    return;
  }
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  const std::string secret = dir / "secret.ru.txt";
  WriteFile(secret, ReadFile(kRu));
  chmod(secret.c_str(), 0);
  chmod(db.c_str(), 0666);  // the corpus itself stays usable for the unprivileged child
  RunOptions nobody;
  nobody.as_nobody = true;
  ExpectRefused({"align", secret, kEn}, {"secret.ru.txt", "cannot read", "Permission denied"}, "", nobody);
  ExpectRefused({"--db", db, "import", secret, kEn}, {"secret.ru.txt", "Permission denied"}, db, nobody);
}

TEST_CASE("UTF-16 with a BOM is converted with a note, and aligns as the UTF-8 file does") {
  TempDir dir;
  const std::string u16 = dir / "kazan.ru.txt";
  REQUIRE(std::system(("{ printf '\\377\\376'; iconv -f utf-8 -t utf-16le " + kRu + "; } > " + u16).c_str()) == 0);
  RunResult want = Newsalign({"align", kRu, kEn});
  RunResult have = Newsalign({"align", u16, kEn});
  INFO(have.err);
  REQUIRE(have.status == 0);
  REQUIRE(CountLines(have.err) == 1);
  REQUIRE(have.err.find("kazan.ru.txt: converted from UTF-16LE") != std::string::npos);
  REQUIRE(have.out == want.out);

  const std::string db = dir / "corpus.db";
  RunResult import = Newsalign({"--db", db, "import", u16, kEn});
  INFO(import.err);
  REQUIRE(import.status == 0);
  REQUIRE(RawDb(db).Int("SELECT count(*) FROM pairs") == 1);
}

TEST_CASE("mojibake is repaired with --repair-encoding, with a note") {
  TempDir dir;
  const std::string moji = dir / "moji.ru.txt";
  REQUIRE(std::system(("iconv -f utf-8 -t cp1251 " + kRu + " | iconv -f latin1 -t utf-8 > " + moji).c_str()) == 0);
  RunResult want = Newsalign({"align", kRu, kEn});
  RunResult have = Newsalign({"align", "--repair-encoding", moji, kEn});
  INFO(have.err);
  REQUIRE(have.status == 0);
  REQUIRE(CountLines(have.err) == 1);
  REQUIRE(have.err.find("moji.ru.txt: repaired") != std::string::npos);
  REQUIRE(have.out == want.out);
}

TEST_CASE("CRLF and lone CR line ends give the sentences LF gives") {
  TempDir dir;
  std::string lf = ReadFile(kRu), crlf, cr;
  for (char c : lf) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  WriteFile(dir / "crlf.txt", crlf);
  WriteFile(dir / "cr.txt", cr);
  RunResult want = Newsalign({"segment", kRu});
  REQUIRE(want.status == 0);
  for (const char* name : {"crlf.txt", "cr.txt"}) {
    RunResult have = Newsalign({"segment", dir / name});
    INFO(name << ": " << have.err);
    REQUIRE(have.status == 0);
    REQUIRE(have.err.empty());
    REQUIRE(have.out == want.out);
    RunResult aligned = Newsalign({"align", dir / name, kEn});
    REQUIRE(aligned.status == 0);
    REQUIRE(aligned.out == Newsalign({"align", kRu, kEn}).out);
  }
}

TEST_CASE("a 200 MB file is refused before it is read, naming the limit") {
  TempDir dir;
  // Real text, not a sparse file: were it read, it would cost its full size.
  const std::string big = dir / "big.ru.txt";
  {
    const std::string block = Repeat(ReadFile(kRu) + "\n", size_t{1} << 20).substr(0, size_t{1} << 20);
    std::ofstream out(big, std::ios::binary);
    for (int i = 0; i < 200; ++i) out.write(block.data(), static_cast<std::streamsize>(block.size()));
    REQUIRE(out.good());
  }
  fs::copy_file(big, dir / "big.ru.html");
  const std::string db = MakeCorpus(dir);
  // Far below the file: it was not read into memory. (AddressSanitizer's shadow memory and
  // quarantine add to a run's peak: its builds get twice the bound.)
#if defined(__SANITIZE_ADDRESS__)
  const long kModestKb = 400 * 1024;
#else
  const long kModestKb = 200 * 1024;
#endif
  for (const std::string& file : {big, dir / "big.ru.html"}) {
    RunResult r = Newsalign({"--db", db, "import", file, kEn});
    INFO(r.err);
    REQUIRE(r.status == 1);
    REQUIRE(CountLines(r.err) == 1);
    REQUIRE(r.err.find(fs::path(file).filename().string() + ": too large (200 MiB; the limit is") != std::string::npos);
    REQUIRE(r.max_rss_kb < kModestKb);
  }
  // A stream has no size to check first: it is read up to the limit, then refused.
  RunOptions from_stdin;
  from_stdin.stdin_path = big;
  RunResult r = Newsalign({"align", "-", kEn}, from_stdin);
  INFO(r.err);
  REQUIRE(r.status == 1);
  REQUIRE(CountLines(r.err) == 1);
  REQUIRE(r.err.find("-: too large") != std::string::npos);
  REQUIRE(r.err.find("more than the limit of 32 MiB") != std::string::npos);
  REQUIRE(r.max_rss_kb < kModestKb);
  WARN("200 MB input refused; peak RSS " << r.max_rss_kb / 1024 << " MiB reading it from stdin");
  fs::remove(big);
  fs::remove(dir / "big.ru.html");
}

TEST_CASE("a 1 MB sentence without punctuation aligns and is stored") {
  TempDir dir;
  const char* const ru_words[] = {"слово", "новости", "город", "Казань", "форум", "участники"};
  const char* const en_words[] = {"word", "news", "city", "Kazan", "forum", "participants"};
  std::string ru, en;
  for (size_t i = 0; ru.size() < (size_t{1} << 20); ++i) ru += std::string(ru_words[(i * 7) % 6]) + " ";
  for (size_t i = 0; en.size() < (size_t{1} << 20); ++i) en += std::string(en_words[(i * 7) % 6]) + " ";
  WriteFile(dir / "long.ru.txt", "Короткое начало.\n" + ru + "\n");
  WriteFile(dir / "long.en.txt", "A short start.\n" + en + "\n");
  RunOptions guard;
  guard.timeout_s = 600;  // a hang guard only
  RunResult r = Newsalign({"align", dir / "long.ru.txt", dir / "long.en.txt"}, guard);
  INFO(r.err);
  REQUIRE(!r.timed_out);
  REQUIRE(r.status == 0);
  REQUIRE(r.out.size() > ru.size());
  const std::string db = dir / "corpus.db";
  r = Newsalign({"--db", db, "import", dir / "long.ru.txt", dir / "long.en.txt"}, guard);
  INFO(r.err);
  REQUIRE(r.status == 0);
  REQUIRE(RawDb(db).Int("SELECT count(*) FROM pairs") == 1);
}

TEST_CASE("languages swapped are refused by script, unless --langs says so") {
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  ExpectRefused({"align", kEn, kRu}, {"kazan-forum.en.txt", "given as Russian (ru)", "Latin", "swapped", "--langs"});
  ExpectRefused({"--db", db, "import", kEn, kRu}, {"kazan-forum.en.txt", "given as Russian (ru)", "swapped"}, db);
  // English given as English but Russian as English too: the second file is named.
  ExpectRefused({"align", kRu, kSamples + "moscow-interview.ru.txt"}, {"moscow-interview.ru.txt", "given as English (en)", "Cyrillic"});
  // Saying the languages explicitly is how to align such files on purpose.
  REQUIRE(Newsalign({"align", "--langs", "ru,en", kEn, kRu}).status == 0);
  REQUIRE(Newsalign({"align", "--langs", "en,ru", kEn, kRu}).status == 0);
}

TEST_CASE("both sides identical are refused") {
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  fs::copy_file(kEn, dir / "copy.en.txt");
  ExpectRefused({"align", "--langs", "en,en", kEn, dir / "copy.en.txt"}, {"kazan-forum.en.txt", "copy.en.txt", "same text"});
  ExpectRefused({"align", "--langs", "ru,en", kRu, kRu}, {"same text"});
  ExpectRefused({"--db", db, "import", kRu, kRu}, {"same text"}, db);
}

TEST_CASE("zero-width, control and bidi characters pass through verbatim") {
  TempDir dir;
  // ZWSP, ZWJ, soft hyphen, BEL, RLO ... PDF, LRI ... PDI, RLM, a C1 control, DEL, a BOM inside.
  const std::string ru =
      "Мэр\xE2\x80\x8B Казани заявил\xE2\x80\x8D об открытии фо\xC2\xADрума.\x07 Участники приехали из "
      "\xE2\x80\xAE""37 стран\xE2\x80\xAC.\n\n\xE2\x81\xA6Форум\xE2\x81\xA9 продлится три дня\xE2\x80\x8F. "
      "Ожидается\xC2\x85 более 4 тыс.\x7F участников\xEF\xBB\xBF.\n";
  const std::string en =
      "The mayor of Kazan\xE2\x80\x8B announced the opening of the fo\xC2\xADrum.\x07 Participants came from "
      "\xE2\x80\xAE""37 countries\xE2\x80\xAC.\n\n\xE2\x81\xA6The forum\xE2\x81\xA9 will last three days. "
      "More than\xC2\x85 4,000\x7F participants are expected.\n";
  WriteFile(dir / "ru.txt", ru);
  WriteFile(dir / "en.txt", en);
  RunResult r = Newsalign({"align", dir / "ru.txt", dir / "en.txt"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  REQUIRE(r.err.empty());
  REQUIRE(r.out.find("Мэр\xE2\x80\x8B Казани") != std::string::npos);
  REQUIRE(r.out.find("\xE2\x81\xA6Форум\xE2\x81\xA9") != std::string::npos);

  const std::string db = dir / "corpus.db";
  r = Newsalign({"--db", db, "import", dir / "ru.txt", dir / "en.txt"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  REQUIRE(Newsalign({"--db", db, "show", "1"}).status == 0);
  for (const char* format : {"tmx", "tsv", "jsonl"}) {
    RunResult e = Newsalign({"--db", db, "export", "--format", format, "-o", dir / (std::string("out.") + format)});
    INFO(format << ": " << e.err);
    REQUIRE(e.status == 0);
  }
  // XML 1.0 forbids most control characters: the TMX must still be well-formed.
  if (std::system("command -v xmllint >/dev/null 2>&1") == 0) {
    REQUIRE(std::system(("xmllint --noout " + dir / "out.tmx").c_str()) == 0);
    // And it imports back.
    r = Newsalign({"--db", dir / "back.db", "import", "--tmx", dir / "out.tmx"});
    INFO(r.err);
    REQUIRE(r.status == 0);
  } else {
    WARN("xmllint is not installed: the TMX's well-formedness is not checked");
  }
}

TEST_CASE("a 10,000-character word aligns and is stored") {
  TempDir dir;
  std::string word;
  for (int i = 0; i < 10000; ++i) word += i % 2 ? "я" : "а";  // 10,000 letters, 20,000 bytes
  WriteFile(dir / "ru.txt", "Вот слово. " + word + " было сказано. Конец статьи.\n");
  WriteFile(dir / "en.txt", "Here is a word. " + std::string(10000, 'x') + " was said. The end of the article.\n");
  RunResult r = Newsalign({"align", dir / "ru.txt", dir / "en.txt"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  REQUIRE(r.out.find(word) != std::string::npos);
  const std::string db = dir / "corpus.db";
  r = Newsalign({"--db", db, "import", dir / "ru.txt", dir / "en.txt"});
  INFO(r.err);
  REQUIRE(r.status == 0);
  REQUIRE(RawDb(db).Int("SELECT max(length(text)) FROM revisions") > 10000);
}

// The database file itself.

TEST_CASE("a corrupt database is refused with one line, no crash") {
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  {
    RawDb raw(db);
    raw.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  std::string bytes = ReadFile(db);
  REQUIRE(bytes.size() > 8192);
  SECTION("pages overwritten") {
    for (size_t i = 4096; i < bytes.size(); i += 4096)  // every page but the header's
      for (size_t j = i + 100; j < i + 400 && j < bytes.size(); ++j) bytes[j] = static_cast<char>(j * 131);
    WriteFile(db, bytes);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"--db", db, "import", kRu, kEn}, {"--db", db, "list"}, {"--db", db, "stats"}}) {
      RunResult r = Newsalign(args);
      INFO(args[2] << ": " << r.err);
      REQUIRE(r.status == 1);
      REQUIRE(CountLines(r.err) == 1);
      REQUIRE(IsCleanLine(r.err));  // SQLite quotes the damaged bytes; we must not pass them on
      REQUIRE(r.err.find("corpus.db") != std::string::npos);
    }
  }
  SECTION("truncated") {
    WriteFile(db, bytes.substr(0, bytes.size() / 2 + 100));
    RunResult r = Newsalign({"--db", db, "import", kRu, kEn});
    INFO(r.err);
    REQUIRE(r.status == 1);
    REQUIRE(CountLines(r.err) == 1);
    REQUIRE(r.err.find("corpus.db") != std::string::npos);
  }
  SECTION("not a database at all") {
    WriteFile(db, Repeat("This is a text file, not a corpus. ", 20000));
    ExpectRefused({"--db", db, "import", kRu, kEn}, {"corpus.db", "not a database"});
  }
}

TEST_CASE("a read-only database is refused with one line saying so") {
  if (!CanDropPrivileges()) {
    WARN("skipped: running as root and cannot become an unprivileged user, so chmod stops nothing");
    return;
  }
  TempDir dir;
  fs::create_directory(dir / "ro");
  const std::string db = dir / "ro/corpus.db";
  REQUIRE(Newsalign({"--db", db, "import", kSamples + "dushanbe-water.ru.txt", kSamples + "dushanbe-water.en.txt"}).status == 0);
  REQUIRE(!fs::exists(db + "-wal"));  // closed cleanly: the WAL was checkpointed away
  chmod(db.c_str(), 0444);
  chmod((dir / "ro").c_str(), 0555);
  RunOptions nobody;
  nobody.as_nobody = true;
  ExpectRefused({"--db", db, "import", kRu, kEn}, {"corpus.db", "read-only"}, db, nobody);
  // A WAL corpus cannot even be read from a read-only folder (SQLite must create corpus.db-shm
  // beside it): readers say so in one line too.
  ExpectRefused({"--db", db, "list"}, {"corpus.db", "read-only"}, db, nobody);
  // With a writable folder a read-only file can be read.
  chmod((dir / "ro").c_str(), 0777);
  RunResult list = Newsalign({"--db", db, "list"}, nobody);
  INFO(list.err);
  REQUIRE(list.status == 0);
  REQUIRE(list.out.find("dushanbe") != std::string::npos);
  ExpectRefused({"--db", db, "import", kRu, kEn}, {"corpus.db", "read-only"}, db, nobody);
}

TEST_CASE("a locked database: the writer waits, then says so in one line") {
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  const std::string before = RowCounts(db);
  RawDb holder(db);
  holder.Exec("BEGIN EXCLUSIVE");  // another process in the middle of a long write
  RunResult r = Newsalign({"--db", db, "import", kRu, kEn});
  INFO(r.err);
  REQUIRE(r.status == 1);
  REQUIRE(CountLines(r.err) == 1);
  REQUIRE(r.err.find("corpus.db") != std::string::npos);
  REQUIRE(r.err.find("another process is writing") != std::string::npos);
  // Readers are not blocked by a writer (WAL).
  RunResult list = Newsalign({"--db", db, "list"});
  INFO(list.err);
  REQUIRE(list.status == 0);
  holder.Exec("ROLLBACK");
  REQUIRE(RowCounts(db) == before);
  REQUIRE(Newsalign({"--db", db, "import", kRu, kEn}).status == 0);
}

TEST_CASE("a database made by a newer version is refused untouched") {
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  {
    RawDb raw(db);
    raw.Exec("PRAGMA user_version = 999");
  }
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--db", db, "import", kRu, kEn}, {"--db", db, "list"}, {"--db", db, "stats"}})
    ExpectRefused(args, {"corpus.db", "newer newsalign", "999"}, db);
  REQUIRE(RawDb(db).Int("PRAGMA user_version") == 999);
}

// Malformed structured input.

TEST_CASE("malformed TMX is refused with one line and stores nothing") {
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header srclang=\"ru\" datatype=\"plaintext\" "
      "segtype=\"sentence\" adminlang=\"en\" o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/>\n<body>\n";
  auto unit = [](int i, const std::string& pair) {
    return "<tu><prop type=\"x-pair\">" + pair + "</prop><tuv xml:lang=\"ru\"><seg>Предложение номер " +
           std::to_string(i) + ".</seg></tuv><tuv xml:lang=\"en\"><seg>Sentence number " + std::to_string(i) +
           ".</seg></tuv></tu>\n";
  };
  std::string units;
  for (int i = 0; i < 5; ++i) units += unit(i, "first");
  for (int i = 0; i < 5; ++i) units += unit(i, "second");
  struct Case {
    std::string name, text;
    std::vector<std::string> wants;
  };
  std::vector<Case> cases = {
      {"empty", "", {"empty.tmx"}},
      {"not XML", "Just some text < with & a bracket\n", {"not-xml.tmx"}},
      {"another root", "<?xml version=\"1.0\"?><html><body/></html>", {"another-root.tmx", "not a TMX file"}},
      // Two pairs' worth of good units, then the file breaks off: the good pairs must not be
      // stored either (the whole file is one import).
      {"truncated", head + units + "<tu><tuv xml:lang=\"ru\"><seg>Оборвано", {"truncated.tmx", "line"}},
      {"mismatched tags", head + units + "<tu><tuv xml:lang=\"ru\"><seg>x</tuv></seg></tu></body></tmx>",
       {"mismatched-tags.tmx", "line"}},
      {"invalid UTF-8", head + units + "<tu><tuv xml:lang=\"ru\"><seg>\xff\xfe</seg></tuv></tu></body></tmx>",
       {"invalid-utf-8.tmx"}},
      // An entity that expands a billion times (libxml2 must refuse, not eat all memory).
      {"billion laughs",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY a \"aaaaaaaaaa\">\n"
       "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
       "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
       "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
       "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n<!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n]>\n"
       "<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"ru\"><seg>&i;</seg></tuv>"
       "<tuv xml:lang=\"en\"><seg>&i;</seg></tuv></tu></body></tmx>\n",
       {"billion-laughs.tmx"}},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      std::string file;
      for (char ch : c.name) file += ch == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      file = dir / (file + ".tmx");
      WriteFile(file, c.text);
      RunOptions guard;
      guard.timeout_s = 120;
      const std::string before = RowCounts(db);
      RunResult r = Newsalign({"--db", db, "import", "--tmx", file}, guard);
      INFO(r.err);
      REQUIRE(!r.timed_out);
      REQUIRE(r.max_rss_kb < 500 * 1024);
      if (c.name == "billion laughs" && r.status == 0) {
        // Not expanded (the references stay unresolved): acceptable, as long as it is small.
        REQUIRE(RawDb(db).Int("SELECT max(length(text)) FROM revisions") < 1000000);
        continue;
      }
      REQUIRE(r.status == 1);
      REQUIRE(CountLines(r.err) == 1);
      for (const std::string& want : c.wants) REQUIRE(r.err.find(want) != std::string::npos);
      REQUIRE(RowCounts(db) == before);
    }
  }
}

TEST_CASE("malformed HTML is refused with one line") {
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  WriteFile(dir / "nav-only.ru.html",
            "<html><head><title>Новости</title></head><body><nav><a href=\"/\">Главная</a> <a href=\"/a\">Архив</a></nav>"
            "<footer>© 2019</footer></body></html>");
  WriteFile(dir / "image.ru.html", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x01\x02\x03"s);
  WriteFile(dir / "empty.ru.html", "");
  fs::create_directory(dir / "folder.ru.html");
  ExpectRefused({"--db", db, "import", dir / "nav-only.ru.html", kEn}, {"nav-only.ru.html", "no article text"}, db);
  ExpectRefused({"--db", db, "import", dir / "image.ru.html", kEn}, {"image.ru.html", "a PNG image"}, db);
  ExpectRefused({"--db", db, "import", dir / "empty.ru.html", kEn}, {"empty.ru.html"}, db);
  ExpectRefused({"--db", db, "import", dir / "folder.ru.html", kEn}, {"folder.ru.html", "is a directory"}, db);
  ExpectRefused({"--db", db, "import", dir / "missing.ru.html", kEn}, {"missing.ru.html", "no such file"}, db);
  // Unclosed tags are HTML as browsers see it: the article is still found.
  WriteFile(dir / "unclosed.ru.html",
            "<html><body><article><h1>Форум открылся<p>В Казани открылся форум «Волга-Инновации». "
            "<p>Он собрал более 4,2 тыс. участников из 37 стран.<div><span>");
  RunResult r = Newsalign({"--db", db, "import", dir / "unclosed.ru.html", kSamples + "kazan-forum.en.txt"});
  INFO(r.err);
  REQUIRE(r.status == 0);
}

TEST_CASE("malformed JSON Lines: one stderr line per bad line, the good ones aligned") {
  TempDir dir;
  const std::vector<std::string> bad = {
      "{\"id\": 1, \"ru\": \"Текст.\", \"en\": ",                        // cut off
      "[\"ru\", \"en\"]",                                                 // not an object
      "{\"ru\": \"Текст.\", \"en\": \"Text.\"}",                         // no id
      "{\"id\": 3, \"ru\": 5, \"en\": \"Text.\"}",                       // text not a string
      "{\"id\": 4, \"ru\": \"\", \"en\": \"Text.\"}",                    // empty text
      "{\"id\": 5, \"ru\": \"\xff\xfe\", \"en\": \"Text.\"}",            // invalid UTF-8
      "{\"id\": 6, \"ru\": \"Текст.\", \"en\": \"Text.\"} trailing",     // garbage after
      "{\"id\": 7, \"ru\": \"Te\0xt.\", \"en\": \"Text.\"}"s,  // a NUL byte
  };
  std::string input = "{\"id\": \"good-1\", \"ru\": \"Москва сегодня.\", \"en\": \"Moscow today.\"}\n";
  for (const std::string& line : bad) input += line + "\n";
  input += "\n{\"id\": \"good-2\", \"ru\": \"Второй текст.\", \"en\": \"The second text.\"}\n";
  WriteFile(dir / "in.jsonl", input);
  RunOptions options;
  options.stdin_path = dir / "in.jsonl";
  RunResult r = Newsalign({"align", "--jsonl"}, options);
  INFO(r.err);
  REQUIRE(r.status == 1);
  REQUIRE(CountLines(r.out) == 2);
  REQUIRE(r.out.find("good-1") != std::string::npos);
  REQUIRE(r.out.find("good-2") != std::string::npos);
  // One line per bad input line, naming it, and the summary.
  REQUIRE(CountLines(r.err) == static_cast<int>(bad.size()) + 1);
  for (size_t i = 0; i < bad.size(); ++i) REQUIRE(r.err.find("line " + std::to_string(i + 2)) != std::string::npos);
  REQUIRE(r.err.find(std::to_string(bad.size()) + " of " + std::to_string(bad.size() + 2) + " input lines skipped") !=
          std::string::npos);
}

TEST_CASE("malformed pair lists (--pairs): import refuses the whole list, batch the bad lines") {
  TempDir dir;
  const std::string db = MakeCorpus(dir);
  const std::string good = kSamples + "kazan-forum.ru.txt\t" + kSamples + "kazan-forum.en.txt\tKazan\n";
  struct Case {
    std::string name, line;
    std::vector<std::string> wants;
  };
  std::vector<Case> cases = {
      {"one column", "only-one-column.txt", {"line 3"}},
      {"too many columns", "a\tb\tc\td\te\tf", {"line 3"}},
      {"empty path", "\t" + kEn, {"line 3"}},
      {"a missing file", dir / "missing.ru.txt\t" + kEn, {"line 3", "missing.ru.txt", "no such file"}},
      {"a binary file", kBinary + "\t" + kEn, {"line 3"}},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      WriteFile(dir / "list.tsv", "# ru\ten\n" + good + c.line + "\n");
      std::vector<std::string> wants = c.wants;
      wants.push_back("list.tsv");
      ExpectRefused({"--db", db, "import", "--pairs", dir / "list.tsv"}, wants, db);
      // batch goes on past a bad pair (its design): the good one is stored, the bad one is
      // listed, the exit status is 1 and stderr has one line.
      RunResult r = Newsalign({"--db", db, "batch", "--pairs", dir / "list.tsv", "--quiet"});
      INFO(r.out << r.err);
      REQUIRE(r.status == 1);
      REQUIRE(CountLines(r.err) == 1);
      REQUIRE(r.err.find("1 of 2 pairs failed") != std::string::npos);
      REQUIRE(RawDb(db).Int("SELECT count(*) FROM pairs") == 2);
    }
  }
  WriteFile(dir / "empty.tsv", "# nothing here\n\n");
  ExpectRefused({"--db", db, "import", "--pairs", dir / "empty.tsv"}, {"empty.tsv", "no pairs"}, db);
  ExpectRefused({"--db", db, "import", "--pairs", dir / "missing.tsv"}, {"missing.tsv"}, db);
}

}  // namespace newsalign::robustness
