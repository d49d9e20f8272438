#include "newsalign/align/features.h"

#include <catch2/catch.hpp>

#include <algorithm>

namespace newsalign {
namespace {

Document OneSentence(const std::string& lang, const std::string& text) {
  Document doc;
  doc.lang = lang;
  doc.text = text;
  doc.paragraphs.push_back({0, text.size()});
  doc.sentences.push_back({{0, text.size()}, 0});
  return doc;
}

// Whether some token of `from`'s only sentence has an out key among `to`'s in keys: the
// aligner's test of "this word finds a match in that sentence".
bool Matches(const SideFeatures& from, const SideFeatures& to) {
  for (const EvidenceToken& t : from.tokens)
    for (uint32_t k = t.out_begin; k < t.out_begin + t.out_count; ++k)
      if (std::find(to.in_keys.begin(), to.in_keys.end(), from.out_keys[k]) != to.in_keys.end()) return true;
  return false;
}

TEST_CASE("features: long loanwords match their twin in the other script without a dictionary") {
  const TranslationTable no_dictionary;
  struct Case {
    std::string ru, en;
    bool match;
  };
  const Case cases[] = {
      {"Бизнесмен уехал.", "The businessman left.", true},
      {"Врачи лечат лейкемию.", "Doctors treat leukemia.", true},
      {"Сайт работает через интернет.", "The site works over the internet.", true},
      {"Отчёт одобрила администрация.", "The report was approved by the administration.", true},
      // Short words are left out: their skeletons collide by chance.
      {"Дом стоит.", "The dome stands.", false},
      // Unrelated long words do not match.
      {"Строительство продолжается.", "Negotiations continue.", false},
  };
  for (const Case& c : cases) {
    INFO(c.ru << " / " << c.en);
    SideFeatures ru = ExtractFeatures(OneSentence("ru", c.ru), Side::kSource, no_dictionary);
    SideFeatures en = ExtractFeatures(OneSentence("en", c.en), Side::kTarget, no_dictionary);
    REQUIRE(Matches(ru, en) == c.match);
    REQUIRE(Matches(en, ru) == c.match);
  }
}

TEST_CASE("features: a sentence opening with a lower-case word continues the one before") {
  const TranslationTable no_dictionary;
  const std::pair<const char*, bool> cases[] = {
      {"le travail d'érosion a progressé.", true},
      {"équipe du sommet M. Herzog.", true},
      {"и всё же они дошли.", true},
      {"Le travail a progressé.", false},
      {"iPhone 12 вышел.", false},  // a name, not a continuation
      {"2019 год.", false},
      {"«мы дошли», сказал он.", false},
      {"", false},
  };
  for (const auto& [text, continues] : cases) {
    INFO(text);
    const SideFeatures features = ExtractFeatures(OneSentence("fr", text), Side::kSource, no_dictionary);
    REQUIRE(features.sentences[0].continues == continues);
  }
}

}  // namespace
}  // namespace newsalign
