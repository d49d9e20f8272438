#include "newsalign/text/reader.h"

#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "newsalign/core/error.h"

namespace newsalign {
namespace {

namespace fs = std::filesystem;

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("newsalign_reader_test_" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& bytes) const {
    const fs::path p = path_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

std::string Encode(const std::string& utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string out(static_cast<size_t>(u.extract(0, u.length(), nullptr, charset)), '\0');
  u.extract(0, u.length(), out.data(), charset);
  return out;
}

std::string Decode(const std::string& bytes, const char* charset) {
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::vector<std::string> Paragraphs(const Document& doc) {
  std::vector<std::string> out;
  for (const Span& p : doc.paragraphs) out.emplace_back(doc.Text(p));
  return out;
}

// The message of the InputError that reading `path` throws ("" when nothing is thrown).
std::string ReadError(const std::string& path, const ReadOptions& options = {}) {
  try {
    ReadTextFile(path, "ru", options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const std::string kRussian =
    "Президент Таджикистана Эмомали Рахмон провёл встречу с делегацией. Стороны обсудили "
    "вопросы сотрудничества в области энергетики, транспорта и образования. По итогам "
    "встречи подписан ряд документов.";

// --- Paragraphs -----------------------------------------------------------------------------

TEST_CASE("paragraphs follow blank lines, else lines") {
  struct Case {
    const char* name;
    std::string text;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      {"blank lines separate; lines inside are joined", "Первая строка\nвторая строка.\n\nДругой абзац.\n",
       {"Первая строка\nвторая строка.", "Другой абзац."}},
      {"no blank lines: every line a paragraph", "Один.\nДва.\nТри.", {"Один.", "Два.", "Три."}},
      {"white-space-only lines are blank", "А.\n  \t\nБ.", {"А.", "Б."}},
      {"trailing blank lines do not join lines", "Один.\nДва.\n\n\n", {"Один.", "Два."}},
      {"leading blank lines too", "\n\nОдин.\nДва.", {"Один.", "Два."}},
      {"several blank lines are one separator", "А.\n\n\n\nБ.", {"А.", "Б."}},
      {"paragraphs are trimmed", "   отступ.  \n\n\tтаб.\t", {"отступ.", "таб."}},
      {"CRLF", "Один.\r\nДва.\r\n\r\nТри.\r\n", {"Один.\r\nДва.", "Три."}},
      {"lone CR", "Один.\rДва.\r\rТри.\r", {"Один.\rДва.", "Три."}},
      {"NBSP-only line is blank", "А.\n\xC2\xA0\nБ.", {"А.", "Б."}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    Document doc = ReadText(c.text, "mem", "ru");
    REQUIRE(Paragraphs(doc) == c.want);
    REQUIRE(doc.text == c.text);  // CR bytes and everything else stay in the text
    REQUIRE(doc.sentences.empty());
  }
}

TEST_CASE("reader drops a BOM and keeps offsets into the text without it") {
  TempDir dir;
  const std::string path = dir.Write("bom.txt", "\xEF\xBB\xBFПервый.\r\n\r\nВторой.");
  Document doc = ReadTextFile(path, "ru");
  REQUIRE(doc.text == "Первый.\r\n\r\nВторой.");
  REQUIRE(doc.path == path);
  REQUIRE(doc.lang == "ru");
  REQUIRE(Paragraphs(doc) == std::vector<std::string>{"Первый.", "Второй."});
  REQUIRE(doc.paragraphs[0] == Span{0, 13});
}

TEST_CASE("reader converts UTF-16 with a BOM and says so") {
  TempDir dir;
  for (const char* charset : {"UTF-16LE", "UTF-16BE"}) {
    INFO(charset);
    const std::string bom = std::string(charset) == "UTF-16LE" ? "\xFF\xFE" : "\xFE\xFF";
    const std::string path = dir.Write("utf16.txt", bom + Encode("Привет.\n\nМир.", charset));
    std::vector<std::string> notes;
    Document doc = ReadTextFile(path, "ru", {}, &notes);
    REQUIRE(doc.text == "Привет.\n\nМир.");
    REQUIRE(Paragraphs(doc) == std::vector<std::string>{"Привет.", "Мир."});
    REQUIRE(notes.size() == 1);
    REQUIRE(notes[0] == path + ": converted from " + charset + " to UTF-8 (byte offsets refer to the converted text)");
  }
}

TEST_CASE("zero-width, control and bidi characters stay in the text") {
  const std::string text =
      "Сло\xE2\x80\x8Bво\x07 \xE2\x80\x8Fright\xE2\x80\xAE \xEF\xBB\xBFmid-BOM\x1B[0m.\n\n\xE2\x80\x8D";
  Document doc = ReadText(text, "mem", "ru");
  REQUIRE(doc.text == text);
  REQUIRE(doc.paragraphs.size() == 2);  // ZWJ is not white space
}

// --- Errors: one line naming the file and the problem --------------------------------------

TEST_CASE("reader errors name the file and the problem") {
  TempDir dir;
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  std::string russian_long;
  for (int i = 0; i < 4; ++i) russian_long += kRussian + "\n";

  struct Case {
    const char* name;
    std::string path;
    std::string want;  // the whole message
  };
  const std::vector<Case> cases = {
      {"missing", dir.Path("nope.txt"), dir.Path("nope.txt") + ": no such file"},
      {"directory", dir.Path(""), dir.Path("") + ": is a directory, not a file"},
      {"empty", dir.Write("empty.txt", ""), dir.Path("empty.txt") + ": empty file"},
      {"BOM only", dir.Write("bom.txt", "\xEF\xBB\xBF"), dir.Path("bom.txt") + ": no text, only white space"},
      {"white space only", dir.Write("ws.txt", " \n\r\n\t\xC2\xA0\n"), dir.Path("ws.txt") + ": no text, only white space"},
      {"PNG", dir.Write("image.txt", png), dir.Path("image.txt") + ": a PNG image, not text"},
      {"NUL byte", dir.Write("nul.txt", std::string("text\0more text", 14)),
       dir.Path("nul.txt") + ": binary data (a NUL byte at byte 4), not text"},
      {"PDF", dir.Write("doc.pdf", "%PDF-1.7\n..."),
       dir.Path("doc.pdf") + ": a PDF document, not plain text: extract the text first (e.g. pdftotext -enc UTF-8)"},
      {"UTF-16 without BOM", dir.Write("u16.txt", Encode("Hello world, this is text.", "UTF-16LE")),
       dir.Path("u16.txt") + ": looks like UTF-16LE without a byte-order mark: convert with iconv -f UTF-16LE -t utf-8"},
      {"invalid UTF-8 after valid Cyrillic", dir.Write("bad.txt", "Привет \xFF мир"),
       dir.Path("bad.txt") + ": invalid UTF-8 at byte 13"},
      {"invalid UTF-8 offset counts the BOM", dir.Write("bad-bom.txt", "\xEF\xBB\xBFok\xC0\xAF"),
       dir.Path("bad-bom.txt") + ": invalid UTF-8 at byte 5"},
      {"CP1251", dir.Write("cp1251.txt", Encode(russian_long, "windows-1251")),
       dir.Path("cp1251.txt") + ": not UTF-8; it looks like CP1251 (Windows Cyrillic): convert with iconv -f cp1251 -t utf-8"},
      {"mojibake", dir.Write("moji.txt", Decode(Encode(kRussian, "windows-1251"), "ISO-8859-1")),
       dir.Path("moji.txt") + ": looks like Russian text mis-decoded as Latin-1 (mojibake); run with --repair-encoding"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const std::string message = ReadError(c.path);
    REQUIRE(message == c.want);
    REQUIRE(message.find('\n') == std::string::npos);
  }
}

TEST_CASE("reader refuses Latin-1 text with the iconv hint") {
  TempDir dir;
  std::string french;
  for (int i = 0; i < 6; ++i) {
    french += "Le président français a déclaré à la télévision qu'il était très préoccupé par la situation "
              "économique. Les élèves sont allés à l'école malgré la grève des enseignants. ";
  }
  const std::string path = dir.Write("latin1.txt", Encode(french, "ISO-8859-1"));
  const std::string message = ReadError(path);
  REQUIRE(message.rfind(path + ": not UTF-8; it looks like ", 0) == 0);
  // ICU's detector cannot tell Latin-1 from CP1252 for such text; either hint works.
  const bool latin = message.find("-f latin1 -t utf-8") != std::string::npos ||
                     message.find("-f cp1252 -t utf-8") != std::string::npos;
  REQUIRE(latin);
}

TEST_CASE("reader refuses files over the size limit, naming the limit") {
  TempDir dir;
  const std::string path = dir.Write("big.txt", std::string(3 * 1024 * 1024, 'a'));
  ReadOptions options;
  options.max_bytes = 1024 * 1024;
  REQUIRE(ReadError(path, options) == path + ": too large (3.0 MiB; the limit is 1.0 MiB)");
  REQUIRE_THROWS_AS(ReadText(std::string(2048, 'a'), "mem", "en", ReadOptions{false, 1024}), InputError);
}

// --- Mojibake and swapped languages ---------------------------------------------------------

TEST_CASE("reader repairs mojibake when asked to") {
  TempDir dir;
  const std::string original = "Заголовок «Персы»\n\n" + kRussian + "\n";
  const std::string path = dir.Write("moji.txt", Decode(Encode(original, "windows-1251"), "ISO-8859-1"));
  ReadOptions options;
  options.repair_encoding = true;
  std::vector<std::string> notes;
  Document doc = ReadTextFile(path, "ru", options, &notes);
  REQUIRE(doc.text == original);
  REQUIRE(Paragraphs(doc) == std::vector<std::string>{"Заголовок «Персы»", kRussian});
  REQUIRE(notes.size() == 1);
  REQUIRE(notes[0].rfind(path + ": repaired Russian text mis-decoded as Latin-1", 0) == 0);
  // Normal text is left alone with repair on.
  REQUIRE(ReadText(kRussian, "mem", "ru", options).text == kRussian);
}

TEST_CASE("the shared mojibake document is detected and repaired") {
  const fs::path dir = fs::path(NEWSALIGN_SHARED_DIR) / "corpora/wmt21-ru-en-hard/en-ru";
  const fs::path path = dir / "nytimes.268790.ru.txt";
  if (!fs::exists(path)) {
    WARN("skipped: " << path << " is absent");
    return;
  }
  REQUIRE(ReadError(path.string()).find("mojibake") != std::string::npos);
  ReadOptions options;
  options.repair_encoding = true;
  Document doc = ReadTextFile(path.string(), "ru", options);
  REQUIRE(doc.text.rfind("Рецензия на", 0) == 0);
}

TEST_CASE("DetectScriptMismatch notices swapped languages") {
  const std::string english =
      "The president met the delegation on Monday and discussed energy, transport and education.";
  struct Case {
    std::string text;
    const char* lang;
    std::string want;
  };
  const std::vector<Case> cases = {
      {english, "ru", "mem: given as Russian (ru) but 100% of its letters are Latin: are the two files swapped, or is the language wrong?"},
      {kRussian, "en", "mem: given as English (en) but 100% of its letters are Cyrillic: are the two files swapped, or is the language wrong?"},
      {kRussian, "ru", ""},
      {english, "en", ""},
      {kRussian + " Microsoft, Apple, Google, Windows 10 May 2020 Update.", "ru", ""},  // Latin words inside
      {"OK", "ru", ""},  // too few letters to say
      {english, "de", ""},
  };
  for (const Case& c : cases) {
    INFO(c.lang << " " << c.text);
    Document doc = ReadText(c.text, "mem", c.lang);
    REQUIRE(DetectScriptMismatch(doc) == c.want);
  }
}

}  // namespace
}  // namespace newsalign
