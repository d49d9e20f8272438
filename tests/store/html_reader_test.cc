// HTML input: a saved news page imports as just its article.
#include "newsalign/text/html_reader.h"

#include <catch2/catch.hpp>

#include "newsalign/core/error.h"
#include "newsalign/store/store.h"
#include "store/test_util.h"

using namespace newsalign;
using namespace newsalign::test;

namespace {

// A page as news sites serve them: navigation, a header with a logo and menu, a cookie banner,
// a sidebar, share buttons, related links, scripts and a footer around one article.
const char* kPage = R"html(<!DOCTYPE html>
<html lang="ru">
<head>
  <meta charset="utf-8">
  <title>В Душанбе открылась конференция | Новости Азии</title>
  <meta property="og:title" content="В Душанбе открылась конференция по воде">
  <meta property="article:published_time" content="2018-06-20T09:15:00+05:00">
  <style>p { color: red }</style>
  <script>var tracker = "<p>not text</p>";</script>
</head>
<body>
  <header class="site-header"><a href="/">Новости Азии</a>
    <nav><ul><li><a href="/politics">Политика</a></li><li><a href="/economy">Экономика</a></li></ul></nav>
  </header>
  <div class="cookie-banner"><p>Мы используем файлы cookie.</p></div>
  <main>
    <article>
      <header>
        <h1>В Душанбе открылась конференция   по воде</h1>
        <time datetime="2018-06-21">21 июня</time>
      </header>
      <div class="share-buttons"><a href="#">ВКонтакте</a> <a href="#">Telegram</a></div>
      <p>В Душанбе открылась международная конференция
         по водным ресурсам.</p>
      <figure><img src="a.jpg"><figcaption>Фото: пресс-служба</figcaption></figure>
      <p>Её посетили <b>2&nbsp;000</b> делегатов из 70&nbsp;стран &amp; организаций.</p>
      <blockquote><p>«Вода – это жизнь», – сказал президент.</p></blockquote>
      <h2>Итоги</h2>
      <ul><li>Принята декларация.</li><li>Следующая встреча – в 2020 г.</li></ul>
      <ul class="related"><li><a href="/1">Другая новость</a></li></ul>
      <p><a href="/more">Читайте также: как прошёл прошлый форум</a></p>
      <script>document.write("<p>injected</p>")</script>
    </article>
    <aside><h3>Популярное</h3><p>Самая читаемая новость недели.</p></aside>
  </main>
  <footer><p>© 2018 Новости Азии. Все права защищены.</p></footer>
</body>
</html>)html";

std::vector<std::string> Paragraphs(const Document& doc) {
  std::vector<std::string> out;
  for (const Span& p : doc.paragraphs) out.emplace_back(doc.Text(p));
  return out;
}

}  // namespace

TEST_CASE("an HTML page yields just its article's paragraphs with title and date") {
  Document doc = ReadHtml(kPage, "page.html", "ru");
  std::vector<std::string> want = {
      "В Душанбе открылась конференция по воде",
      "В Душанбе открылась международная конференция по водным ресурсам.",
      "Её посетили 2\u00a0000 делегатов из 70\u00a0стран & организаций.",
      "«Вода – это жизнь», – сказал президент.",
      "Итоги",
      "Принята декларация.",
      "Следующая встреча – в 2020 г.",
  };
  REQUIRE(Paragraphs(doc) == want);
  REQUIRE(doc.title == "В Душанбе открылась конференция по воде");
  REQUIRE(doc.date == "2018-06-20");  // the meta wins over <time>
  REQUIRE(doc.lang == "ru");
  REQUIRE(doc.path == "page.html");
  // Paragraphs are joined by blank lines: spans index that text.
  REQUIRE(doc.text.substr(0, doc.paragraphs[1].begin) == want[0] + "\n\n");
  REQUIRE(doc.sentences.empty());
}

TEST_CASE("HTML without <article>: the densest text block wins") {
  const char* page = R"html(<html><head><title>Water talks</title></head><body>
    <div id="menu"><p><a href="/">Home</a></p></div>
    <div class="content"><h1>Water talks open</h1>
      <div class="text"><p>The conference opened on Monday.</p><p>It lasts three days.</p>
      <p>Delegates from 70 countries came.</p></div></div>
    <div class="footer-links"><p>About us</p></div>
    <time datetime="2019-02-03T10:00">Feb 3</time>
    </body></html>)html";
  Document doc = ReadHtml(page, "p.html", "en");
  std::vector<std::string> want = {"The conference opened on Monday.", "It lasts three days.",
                                   "Delegates from 70 countries came."};
  REQUIRE(Paragraphs(doc) == want);
  REQUIRE(doc.title == "Water talks open");
  REQUIRE(doc.date.empty());  // the <time> is outside the article text
}

TEST_CASE("HTML in windows-1251 is converted by its declared charset") {
  // "Привет, мир." in CP1251.
  std::string page = "<html><head><meta charset=\"windows-1251\"></head><body><article><p>"
                     "\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0.</p></article></body></html>";
  Document doc = ReadHtml(page, "cp.html", "ru");
  REQUIRE(doc.text == "Привет, мир.");
}

TEST_CASE("HTML with no article text is bad input") {
  REQUIRE_THROWS_AS(ReadHtml("<html><body><nav><p>Menu</p></nav></body></html>", "empty.html", "ru"), InputError);
  REQUIRE(IsHtmlPath("a/B.HTML"));
  REQUIRE(IsHtmlPath("x.htm"));
  REQUIRE_FALSE(IsHtmlPath("x.txt"));
}

TEST_CASE("an HTML pair imports as just its article") {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  PairInput in;
  in.ru = ReadHtml(kPage, dir / "page.ru.html", "ru");
  in.en = ReadHtml(
      "<html><body><nav><a href='/'>Home</a></nav><article><h1>Water conference opens in Dushanbe</h1>"
      "<p>An international water conference opened in Dushanbe.</p></article><footer><p>(c) 2018</p></footer>"
      "</body></html>",
      dir / "page.en.html", "en");
  in.ru_format = in.en_format = "html";
  // One sentence a paragraph stands in for the segmenter here.
  for (Document* doc : {&in.ru, &in.en})
    for (size_t p = 0; p < doc->paragraphs.size(); ++p) doc->sentences.push_back(Sentence{doc->paragraphs[p], static_cast<int>(p)});
  ImportPlan plan = store.Plan(in);
  Provenance prov;
  ImportResult r = store.Commit(in, plan, FakeAlign(in.ru.sentences.size(), in.en.sentences.size()), prov);
  PairRecord rec = store.LoadPair(r.pair_id);
  REQUIRE(rec.summary.title == "В Душанбе открылась конференция по воде");
  REQUIRE(rec.summary.date == "2018-06-20");
  REQUIRE(rec.ru.text.find("cookie") == std::string::npos);
  REQUIRE(rec.ru.text.find("Политика") == std::string::npos);
  REQUIRE(rec.ru.text.find("Все права") == std::string::npos);
  REQUIRE(rec.en.text == "Water conference opens in Dushanbe\n\nAn international water conference opened in Dushanbe.");
}
