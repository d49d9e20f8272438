// Short Russian and English news articles for the pairing tests, written for them: each
// English one translates the Russian one of the same name. Every article has its own numbers
// and names, as news does.
#pragma once

#include <string>

namespace newsalign::test {

struct ArticleText {
  const char* name;
  const char* ru;
  const char* en;
};

// Paragraphs are separated by blank lines; the first paragraph is the headline.
inline const ArticleText kArticles[] = {
    {"dushanbe-plant",
     "В Душанбе открыли ГЭС «Сарбанд-2»\n\n"
     "ДУШАНБЕ, 12 марта 2024 года. Президент Таджикистана Эмомали Рахмон открыл новую "
     "гидроэлектростанцию «Сарбанд-2» мощностью 240 мегаватт.\n\n"
     "Строительство станции обошлось в 310 млн долларов и продолжалось четыре года. "
     "Станция будет снабжать электричеством 85 тысяч домов в Хатлонской области.\n\n"
     "На церемонии присутствовали 1500 гостей из 14 стран. Министр энергетики Далер Джума "
     "сообщил, что к 2030 году в стране построят ещё шесть станций.\n\n"
     "Проект финансировали Азиатский банк развития и правительство Японии.",
     "Sarband-2 hydropower plant opens in Dushanbe\n\n"
     "DUSHANBE, March 12, 2024. Tajik President Emomali Rahmon opened the new Sarband-2 "
     "hydroelectric power plant with a capacity of 240 megawatts.\n\n"
     "Construction of the plant cost 310 million dollars and took four years. The plant will "
     "supply electricity to 85,000 homes in the Khatlon region.\n\n"
     "The ceremony was attended by 1,500 guests from 14 countries. Energy Minister Daler Juma "
     "said that six more plants would be built in the country by 2030.\n\n"
     "The project was financed by the Asian Development Bank and the government of Japan."},
    {"kazan-books",
     "В Казани завершилась книжная ярмарка\n\n"
     "КАЗАНЬ, 3 июня 2023 года. В Казани завершилась IX книжная ярмарка «Смена», которую "
     "посетили более 42 тысяч человек.\n\n"
     "Свои книги представили 326 издательств из 21 региона России и из Узбекистана. "
     "Самой продаваемой книгой стал роман Гузель Яхиной.\n\n"
     "Организатор ярмарки Айрат Гарипов рассказал, что продажи выросли на 18 процентов. "
     "Следующая ярмарка пройдёт в мае 2024 года на набережной Казанки.",
     "Book fair ends in Kazan\n\n"
     "KAZAN, June 3, 2023. The 9th Smena book fair, visited by more than 42,000 people, ended "
     "in Kazan.\n\n"
     "Books were presented by 326 publishers from 21 regions of Russia and from Uzbekistan. "
     "The best-selling book was a novel by Guzel Yakhina.\n\n"
     "The fair's organiser Airat Garipov said that sales grew by 18 percent. The next fair "
     "will be held in May 2024 on the Kazanka embankment."},
    {"novosibirsk-snow",
     "Снегопад парализовал Новосибирск\n\n"
     "НОВОСИБИРСК, 17 ноября 2022 года. За сутки в Новосибирске выпало 37 сантиметров снега, "
     "это месячная норма осадков.\n\n"
     "Мэр Анатолий Локоть сообщил, что на улицы вышли 640 единиц снегоуборочной техники. "
     "Аэропорт Толмачёво задержал 53 рейса.\n\n"
     "Синоптики обещают, что снегопад прекратится к утру 19 ноября, а температура опустится "
     "до минус 28 градусов.",
     "Snowfall paralyses Novosibirsk\n\n"
     "NOVOSIBIRSK, November 17, 2022. In one day 37 centimetres of snow fell in Novosibirsk, "
     "a month's worth of precipitation.\n\n"
     "Mayor Anatoly Lokot said that 640 snow-clearing vehicles had been sent out onto the "
     "streets. Tolmachevo airport delayed 53 flights.\n\n"
     "Forecasters promise that the snowfall will stop by the morning of November 19 and the "
     "temperature will drop to minus 28 degrees."},
    {"vladivostok-port",
     "Грузооборот порта Владивосток вырос\n\n"
     "ВЛАДИВОСТОК, 9 января 2024 года. Грузооборот морского порта Владивосток в 2023 году "
     "вырос на 11,4 % и достиг 27,6 млн тонн.\n\n"
     "Больше всего выросла перевалка контейнеров: 1,2 млн единиц. Директор порта Сергей "
     "Шишкин связал рост с новыми линиями в Китай и Индию.\n\n"
     "В 2024 году в порту планируют открыть два новых причала стоимостью 9 млрд рублей.",
     "Vladivostok port cargo turnover grows\n\n"
     "VLADIVOSTOK, January 9, 2024. Cargo turnover at the seaport of Vladivostok grew by "
     "11.4% in 2023 to reach 27.6 million tonnes.\n\n"
     "Container handling grew the most: 1.2 million units. Port director Sergei Shishkin "
     "linked the growth to new lines to China and India.\n\n"
     "In 2024 the port plans to open two new berths worth 9 billion roubles."},
    {"santos-football",
     "«Сантос» купил полузащитника из Уругвая\n\n"
     "САН-ПАУЛУ, 28 августа 2023 года. Бразильский клуб «Сантос» подписал контракт с "
     "уругвайским полузащитником Матиасом Вигой до 2027 года.\n\n"
     "Сумма сделки составила 7,5 млн евро. Вига провёл 63 матча за «Пеньяроль» и забил 19 "
     "голов.",
     "Santos sign Uruguayan midfielder\n\n"
     "SAO PAULO, August 28, 2023. Brazilian club Santos have signed Uruguayan midfielder "
     "Matias Viga on a contract until 2027.\n\n"
     "The fee was 7.5 million euros. Viga played 63 matches for Penarol and scored 19 goals."},
};

// The Dushanbe story updated a day later: new figures, one more paragraph. Its English
// translation differs from the first version's in exactly those places.
inline const ArticleText kDushanbeUpdated = {
    "dushanbe-plant-updated",
    "В Душанбе открыли ГЭС «Сарбанд-2» (обновлено)\n\n"
    "ДУШАНБЕ, 13 марта 2024 года. Президент Таджикистана Эмомали Рахмон открыл новую "
    "гидроэлектростанцию «Сарбанд-2» мощностью 260 мегаватт.\n\n"
    "Строительство станции обошлось в 345 млн долларов и продолжалось четыре года. "
    "Станция будет снабжать электричеством 92 тысячи домов в Хатлонской области.\n\n"
    "На церемонии присутствовали 2100 гостей из 17 стран. Министр энергетики Далер Джума "
    "сообщил, что к 2030 году в стране построят ещё шесть станций.\n\n"
    "Проект финансировали Азиатский банк развития и правительство Японии.\n\n"
    "Вечером президент Рахмон вылетел в Хорог, где 14 марта осмотрит Памирскую ГЭС.",
    "Sarband-2 hydropower plant opens in Dushanbe (updated)\n\n"
    "DUSHANBE, March 13, 2024. Tajik President Emomali Rahmon opened the new Sarband-2 "
    "hydroelectric power plant with a capacity of 260 megawatts.\n\n"
    "Construction of the plant cost 345 million dollars and took four years. The plant will "
    "supply electricity to 92,000 homes in the Khatlon region.\n\n"
    "The ceremony was attended by 2,100 guests from 17 countries. Energy Minister Daler Juma "
    "said that six more plants would be built in the country by 2030.\n\n"
    "The project was financed by the Asian Development Bank and the government of Japan.\n\n"
    "In the evening President Rahmon flew to Khorog, where on March 14 he will inspect the "
    "Pamir hydropower plant."};

// The first half of an article: its first paragraphs up to half of them (rounded up).
inline std::string FirstHalf(const std::string& text) {
  size_t paragraphs = 1;
  for (size_t p = text.find("\n\n"); p != std::string::npos; p = text.find("\n\n", p + 2)) ++paragraphs;
  size_t keep = (paragraphs + 1) / 2, end = 0;
  for (size_t i = 0; i < keep; ++i) {
    end = text.find("\n\n", end == 0 ? 0 : end + 2);
    if (end == std::string::npos) return text;
  }
  return text.substr(0, end);
}

}  // namespace newsalign::test
