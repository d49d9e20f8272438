#include "newsalign/text/segmenter.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "newsalign/text/reader.h"

namespace newsalign {
namespace {

namespace fs = std::filesystem;
using Sentences = std::vector<std::string>;

// Reads `text` as a file would be read (paragraphs included) and segments it.
Sentences Split(const std::string& text, const std::string& lang) {
  Document doc = ReadText(text, "mem", lang);
  Segment(doc);
  Sentences out;
  for (size_t i = 0; i < doc.sentences.size(); ++i) out.emplace_back(doc.SentenceText(i));
  return out;
}

struct Case {
  const char* lang;
  std::string text;
  Sentences want;
};

void Check(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO(c.lang << ": " << c.text);
    REQUIRE(Split(c.text, c.lang) == c.want);
  }
}

TEST_CASE("segmenter handles empty input") {
  Document doc;
  doc.lang = "ru";
  Segment(doc);
  REQUIRE(doc.sentences.empty());
  SentenceSegmenter ru("ru");
  REQUIRE(ru.Split("", Span{0, 0}).empty());
  REQUIRE(ru.Split("   ", Span{0, 3}).empty());
  REQUIRE(ru.lang() == "ru");
}

TEST_CASE("segmenter splits plain sentences") {
  Check({
      {"ru", "Он пришёл. Она ушла! Кто остался? Никто.", {"Он пришёл.", "Она ушла!", "Кто остался?", "Никто."}},
      {"en", "He came. She left! Who stayed? Nobody.", {"He came.", "She left!", "Who stayed?", "Nobody."}},
      {"ru", "Заголовок без точки", {"Заголовок без точки"}},
      {"ru", "Что?! Не может быть...", {"Что?!", "Не может быть..."}},
  });
}

TEST_CASE("segmenter keeps Russian abbreviations inside sentences") {
  Check({
      // Never at a sentence end.
      {"ru", "Это важно, т. е. Москва согласилась. Всё.", {"Это важно, т. е. Москва согласилась.", "Всё."}},
      {"ru", "Это важно, т.е. Москва согласилась. Всё.", {"Это важно, т.е. Москва согласилась.", "Всё."}},
      {"ru", "Он живёт в г. Душанбе на ул. Рудаки. Дом новый.", {"Он живёт в г. Душанбе на ул. Рудаки.", "Дом новый."}},
      {"ru", "Школа им. Пушкина (см. Приложение 2) открыта. Да.", {"Школа им. Пушкина (см. Приложение 2) открыта.", "Да."}},
      {"ru", "Согласно ст. 5 и п. 3 закона. Всё.", {"Согласно ст. 5 и п. 3 закона.", "Всё."}},
      {"ru", "Было ок. 5 тыс. человек. Потом меньше.", {"Было ок. 5 тыс. человек.", "Потом меньше."}},
      // Units and years end a sentence only after a number.
      {"ru", "Это было в 2017 г. Потом всё изменилось.", {"Это было в 2017 г.", "Потом всё изменилось."}},
      {"ru", "В 1990-х гг. Россия изменилась.", {"В 1990-х гг.", "Россия изменилась."}},
      {"ru", "Бюджет — 5 млрд. руб. в год. Это много.", {"Бюджет — 5 млрд. руб. в год.", "Это много."}},
      {"ru", "Цена выросла до 100 руб. Покупатели недовольны.", {"Цена выросла до 100 руб.", "Покупатели недовольны."}},
      {"ru", "Письмо по адресу: 350000, г. Краснодар. Ответ придёт.", {"Письмо по адресу: 350000, г. Краснодар.", "Ответ придёт."}},
      {"ru", "В 2017 г. 5 человек пострадали.", {"В 2017 г. 5 человек пострадали."}},
      // A number after a unit continues the amount, unless it opens a date.
      {"ru", "Проект стоит 1 млрд. 200 млн. рублей. Всё.", {"Проект стоит 1 млрд. 200 млн. рублей.", "Всё."}},
      {"ru", "Весной фонд получил около $3 трлн. 24 апреля закон подписали.",
       {"Весной фонд получил около $3 трлн.", "24 апреля закон подписали."}},
      // A currency sign before the number, a multiplier between the number and the unit.
      {"ru", "Прежний бюджет - $193 млн. Такое решение приняли.", {"Прежний бюджет - $193 млн.", "Такое решение приняли."}},
      {"ru", "Рисунок продан за €185 тыс. Покупатель неизвестен.", {"Рисунок продан за €185 тыс.", "Покупатель неизвестен."}},
      {"ru", "Победитель получит 3 млн руб. Форум проводится в 11-й раз.",
       {"Победитель получит 3 млн руб.", "Форум проводится в 11-й раз."}},
      // "лет" is a word, not an abbreviation.
      {"ru", "Сезон стал лучшим за пять лет. С мая парки посетили 12 млн человек.",
       {"Сезон стал лучшим за пять лет.", "С мая парки посетили 12 млн человек."}},
      // Common at a sentence end: a capital after them ends the sentence.
      {"ru", "Книги, журналы и т. д. Потом он ушёл.", {"Книги, журналы и т. д.", "Потом он ушёл."}},
      {"ru", "Книги, журналы и т.д. в общем всё.", {"Книги, журналы и т.д. в общем всё."}},
      {"ru", "Пришли Иванов, Петров и др. Собрание началось.", {"Пришли Иванов, Петров и др.", "Собрание началось."}},
  });
}

TEST_CASE("segmenter keeps English abbreviations inside sentences") {
  Check({
      {"en", "Mr. Smith met Dr. Jones and Prof. Brown. They talked.", {"Mr. Smith met Dr. Jones and Prof. Brown.", "They talked."}},
      {"en", "Sen. Warren and Gov. Newsom spoke in St. Louis. Then they left.", {"Sen. Warren and Gov. Newsom spoke in St. Louis.", "Then they left."}},
      {"en", "I read a text by Fr. Vladimir Zelinsky on it. He disagrees.", {"I read a text by Fr. Vladimir Zelinsky on it.", "He disagrees."}},
      {"en", "The U.S. President met U.K. officials at the U.N. Security Council. It went well.",
       {"The U.S. President met U.K. officials at the U.N. Security Council.", "It went well."}},
      {"en", "Troops left the U.S. The war was over.", {"Troops left the U.S.", "The war was over."}},
      {"en", "It happened on Jan. 5 and Sept. 12. No. 7 won.", {"It happened on Jan. 5 and Sept. 12.", "No. 7 won."}},
      {"en", "Apple Inc. said so. Apple vs. Google is old news.", {"Apple Inc. said so.", "Apple vs. Google is old news."}},
      {"en", "He bought apples, pears, etc. Then he left.", {"He bought apples, pears, etc.", "Then he left."}},
      {"en", "He bought apples, pears, etc. and left.", {"He bought apples, pears, etc. and left."}},
      {"en", "Shares of Acme Ltd. The company said nothing.", {"Shares of Acme Ltd.", "The company said nothing."}},
      {"en", "AURORA, Colo. (AP) - A car drove through a crowd. Police came.",
       {"AURORA, Colo. (AP) - A car drove through a crowd.", "Police came."}},
  });
}

TEST_CASE("segmenter keeps initials with the name") {
  Check({
      {"ru", "Встреча с К. Маноновым прошла. Итоги подвели.", {"Встреча с К. Маноновым прошла.", "Итоги подвели."}},
      {"ru", "Генсек Ю. В. Андропов умер в 1984 году. Его сменил К. У. Черненко.",
       {"Генсек Ю. В. Андропов умер в 1984 году.", "Его сменил К. У. Черненко."}},
      {"ru", "Генсек Ю.В. Андропов умер.", {"Генсек Ю.В. Андропов умер."}},
      {"ru", "Президент США Дж. Буш прибыл. Визит начался.", {"Президент США Дж. Буш прибыл.", "Визит начался."}},
      {"en", "A. S. Pushkin wrote it. J.R.R. Tolkien read it.", {"A. S. Pushkin wrote it.", "J.R.R. Tolkien read it."}},
      // Spaced initials, also when one reads like a sentence opener ("И", "A", "I") or is a
      // transliterated digraph ("Sh.").
      {"ru", "Технопарк им. Н. И. Лобачевского открыт. Да.", {"Технопарк им. Н. И. Лобачевского открыт.", "Да."}},
      {"ru", "Подписали директор И. А. Гарипов и Й. Краузе. Всё.", {"Подписали директор И. А. Гарипов и Й. Краузе.", "Всё."}},
      {"en", "It was signed by CEO I. A. Garipov. Then they left.", {"It was signed by CEO I. A. Garipov.", "Then they left."}},
      {"en", "The N. I. Lobachevsky Technopark is open. Yes.", {"The N. I. Lobachevsky Technopark is open.", "Yes."}},
      {"en", "The engineer, Dr. Sh. R. Davlatov, spoke. Yes.", {"The engineer, Dr. Sh. R. Davlatov, spoke.", "Yes."}},
      // A single capital before a sentence opener is not an initial; nor is "I.".
      {"en", "We chose plan B. The others did not.", {"We chose plan B.", "The others did not."}},
      {"en", "It ended World War I. Peace came.", {"It ended World War I.", "Peace came."}},
  });
}

TEST_CASE("segmenter never splits numbers and dates") {
  Check({
      {"ru", "Курс — 3.5 рубля. Вчера было 09.12.2017 и 1.5 млн человек. Всё.",
       {"Курс — 3.5 рубля.", "Вчера было 09.12.2017 и 1.5 млн человек.", "Всё."}},
      {"ru", "Рост составил 3,5 млн. Это рекорд.", {"Рост составил 3,5 млн.", "Это рекорд."}},
      {"en", "Sales were 1.5 million, up 2.4 percent, on 12.04.2024. Good.",
       {"Sales were 1.5 million, up 2.4 percent, on 12.04.2024.", "Good."}},
      {"ru", "Произошло ДТП. 73-летний пенсионер ехал домой.", {"Произошло ДТП.", "73-летний пенсионер ехал домой."}},
      {"ru", "1. Первый пункт списка.", {"1. Первый пункт списка."}},
  });
}

TEST_CASE("segmenter keeps quotes with their sentence") {
  Check({
      {"ru", "Он сказал: «Это конец.» Потом ушёл.", {"Он сказал: «Это конец.»", "Потом ушёл."}},
      {"ru", "«Ты придёшь?» — спросил он. Она кивнула.", {"«Ты придёшь?» — спросил он.", "Она кивнула."}},
      {"ru", "«Ура!» — закричали все. Праздник начался.", {"«Ура!» — закричали все.", "Праздник начался."}},
      {"ru", "Он прочёл: «Книга „Война и мир“ — шедевр.» Потом ушёл.",
       {"Он прочёл: «Книга „Война и мир“ — шедевр.»", "Потом ушёл."}},
      {"ru", "«Почему?» — спросил Иван. «Потому!» — ответил Пётр.", {"«Почему?» — спросил Иван.", "«Потому!» — ответил Пётр."}},
      {"en", "“Are you coming?” he asked. She nodded.", {"“Are you coming?” he asked.", "She nodded."}},
      {"en", "\"Why?\" Schladow said. Nobody knew.", {"\"Why?\" Schladow said.", "Nobody knew."}},
      {"en", "She said: \"It is over.\" Then she left.", {"She said: \"It is over.\"", "Then she left."}},
  });
}

TEST_CASE("segmenter starts a sentence at a dialogue dash") {
  Check({
      {"ru", "— Привет, — сказал он. — Как дела?\n— Хорошо, — ответила она",
       {"— Привет, — сказал он.", "— Как дела?", "— Хорошо, — ответила она"}},
      {"ru", "Он спросил\n— Ты где\n– Дома", {"Он спросил", "— Ты где", "– Дома"}},
      {"ru", "Сообщили в МВД. - С травмами ребёнка госпитализировали.", {"Сообщили в МВД.", "- С травмами ребёнка госпитализировали."}},
      {"ru", "Всё хорошо! — сказал он.", {"Всё хорошо! — сказал он."}},
  });
}

TEST_CASE("segmenter handles ellipses") {
  Check({
      {"ru", "Он подумал… Потом ушёл.", {"Он подумал…", "Потом ушёл."}},
      {"ru", "Он думал… и думал. Долго.", {"Он думал… и думал.", "Долго."}},
      {"ru", "Он думал... и думал. Долго.", {"Он думал... и думал.", "Долго."}},
      {"ru", "Он думал... Потом решил.", {"Он думал...", "Потом решил."}},
      {"en", "Well… maybe. Then again…", {"Well… maybe.", "Then again…"}},
  });
}

TEST_CASE("segmenter handles Latin words in Russian text") {
  Check({
      {"ru", "Компания Apple Inc. заявила о росте. В U.S. Army служат.", {"Компания Apple Inc. заявила о росте.", "В U.S. Army служат."}},
      {"ru", "Обновление Windows 10 May 2020 Update вышло. Microsoft подтвердила.",
       {"Обновление Windows 10 May 2020 Update вышло.", "Microsoft подтвердила."}},
      {"ru", "Рекламный щит oOh!media модернизировали. Это дорого.", {"Рекламный щит oOh!media модернизировали.", "Это дорого."}},
      {"ru", "Сайт news.tj сообщил. Mr. Smith согласен.", {"Сайт news.tj сообщил.", "Mr. Smith согласен."}},
      // No space after a terminator other than the period: a name or a number.
      {"ru", "Сигнал поступил в 01։23 часов ночи. Спасатели выехали.", {"Сигнал поступил в 01։23 часов ночи.", "Спасатели выехали."}},
  });
}

TEST_CASE("segmenter keeps a dateline with the first sentence") {
  Check({
      {"ru", "ДУШАНБЕ, 9 декабря /НИАТ «Ховар»/. Президент провёл встречу. Она прошла.",
       {"ДУШАНБЕ, 9 декабря /НИАТ «Ховар»/. Президент провёл встречу.", "Она прошла."}},
      {"ru", "ДУШАНБЕ, 09.12.2017 /НИАТ «Ховар»/. Президент провёл встречу.",
       {"ДУШАНБЕ, 09.12.2017 /НИАТ «Ховар»/. Президент провёл встречу."}},
      {"ru", "СИЭТЛ. Спустя недели всё стихло. США заявили.", {"СИЭТЛ. Спустя недели всё стихло.", "США заявили."}},
      // A place and its region after a comma; a dash after a state abbreviation.
      {"ru", "ОРОРА, Колорадо. (AP) – Автомобиль въехал в толпу. Полиция приехала.",
       {"ОРОРА, Колорадо. (AP) – Автомобиль въехал в толпу.", "Полиция приехала."}},
      {"en", "AUGUSTA, Ga. -- Authorities pulled a car from a pond. Police came.",
       {"AUGUSTA, Ga. -- Authorities pulled a car from a pond.", "Police came."}},
      {"ru", "США, Россия и Китай. Три страны подписали договор.", {"США, Россия и Китай.", "Три страны подписали договор."}},
      // Only at the start of a paragraph.
      {"ru", "Было тихо. СИЭТЛ. Спустя недели всё стихло.", {"Было тихо.", "СИЭТЛ.", "Спустя недели всё стихло."}},
  });
}

TEST_CASE("segmenter cuts a headline glued to the lead at the start of a document") {
  Check({
      // A seam before a word that opens sentences ("В", "An"), after a lower-case word.
      {"ru", "В Иркутске самолёт совершил вынужденную посадку В Иркутске самолёт, летевший из Москвы, "
             "совершил вынужденную посадку из-за курившего пассажира. Пассажира задержали.",
       {"В Иркутске самолёт совершил вынужденную посадку",
        "В Иркутске самолёт, летевший из Москвы, совершил вынужденную посадку из-за курившего пассажира.",
        "Пассажира задержали."}},
      {"en", "An airplane made a forced landing in Irkutsk An airplane flying from Moscow made a forced "
             "landing in Irkutsk because a passenger was smoking. He was detained.",
       {"An airplane made a forced landing in Irkutsk",
        "An airplane flying from Moscow made a forced landing in Irkutsk because a passenger was smoking.",
        "He was detained."}},
      // English capitalises days and months: an opener before one starts the lead after a
      // place name ("Volgograd | On Saturday"); before another capital it is part of a name.
      {"en", "Child injured in car accident near Volgograd On Saturday, July 25, a car overturned on a "
             "dirt road near the village. The girl is in hospital.",
       {"Child injured in car accident near Volgograd",
        "On Saturday, July 25, a car overturned on a dirt road near the village.", "The girl is in hospital."}},
      {"en", "Child injured in car accident near Stoke On Trent a car overturned on a dirt road near the "
             "village. The girl is in hospital.",
       {"Child injured in car accident near Stoke On Trent a car overturned on a dirt road near the village.",
        "The girl is in hospital."}},
      // Without such a word, the lead must repeat the headline ("Мексика", "объявила",
      // "тревогу"); the seam before an ordinary word ("власти" is in the document) wins.
      {"ru", "Мексика объявила тревогу из-за урагана «Ханна» Власти Мексики объявили тревогу в двух "
             "штатах и эвакуировали туристов. Местные власти просят сохранять спокойствие.",
       {"Мексика объявила тревогу из-за урагана «Ханна»",
        "Власти Мексики объявили тревогу в двух штатах и эвакуировали туристов.",
        "Местные власти просят сохранять спокойствие."}},
      // No repetition, no opener: left whole (a mid-sentence capital is a name until shown not).
      {"ru", "Мексика объявила тревогу из-за урагана «Ханна» Власти двух штатов подготовили убежища для "
             "жителей побережья и эвакуировали туристов. Местные власти просят сохранять спокойствие.",
       {"Мексика объявила тревогу из-за урагана «Ханна» Власти двух штатов подготовили убежища для "
        "жителей побережья и эвакуировали туристов.",
        "Местные власти просят сохранять спокойствие."}},
      // No lexical evidence, but the lead repeats the headline ("Тиньков", "пересадки",
      // "костного"): the seam is before the repetition, and not inside the name "Олег Тиньков".
      {"ru", "Тиньков показал видеозапись пересадки костного мозга Российский предприниматель Олег "
             "Тиньков опубликовал видео о пересадке костного мозга. Он поблагодарил врачей.",
       {"Тиньков показал видеозапись пересадки костного мозга",
        "Российский предприниматель Олег Тиньков опубликовал видео о пересадке костного мозга.",
        "Он поблагодарил врачей."}},
      // A headline and a subtitle.
      {"ru", "Синоптики рассказали о погоде на выходные В субботу ожидается гроза Синоптики "
             "предупредили жителей столицы о грозе и сильном ветре в субботу. Ветер усилится к вечеру.",
       {"Синоптики рассказали о погоде на выходные", "В субботу ожидается гроза",
        "Синоптики предупредили жителей столицы о грозе и сильном ветре в субботу.",
        "Ветер усилится к вечеру."}},
      // After a short first sentence, the second one is the zone.
      {"ru", "Российский рекорд. Школьник сдал экзамен на 400 баллов В Костроме школьник сдал все "
             "экзамены на 400 баллов и стал рекордсменом области. Его поздравил губернатор.",
       {"Российский рекорд.", "Школьник сдал экзамен на 400 баллов",
        "В Костроме школьник сдал все экзамены на 400 баллов и стал рекордсменом области.",
        "Его поздравил губернатор."}},
  });
}

// Whether the first `word` of `doc` is one of its possible seams.
bool Noted(const Document& doc, const char* word) {
  const size_t at = doc.text.find(word);
  return std::find(doc.possible_seams.begin(), doc.possible_seams.end(), at) != doc.possible_seams.end();
}

TEST_CASE("segmenter marks headline cuts as guesses and notes the seams it passed over") {
  Document doc = ReadText("В Иркутске самолёт совершил вынужденную посадку В Иркутске самолёт, летевший из Москвы, "
                          "совершил вынужденную посадку. Пассажира задержали.",
                          "mem", "ru");
  Segment(doc);
  REQUIRE(doc.sentences.size() == 3);
  REQUIRE(doc.sentences[0].seam == Seam::kSure);
  REQUIRE(doc.sentences[1].seam == Seam::kGuessed);  // no punctuation: the aligner may join it again
  REQUIRE(doc.sentences[2].seam == Seam::kSure);

  // Left whole (no opener, no repetition), but the place after the quote is noted; a capital
  // inside a run of capitals ("Нуэво | Леон") is not, nor anything past the headline zone.
  doc = ReadText("Мексика объявила тревогу из-за урагана «Ханна» Власти двух штатов Тамаулипас и Нуэво Леон "
                 "подготовили убежища для жителей побережья. Местные власти Мексики просят сохранять спокойствие.",
                 "mem", "ru");
  Segment(doc);
  REQUIRE(doc.sentences.size() == 2);
  REQUIRE(Noted(doc, "Власти"));
  REQUIRE_FALSE(Noted(doc, "Леон"));
  for (size_t at : doc.possible_seams) REQUIRE(at < doc.sentences[0].span.end);

  // After a name, a capital is noted only when it is an ordinary word, one the document also
  // writes in lower case ("огонь"), not a name's second word ("Римский").
  doc = ReadText("Папа Римский приветствовал соглашение по Донбассу Огонь на линии разграничения прекратится "
                 "27 июля. Стороны обещали, что огонь больше не откроют.",
                 "mem", "ru");
  Segment(doc);
  REQUIRE(Noted(doc, "Огонь"));
  REQUIRE_FALSE(Noted(doc, "Римский"));

  // A name in the possessive after another name is noted when the document uses both
  // elsewhere but never together again ("Marco | Florida's"); a first name and a surname used
  // the same way are one name ("Ron | DeSantis"), and so is a pair it repeats ("Ron |
  // DeSantis's").
  const std::pair<const char*, const char*> storms[] = {
      {"Storm alert in two states over Hurricane Marco Florida's emergency agency raised the alert in six "
       "counties, Governor Ron DeSantis said. Marco brought heavy rain to the coast. Florida's schools stay "
       "closed, DeSantis added. Ron thanked the rescuers.",
       "DeSantis"},
      {"Storm alert in two states over Hurricane Marco Florida's emergency agency raised the alert in six "
       "counties, and Governor Ron DeSantis's office said so. Marco brought heavy rain to the coast. Florida's "
       "schools stay closed, Ron DeSantis added.",
       "DeSantis's"},
  };
  for (const auto& [text, one_name] : storms) {
    doc = ReadText(text, "mem", "en");
    Segment(doc);
    REQUIRE(Noted(doc, "Florida's"));
    REQUIRE_FALSE(Noted(doc, one_name));
  }
}

TEST_CASE("segmenter cuts where the lead echoes the headline's opening (issue 3)") {
  Check({
      // The lead opens with the headline's first words: a seam even when the headline has commas
      // (which rule out a repeat seam) and even before a name.
      {"ru", "Пожарный из Твери, рискуя жизнью, спас кошку из огня Пожарный из Твери вынес кошку из "
             "горящего дома на улице Советской во вторник. Кошка здорова.",
       {"Пожарный из Твери, рискуя жизнью, спас кошку из огня",
        "Пожарный из Твери вынес кошку из горящего дома на улице Советской во вторник.", "Кошка здорова."}},
      {"en", "The Stone Bridge, closed for two years, reopened in Riga The Stone Bridge in the centre of "
             "Riga reopened to traffic on Monday. Drivers welcomed it.",
       {"The Stone Bridge, closed for two years, reopened in Riga",
        "The Stone Bridge in the centre of Riga reopened to traffic on Monday.", "Drivers welcomed it."}},
      // A title before the echoed name belongs to the lead.
      {"ru", "Путин открыл новый мост через Волгу Президент России Владимир Путин открыл в воскресенье "
             "новый мост через Волгу в Самаре. Движение по мосту начнётся завтра.",
       {"Путин открыл новый мост через Волгу",
        "Президент России Владимир Путин открыл в воскресенье новый мост через Волгу в Самаре.",
        "Движение по мосту начнётся завтра."}},
      {"en", "Lisbon, not Porto, will host the sailing final Portuguese capital Lisbon will host the final "
             "of the sailing cup next May. Tickets go on sale soon.",
       {"Lisbon, not Porto, will host the sailing final",
        "Portuguese capital Lisbon will host the final of the sailing cup next May.",
        "Tickets go on sale soon."}},
      // After a subtitle, the lead may still echo the headline (not the subtitle), title and all.
      {"en", "Putin opened a new bridge over the Volga The president cut the ribbon in Samara on the "
             "riverbank Russian President Vladimir Putin opened a new bridge over the Volga in Samara on Sunday.",
       {"Putin opened a new bridge over the Volga", "The president cut the ribbon in Samara on the riverbank",
        "Russian President Vladimir Putin opened a new bridge over the Volga in Samara on Sunday."}},
      // ... but an echo the first cut already used does not cut the title from its name.
      {"en", "Lazarev lost eight kilos in isolation Russian singer Lazarev admitted that he lost eight kilos "
             "in isolation this spring.",
       {"Lazarev lost eight kilos in isolation",
        "Russian singer Lazarev admitted that he lost eight kilos in isolation this spring."}},
      // A headline may end with a colon: the lead starts with the run of capitals after it ...
      {"ru", "Путин встретился с моряками на палубе: Президент России Владимир Путин встретился с "
             "моряками на палубе крейсера. Встреча длилась час.",
       {"Путин встретился с моряками на палубе:",
        "Президент России Владимир Путин встретился с моряками на палубе крейсера.", "Встреча длилась час."}},
      // ... also when the seam was found inside that run ("President", a word the text writes
      // in lower case too).
      {"en", "Putin met the sailors on deck: Russian President Vladimir Putin talked to the sailors of the "
             "cruiser on Sunday. The president thanked the crew.",
       {"Putin met the sailors on deck:",
        "Russian President Vladimir Putin talked to the sailors of the cruiser on Sunday.",
        "The president thanked the crew."}},
      // Never inside a run of capitals that cannot be cut in front (after a comma).
      {"ru", "Путин встретился с моряками на палубе, Президент России Владимир Путин встретился с "
             "моряками на палубе крейсера. Встреча длилась час.",
       {"Путин встретился с моряками на палубе, Президент России Владимир Путин встретился с моряками на "
        "палубе крейсера.",
        "Встреча длилась час."}},
      // Never inside quotes: a quoted name ends the headline, whole.
      {"ru", "Музыканты из Казани выступили в клубе \"Зелёный Театр\" Музыканты из Казани дали концерт в "
             "субботу вечером и собрали полный зал.",
       {"Музыканты из Казани выступили в клубе \"Зелёный Театр\"",
        "Музыканты из Казани дали концерт в субботу вечером и собрали полный зал."}},
      {"ru", "\"Динамо\" и \"Ротор\" сыграют в Волгограде Местная газета \"Вечерний Волгоград\" пишет, что "
             "\"Московское Динамо\" и волгоградский \"Ротор\" всё же сыграют 5 августа.",
       {"\"Динамо\" и \"Ротор\" сыграют в Волгограде",
        "Местная газета \"Вечерний Волгоград\" пишет, что \"Московское Динамо\" и волгоградский \"Ротор\" всё "
        "же сыграют 5 августа."}},
      // An echo after "что" / "that" is inside the lead's clause: no echo seam there.
      {"en", "City and United will meet in the cup final in London The Herald reports that Manchester City "
             "and United will meet at Wembley on May 20.",
       {"City and United will meet in the cup final in London",
        "The Herald reports that Manchester City and United will meet at Wembley on May 20."}},
      {"ru", "\"Спартак\" и \"Динамо\" сыграют финал кубка в Москве Местная газета \"Вечерка\" пишет, что "
             "Московский Спартак и \"Динамо\" встретятся 20 мая.",
       {"\"Спартак\" и \"Динамо\" сыграют финал кубка в Москве",
        "Местная газета \"Вечерка\" пишет, что Московский Спартак и \"Динамо\" встретятся 20 мая."}},
  });
}

TEST_CASE("segmenter cuts before a dateline glued to the headline (issue 3)") {
  Check({
      // An upper-case place name with a comma, a period, an agency in brackets or a dash after it.
      {"ru", "В Архангельске открыли новый мост через Двину АРХАНГЕЛЬСК, Россия -- Новый мост через "
             "Северную Двину открыли для движения в пятницу. Строили его три года.",
       {"В Архангельске открыли новый мост через Двину",
        "АРХАНГЕЛЬСК, Россия -- Новый мост через Северную Двину открыли для движения в пятницу.",
        "Строили его три года."}},
      {"en", "Storm closes ferry service on the lake GENEVA (AP) - A sudden storm closed the ferry service on "
             "the lake on Sunday afternoon. Nobody was hurt.",
       {"Storm closes ferry service on the lake",
        "GENEVA (AP) - A sudden storm closed the ferry service on the lake on Sunday afternoon.",
        "Nobody was hurt."}},
      // Not an acronym inside a sentence ("ЮНЕСКО,", "НАТО,"), nor a code with short parts.
      {"ru", "Новый список памятников утвердили эксперты ЮНЕСКО, которые собрались в Париже на прошлой "
             "неделе. Список опубликуют в мае.",
       {"Новый список памятников утвердили эксперты ЮНЕСКО, которые собрались в Париже на прошлой неделе.",
        "Список опубликуют в мае."}},
      {"ru", "Для анализа в лаборатории используют метод ОТ-ПЦР, который дает ответ за сутки и почти не "
             "ошибается. Анализ бесплатный.",
       {"Для анализа в лаборатории используют метод ОТ-ПЦР, который дает ответ за сутки и почти не ошибается.",
        "Анализ бесплатный."}},
  });
}

TEST_CASE("segmenter cuts before a lead that describes a name from the headline (issue 3)") {
  Check({
      // "Вратарь Пётр Сомов": a capitalised description, then the headline's name.
      {"ru", "«Сокол» не будет продлевать контракт с Сомовым Вратарь Пётр Сомов покинет «Сокол» после "
             "окончания сезона, сообщил клуб. Ему 31 год.",
       {"«Сокол» не будет продлевать контракт с Сомовым",
        "Вратарь Пётр Сомов покинет «Сокол» после окончания сезона, сообщил клуб.", "Ему 31 год."}},
      // Not before a first name after a description in lower case ("губернатор края Игорь").
      {"ru", "Лебедев пообещал отремонтировать дороги Губернатор края Игорь Лебедев пообещал "
             "отремонтировать все дороги области до осени. Работы начнутся в мае.",
       {"Лебедев пообещал отремонтировать дороги",
        "Губернатор края Игорь Лебедев пообещал отремонтировать все дороги области до осени.",
        "Работы начнутся в мае."}},
      // Not before a name the headline already wrote as one ("Польши").
      {"ru", "Лидеры Литвы и Польши обсудили строительство дороги Президент Литвы Ян Кос и президент Польши "
             "Марек Вуйчик обсудили строительство дороги. Встреча прошла в Вильнюсе.",
       {"Лидеры Литвы и Польши обсудили строительство дороги",
        "Президент Литвы Ян Кос и президент Польши Марек Вуйчик обсудили строительство дороги.",
        "Встреча прошла в Вильнюсе."}},
      // A sentence that names someone twice, with a comma, stays whole.
      {"ru", "Тренер похвалил Сомова, сказав журналистам, что Вратарь Пётр Сомов сыграл лучший матч в "
             "сезоне. Клуб согласен.",
       {"Тренер похвалил Сомова, сказав журналистам, что Вратарь Пётр Сомов сыграл лучший матч в сезоне.",
        "Клуб согласен."}},
      // English too: "Goalkeeper Peter Somov".
      {"en", "Falcons will not extend contract with Somov Goalkeeper Peter Somov is leaving the Falcons at "
             "the end of the season, the club said. He is 31.",
       {"Falcons will not extend contract with Somov",
        "Goalkeeper Peter Somov is leaving the Falcons at the end of the season, the club said.", "He is 31."}},
      {"en", "The coach praised Somov, telling reporters that Goalkeeper Peter Somov played his best game of "
             "the season. The club agrees.",
       {"The coach praised Somov, telling reporters that Goalkeeper Peter Somov played his best game of the season.",
        "The club agrees."}},
  });
}

TEST_CASE("segmenter cuts before a sentence opener glued to the previous sentence (issue 3)") {
  Check({
      // Past the headline zone: a lost period before "По его словам", "According to".
      {"ru", "Ночью над городом прошла сильная гроза с градом. Утром на совещании выступил глава района "
             "По его словам, дороги отремонтируют к осени. Жители довольны.",
       {"Ночью над городом прошла сильная гроза с градом.", "Утром на совещании выступил глава района",
        "По его словам, дороги отремонтируют к осени.", "Жители довольны."}},
      {"en", "The storm passed over the coast during the night. Repairs began this morning in the harbour "
             "town According to the mayor, most roads will reopen by Friday. Schools are closed.",
       {"The storm passed over the coast during the night.", "Repairs began this morning in the harbour town",
        "According to the mayor, most roads will reopen by Friday.", "Schools are closed."}},
      // A period typed as a comma: a capitalised opener after it starts a sentence; not one
      // that opens a name ("The Times").
      {"en", "The storm passed over the coast during the night. Repairs began in the harbour town today, "
             "July 24, During the repairs, most roads will stay closed. Schools are closed.",
       {"The storm passed over the coast during the night.", "Repairs began in the harbour town today, July 24,",
        "During the repairs, most roads will stay closed.", "Schools are closed."}},
      {"ru", "Ночью над городом прошла сильная гроза с градом. Утром глава района встретился с жителями, "
             "По его словам, дороги отремонтируют к осени. Жители довольны.",
       {"Ночью над городом прошла сильная гроза с градом.", "Утром глава района встретился с жителями,",
        "По его словам, дороги отремонтируют к осени.", "Жители довольны."}},
      {"en", "The storm passed over the coast during the night. Repairs began in the harbour town, The "
             "Times reported on Friday. Schools are closed.",
       {"The storm passed over the coast during the night.",
        "Repairs began in the harbour town, The Times reported on Friday.", "Schools are closed."}},
      // A one-word rubric ahead of its item: a sentence opener or the same word follows.
      {"ru", "Министр не стал приносить извинений за внезапное решение. Протесты В ряде городов прошли "
             "акции против расовой несправедливости.",
       {"Министр не стал приносить извинений за внезапное решение.", "Протесты",
        "В ряде городов прошли акции против расовой несправедливости."}},
      {"en", "The minister did not apologize for the sudden decision. Protests Protests have been held "
             "in a number of cities against racial injustice.",
       {"The minister did not apologize for the sudden decision.", "Protests",
        "Protests have been held in a number of cities against racial injustice."}},
      {"en", "The minister did not apologize for the sudden decision. Moscow Mayor Sergei Sobyanin "
             "has not commented on the decision so far.",
       {"The minister did not apologize for the sudden decision.",
        "Moscow Mayor Sergei Sobyanin has not commented on the decision so far."}},
      // Not a one-letter word ("Serie A", "серии А"), nor one before a capital.
      {"en", "The storm passed over the coast during the night. Last season the club finished fifth in Serie "
             "A and hopes for more this year.",
       {"The storm passed over the coast during the night.",
        "Last season the club finished fifth in Serie A and hopes for more this year."}},
      {"ru", "Ночью над городом прошла сильная гроза с градом. Болельщики клуба из серии А ждут новый "
             "сезон с большим нетерпением.",
       {"Ночью над городом прошла сильная гроза с градом.",
        "Болельщики клуба из серии А ждут новый сезон с большим нетерпением."}},
      {"ru", "Ночью над городом прошла сильная гроза с градом. Верующие всю ночь просили Его Святой "
             "помощи и защиты для города.",
       {"Ночью над городом прошла сильная гроза с градом.",
        "Верующие всю ночь просили Его Святой помощи и защиты для города."}},
  });
}

TEST_CASE("segmenter cuts headlines run together at the end of a paragraph (issue 3)") {
  // Past the headline zone ("Водитель ... не пострадал." is not short), so only a paragraph's
  // unpunctuated ending is searched as a headline zone is: one-letter openers ("В", "A") count.
  const std::string ru_lead = "Полиция ищет свидетелей вчерашней аварии на северном шоссе. Водитель грузовика не пострадал. ";
  const std::string en_lead = "Police are looking for witnesses of the crash on the northern highway. The lorry driver was not hurt. ";
  const Sentences ru_first = {"Полиция ищет свидетелей вчерашней аварии на северном шоссе.", "Водитель грузовика не пострадал."};
  const Sentences en_first = {"Police are looking for witnesses of the crash on the northern highway.", "The lorry driver was not hurt."};
  auto with = [](Sentences first, std::vector<std::string> rest) {
    first.insert(first.end(), rest.begin(), rest.end());
    return first;
  };
  Check({
      // Links to related news at the end of a page, flattened without punctuation.
      {"ru", ru_lead + "Пожар уничтожил склад на окраине города В Тверской области открыли новый мост через Волгу",
       with(ru_first, {"Пожар уничтожил склад на окраине города", "В Тверской области открыли новый мост через Волгу"})},
      {"en", en_lead + "A fire destroyed a warehouse on the edge of town A new bridge over the Volga has opened in the Tver region",
       with(en_first, {"A fire destroyed a warehouse on the edge of town", "A new bridge over the Volga has opened in the Tver region"})},
      // A sentence that ends with its full stop is an ordinary one.
      {"ru", ru_lead + "Пожар уничтожил склад на окраине города В Тверской области открыли новый мост через Волгу.",
       with(ru_first, {"Пожар уничтожил склад на окраине города В Тверской области открыли новый мост через Волгу."})},
      // Nothing in it that opens a sentence: left whole.
      {"ru", ru_lead + "Читайте также наши материалы о погоде в Москве и Подмосковье на этой неделе",
       with(ru_first, {"Читайте также наши материалы о погоде в Москве и Подмосковье на этой неделе"})},
  });
}

TEST_CASE("segmenter leaves names and ordinary sentences whole at the start of a document") {
  Check({
      // Capitals inside a normal first sentence are names.
      {"ru", "Президент России Владимир Путин провёл совещание с членами правительства в Кремле и "
             "обсудил с министрами подготовку к зиме. Совещание длилось три часа.",
       {"Президент России Владимир Путин провёл совещание с членами правительства в Кремле и обсудил с "
        "министрами подготовку к зиме.",
        "Совещание длилось три часа."}},
      {"en", "The British newspaper The Guardian reports that Manchester City may play the return match "
             "in Manchester next week. The club declined to comment.",
       {"The British newspaper The Guardian reports that Manchester City may play the return match in "
        "Manchester next week.",
        "The club declined to comment."}},
      {"en", "Chief executive Greg Moshal said the government's support for small firms in Sydney "
             "would help many of them survive the winter. Moshal declined to give figures.",
       {"Chief executive Greg Moshal said the government's support for small firms in Sydney would "
        "help many of them survive the winter.",
        "Moshal declined to give figures."}},
      // English words inside Russian text are not Russian sentence openers.
      {"ru", "Жители Миннеаполиса создают отряды для патрулирования улиц, сообщает газета The Wall "
             "Street Journal со ссылкой на жителей. Отряды вооружены.",
       {"Жители Миннеаполиса создают отряды для патрулирования улиц, сообщает газета The Wall Street "
        "Journal со ссылкой на жителей.",
        "Отряды вооружены."}},
      // A short zone is left alone.
      {"ru", "Дожди в Москве Синоптики обещают тепло.", {"Дожди в Москве Синоптики обещают тепло."}},
      // Only the first paragraph of a document.
      {"ru", "Пассажира задержали.\n\nВ Иркутске самолёт совершил вынужденную посадку В Иркутске "
             "самолёт, летевший из Москвы, совершил вынужденную посадку из-за курившего пассажира.",
       {"Пассажира задержали.",
        "В Иркутске самолёт совершил вынужденную посадку В Иркутске самолёт, летевший из Москвы, "
        "совершил вынужденную посадку из-за курившего пассажира."}},
  });
  // Only for the languages with word lists.
  REQUIRE(Split("Der Präsident besuchte die Stadt Die Bürger begrüßten ihn auf dem Marktplatz und "
                "feierten bis in die Nacht. Gut.", "de").size() == 2);
}

TEST_CASE("sentences never cross paragraphs and are trimmed") {
  Document doc = ReadText("  Первый абзац\nбез точки\n\n Второй. Третий.  \n", "mem", "ru");
  Segment(doc);
  REQUIRE(doc.sentences.size() == 3);
  REQUIRE(doc.SentenceText(0) == "Первый абзац\nбез точки");
  REQUIRE(doc.sentences[0].paragraph == 0);
  REQUIRE(doc.SentenceText(1) == "Второй.");
  REQUIRE(doc.sentences[1].paragraph == 1);
  REQUIRE(doc.SentenceText(2) == "Третий.");
  REQUIRE(doc.sentences[2].paragraph == 1);
  for (const Sentence& s : doc.sentences) {
    const Span& p = doc.paragraphs[static_cast<size_t>(s.paragraph)];
    REQUIRE(s.span.begin >= p.begin);
    REQUIRE(s.span.end <= p.end);
  }
  // Line ends inside a paragraph are not breaks (hard-wrapped text), CRLF included.
  REQUIRE(Split("Это длинное\r\nпредложение. Второе.\r\n\r\nДругое.", "ru") ==
          Sentences{"Это длинное\r\nпредложение.", "Второе.", "Другое."});
}

TEST_CASE("segmenter survives zero-width, control and bidi characters") {
  const std::string text =
      "Сло\xE2\x80\x8Bво\x07. \xE2\x80\x8FRight\xE2\x80\xAE to left. \xEF\xBB\xBF" "BOM\x1B[0m inside.\xE2\x80\x8D";
  Sentences got = Split(text, "ru");
  REQUIRE(got.size() == 3);
  REQUIRE(got[0] == "Сло\xE2\x80\x8Bво\x07.");
  // A paragraph of only invisible characters is kept whole.
  REQUIRE(Split("\xE2\x80\x8B\xE2\x80\x8C", "ru").size() == 1);
}

TEST_CASE("segmenter works for other languages with ICU's rules") {
  Check({
      {"de", "Er kam. Sie ging.", {"Er kam.", "Sie ging."}},
      {"fr", "Il est venu. Elle est partie ! Vraiment ?", {"Il est venu.", "Elle est partie !", "Vraiment ?"}},
  });
}

TEST_CASE("SegmentPresplit keeps line numbers") {
  Document doc;
  doc.lang = "ru";
  doc.text = "Первая строка. Ещё.\r\n\n  Третья  \rЧетвёртая\n";
  SegmentPresplit(doc);
  REQUIRE(doc.paragraphs.size() == 1);
  REQUIRE(doc.sentences.size() == 4);
  REQUIRE(doc.SentenceText(0) == "Первая строка. Ещё.");
  REQUIRE(doc.SentenceText(1).empty());
  REQUIRE(doc.SentenceText(2) == "Третья");
  REQUIRE(doc.SentenceText(3) == "Четвёртая");
  for (const Sentence& s : doc.sentences) REQUIRE(s.paragraph == 0);

  doc.text = "без конца строки";
  SegmentPresplit(doc);
  REQUIRE(doc.sentences.size() == 1);
  doc.text = "";
  SegmentPresplit(doc);
  REQUIRE(doc.sentences.empty());
}

TEST_CASE("SegmentPresplit notes a headline glued into the first line without cutting it") {
  Document doc;
  doc.lang = "ru";
  doc.text =
      "В Иркутске самолёт совершил вынужденную посадку В Иркутске самолёт, летевший из Москвы, совершил "
      "вынужденную посадку.\nПассажира задержали.\n";
  SegmentPresplit(doc);
  REQUIRE(doc.lines_given);
  REQUIRE(doc.sentences.size() == 2);  // the lines stay the sentences
  for (const Sentence& s : doc.sentences) REQUIRE(s.seam == Seam::kSure);
  const size_t lead = doc.text.find("В Иркутске самолёт,");
  REQUIRE(doc.guessed_seams == std::vector<size_t>{lead});

  doc.text = "Пассажира задержали в аэропорту Иркутска после посадки самолёта из Москвы.\nЕго отпустили.\n";
  SegmentPresplit(doc);
  REQUIRE(doc.guessed_seams.empty());
}

// Regression: the four constructions that broke sentences in the first prototype.
TEST_CASE("regression: К. Манонов, т. е., U.S. and 09.12.2017 stay inside their sentences") {
  const std::string ru =
      "ДУШАНБЕ, 09.12.2017 /НИАТ «Ховар»/. Председатель комитета К. Манонов встретился с "
      "делегацией, т. е. с представителями U.S. Agency for International Development. "
      "Встреча прошла 09.12.2017 в Душанбе.";
  REQUIRE(Split(ru, "ru") == Sentences{
                                 "ДУШАНБЕ, 09.12.2017 /НИАТ «Ховар»/. Председатель комитета К. Манонов "
                                 "встретился с делегацией, т. е. с представителями U.S. Agency for "
                                 "International Development.",
                                 "Встреча прошла 09.12.2017 в Душанбе.",
                             });
  REQUIRE(Split("The U.S. Agency met K. Manonov on 09.12.2017 in Dushanbe. It went well.", "en") ==
          Sentences{"The U.S. Agency met K. Manonov on 09.12.2017 in Dushanbe.", "It went well."});
}

TEST_CASE("Split is thread-safe") {
  const SentenceSegmenter ru("ru");
  const std::string text = "Первое предложение. Второе, т. е. К. Манонов. Третье!";
  const std::vector<Span> want = ru.Split(text, Span{0, text.size()});
  REQUIRE(want.size() == 3);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      int good = 1;
      for (int i = 0; i < 300; ++i) good &= ru.Split(text, Span{0, text.size()}) == want ? 1 : 0;
      ok[static_cast<size_t>(t)] = good;
    });
  }
  for (std::thread& th : threads) th.join();
  REQUIRE(ok == std::vector<int>(4, 1));
}

// A long document of repeated paragraphs: every sentence found, each one where it should be.
// (Speed is printed, not asserted: tests check behaviour; tools/bench measures speed.)
TEST_CASE("Segment handles a 10,000-sentence document") {
  const std::string paragraph =
      "Председатель комитета К. Манонов встретился 09.12.2017 с делегацией, т. е. с U.S. "
      "officials. «Ты придёшь?» — спросил он. Цена — 3.5 млн руб. в год! Потом… Всё.\n\n";
  std::string text;
  for (int i = 0; i < 2000; ++i) text += paragraph;
  Document doc = ReadText(text, "mem", "ru");
  const auto start = std::chrono::steady_clock::now();
  Segment(doc);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(doc.sentences.size() == 10000);
  for (size_t i = 0; i < doc.sentences.size(); i += 5) {
    REQUIRE(doc.sentences[i].span.begin == (i / 5) * paragraph.size());
    REQUIRE(doc.SentenceText(i + 4) == "Всё.");
  }
  WARN("segmented " << doc.sentences.size() << " sentences at "
                    << static_cast<long>(static_cast<double>(doc.sentences.size()) / seconds) << " sentences/s");
}

// Our sentence counts on the shared news corpus against its one-segment-a-line files. A
// segment can hold two sentences, and Russian-original documents glue the headline (no
// final period) to the first sentence, so the counts differ a little; never wildly.
TEST_CASE("sentence counts are close to the corpus segment counts") {
  const fs::path root = fs::path(NEWSALIGN_SHARED_DIR) / "corpora/wmt21-ru-en-hard";
  if (!fs::exists(root)) {
    WARN("skipped: " << root << " is absent");
    return;
  }
  for (const char* direction : {"ru-en", "en-ru"}) {
    for (const char* lang : {"ru", "en"}) {
      size_t ours = 0, lines = 0, docs = 0;
      for (const auto& entry : fs::directory_iterator(root / direction)) {
        const std::string name = entry.path().filename().string();
        const std::string suffix = std::string(".") + lang + ".txt";
        if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
          continue;
        }
        ReadOptions options;
        options.repair_encoding = true;  // one shared document is mojibake
        Document doc = ReadTextFile(entry.path().string(), lang, options);
        Segment(doc);
        ours += doc.sentences.size();
        std::ifstream segs(entry.path().string().substr(0, entry.path().string().size() - 4));
        for (std::string line; std::getline(segs, line);) lines += !line.empty();
        ++docs;
      }
      WARN(direction << " " << lang << ": " << docs << " documents, " << ours << " sentences, " << lines
                     << " segments");
      REQUIRE(docs > 0);
      REQUIRE(ours * 10 >= lines * 8);
      REQUIRE(ours * 10 <= lines * 13);
    }
  }
}

}  // namespace
}  // namespace newsalign
