#include "newsalign/align/aligner.h"

#include <catch2/catch.hpp>

#include <map>

#include "newsalign/core/ladder.h"

namespace newsalign {
namespace {

// A document of the given sentences, one paragraph each unless `paragraphs` says otherwise.
Document MakeDocument(const std::string& lang, const std::vector<std::string>& sentences,
                      std::vector<int> paragraphs = {}) {
  Document doc;
  doc.lang = lang;
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (i) doc.text += "\n";
    Span span{doc.text.size(), doc.text.size() + sentences[i].size()};
    doc.text += sentences[i];
    int paragraph = paragraphs.empty() ? 0 : paragraphs[i];
    if (doc.paragraphs.size() <= static_cast<size_t>(paragraph)) doc.paragraphs.push_back(span);
    doc.paragraphs[paragraph].end = span.end;
    doc.sentences.push_back({span, paragraph});
  }
  return doc;
}

Alignment AlignNoDictionary(const Document& ru, const Document& en) {
  AlignOptions options;
  options.use_dictionary = false;
  return Aligner(options).Align(ru, en);
}

// Russian and English sentences that translate each other, each with its own numbers and
// names, so the evidence is unambiguous.
const std::vector<std::string> kRu = {
    "В 2017 году компания «Памир Энерджи» построила 12 станций.",
    "Президент Эмомали Рахмон посетил Хорог 5 марта.",
    "Стоимость проекта составила 1,5 млн долларов.",
    "На церемонии выступил министр Усмонали Усмонзода.",
    "Строительство продлится до 2025 года.",
    "В Душанбе прошла встреча с делегацией из Казахстана.",
    "Ее возглавил заместитель министра Ерлан Нысанбаев.",
    "Стороны подписали 7 соглашений о сотрудничестве.",
};
const std::vector<std::string> kEn = {
    "In 2017 the company Pamir Energy built 12 stations.",
    "President Emomali Rahmon visited Khorog on March 5.",
    "The project cost 1.5 million dollars.",
    "Minister Usmonali Usmonzoda spoke at the ceremony.",
    "Construction will last until 2025.",
    "A meeting with a delegation from Kazakhstan took place in Dushanbe.",
    "It was led by Deputy Minister Yerlan Nysanbayev.",
    "The parties signed 7 cooperation agreements.",
};

// `sentences` with those at the given places written anew.
std::vector<std::string> Rewritten(std::vector<std::string> sentences, const std::map<int, std::string>& at) {
  for (const auto& [k, text] : at) sentences[k] = text;
  return sentences;
}

TEST_CASE("aligner: parallel sentences give 1-1 beads with high confidence") {
  Alignment beads = AlignNoDictionary(MakeDocument("ru", kRu), MakeDocument("en", kEn));
  REQUIRE(beads.size() == kRu.size());
  for (size_t k = 0; k < beads.size(); ++k) {
    REQUIRE(beads[k].Type() == "1-1");
    REQUIRE(beads[k].src_begin == static_cast<int>(k));
    REQUIRE(beads[k].score > 0.5);
  }
}

TEST_CASE("aligner: every bead type is found where the texts call for it") {
  struct Case {
    const char* what;
    std::vector<std::string> ru, en;
    const char* want;  // the ladder, without scores
  };
  std::vector<std::string> en_merged = kEn;
  // 2-1: English merges Russian sentences 2 and 3.
  en_merged[2] = "The project cost 1.5 million dollars, and Minister Usmonali Usmonzoda spoke at the ceremony.";
  en_merged.erase(en_merged.begin() + 3);
  // 1-2: English splits Russian sentence 5.
  std::vector<std::string> en_split = kEn;
  en_split[5] = "A meeting took place in Dushanbe.";
  en_split.insert(en_split.begin() + 6, "It was with a delegation from Kazakhstan.");
  // 1-0 / 0-1: a sentence only one side has.
  std::vector<std::string> ru_extra = kRu;
  ru_extra.insert(ru_extra.begin() + 4, "Ранее, в 1999 году, здесь работала артель «Зарафшон» из 40 человек.");
  std::vector<std::string> en_extra = kEn;
  en_extra.insert(en_extra.begin() + 2, "Reuters reported on 8 October 2018 that 300 workers from Uzbekistan joined.");
  // 2-2: both sides regroup two sentences differently.
  const auto ru_22 = Rewritten(kRu, {{6, "Делегацию возглавил Ерлан Нысанбаев, а 7 соглашений стороны подписали 12 октября"},
                                     {7, "в Душанбе."}});
  const auto en_22 = Rewritten(kEn, {{6, "The delegation was led by Yerlan Nysanbayev, and 7"},
                                     {7, "agreements were signed by the parties in Dushanbe on October 12."}});
  const Case cases[] = {
      {"2-1", kRu, en_merged, "[0]:[0]\n[1]:[1]\n[2, 3]:[2]\n[4]:[3]\n[5]:[4]\n[6]:[5]\n[7]:[6]\n"},
      {"1-2", kRu, en_split, "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n[5]:[5, 6]\n[6]:[7]\n[7]:[8]\n"},
      {"1-0", ru_extra, kEn, "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[]\n[5]:[4]\n[6]:[5]\n[7]:[6]\n[8]:[7]\n"},
      {"0-1", kRu, en_extra, "[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[3]\n[3]:[4]\n[4]:[5]\n[5]:[6]\n[6]:[7]\n[7]:[8]\n"},
      {"2-2", ru_22, en_22, "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n[5]:[5]\n[6, 7]:[6, 7]\n"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    Alignment beads = AlignNoDictionary(MakeDocument("ru", c.ru), MakeDocument("en", c.en));
    REQUIRE(FormatLadder(beads, false) == c.want);
  }
}

TEST_CASE("aligner: a cut is at least as sure as the beads on either side of it") {
  // A short English sentence with nothing to match may be left out, or be the second half of
  // a 1-2 with the sentence before: the bead is unsure, the cut before it much less so.
  std::vector<std::string> en = kEn;
  en.insert(en.begin() + 4, "Nothing more was said then.");
  Alignment beads = AlignNoDictionary(MakeDocument("ru", kRu), MakeDocument("en", en));
  for (size_t k = 0; k < beads.size(); ++k) {
    INFO("bead " << k << " score " << beads[k].score << " cut before " << beads[k].cut_before);
    REQUIRE(beads[k].cut_before <= 1.0);
    REQUIRE(beads[k].cut_before >= beads[k].score - 1e-9);
    if (k > 0) REQUIRE(beads[k].cut_before >= beads[k - 1].score - 1e-9);
  }
  REQUIRE(beads.front().cut_before == Approx(1.0));  // every chain starts there
  REQUIRE(beads[4].Type() == "0-1");
  REQUIRE(beads[4].tgt_begin == 4);
  REQUIRE(beads[4].score < 0.9);
  REQUIRE(beads[4].cut_before > 0.9);
}

TEST_CASE("aligner: fixed beads are kept and the rest realigned around them") {
  Document ru = MakeDocument("ru", kRu), en = MakeDocument("en", kEn);
  AlignOptions options;
  options.use_dictionary = false;
  Aligner aligner(options);
  // A translator insists that Russian 3 and 4 go together with English 3.
  Alignment fixed = {{3, 2, 3, 1, 1.0}};
  Alignment beads = aligner.Align(ru, en, fixed);
  REQUIRE(std::find(beads.begin(), beads.end(), fixed[0]) != beads.end());
  int src = 0, tgt = 0;
  for (const Bead& b : beads) {
    REQUIRE(b.src_begin == src);
    REQUIRE(b.tgt_begin == tgt);
    src = b.src_end();
    tgt = b.tgt_end();
  }
  REQUIRE(src == static_cast<int>(kRu.size()));
  REQUIRE(tgt == static_cast<int>(kEn.size()));
}

TEST_CASE("aligner: empty sides and long documents") {
  AlignOptions options;
  options.use_dictionary = false;
  Aligner aligner(options);
  Document empty = MakeDocument("en", {});
  Alignment only_ru = aligner.Align(MakeDocument("ru", kRu), empty);
  REQUIRE(only_ru.size() == kRu.size());
  REQUIRE(only_ru[0].Type() == "1-0");
  REQUIRE(aligner.Align(empty, empty).empty());

  // 100 copies with distinct numbers: the band must still find the diagonal.
  std::vector<std::string> ru, en;
  for (int k = 0; k < 100; ++k) {
    for (size_t i = 0; i < kRu.size(); ++i) {
      ru.push_back(kRu[i] + " Номер " + std::to_string(1000 + k * 10 + i) + ".");
      en.push_back(kEn[i] + " Number " + std::to_string(1000 + k * 10 + i) + ".");
    }
  }
  // The English leaves out a run of 30 sentences in the middle.
  en.erase(en.begin() + 400, en.begin() + 430);
  Alignment beads = aligner.Align(MakeDocument("ru", ru), MakeDocument("en", en));
  int one_to_one = 0, omitted = 0;
  for (const Bead& b : beads) {
    one_to_one += b.Type() == "1-1";
    omitted += b.Type() == "1-0";
  }
  REQUIRE(one_to_one == 770);
  REQUIRE(omitted == 30);
}

TEST_CASE("aligner: a long run of left-out sentences is one event, whatever its length") {
  // Twelve Russian sentences with no English counterpart between two translated stretches:
  // the run is one omission event, so all twelve carry the same confidence.
  std::vector<std::string> ru = kRu, en = kEn;
  std::vector<std::string> extra;
  for (int k = 0; k < 12; ++k)
    extra.push_back("Дополнительная справка номер " + std::to_string(300 + k) + " о погоде в горах.");
  ru.insert(ru.begin() + 4, extra.begin(), extra.end());
  Alignment beads = AlignNoDictionary(MakeDocument("ru", ru), MakeDocument("en", en));
  std::vector<double> run_scores;
  int one_to_one = 0;
  for (const Bead& b : beads) {
    if (b.Type() == "1-0") {
      REQUIRE(b.src_begin >= 4);
      REQUIRE(b.src_begin < 16);
      run_scores.push_back(b.score);
    }
    one_to_one += b.Type() == "1-1";
  }
  REQUIRE(one_to_one == 8);
  REQUIRE(run_scores.size() == 12);
  for (double score : run_scores) REQUIRE(score == run_scores.front());
}

TEST_CASE("aligner: a headline repeated as the lead on one side only is the sentence left out") {
  // One paragraph each (as in one-sentence-a-line files): the Russian opens with a headline
  // that its lead repeats and extends; the English has only the lead. The lead, which holds
  // what the English says, pairs with it, though the headline opens the paragraph.
  const std::vector<std::string> ru = {
      "Мэрия Казани объявила о ремонте моста",
      "Мэрия Казани и компания Татавтодор объявили о ремонте моста через Казанку.",
      "Работы начнутся в мае и продлятся до осени.",
  };
  const std::vector<std::string> en = {
      "Kazan city hall and Tatavtodor announced a repair of the Kazanka bridge.",
      "The work will begin in May and last until autumn.",
  };
  Alignment beads = AlignNoDictionary(MakeDocument("ru", ru, {0, 0, 0}), MakeDocument("en", en, {0, 0}));
  REQUIRE(beads.size() == 3);
  CHECK(beads[0].Type() == "1-0");
  CHECK(beads[0].src_begin == 0);
  CHECK(beads[1].Type() == "1-1");
  CHECK(beads[1].src_begin == 1);
  // ... and confidently so: a paragraph opened by a left-out sentence is opened by the bead
  // after it as well (without that, 0.77: the other reading kept a quarter of the mass).
  CHECK(beads[0].score > 0.9);
}

TEST_CASE("aligner: in a one-sentence document a match still counts as evidence") {
  // The English says in one sentence what the Russian says in two. With one sentence on the
  // other side, every word "matches half the document": the share of accidental matches is
  // smoothed towards a prior, so the hits outweigh the names left unmatched.
  const std::vector<std::string> ru = {
      "Мэр Казани Ильсур Метшин встретил в Кремле делегацию Узбекистана во главе с Жахонгиром Артыкходжаевым.",
      "Стороны обсудили метро на Волге, сообщает ТАСС со ссылкой на РИА Новости.",
  };
  const std::vector<std::string> en = {
      "Kazan mayor Ilsur Metshin welcomed an Uzbek delegation led by Jahongir Artikkhodjayev at the city hall "
      "and discussed a metro by the river, TASS reports.",
  };
  Alignment beads = AlignNoDictionary(MakeDocument("ru", ru), MakeDocument("en", en));
  REQUIRE(beads.size() == 1);
  CHECK(beads[0].Type() == "2-1");
}

TEST_CASE("aligner: two sentence pairs with a clause moved across them are not two sure 1-1 beads") {
  // The translator moved "talks lasted 3 hours" from the end of Russian 6 to the start of
  // English 7, so the two pairs form one 2-2 bead. Each sentence still pairs off mostly in
  // order, which must not count against the 2-2: a merged bead's sentences look for their
  // translations where they fall in it. Either the 2-2 is found, or the two 1-1 beads that
  // split it are not reported as sure.
  const auto ru = Rewritten(kRu, {
      {6, "Ее возглавил заместитель министра Ерлан Нысанбаев, переговоры длились 3 часа."},
      {7, "Стороны подписали 7 соглашений о сотрудничестве 12 октября."},
  });
  const auto en = Rewritten(kEn, {
      {6, "It was led by Deputy Minister Yerlan Nysanbayev."},
      {7, "Talks lasted 3 hours, and on October 12 the parties signed 7 cooperation agreements."},
  });
  Alignment beads = AlignNoDictionary(MakeDocument("ru", ru), MakeDocument("en", en));
  int sure_elsewhere = 0;
  for (const Bead& b : beads) {
    if (b.src_end() <= 6) {
      sure_elsewhere += b.score >= 0.9;
    } else if (b.src_begin == 6 && b.src_count == 2 && b.tgt_begin == 6 && b.tgt_count == 2) {
      continue;  // the 2-2 itself
    } else {
      INFO(b.src_begin << "-" << b.Type() << " scored " << b.score);
      CHECK(b.score < 0.9);
    }
  }
  CHECK(sure_elsewhere == 6);  // the untouched pairs keep their confidence
}

TEST_CASE("aligner: three sentences recast as three are one 3-3 bead, offered at max_side 4") {
  // The sentences end in other places in each language: a number at the end of one
  // Russian sentence opens the English sentence after, at both seams, so no narrower beads
  // hold all their evidence.
  const Document ru_doc = MakeDocument(
      "ru", Rewritten(kRu, {{5, "Встреча прошла 12 октября в Душанбе, в ней участвовали 40 человек из 15"},
                            {6, "стран, и стороны подписали 7 соглашений на 300 млн долларов до 2026"},
                            {7, "года, заявил вице-премьер Давлат Саидов."}}));
  const Document en_doc = MakeDocument(
      "en", Rewritten(kEn, {{5, "The meeting on October 12 in Dushanbe"},
                            {6, "was attended by 40 people from 15 countries, and the parties signed 7 agreements"},
                            {7, "worth 300 million dollars until 2026, Deputy Prime Minister Davlat Saidov said."}}));
  AlignOptions options;
  options.use_dictionary = false;
  options.max_side = 4;
  Alignment wide = Aligner(options).Align(ru_doc, en_doc);
  REQUIRE(FormatLadder(wide, false) == "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n[5, 6, 7]:[5, 6, 7]\n");
  // News translations have no 3-3 (the default max_side is 3): the sentences go otherwise.
  options.max_side = 3;
  for (const Bead& b : Aligner(options).Align(ru_doc, en_doc)) REQUIRE(b.Type() != "3-3");
}

TEST_CASE("aligner: a line that opens in lower case stays with the line before") {
  // A corpus split at semicolons: the second English line goes on from the first, and
  // nothing in it shows where it belongs. Rather than a sentence left out, it joins a 1-2.
  std::vector<std::string> en =
      Rewritten(kEn, {{5, "A meeting with a delegation from Kazakhstan took place in Dushanbe;"}});
  en.insert(en.begin() + 6, "it went on until late at night.");
  const Document ru_doc = MakeDocument(
      "ru", Rewritten(kRu, {{5, "В Душанбе прошла встреча с делегацией из Казахстана; она длилась до поздней ночи."}}));
  const Document en_doc = MakeDocument("en", en);
  AlignOptions options;
  options.use_dictionary = false;
  const std::string joined = "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n[5]:[5, 6]\n[6]:[7]\n[7]:[8]\n";
  REQUIRE(FormatLadder(Aligner(options).Align(ru_doc, en_doc), false) == joined);
  options.model.continuation_cut = 0;  // without the rule it is an omission
  REQUIRE(FormatLadder(Aligner(options).Align(ru_doc, en_doc), false) != joined);
}

}  // namespace
}  // namespace newsalign
