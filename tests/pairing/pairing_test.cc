#include "newsalign/pairing/pairing.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <iterator>
#include <map>
#include <stdexcept>

#include "newsalign/text/reader.h"
#include "pairing/articles.h"

namespace newsalign {
namespace {

using test::ArticleText;
using test::kArticles;

Document Doc(const std::string& text, const std::string& lang, const std::string& name) {
  return ReadText(text, name, lang);
}

// Pairs given as {ru name -> en name}, from the documents' paths.
std::map<std::string, std::string> Named(const PairingResult& r, const std::vector<Document>& ru,
                                         const std::vector<Document>& en) {
  std::map<std::string, std::string> out;
  for (const ArticlePair& p : r.pairs) out[ru[p.src].path] = en[p.tgt].path;
  return out;
}

std::vector<std::string> Paths(const std::vector<size_t>& indices, const std::vector<Document>& docs) {
  std::vector<std::string> out;
  for (size_t i : indices) out.push_back(docs[i].path);
  return out;
}

// All of kArticles on the Russian side, the English side chosen by the caller.
std::vector<Document> AllRussian() {
  std::vector<Document> ru;
  for (const ArticleText& a : kArticles) ru.push_back(Doc(a.ru, "ru", a.name));
  return ru;
}

const ArticleText& Article(const std::string& name) {
  for (const ArticleText& a : kArticles)
    if (name == a.name) return a;
  throw std::runtime_error("no article " + name);
}

TEST_CASE("every article with a translation pairs with it, with a high confidence") {
  std::vector<Document> ru = AllRussian(), en;
  for (const ArticleText& a : kArticles) en.push_back(Doc(a.en, "en", a.name));
  // The English feed in another order than the Russian one.
  std::reverse(en.begin(), en.end());
  PairingResult r = PairArticles(ru, en);
  std::map<std::string, std::string> want;
  for (const ArticleText& a : kArticles) want[a.name] = a.name;
  REQUIRE(Named(r, ru, en) == want);
  for (const ArticlePair& p : r.pairs) {
    CHECK(p.confidence >= 0.9);
    CHECK(p.confidence <= 1.0);
  }
  REQUIRE(r.unpaired_src.empty());
  REQUIRE(r.unpaired_tgt.empty());
}

TEST_CASE("articles without a counterpart stay unpaired on both sides") {
  // Russian: all but the football story; English: all but the port and snow stories.
  std::vector<Document> ru, en;
  for (const ArticleText& a : kArticles) {
    const std::string name = a.name;
    if (name != "santos-football") ru.push_back(Doc(a.ru, "ru", name));
    if (name != "vladivostok-port" && name != "novosibirsk-snow") en.push_back(Doc(a.en, "en", name));
  }
  PairingResult r = PairArticles(ru, en);
  std::map<std::string, std::string> want = {{"dushanbe-plant", "dushanbe-plant"}, {"kazan-books", "kazan-books"}};
  REQUIRE(Named(r, ru, en) == want);
  REQUIRE(Paths(r.unpaired_src, ru) == std::vector<std::string>{"novosibirsk-snow", "vladivostok-port"});
  REQUIRE(Paths(r.unpaired_tgt, en) == std::vector<std::string>{"santos-football"});
}

TEST_CASE("an abridged English version (the first half) still pairs") {
  std::vector<Document> ru = AllRussian(), en;
  for (const ArticleText& a : kArticles) {
    const std::string name = a.name;
    en.push_back(Doc(name == "dushanbe-plant" || name == "novosibirsk-snow" ? test::FirstHalf(a.en) : a.en, "en", name));
  }
  REQUIRE(en[0].text.size() < std::string(kArticles[0].en).size() * 2 / 3);
  PairingResult r = PairArticles(ru, en);
  REQUIRE(r.pairs.size() == std::size(kArticles));
  for (const ArticlePair& p : r.pairs) REQUIRE(ru[p.src].path == en[p.tgt].path);
}

// Issue 6: two versions of one story (an update) must not both take the English article.
TEST_CASE("of two near-duplicate Russian articles the better one pairs, the other stays unpaired") {
  std::vector<Document> ru = AllRussian();
  ru.push_back(Doc(test::kDushanbeUpdated.ru, "ru", test::kDushanbeUpdated.name));
  SECTION("the English translates the update") {
    std::vector<Document> en = {Doc(test::kDushanbeUpdated.en, "en", "en-update"),
                                Doc(Article("kazan-books").en, "en", "en-kazan")};
    PairingResult r = PairArticles(ru, en);
    std::map<std::string, std::string> want = {{"dushanbe-plant-updated", "en-update"},
                                               {"kazan-books", "en-kazan"}};
    REQUIRE(Named(r, ru, en) == want);
    REQUIRE(Paths(r.unpaired_src, ru) ==
            std::vector<std::string>{"dushanbe-plant", "novosibirsk-snow", "vladivostok-port", "santos-football"});
  }
  SECTION("the English translates the first version") {
    std::vector<Document> en = {Doc(Article("dushanbe-plant").en, "en", "en-first")};
    PairingResult r = PairArticles(ru, en);
    std::map<std::string, std::string> want = {{"dushanbe-plant", "en-first"}};
    REQUIRE(Named(r, ru, en) == want);
  }
  SECTION("the English is the first half of the update") {
    std::vector<Document> en = {Doc(test::FirstHalf(test::kDushanbeUpdated.en), "en", "en-update-half")};
    PairingResult r = PairArticles(ru, en);
    std::map<std::string, std::string> want = {{"dushanbe-plant-updated", "en-update-half"}};
    REQUIRE(Named(r, ru, en) == want);
  }
}

TEST_CASE("empty inputs give an empty result, one empty side leaves the other unpaired") {
  std::vector<Document> none, ru = AllRussian();
  PairingResult r = PairArticles(none, none);
  REQUIRE(r.pairs.empty());
  REQUIRE(r.unpaired_src.empty());
  REQUIRE(r.unpaired_tgt.empty());
  r = PairArticles(ru, none);
  REQUIRE(r.pairs.empty());
  REQUIRE(r.unpaired_src.size() == ru.size());
  r = PairArticles(none, ru);  // the "English" side may be anything: nothing to pair it with
  REQUIRE(r.pairs.empty());
  REQUIRE(r.unpaired_tgt.size() == ru.size());
}

TEST_CASE("documents dated far apart never pair; close dates do") {
  const ArticleText& a = Article("kazan-books");
  std::vector<Document> ru = {Doc(a.ru, "ru", "ru")}, en = {Doc(a.en, "en", "en")};
  ru[0].date = "2023-06-03";
  en[0].date = "2023-06-04";
  REQUIRE(PairArticles(ru, en).pairs.size() == 1);
  en[0].date = "2024-06-03";
  REQUIRE(PairArticles(ru, en).pairs.empty());
  PairingOptions ignore_dates;
  ignore_dates.max_date_gap_days = -1;
  REQUIRE(PairArticles(ru, en, ignore_dates).pairs.size() == 1);
}

TEST_CASE("the result does not depend on the number of threads") {
  std::vector<Document> ru = AllRussian(), en;
  for (const ArticleText& a : kArticles) en.push_back(Doc(test::FirstHalf(a.en), "en", a.name));
  PairingOptions one, four;
  one.threads = 1;
  four.threads = 4;
  PairingResult r1 = PairArticles(ru, en, one), r4 = PairArticles(ru, en, four);
  REQUIRE(r1.pairs.size() == r4.pairs.size());
  for (size_t i = 0; i < r1.pairs.size(); ++i) {
    REQUIRE(r1.pairs[i].src == r4.pairs[i].src);
    REQUIRE(r1.pairs[i].tgt == r4.pairs[i].tgt);
    REQUIRE(r1.pairs[i].score == r4.pairs[i].score);
  }
}

TEST_CASE("confidence is a monotone map of the score into [0, 1]") {
  double last = -1;
  for (double s = 0; s <= 1.0; s += 0.05) {
    double c = PairConfidence(s);
    REQUIRE(c >= 0.0);
    REQUIRE(c <= 1.0);
    REQUIRE(c >= last);
    last = c;
  }
  REQUIRE(PairConfidence(0.0) < 0.01);
  REQUIRE(PairConfidence(0.6) > 0.99);
}

}  // namespace
}  // namespace newsalign
