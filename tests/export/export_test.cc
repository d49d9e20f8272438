// Exports (TMX, TSV, Moses, JSONL) and TMX import on real SQLite files: DTD validity, unit
// counts, escaping, filters, and the round trip export -> TMX import -> export.
#include "newsalign/export/exporter.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include <unistd.h>

#include "newsalign/core/error.h"
#include "newsalign/core/xml.h"
#include "newsalign/export/tmx_reader.h"
#include "newsalign/export/writers.h"
#include "store/test_util.h"

using namespace newsalign;
using namespace newsalign::test;

namespace {

const std::string kDtd = std::string(NEWSALIGN_SHARED_DIR) + "/tools/tmx14.dtd";

// Two pairs with text that needs escaping, a 1-0 and a 0-1 bead, a 2-1 bead, confirmed ones.
void FillCorpus(Store& store, const std::string& dir) {
  {
    PairInput in;
    in.ru = MakeDoc({{"Цена – 5 <долларов> & \"выше\".", "Второе предложение.", "Третье, без перевода."},
                     {"Четвёртое\tс табуляцией.", "Пятое."}},
                    "ru", dir + "/a.ru.txt");
    in.en = MakeDoc({{"The price is $5 <dollars> & 'more'.", "Second and third sentence."},
                     {"Fourth\twith a tab.", "Fifth.", "An added line."}},
                    "en", dir + "/a.en.txt");
    in.title = "Цены & <теги>";
    in.date = "2021-03-04";
    in.source = "https://example.org/a?x=1&y=2";
    Provenance prov;
    ImportPlan plan = store.Plan(in);
    // 1-1, 2-1, 1-1, 1-1, 0-1
    Alignment beads = {{0, 1, 0, 1, 0.95}, {1, 2, 1, 1, 0.7}, {3, 1, 2, 1, 0.4}, {4, 1, 3, 1, 0.8}, {5, 0, 4, 1, 0.2}};
    store.Commit(in, plan, beads, prov);
  }
  {
    PairInput in;
    in.ru = MakeDoc({{"Вторая статья.", "Лишнее предложение.", "Конец."}}, "ru", dir + "/b.ru.txt");
    in.en = MakeDoc({{"Second article.", "The end."}}, "en", dir + "/b.en.txt");
    Provenance prov;
    ImportPlan plan = store.Plan(in);
    Alignment beads = {{0, 1, 0, 1, 0.9}, {1, 1, 1, 0, 0.6}, {2, 1, 1, 1, 0.85}};
    store.Commit(in, plan, beads, prov, BeadStatus::kConfirmed);
  }
}

int CountOf(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// ru<TAB>en of every line of a TSV export.
std::vector<std::string> TextPairs(const std::string& tsv) {
  std::vector<std::string> out;
  for (const std::string& line : Lines(tsv)) {
    size_t a = line.find('\t');
    size_t b = line.find('\t', a + 1);
    out.push_back(line.substr(0, b));
  }
  return out;
}

int Xmllint(const std::string& file) {
  std::string cmd = "xmllint --noout --dtdvalid '" + kDtd + "' '" + file + "' 2>&1";
  return std::system(cmd.c_str());
}

bool CanValidate() {
  return std::filesystem::exists(kDtd) && std::system("command -v xmllint >/dev/null 2>&1") == 0;
}

}  // namespace

// --- escaping
TEST_CASE("XML escaping") {
  struct Case {
    std::string in, text, attr;
  };
  std::vector<Case> cases = {
      {"a & b", "a &amp; b", "a &amp; b"},
      {"<tag>", "&lt;tag&gt;", "&lt;tag&gt;"},
      {"\"кавычки\" «ёлочки»", "\"кавычки\" «ёлочки»", "&quot;кавычки&quot; «ёлочки»"},
      {"]]>", "]]&gt;", "]]&gt;"},
      {"tab\there", "tab\there", "tab&#9;here"},
      {"line\r\nbreak", "line&#13;\nbreak", "line&#13;&#10;break"},
      {std::string("bell\x07") + "nul" + std::string(1, '\0'), "bell nul ", "bell nul "},
      {"\xEF\xBF\xBF", " ", " "},  // U+FFFF
  };
  for (const Case& c : cases) {
    std::string text, attr;
    AppendXmlEscaped(text, c.in, false);
    AppendXmlEscaped(attr, c.in, true);
    REQUIRE(text == c.text);
    REQUIRE(attr == c.attr);
  }
  REQUIRE(TmxDate("2024-05-01T10:20:30Z") == "20240501T102030Z");
  REQUIRE(TmxDate("yesterday").empty());
}

// --- TMX export
TEST_CASE("a TMX export validates against the TMX 1.4 DTD and has one tu per two-sided bead") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  FillCorpus(store, dir.path().string());
  ExportOptions options;
  options.format = ExportFormat::kTmx;
  options.output = dir / "out.tmx";
  ExportSummary s = Export(store, options);
  int64_t two_sided = 0;
  store.ForEachBead({}, [&](const BeadRecord& b) { two_sided += !b.ru.empty() && !b.en.empty(); });
  REQUIRE(two_sided == 6);
  REQUIRE(s.beads == two_sided);
  std::string tmx = ReadFile(options.output);
  REQUIRE(CountOf(tmx, "<tu ") == two_sided);
  REQUIRE(CountOf(tmx, "<tuv xml:lang=\"ru\">") == two_sided);
  REQUIRE(CountOf(tmx, "<tuv xml:lang=\"en\">") == two_sided);
  REQUIRE(tmx.find("creationdate=\"") != std::string::npos);
  REQUIRE(tmx.find("<prop type=\"x-status\">confirmed</prop>") != std::string::npos);
  REQUIRE(tmx.find("<prop type=\"x-document\">Цены &amp; &lt;теги&gt;</prop>") != std::string::npos);
  REQUIRE(tmx.find("<seg>Цена – 5 &lt;долларов&gt; &amp; \"выше\".</seg>") != std::string::npos);
  REQUIRE_FALSE(std::filesystem::exists(options.output + ".tmp-" + std::to_string(::getpid())));
  if (!CanValidate()) {
    WARN("skipped DTD validation: no xmllint or no " << kDtd);
    return;
  }
  REQUIRE(Xmllint(options.output) == 0);
}

TEST_CASE("export filters on minimum score and status and pair") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  FillCorpus(store, dir.path().string());
  std::ostringstream out;
  auto writer = MakeTsvWriter(out);
  BeadFilter f;
  f.min_score = 0.8;
  f.statuses = {BeadStatus::kAuto};
  store.ForEachBead(f, [&](const BeadRecord& b) { writer->Write(b); });
  writer->Finish();
  std::vector<std::string> lines = Lines(out.str());
  REQUIRE(lines.size() == 2);
  REQUIRE(lines[0].rfind("Цена – 5 <долларов> & \"выше\".\tThe price is $5 <dollars> & 'more'.\t0.9500\tauto\t1\t", 0) == 0);
  REQUIRE(lines[1].rfind("Пятое.\tFifth.\t0.8000\tauto\t1\t", 0) == 0);
}

TEST_CASE("TSV and JSONL and Moses exports") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  FillCorpus(store, dir.path().string());
  ExportOptions options;

  options.format = ExportFormat::kTsv;
  options.output = dir / "out.tsv";
  REQUIRE(Export(store, options).beads == 8);
  std::vector<std::string> tsv = Lines(ReadFile(options.output));
  REQUIRE(tsv.size() == 8);
  REQUIRE(tsv[4] == "\tAn added line.\t0.2000\tauto\t1\t5\tЦены & <теги>");

  options.format = ExportFormat::kJsonl;
  options.output = dir / "out.jsonl";
  REQUIRE(Export(store, options).beads == 8);
  std::vector<std::string> jsonl = Lines(ReadFile(options.output));
  REQUIRE(jsonl.size() == 8);
  nlohmann::json j = nlohmann::json::parse(jsonl[1]);
  REQUIRE(j["ru"] == "Второе предложение. Третье, без перевода.");
  REQUIRE(j["type"] == "2-1");
  REQUIRE(j["ru_sentences"] == nlohmann::json::array({1, 2}));
  REQUIRE(j["date"] == "2021-03-04");
  REQUIRE(j["source"] == "https://example.org/a?x=1&y=2");
  REQUIRE(nlohmann::json::parse(jsonl[6])["status"] == "confirmed");

  options.format = ExportFormat::kMoses;
  options.output = dir / "corpus";
  ExportSummary s = Export(store, options);
  REQUIRE(s.beads == 6);
  REQUIRE(s.files == std::vector<std::string>{dir / "corpus.ru", dir / "corpus.en"});
  std::vector<std::string> ru = Lines(ReadFile(dir / "corpus.ru")), en = Lines(ReadFile(dir / "corpus.en"));
  REQUIRE(ru.size() == 6);
  REQUIRE(en.size() == 6);
  REQUIRE(ru[2] == "Четвёртое с табуляцией.");
  REQUIRE(en[2] == "Fourth with a tab.");

  options.output = "";
  REQUIRE_THROWS_AS(Export(store, options), InputError);
  options.format = ExportFormat::kTsv;
  options.output = dir / "no/such/folder/out.tsv";
  REQUIRE_THROWS_AS(Export(store, options), InputError);
  REQUIRE_THROWS_AS(ParseExportFormat("xliff"), InputError);
}

// --- TMX import
TEST_CASE("reading TMX with language variants and inline codes and CDATA and TMX 1.1 lang") {
  TempDir dir;
  std::string path = dir / "legacy.tmx";
  WriteFile(path, R"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
  <header creationtool="X" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en-US"
          srclang="EN-US" datatype="plaintext"/>
  <body>
    <tu tuid="7"><prop type="x-document">Legacy</prop>
      <tuv xml:lang="EN-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept> &amp; go.</seg></tuv>
      <tuv xml:lang="ru-RU"><seg>Нажмите <bpt i="1">&lt;b&gt;</bpt>Enter<ept i="1">&lt;/b&gt;</ept> и <hi>идите</hi>.</seg></tuv>
    </tu>
    <tu><tuv lang="en"><seg><![CDATA[a < b]]></seg></tuv><tuv lang="ru"><seg>а &lt; б</seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>Only English.</seg></tuv><tuv xml:lang="de"><seg>Nur Deutsch.</seg></tuv></tu>
  </body>
</tmx>)");
  std::vector<TranslationUnit> units;
  ReadTmx(path, [&](const TranslationUnit& tu) { units.push_back(tu); });
  REQUIRE(units.size() == 3);
  REQUIRE(units[0].tuid == "7");
  REQUIRE(units[0].Prop("x-document") == "Legacy");
  REQUIRE(*units[0].Segment("en") == "Press Enter & go.");
  REQUIRE(*units[0].Segment("ru") == "Нажмите Enter и идите.");
  REQUIRE(*units[1].Segment("en") == "a < b");
  REQUIRE(*units[1].Segment("ru") == "а < б");
  REQUIRE(units[2].Segment("ru") == nullptr);

  Store store = Store::Open(dir / "c.db");
  TmxImportSummary s = ImportTmx(store, path);
  REQUIRE(s.units == 3);
  REQUIRE(s.skipped == 1);
  REQUIRE(s.beads == 2);
  CorpusStats st = store.Stats();
  REQUIRE(st.beads_by_status["confirmed"] == 2);
  REQUIRE(store.ListPairs()[0].title == "Legacy");
}

TEST_CASE("malformed TMX is bad input with a line number") {
  TempDir dir;
  std::string path = dir / "bad.tmx";
  WriteFile(path, "<tmx version=\"1.4\">\n<header/>\n<body><tu><tuv xml:lang=\"en\"><seg>x</tuv></tu></body></tmx>");
  REQUIRE_THROWS_WITH(ReadTmx(path, [](const TranslationUnit&) {}), Catch::Contains("bad.tmx: line 3"));
  WriteFile(path, "<html><body/></html>");
  REQUIRE_THROWS_WITH(ReadTmx(path, [](const TranslationUnit&) {}), Catch::Contains("not a TMX file"));
  REQUIRE_THROWS_AS(ReadTmx(dir / "missing.tmx", [](const TranslationUnit&) {}), InputError);
}

TEST_CASE("round trip export TMX then import it into a new corpus then export again gives the same pairs") {
  TempDir dir;
  Store store = Store::Open(dir / "a.db");
  FillCorpus(store, dir.path().string());
  ExportOptions options;
  options.format = ExportFormat::kTmx;
  options.output = dir / "out.tmx";
  Export(store, options);
  options.format = ExportFormat::kTsv;
  options.output = dir / "a.tsv";
  options.filter.both_sides = true;
  Export(store, options);

  Store copy = Store::Open(dir / "b.db");
  TmxImportSummary s = ImportTmx(copy, dir / "out.tmx");
  REQUIRE(s.units == 6);
  REQUIRE(s.skipped == 0);
  REQUIRE(s.pairs.size() == 2);  // the documents stay apart (x-pair)
  std::vector<PairSummary> pairs = copy.ListPairs();
  REQUIRE(pairs[0].title == "Цены & <теги>");
  REQUIRE(pairs[0].date == "2021-03-04");
  REQUIRE(pairs[0].source == "https://example.org/a?x=1&y=2");
  options.output = dir / "b.tsv";
  Export(copy, options);
  REQUIRE(TextPairs(ReadFile(dir / "b.tsv")) == TextPairs(ReadFile(dir / "a.tsv")));

  // Importing the same TMX again changes nothing.
  TmxImportSummary again = ImportTmx(copy, dir / "out.tmx");
  for (const ImportResult& r : again.pairs) REQUIRE(r.action == ImportAction::kUnchanged);
  REQUIRE(again.beads == 0);
  REQUIRE(copy.Stats().beads == 6);
  // And the copy's TMX export is valid too.
  options.format = ExportFormat::kTmx;
  options.output = dir / "b.tmx";
  Export(copy, options);
  if (CanValidate()) REQUIRE(Xmllint(options.output) == 0);
}
