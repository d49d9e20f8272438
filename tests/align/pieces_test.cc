#include "newsalign/align/pieces.h"

#include <catch2/catch.hpp>

#include "newsalign/core/ladder.h"
#include "newsalign/text/segmenter.h"

namespace newsalign {
namespace {

// A document of one paragraph whose sentences are `pieces`, each starting at `seams[k]`.
Document Pieces(const std::string& lang, const std::vector<std::string>& pieces, const std::vector<Seam>& seams) {
  Document doc;
  doc.lang = lang;
  for (size_t k = 0; k < pieces.size(); ++k) {
    if (k) doc.text += " ";
    doc.sentences.push_back({Span{doc.text.size(), doc.text.size() + pieces[k].size()}, 0, seams[k]});
    doc.text += pieces[k];
  }
  doc.paragraphs = {Span{0, doc.text.size()}};
  return doc;
}

// Running text read the way the CLI reads it: one paragraph, segmented by our rules.
Document Running(const std::string& lang, const std::string& text) {
  Document doc;
  doc.lang = lang;
  doc.text = text;
  doc.paragraphs = {Span{0, text.size()}};
  Segment(doc);
  return doc;
}

std::vector<std::string> Texts(const Document& doc) {
  std::vector<std::string> out;
  for (size_t k = 0; k < doc.sentences.size(); ++k) out.emplace_back(doc.SentenceText(k));
  return out;
}

Aligner NoDictionary() {
  AlignOptions options;
  options.use_dictionary = false;
  return Aligner(options);
}

TEST_CASE("pieces: a headline glued to its lead in both languages comes out as its own bead") {
  // Neither text has a mark after the headline, and the headline rules find no seam of their
  // own here ("Ученик" and "A" after a name): the seams are only possible ones until each
  // language confirms the other's.
  Document ru = Running("ru",
                        "Школьник из Костромы набрал 400 баллов на экзаменах Ученик школы № 30 Дмитрий Иванов "
                        "получил по 100 баллов за четыре экзамена. Его результат стал лучшим в области за 10 лет.");
  Document en = Running("en",
                        "Kostroma schoolboy scores 400 points in exams Dmitry Ivanov, a student of school No. 30, "
                        "received 100 points for each of four exams. His result was the best in the region in 10 years.");
  REQUIRE(ru.sentences.size() == 2);
  REQUIRE_FALSE(ru.possible_seams.empty());
  Alignment beads = AlignPieces(NoDictionary(), ru, en);
  REQUIRE(FormatLadder(beads, false) == "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
  REQUIRE(Texts(ru)[0] == "Школьник из Костромы набрал 400 баллов на экзаменах");
  REQUIRE(Texts(en)[0] == "Kostroma schoolboy scores 400 points in exams");
  for (const Document* doc : {&ru, &en}) {
    REQUIRE(doc->possible_seams.empty());
    for (const Sentence& s : doc->sentences) REQUIRE(s.seam == Seam::kSure);
  }
}

TEST_CASE("pieces: a guessed seam the other language does not have is joined again") {
  // The headline rules cut inside a name ("Владимир | Путин"); the English sentence is whole.
  Document ru = Pieces("ru", {"Президент России Владимир", "Путин прибыл в Санкт-Петербург 26 июля.", "Там он встретился с Шойгу."},
                       {Seam::kSure, Seam::kGuessed, Seam::kSure});
  Document en = Pieces("en", {"Russian President Vladimir Putin arrived in Saint Petersburg on July 26.", "There he met Shoigu."},
                       {Seam::kSure, Seam::kSure});
  Alignment beads = AlignPieces(NoDictionary(), ru, en);
  REQUIRE(FormatLadder(beads, false) == "[0]:[0]\n[1]:[1]\n");
  REQUIRE(Texts(ru)[0] == "Президент России Владимир Путин прибыл в Санкт-Петербург 26 июля.");
}

TEST_CASE("pieces: a sentence cut into more pieces than a bead has sentences still makes one bead") {
  // The lead is one sentence in four pieces (a guessed seam, then three possible ones); the
  // widest bead of sentences is three, but pieces kept together count as one sentence.
  Document ru = Pieces("ru",
                       {"Путин приехал в Кронштадт на парад", "В акватории Кронштадта 26 июля",
                        "Главный военно-морской парад", "Президент России Владимир Путин",
                        "принял с катера в 2020 году.", "Парад прошел без зрителей."},
                       {Seam::kSure, Seam::kGuessed, Seam::kPossible, Seam::kPossible, Seam::kPossible, Seam::kSure});
  Document en = Pieces("en",
                       {"Putin came to Kronstadt for the parade",
                        "In the waters of Kronstadt on July 26 the Main Naval Parade was reviewed by Russian "
                        "President Vladimir Putin from a boat in 2020.",
                        "The parade was held without spectators."},
                       {Seam::kSure, Seam::kGuessed, Seam::kSure});
  Alignment beads = AlignPieces(NoDictionary(), ru, en);
  REQUIRE(FormatLadder(beads, false) == "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
  REQUIRE(Texts(ru)[1] ==
          "В акватории Кронштадта 26 июля Главный военно-морской парад Президент России Владимир Путин принял с "
          "катера в 2020 году.");
}

TEST_CASE("pieces: in a pre-split text a line with a glued headline is aligned in pieces and kept whole") {
  // One sentence a line, but the first Russian line holds headline and lead; the English
  // text has them on two lines. The headline's seam helps the aligner (two 1-1 beads rather
  // than a 1-2 that must outweigh an omitted headline); the ladder still speaks of lines.
  Document ru;
  ru.lang = "ru";
  ru.text = "В Санкт-Петербурге прошел главный парад в честь Дня флота В Санкт-Петербурге сегодня прошел "
            "главный парад в честь Дня флота России.\nВ параде участвовали 46 кораблей.\n";
  SegmentPresplit(ru);
  Document en;
  en.lang = "en";
  en.text = "The main parade in honor of Navy Day was held in Saint Petersburg\nToday the main parade in honor "
            "of the Russian Navy Day was held in Saint Petersburg.\n46 ships took part in the parade.\n";
  SegmentPresplit(en);
  REQUIRE_FALSE(ru.guessed_seams.empty());
  Alignment beads = AlignPieces(NoDictionary(), ru, en);
  REQUIRE(FormatLadder(beads, false) == "[0]:[0, 1]\n[1]:[2]\n");
  REQUIRE(ru.sentences.size() == 2);
  REQUIRE(Texts(ru)[1] == "В параде участвовали 46 кораблей.");
}

TEST_CASE("pieces: joining renumbers the beads after it and merges pieces left out together") {
  Document ru = Pieces("ru", {"а", "б", "в", "г", "д"}, {Seam::kSure, Seam::kGuessed, Seam::kSure, Seam::kGuessed, Seam::kSure});
  Document en = Pieces("en", {"a", "c", "e"}, {Seam::kSure, Seam::kSure, Seam::kSure});
  // "а б" with "a", then "в" and its piece "г" left out one by one, then "д" with "c", "e" alone.
  Alignment beads = {{0, 2, 0, 1, 0.9}, {2, 1, 1, 0, 0.6}, {3, 1, 1, 0, 0.5}, {4, 1, 1, 1, 0.8}, {5, 0, 2, 1, 0.7}};
  JoinPieces(ru, en, beads);
  REQUIRE(Texts(ru) == std::vector<std::string>{"а б", "в г", "д"});
  REQUIRE(FormatLadder(beads, false) == "[0]:[0]\n[1]:[]\n[2]:[1]\n[]:[2]\n");
  REQUIRE(beads[1].score == Approx(0.5));  // the run's weaker piece
}

TEST_CASE("pieces: a cut at a possible seam stands only where the alignment is sure to cut there") {
  Document ru = Pieces("ru", {"а б", "в г", "д е", "ж"}, {Seam::kSure, Seam::kPossible, Seam::kPossible, Seam::kSure});
  Document en = Pieces("en", {"a b", "c d", "e f", "g"}, {Seam::kSure, Seam::kPossible, Seam::kSure, Seam::kSure});
  // The beads beside the first cut are unsure (other groupings of the pieces around it share
  // their mass), but the cut itself is sure; the second cut is not.
  Alignment beads = {{0, 1, 0, 1, 0.7, 1.0}, {1, 1, 1, 1, 0.6, 0.95}, {2, 1, 2, 1, 0.9, 0.62}, {3, 1, 3, 1, 0.99, 0.99}};
  JoinPieces(ru, en, beads);
  REQUIRE(Texts(ru) == std::vector<std::string>{"а б", "в г д е", "ж"});
  REQUIRE(Texts(en) == std::vector<std::string>{"a b", "c d", "e f", "g"});  // "e f" opens a sentence of its own
  REQUIRE(FormatLadder(beads, false) == "[0]:[0]\n[1]:[1, 2]\n[2]:[3]\n");
  REQUIRE(beads[1].score == Approx(0.6));
}

TEST_CASE("pieces: a pre-split line stays whole across an omission and an unsure cut") {
  // Line 0 of the Russian file came in three pieces; the aligner put the last one after an
  // English sentence it left out, and the cut before it is unsure as well.
  Document ru = Pieces("ru", {"а", "б", "в", "г"}, {Seam::kSure, Seam::kGuessed, Seam::kPossible, Seam::kSure});
  ru.lines_given = true;
  Document en = Pieces("en", {"a", "b", "c", "d"}, {Seam::kSure, Seam::kSure, Seam::kSure, Seam::kSure});
  Alignment beads = {{0, 2, 0, 1, 0.95}, {2, 0, 1, 1, 0.8}, {2, 1, 2, 1, 0.7}, {3, 1, 3, 1, 0.99}};
  JoinPieces(ru, en, beads);
  REQUIRE(Texts(ru) == std::vector<std::string>{"а б в", "г"});
  REQUIRE(FormatLadder(beads, false) == "[0]:[0, 1, 2]\n[1]:[3]\n");
}

TEST_CASE("pieces: a possible seam is cut only where the other document has a seam near") {
  Document ru = Pieces("ru", {"Пожар в Томске потушен Огонь охватил склад на окраине города."}, {Seam::kSure});
  Document en = Pieces("en", {"Fire in Tomsk put out", "The fire engulfed a warehouse on the outskirts of the city."},
                       {Seam::kSure, Seam::kGuessed});
  ru.possible_seams = {ru.text.find("Огонь")};
  Document ru_alone = ru;
  CutPossibleSeams(ru, en);
  REQUIRE(Texts(ru) == std::vector<std::string>{"Пожар в Томске потушен", "Огонь охватил склад на окраине города."});
  REQUIRE(ru.sentences[1].seam == Seam::kPossible);
  REQUIRE(ru.possible_seams.empty());
  // Against a text with no seam near the start, nothing is cut.
  Document en_whole = Pieces("en", {"A fire that engulfed a warehouse on the outskirts of Tomsk has been put out."}, {Seam::kSure});
  CutPossibleSeams(ru_alone, en_whole);
  REQUIRE(ru_alone.sentences.size() == 1);
}

TEST_CASE("pieces: documents without guesses are left as they are") {
  Document ru = Pieces("ru", {"Один.", "Два."}, {Seam::kSure, Seam::kSure});
  Document en = Pieces("en", {"One.", "Two."}, {Seam::kSure, Seam::kSure});
  Alignment beads = {{0, 1, 0, 1, 1.0}, {1, 1, 1, 1, 1.0}};
  JoinPieces(ru, en, beads);
  REQUIRE(FormatLadder(beads, false) == "[0]:[0]\n[1]:[1]\n");
  REQUIRE(ru.sentences.size() == 2);
}

}  // namespace
}  // namespace newsalign
