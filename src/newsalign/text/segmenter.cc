// Sentence segmentation: ICU proposes, news-text rules dispose.
//
// ICU's sentence rules (UAX #29) are a good base: they keep "3.5", "09.12.2017", "U.S.A",
// "т. е. в" (lower case after a period) and closing quotes after the terminator together.
// What they get wrong in news is the period that does not end a sentence before a capital
// ("г. Душанбе", "Mr. Smith", "К. Манонов", "U.S. President"), "?"/"!" inside a quote
// followed by the author's words ("«Ты придёшь?» — спросил он"), "…" at a sentence end
// (ICU does not treat it as a terminator), agency datelines ("ДУШАНБЕ, 9 декабря /НИАТ
// «Ховар»/. Президент ...") and dialogue lines. So:
//   1. ICU's boundaries over the paragraph, with line ends blanked out (a paragraph's lines
//      are one running text; ICU would break at every line end);
//   2. extra candidate boundaries after "…" before a capital;
//   3. every candidate is kept or dropped by ShouldBreak(), which looks at the word before it
//      (tables of abbreviations by kind) and the word after it (case, digits, openers);
//   4. line starts that open a dialogue dash are forced boundaries.
// The abbreviation lists are data (kRussianAbbreviations, kEnglishAbbreviations), so that
// adding one is a one-line change with a test.

#include "newsalign/text/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "newsalign/core/error.h"
#include "newsalign/text/encoding.h"
#include "newsalign/text/words.h"

namespace newsalign {
namespace {

// What may follow an abbreviation that ends with a period. In every kind, a following word
// in lower case or a number continues the sentence; the kinds differ on a capital.
enum class Kind {
  kNoBreak,        // never ends a sentence: titles, "т. е.", "vs.", name abbreviations "Дж."
  kBeforeName,     // "U.S.": a capital continues it unless it is a sentence opener ("The")
  kAfterNumber,    // "г.", "млн.", "руб.": ends a sentence only after a number ("в 2017 г. Он")
  kBeforeNumber,   // "No.", "Jan.", "ч.": a number continues it, a capital ends it
  kMayEnd,         // "и т. д.", "etc.", "Inc.": a capital ends it
};

struct Abbreviation {
  std::string_view text;  // tokens separated by one space, as written: "т. е.", "U.S."
  Kind kind;
};

constexpr Abbreviation kRussianAbbreviations[] = {
    // Never at a sentence end.
    {"т. е.", Kind::kNoBreak}, {"т.е.", Kind::kNoBreak}, {"т. к.", Kind::kNoBreak},
    {"т.к.", Kind::kNoBreak}, {"т. н.", Kind::kNoBreak}, {"т.н.", Kind::kNoBreak},
    {"т. ч.", Kind::kNoBreak}, {"т.ч.", Kind::kNoBreak}, {"т. о.", Kind::kNoBreak},
    {"напр.", Kind::kNoBreak}, {"см.", Kind::kNoBreak}, {"ср.", Kind::kNoBreak},
    {"ул.", Kind::kNoBreak}, {"им.", Kind::kNoBreak}, {"пр.", Kind::kNoBreak},
    {"просп.", Kind::kNoBreak}, {"пл.", Kind::kNoBreak}, {"пер.", Kind::kNoBreak},
    {"наб.", Kind::kNoBreak}, {"ш.", Kind::kNoBreak}, {"д.", Kind::kNoBreak},
    {"кв.", Kind::kNoBreak}, {"корп.", Kind::kNoBreak}, {"стр.", Kind::kNoBreak},
    {"ст.", Kind::kNoBreak}, {"гр.", Kind::kNoBreak}, {"тов.", Kind::kNoBreak},
    {"г-н.", Kind::kNoBreak}, {"акад.", Kind::kNoBreak}, {"проф.", Kind::kNoBreak},
    {"доц.", Kind::kNoBreak}, {"ген.", Kind::kNoBreak}, {"св.", Kind::kNoBreak},
    {"с.", Kind::kNoBreak}, {"пос.", Kind::kNoBreak}, {"дер.", Kind::kNoBreak},
    {"оз.", Kind::kNoBreak}, {"о.", Kind::kNoBreak}, {"обл.", Kind::kNoBreak},
    {"п.", Kind::kNoBreak}, {"пп.", Kind::kNoBreak}, {"гл.", Kind::kNoBreak},
    {"рис.", Kind::kNoBreak}, {"табл.", Kind::kNoBreak}, {"тел.", Kind::kNoBreak},
    {"зам.", Kind::kNoBreak}, {"зав.", Kind::kNoBreak}, {"нач.", Kind::kNoBreak},
    {"пред.", Kind::kNoBreak}, {"др.", Kind::kNoBreak}, {"ок.", Kind::kNoBreak},
    // Abbreviated first names: "Дж. Буш", "Вл. Путин".
    {"Дж.", Kind::kNoBreak}, {"Вл.", Kind::kNoBreak}, {"Ал.", Kind::kNoBreak},
    {"Мих.", Kind::kNoBreak}, {"Евг.", Kind::kNoBreak}, {"Вяч.", Kind::kNoBreak},
    {"Конст.", Kind::kNoBreak}, {"Влад.", Kind::kNoBreak}, {"Серг.", Kind::kNoBreak},
    {"Никол.", Kind::kNoBreak}, {"Алекс.", Kind::kNoBreak}, {"Ек.", Kind::kNoBreak},
    // Units and years: a sentence end only right after a number.
    {"г.", Kind::kAfterNumber}, {"гг.", Kind::kAfterNumber}, {"в.", Kind::kAfterNumber},
    {"вв.", Kind::kAfterNumber}, {"тыс.", Kind::kAfterNumber}, {"млн.", Kind::kAfterNumber},
    {"млрд.", Kind::kAfterNumber}, {"трлн.", Kind::kAfterNumber}, {"руб.", Kind::kAfterNumber},
    {"р.", Kind::kAfterNumber}, {"коп.", Kind::kAfterNumber}, {"долл.", Kind::kAfterNumber},
    {"сом.", Kind::kAfterNumber}, {"км.", Kind::kAfterNumber}, {"кг.", Kind::kAfterNumber},
    {"чел.", Kind::kAfterNumber}, {"экз.", Kind::kAfterNumber}, {"мин.", Kind::kAfterNumber},
    {"сек.", Kind::kAfterNumber}, {"шт.", Kind::kAfterNumber},
    // A number continues them.
    {"ч.", Kind::kBeforeNumber}, {"т.", Kind::kBeforeNumber}, {"янв.", Kind::kBeforeNumber}, {"февр.", Kind::kBeforeNumber},
    {"апр.", Kind::kBeforeNumber}, {"авг.", Kind::kBeforeNumber}, {"сент.", Kind::kBeforeNumber},
    {"окт.", Kind::kBeforeNumber}, {"нояб.", Kind::kBeforeNumber}, {"дек.", Kind::kBeforeNumber},
    // Common at a sentence end.
    {"и т. д.", Kind::kMayEnd}, {"и т.д.", Kind::kMayEnd}, {"и т. п.", Kind::kMayEnd},
    {"и т.п.", Kind::kMayEnd}, {"и др.", Kind::kMayEnd}, {"и пр.", Kind::kMayEnd},
    {"и проч.", Kind::kMayEnd}, {"и мн. др.", Kind::kMayEnd},
};

constexpr Abbreviation kEnglishAbbreviations[] = {
    // Titles and other words that never end a sentence.
    {"Mr.", Kind::kNoBreak}, {"Mrs.", Kind::kNoBreak}, {"Ms.", Kind::kNoBreak},
    {"Messrs.", Kind::kNoBreak}, {"Dr.", Kind::kNoBreak}, {"Prof.", Kind::kNoBreak},
    {"St.", Kind::kNoBreak}, {"Mt.", Kind::kNoBreak}, {"Ft.", Kind::kNoBreak},
    {"Gen.", Kind::kNoBreak}, {"Lt.", Kind::kNoBreak}, {"Col.", Kind::kNoBreak},
    {"Maj.", Kind::kNoBreak}, {"Capt.", Kind::kNoBreak}, {"Cmdr.", Kind::kNoBreak},
    {"Adm.", Kind::kNoBreak}, {"Sgt.", Kind::kNoBreak}, {"Cpl.", Kind::kNoBreak},
    {"Sen.", Kind::kNoBreak}, {"Rep.", Kind::kNoBreak}, {"Gov.", Kind::kNoBreak},
    {"Pres.", Kind::kNoBreak}, {"Rev.", Kind::kNoBreak}, {"Hon.", Kind::kNoBreak},
    {"Supt.", Kind::kNoBreak}, {"Det.", Kind::kNoBreak}, {"Atty.", Kind::kNoBreak},
    {"Amb.", Kind::kNoBreak}, {"vs.", Kind::kNoBreak}, {"v.", Kind::kNoBreak},
    {"e.g.", Kind::kNoBreak}, {"i.e.", Kind::kNoBreak}, {"cf.", Kind::kNoBreak},
    {"approx.", Kind::kNoBreak}, {"viz.", Kind::kNoBreak}, {"Fr.", Kind::kNoBreak},  // Father
    // Place abbreviations usually followed by a capitalised noun ("U.S. President").
    {"U.S.", Kind::kBeforeName}, {"U.K.", Kind::kBeforeName}, {"U.N.", Kind::kBeforeName},
    {"E.U.", Kind::kBeforeName}, {"U.S.A.", Kind::kBeforeName}, {"U.A.E.", Kind::kBeforeName},
    {"N.Y.", Kind::kBeforeName},
    // US states in AP datelines ("AURORA, Colo. (AP) - A car ...").
    {"Ala.", Kind::kBeforeName}, {"Ariz.", Kind::kBeforeName}, {"Ark.", Kind::kBeforeName},
    {"Calif.", Kind::kBeforeName}, {"Colo.", Kind::kBeforeName}, {"Conn.", Kind::kBeforeName},
    {"Del.", Kind::kBeforeName}, {"Fla.", Kind::kBeforeName}, {"Ga.", Kind::kBeforeName},
    {"Ill.", Kind::kBeforeName}, {"Ind.", Kind::kBeforeName}, {"Kan.", Kind::kBeforeName},
    {"Ky.", Kind::kBeforeName}, {"La.", Kind::kBeforeName}, {"Md.", Kind::kBeforeName},
    {"Mass.", Kind::kBeforeName}, {"Mich.", Kind::kBeforeName}, {"Minn.", Kind::kBeforeName},
    {"Miss.", Kind::kBeforeName}, {"Mo.", Kind::kBeforeName}, {"Mont.", Kind::kBeforeName},
    {"Neb.", Kind::kBeforeName}, {"Nev.", Kind::kBeforeName}, {"N.H.", Kind::kBeforeName},
    {"N.J.", Kind::kBeforeName}, {"N.M.", Kind::kBeforeName}, {"N.C.", Kind::kBeforeName},
    {"N.D.", Kind::kBeforeName}, {"Okla.", Kind::kBeforeName}, {"Ore.", Kind::kBeforeName},
    {"Pa.", Kind::kBeforeName}, {"R.I.", Kind::kBeforeName}, {"S.C.", Kind::kBeforeName},
    {"S.D.", Kind::kBeforeName}, {"Tenn.", Kind::kBeforeName}, {"Tex.", Kind::kBeforeName},
    {"Vt.", Kind::kBeforeName}, {"Va.", Kind::kBeforeName}, {"Wash.", Kind::kBeforeName},
    {"W.Va.", Kind::kBeforeName}, {"Wis.", Kind::kBeforeName}, {"Wyo.", Kind::kBeforeName},
    // A number continues them.
    {"No.", Kind::kBeforeNumber}, {"Nos.", Kind::kBeforeNumber}, {"Jan.", Kind::kBeforeNumber},
    {"Feb.", Kind::kBeforeNumber}, {"Mar.", Kind::kBeforeNumber}, {"Apr.", Kind::kBeforeNumber},
    {"Jun.", Kind::kBeforeNumber}, {"Jul.", Kind::kBeforeNumber}, {"Aug.", Kind::kBeforeNumber},
    {"Sep.", Kind::kBeforeNumber}, {"Sept.", Kind::kBeforeNumber}, {"Oct.", Kind::kBeforeNumber},
    {"Nov.", Kind::kBeforeNumber}, {"Dec.", Kind::kBeforeNumber}, {"p.", Kind::kBeforeNumber},
    {"pp.", Kind::kBeforeNumber}, {"Vol.", Kind::kBeforeNumber}, {"vol.", Kind::kBeforeNumber},
    {"Art.", Kind::kBeforeNumber}, {"art.", Kind::kBeforeNumber}, {"Ch.", Kind::kBeforeNumber},
    {"ch.", Kind::kBeforeNumber}, {"Fig.", Kind::kBeforeNumber}, {"fig.", Kind::kBeforeNumber},
    {"para.", Kind::kBeforeNumber}, {"Sec.", Kind::kBeforeNumber},
    // Common at a sentence end.
    {"etc.", Kind::kMayEnd}, {"Inc.", Kind::kMayEnd}, {"Ltd.", Kind::kMayEnd},
    {"Co.", Kind::kMayEnd}, {"Corp.", Kind::kMayEnd}, {"Bros.", Kind::kMayEnd},
    {"Jr.", Kind::kMayEnd}, {"Sr.", Kind::kMayEnd}, {"Ave.", Kind::kMayEnd},
    {"Rd.", Kind::kMayEnd}, {"a.m.", Kind::kMayEnd}, {"p.m.", Kind::kMayEnd},
    {"Ph.D.", Kind::kMayEnd}, {"D.C.", Kind::kMayEnd}, {"al.", Kind::kMayEnd},
};

// Words that start sentences far more often than they follow "U.S." or an initial: after
// "U.S." or "B." they mean the period was a sentence end.
constexpr std::string_view kSentenceOpeners[] = {
    "The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their",
    "Our", "My", "But", "And", "Or", "So", "Yet", "This", "That", "These", "Those", "There",
    "Here", "In", "On", "At", "As", "If", "When", "While", "After", "Before", "Now", "Then",
    "However", "Meanwhile", "Still", "Also", "Some", "Many", "Most", "All", "No", "Not",
    "Он", "Она", "Оно", "Они", "Это", "Этот", "Эта", "Эти", "Так", "Но", "И", "А", "Однако",
    "При", "По", "На", "Как", "Также", "Кроме", "Сейчас", "Теперь", "Там", "Тогда", "Мы", "Я",
};

// Verbs of saying: after a quoted question or exclamation they continue the sentence
// ("“Why?” Smith asked." / "«Почему?» — спросил он." is one sentence).
constexpr std::string_view kReportingVerbs[] = {
    "said", "says", "asked", "asks", "added", "told", "wrote", "replied", "insisted", "explained",
    "shouted", "cried", "continued", "recalled", "noted", "сказал", "сказала", "сказали", "заявил",
    "заявила", "спросил", "спросила", "добавил", "добавила", "отметил", "отметила", "пояснил",
    "пояснила", "ответил", "ответила", "написал", "написала", "говорит", "крикнул", "воскликнул",
};

// Language -> its abbreviation tables. Russian text often quotes English ("U.S. Steel").
struct LanguageTables {
  std::string_view lang;
  bool russian;
  bool english;
};
constexpr LanguageTables kLanguageTables[] = {
    {"ru", true, true}, {"uk", true, true}, {"be", true, true}, {"en", false, true},
};

bool IsDash(UChar32 c) {
  return c == 0x2014 || c == 0x2013 || c == 0x2012 || c == 0x2015 || c == 0x2212 || c == '-';
}

// Punctuation that a headline seam does not follow, bar the exceptions that say so: a comma,
// semicolon or colon goes on with the sentence, a period is ICU's to judge, and a bracket or
// a dash opens more.
bool NoSeamAfter(UChar32 c) { return c == ',' || c == ';' || c == ':' || c == '.' || c == '(' || IsDash(c); }

bool IsOpening(UChar32 c) {
  return c == '(' || c == '[' || c == '"' || c == '\'' || c == 0xAB || c == 0x201C || c == 0x201E ||
         c == 0x2018 || c == 0x201A || c == 0x2039;
}

bool IsUpper(UChar32 c) { return u_isupper(c) || u_istitle(c); }

struct Reader {
  const uint8_t* s;
  int32_t n;
  UChar32 At(int32_t i, int32_t* next) const {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    *next = i;
    return c;
  }
  UChar32 Before(int32_t i, int32_t* prev) const {
    UChar32 c;
    U8_PREV(s, 0, i, c);
    *prev = i;
    return c;
  }
  int32_t SkipSpace(int32_t i) const {
    while (i < n) {
      int32_t next;
      if (!IsWhiteSpace(static_cast<char32_t>(At(i, &next)))) break;
      i = next;
    }
    return i;
  }
  int32_t SkipSpaceBack(int32_t i, int32_t limit) const {
    while (i > limit) {
      int32_t prev;
      if (!IsWhiteSpace(static_cast<char32_t>(Before(i, &prev)))) break;
      i = prev;
    }
    return i;
  }
  // Start of the white-space-separated token ending at `end`.
  int32_t TokenStart(int32_t end, int32_t limit) const {
    int32_t i = end;
    while (i > limit) {
      int32_t prev;
      if (IsWhiteSpace(static_cast<char32_t>(Before(i, &prev)))) break;
      i = prev;
    }
    return i;
  }
  // Does the text before `end` end with ?, ! or … followed by closing quotes?
  bool EndsWithQuotedExclamation(int32_t end, int32_t limit) const {
    int32_t i = end;
    bool quote = false;
    while (i > limit) {
      int32_t prev;
      UChar32 c = Before(i, &prev);
      if (c == 0xBB || c == 0x201D || c == 0x201C || c == '"' || c == '\'' || c == 0x2019) {
        quote = true;
        i = prev;
        continue;
      }
      return quote && (c == '?' || c == '!' || c == 0x2026);
    }
    return false;
  }
  bool HasAlnum(int32_t b, int32_t e) const {
    while (b < e) {
      int32_t next;
      if (u_isalnum(At(b, &next))) return true;
      b = next;
    }
    return false;
  }
  std::string_view View(int32_t b, int32_t e) const {
    return std::string_view(reinterpret_cast<const char*>(s) + b, static_cast<size_t>(e - b));
  }
};

// What comes after a candidate boundary.
struct Following {
  enum Class { kNone, kLower, kUpper, kDigit, kOther } cls = kNone;
  bool starts_with_dash = false;    // "— сказал он"
  bool starts_with_punct = false;   // ", — сказал он", "; ..."
  std::string_view word;            // the first word, opening quotes skipped
};

// ---------------------------------------------------------------------------------------------
// Glued headlines.
//
// News pages flattened to text and agency feeds often run the headline (and a subtitle) into
// the lead with no final punctuation: "Не нужно демонизировать народ Хабаровска Врио главы
// Хабаровского края рассказал ... Временно исполняющий обязанности ...". ICU sees one sentence.
// Translators and gold alignments treat headline, subtitle and lead as separate sentences, so
// at the start of a document (only there) we look for the seams: a word, a space, and a
// capitalised word that starts a sentence rather than continuing a name. Mid-sentence capitals
// are names in Russian and mostly names in English, so a seam needs evidence:
//   strong: the capitalised word is a word that opens sentences (a preposition, a pronoun, a
//           conjunction, an article: "В", "Она", "The", "According"); that is enough;
//   echo:   also strong: the lead opens with the piece's first word, a content word, or its
//           first two words ("Выходец из Руанды признался ... | Выходец из Руанды, ...", "The
//           Main Navy Parade ... | The Main Navy Parade ..."), the first time that word comes
//           back. A short description may come before the echo and belongs to the lead ("Home
//           team | Manchester City", "Президент России Владимир | Путин"): up to three words
//           back, the seam moves to the first capitalised word that can open a sentence; if a
//           run of capitals cannot be cut in front (after a comma), there is no echo seam; after
//           a colon the lead starts with the run ("в каюте: | Президент России Владимир Путин"),
//           as it does when any seam is found inside such a run.
//           After a subtitle the lead may echo the headline rather than the subtitle ("... |
//           The president took a boat ... | Russian President Vladimir Putin arrived ..."),
//           unless an earlier cut already stands before that echo's description;
//   named:  also strong (Russian only): the lead opens with a capitalised description of a name
//           the headline wrote ("... контракт с Панченко | Форвард Кирилл Панченко ...");
//   dateline: an upper-case place name of five letters or more opening an agency dateline
//           ("... сносят памятник | ВИРДЖИНИЯ-БИЧ, Вирджиния -- ...", "| ISLAMABAD (AP) -");
//   repeat: otherwise the lead must repeat the headline: the seam lies between the first word
//           from the piece's start on that repeats an earlier one ("Тиньков ... мозга |
//           Российский предприниматель ... Тиньков") and that earlier word (or at it), the
//           headline before it has no comma or dash, and at least two content words of the
//           headline come back after the seam. Among such seams, one before an ordinary word
//           (its lower-case form occurs in the document: "Власти" ... "власти") ranks first.
// Against a seam: the word after it is written elsewhere in the document with a capital in
// mid-sentence (a name), it opens a quote ("«Динамо»"), it begins a run of capitalised words
// after another capitalised word ("Михаил Дегтярев"; an English day or month after an opener
// starts none: "near Volgograd | On Saturday"), or the word before the seam cannot end a
// sentence (a preposition or conjunction: "в Москве", "of Moscow"), is an initial or all
// capitals ("ВМФ", "М. Помпео"), opens a quote it does not close ("Руки | Вверх""; an echo
// seam is not moved back into one either), or ends with punctuation (ICU's rules already
// judged those; but a comma before a sentence opener that no capital follows is a period
// typed as a comma: "today, July 24, | During his trips ..."). An echo right after "что" or
// "that" and a capitalised word is the lead naming its subject again ("reports that
// Manchester | City"): no echo seam.
// Repeat seams need a zone of 10 words (a headline and a lead sentence); strong ones 8.
// (Measured on the WMT21 news development set: an ordinary word alone, without the repetition,
// cut too many ordinary first sentences.) The earliest best-scoring seam is cut, then the rest
// is searched again (a subtitle). A wrong cut here is cheap for alignment (the aligner can join
// two pieces of one side into a 2-1 bead), a missed one costs a bead per document.
// Past the headline zone, every sentence is searched for strong seams only, and only before a
// sentence opener of two letters or more that no capitalised word follows ("... заявил врио
// губернатора | По словам Дегтярева, ...": a teaser headline or a lost period); not "серии А",
// "Serie A", "Его Святой". (On the development set this found two lost seams and no false ones.)
// Except at the end of a paragraph that ends without punctuation: that is where a page lists
// related headlines, run together when flattened ("... на окраине города | В Тверской области
// открыли мост"), and that last sentence is searched as a headline zone is. And a sentence
// past the zone may open with a one-word rubric of a digest: a capitalised word, then a
// sentence opener of any length or the same word again ("Протесты | В ряде городов ...",
// "Protests | Protests have been held ..."). (On the development set each found one seam and
// changed no other sentence.)

// Capitalised, these start sentences; mid-sentence they are written in lower case. ("I" is
// not here: English writes it with a capital everywhere.) Only the document's language counts:
// "The Wall Street Journal" inside Russian text is a name.
constexpr std::string_view kRussianOpeners[] = {
    "в", "во", "на", "по", "с", "со", "к", "ко", "о", "об", "от", "до", "из", "за", "для", "при",
    "под", "после", "перед", "через", "около", "также", "это", "он", "она", "они", "мы", "я",
    "но", "а", "и", "однако", "как", "что", "не", "ещё", "еще", "почти", "более", "менее",
    "сегодня", "вчера", "ранее", "накануне", "крайне", "необходимо", "порядка", "его", "их",
    "её", "ее", "тем", "этот", "эта", "эти", "все", "всего", "между", "среди", "у",
};
constexpr std::string_view kEnglishOpeners[] = {
    "the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "after", "before",
    "during", "according", "as", "it", "he", "she", "they", "we", "this", "that", "these",
    "those", "there", "more", "most", "some", "many", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "today", "yesterday", "earlier", "meanwhile",
    "however", "but", "and", "so", "while", "when", "since", "until",
};

// Month names as a date writes them after the day ("24 апреля", "24 April"), case-folded.
constexpr std::string_view kMonths[] = {
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
    "октября", "ноября", "декабря", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
};

// Day names, case-folded. English writes them and its months with a capital anywhere, so
// after a sentence opener they start no name ("... near Volgograd | On Saturday, July 25, ...").
constexpr std::string_view kWeekdays[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

// A sentence does not end with these (lower-case forms): "в | Москве", "of | Moscow".
constexpr std::string_view kNeverLastWords[] = {
    "в", "во", "на", "по", "с", "со", "к", "ко", "о", "об", "от", "до", "из", "за", "для", "при",
    "под", "над", "у", "и", "или", "а", "но", "что", "как", "между", "через",
    "of", "in", "on", "at", "by", "for", "from", "with", "to", "and", "or", "the", "a", "an",
    "as", "into", "about", "than", "that",
};
// Of those, the words that open a clause: a capitalised word after them starts its subject
// ("сообщает, что Манчестер Сити ...", "reports that Manchester City ..."), not a sentence.
constexpr std::string_view kClauseOpeners[] = {"что", "that"};

// English words that usually start a noun phrase; before another capitalised word they often
// belong to a name ("told The Sunday Times", "the other Five Eyes countries").
constexpr std::string_view kDeterminers[] = {
    "the", "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
};

constexpr int kHeadlineMinWords = 10;        // a zone for repeat seams
constexpr int kHeadlineMinWordsStrong = 8;   // a zone for strong seams
constexpr int kHeadlineMinRest = 4;          // words after a seam
constexpr size_t kHeadlineMaxWords = 120;    // words of a zone searched for seams
constexpr int kHeadlineMinRepeats = 2;       // headline content words that the lead repeats
constexpr int kDatelineMinLetters = 5;       // a place name opening a dateline (not "НАТО,")
constexpr int kStrongSeam = 3, kMediumSeam = 2, kNameAfter = -2, kAgainst = -1;

bool IsClosing(UChar32 c) {
  return c == ')' || c == ']' || c == '"' || c == '\'' || c == 0xBB || c == 0x201D || c == 0x2019 ||
         c == 0x203A;
}

// One white-space-separated token of a zone.
struct Token {
  int32_t begin = 0, end = 0;    // bytes, in the text given to Tokenize
  std::string word;              // the token without quotes, brackets and punctuation, folded
  std::string key;               // `word` cut to a rough stem: see StemKey
  UChar32 first = 0;             // first letter or digit of the word (0 when none)
  UChar32 last_raw = 0;          // last character of the token as written
  bool opens_quote = false;      // starts with a quote or bracket
  bool closes_quote = false;     // ends with a quote or bracket
  bool all_caps = false;         // two or more letters, all capitals: "ВМФ", "FIFA"
  bool initial = false;          // one letter and a period: "М."
  int letters = 0;
};

// An English possessive: "mexico's", "mexico’s" (folded words).
bool Possessive(std::string_view word) {
  for (std::string_view tail : {std::string_view("'s"), std::string_view("\u2019s")}) {
    if (word.size() > tail.size() && word.substr(word.size() - tail.size()) == tail) return true;
  }
  return false;
}

// Folded word -> a key shared by its inflected forms, good enough to see that the lead repeats
// a headline word ("Иркутске"/"Иркутск", "Russia's"/"Russia"): Cyrillic words lose up to three
// final letters (keeping four), English ones a final "'s"/"s"; then six letters are kept.
std::string StemKey(const std::string& word) {
  std::u32string w;
  for (int32_t i = 0, n = static_cast<int32_t>(word.size()); i < n;) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, n, c);
    w.push_back(static_cast<char32_t>(c));
  }
  const bool cyrillic = !w.empty() && w[0] >= 0x0400 && w[0] <= 0x04FF;
  if (cyrillic) {
    w.resize(std::max<size_t>(std::min<size_t>(w.size(), 4), w.size() >= 3 ? w.size() - 3 : 0));
  } else if (Possessive(word)) {
    w.resize(w.size() - 2);
  } else if (w.size() > 3 && w.back() == U's') {
    w.pop_back();
  }
  if (w.size() > 6) w.resize(6);
  std::string out;
  for (char32_t c : w) {
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    UBool error = false;  // cannot fail: buf holds any code point
    U8_APPEND(buf, len, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
    (void)error;
    out.append(buf, static_cast<size_t>(len));
  }
  return out;
}

std::vector<Token> Tokenize(std::string_view text, int32_t b, int32_t e) {
  const Reader r{reinterpret_cast<const uint8_t*>(text.data()), static_cast<int32_t>(text.size())};
  std::vector<Token> out;
  int32_t i = b;
  while (true) {
    while (i < e) {
      int32_t next;
      if (!IsWhiteSpace(static_cast<char32_t>(r.At(i, &next)))) break;
      i = next;
    }
    if (i >= e) break;
    Token t;
    t.begin = i;
    while (i < e) {
      int32_t next;
      const UChar32 c = r.At(i, &next);
      if (IsWhiteSpace(static_cast<char32_t>(c))) break;
      t.last_raw = c;
      i = next;
    }
    t.end = i;
    int32_t wb = t.begin, we = t.end;
    for (int32_t next; wb < we && IsOpening(r.At(wb, &next)); wb = next) t.opens_quote = true;
    for (int32_t prev; we > wb;) {
      const UChar32 c = r.Before(we, &prev);
      if (IsClosing(c)) {
        t.closes_quote = true;
      } else if (!(c == ',' || c == '.' || c == ':' || c == ';' || c == '!' || c == '?')) {
        break;
      }
      we = prev;
    }
    int upper = 0;
    for (int32_t j = wb, next; j < we; j = next) {
      const UChar32 c = r.At(j, &next);
      if (!u_isalpha(c)) continue;
      ++t.letters;
      if (IsUpper(c)) ++upper;
    }
    if (wb < we) {
      int32_t next;
      t.first = r.At(wb, &next);
      t.word = FoldCase(r.View(wb, we));
      t.key = StemKey(t.word);
    }
    t.all_caps = t.letters >= 2 && upper == t.letters;
    t.initial = t.letters == 1 && we - wb <= 4 && we < t.end && r.At(we, &we) == '.';
    out.push_back(std::move(t));
  }
  return out;
}

// Adds the rough stems of the capitalised words of `toks`, and of each two of them side by
// side, to the counts.
void CountNames(const std::vector<Token>& toks, std::unordered_map<std::string, int>* keys,
                std::unordered_map<std::string, int>* pairs) {
  for (size_t k = 0; k < toks.size(); ++k) {
    if (!IsUpper(toks[k].first)) continue;
    ++(*keys)[toks[k].key];
    if (k > 0 && IsUpper(toks[k - 1].first)) ++(*pairs)[toks[k - 1].key + ' ' + toks[k].key];
  }
}

class HeadlineDetector {
 public:
  // `russian`: Russian-language openers, else English ones.
  explicit HeadlineDetector(bool russian) {
    if (russian) {
      for (std::string_view w : kRussianOpeners) openers_.insert(w);
    } else {
      for (std::string_view w : kEnglishOpeners) openers_.insert(w);
    }
    for (std::string_view w : kNeverLastWords) never_last_.insert(w);
    for (std::string_view w : kDeterminers) determiners_.insert(w);
    for (std::string_view w : kWeekdays) calendar_.insert(w);
    for (std::string_view w : kMonths) calendar_.insert(w);
  }

  // Seams (byte offsets into `text`) inside the zone [b, e), a sentence that opens a document
  // (or, with `strong_only`, any other sentence).
  // `strong_only`: only seams before a sentence opener (for sentences past the headline zone,
  // where a teaser headline or a dropped period glues two sentences: "... заявил врио
  // губернатора По словам Дегтярева, ...").
  // `possible`, when given, gets every place of the zone where a headline might end (see
  // Possible()), chosen or not.
  std::vector<int32_t> Seams(std::string_view text, int32_t b, int32_t e, bool strong_only = false,
                             std::vector<int32_t>* possible = nullptr) const {
    std::vector<int32_t> out;
    std::vector<Token> toks = Tokenize(text, b, e);
    // Headline, subtitle and lead fit in the first words; this also bounds the work on a long
    // unpunctuated text (the search below is quadratic in the zone).
    if (toks.size() > kHeadlineMaxWords) toks.resize(kHeadlineMaxWords);
    const int n = static_cast<int>(toks.size());
    if (n < kHeadlineMinWordsStrong) return out;
    // Words of the rest of the document: in lower case (ordinary words) and capitalised after a
    // lower-case word (names).
    std::unordered_set<std::string> lower, names;
    std::unordered_map<std::string, int> name_count, name_pairs;
    for (auto [from, to] : {std::pair<int32_t, int32_t>{0, b}, {e, static_cast<int32_t>(text.size())}}) {
      if (strong_only) break;
      const std::vector<Token> doc = Tokenize(text, from, to);
      if (possible) CountNames(doc, &name_count, &name_pairs);
      for (size_t k = 0; k < doc.size(); ++k) {
        if (u_islower(doc[k].first)) {
          lower.insert(doc[k].word);
        } else if (k > 0 && IsUpper(doc[k].first) && u_islower(doc[k - 1].last_raw)) {
          names.insert(doc[k].word);
        }
      }
    }
    for (const Token& t : toks) {
      if (u_islower(t.first)) lower.insert(t.word);
    }
    // Rough stems of the words the document writes in lower case somewhere ("огонь", "огня").
    std::unordered_set<std::string> lower_keys;
    if (possible) {
      for (const std::string& w : lower) lower_keys.insert(StemKey(w));
      CountNames(toks, &name_count, &name_pairs);
    }
    // A name in the possessive right after another name, the two never side by side again
    // though the document writes each elsewhere: a headline that ends with a name, a lead that
    // opens with another ("... Hurricane Hanna | Mexico's National Civil Protection System
    // ..."). Not any two such names: "Kobe Bryant" once, then "Kobe" and "Bryant" alone, is
    // one name.
    auto count = [](const std::unordered_map<std::string, int>& counts, const std::string& key) {
      const auto it = counts.find(key);
      return it == counts.end() ? 0 : it->second;
    };
    auto strangers = [&](const Token& prev, const Token& t) {
      if (!IsUpper(prev.first) || prev.letters < 2 || !Possessive(t.word) || lower_keys.count(prev.key) > 0) {
        return false;
      }
      return count(name_count, prev.key) >= 2 && count(name_count, t.key) >= 2 &&
             count(name_pairs, prev.key + ' ' + t.key) == 1;
    };
    auto content = [&](const Token& t) { return t.letters >= 4 && openers_.count(t.word) == 0; };

    int start = 0;
    while (n - start >= kHeadlineMinWordsStrong) {
      // The first content word from `start` on that repeats an earlier one from `start` on
      // (a subtitle may repeat the headline; the lead repeats the piece it follows).
      std::unordered_map<std::string, int> seen;
      int repeat = n, first_seen = n;
      for (int k = start; k < n; ++k) {
        if (!content(toks[k])) continue;
        auto [it, inserted] = seen.emplace(toks[k].key, k);
        if (!inserted) {
          repeat = k;
          first_seen = it->second;
          break;
        }
      }
      int best = -1, best_score = 0;
      for (int j = start + 1; j <= n - kHeadlineMinRest; ++j) {
        // A piece of one word is a rubric ahead of its item, past the headline zone only
        // ("Протесты | В ряде городов ...", "Protests | Protests have been held ..."): a
        // capitalised word, then a sentence opener or the same word again.
        const bool rubric = j == start + 1;
        if (rubric && !(strong_only && start == 0)) continue;
        const Token& prev = toks[j - 1];
        const Token& t = toks[j];
        if (possible && start == 0 && Possible(prev, t, lower_keys.count(t.key) > 0 || strangers(prev, t))) {
          possible->push_back(t.begin);
        }
        if (!IsUpper(t.first) || prev.first == 0) continue;
        const UChar32 pl = prev.last_raw;
        // A sentence opener capitalised after a comma: a period typed as a comma ("... today,
        // July 24, | During his trips ..."); not before another capital ("..., The Times").
        const bool comma_opener = pl == ',' && openers_.count(t.word) > 0 && t.letters >= 2 &&
                                  !(j + 1 < n && IsUpper(toks[j + 1].first));
        if (NoSeamAfter(pl) && !comma_opener) continue;
        if (prev.initial || t.initial) continue;
        if (never_last_.count(prev.word) > 0) continue;
        if (prev.opens_quote && !prev.closes_quote) continue;  // inside a quoted name
        // A dateline after the headline: "... сносят памятник | ВИРДЖИНИЯ-БИЧ, Вирджиния --".
        if (t.all_caps) {
          if (strong_only || !OpensDateline(toks, start, j) || n - j < 3) continue;
          if (best < 0 || kStrongSeam > best_score) {
            best = j;
            best_score = kStrongSeam;
          }
          continue;
        }
        if (rubric) {
          const bool opens = openers_.count(t.word) > 0 || t.word == prev.word;
          if (opens && IsUpper(prev.first) && prev.letters >= 4 && !(j + 1 < n && IsUpper(toks[j + 1].first))) {
            best = j;
            best_score = kStrongSeam;
          }
          continue;
        }
        // The lead may echo the headline after a subtitle too: the piece's opening or the zone's.
        const bool echoes = Echoes(toks, start, j) ||
                            (start > 0 && Echoes(toks, 0, j) && LeadStart(toks, 0, j) > start + 1);
        int score = 0;
        // An echo of the headline's opening often follows a short description that belongs to
        // the lead: the seam goes before that (see LeadStart).
        int at = j;
        if (openers_.count(t.word) > 0) {
          score += kStrongSeam;
        } else if (!strong_only && echoes) {
          at = LeadStart(toks, start, j);
          if (at < 0) continue;
          score += kStrongSeam;
        } else if (!strong_only && names.count(t.word) == 0 && DescribesHeadlineName(toks, start, j)) {
          score += kStrongSeam;
        } else if (lower.count(t.word) > 0) {
          score += kMediumSeam;
        } else if (names.count(t.word) > 0) {
          score += kNameAfter;
        }
        if (prev.all_caps && score < kStrongSeam) continue;  // "ВМФ | России", but "ВМФ | В акватории"
        if (t.opens_quote) score += kAgainst;
        const bool next_capital = j + 1 < n && IsUpper(toks[j + 1].first) && openers_.count(toks[j + 1].word) == 0 &&
                                  !(openers_.count(t.word) > 0 && calendar_.count(toks[j + 1].word) > 0);
        if (next_capital && (IsUpper(prev.first) || determiners_.count(t.word) > 0) && !echoes) {
          score += kAgainst;
        }
        // Past the headline zone, not a one-letter word ("Serie A", "серии А", "витамин С") nor
        // one before a capital ("Его Святой Милостью").
        if (strong_only && (score < kStrongSeam || t.letters < 2 || (j + 1 < n && IsUpper(toks[j + 1].first)))) {
          continue;
        }
        if (score < kStrongSeam && !WeakSeamPossible(toks, start, j, repeat, first_seen)) continue;
        if (score < 0) continue;
        // Inside a run of capitals that opens after a colon, the lead starts with the run.
        if (at == j && !strong_only) at = RunAfterColon(toks, start, j);
        if (best < 0 || score > best_score) {
          best = at;
          best_score = score;
        }
      }
      if (best < 0) break;
      out.push_back(toks[best].begin);
      start = best;
    }
    return out;
  }

 private:
  // Whether a headline could end between `prev` and `t`: `prev` can end a sentence and `t`
  // is capitalised ("... 640 тысяч | Инфицировано ...", "... в каюте: | Президент ...").
  // Most are not seams; the other language decides.
  // Not inside a run of capitalised words ("Олег | Тиньков", "Navy | Day") unless `apart`: `t`
  // is an ordinary word, one the document writes in lower case elsewhere ("... соглашение по
  // Донбассу | Огонь на линии ...", with "огонь" later on), or `t` is a name in the possessive
  // the document never puts after `prev` again ("Hanna | Mexico's"): a headline that ends with
  // a name.
  bool Possible(const Token& prev, const Token& t, bool apart) const {
    if (prev.first == 0 || t.first == 0 || prev.initial || t.initial || !IsUpper(t.first)) return false;
    if (IsUpper(prev.first) && !prev.closes_quote && prev.last_raw != ':' && !apart) return false;
    if (NoSeamAfter(prev.last_raw) && prev.last_raw != ':') return false;  // ("в каюте: | Президент")
    return never_last_.count(prev.word) == 0;
  }

  // The lead repeats the opening of the piece (headline or subtitle) that starts at `start`:
  // "Выходец из Руанды признался ... | Выходец из Руанды, работавший ...", "The Main Navy Parade
  // ... | The Main Navy Parade ...": the same content word, or the same two words.
  bool Echoes(const std::vector<Token>& toks, int start, int j) const {
    const int n = static_cast<int>(toks.size());
    if (j - start < 3 || toks[j].word != toks[start].word) return false;
    for (int k = start + 1; k < j; ++k) {  // the first time the lead comes back to it
      if (toks[k].word == toks[j].word) return false;
    }
    auto content = [&](const Token& t) { return t.letters >= 4 && openers_.count(t.word) == 0; };
    if (j + 1 < n && toks[j + 1].word == toks[start + 1].word && (content(toks[j]) || content(toks[j + 1]))) {
      return true;
    }
    // One word: not after a capital ("Президент России Владимир | Путин" names him again).
    return content(toks[j]) && !IsUpper(toks[j - 1].first);
  }

  // The lead opens with a short capitalised description of someone or something the headline
  // named: "... продлевать контракт с Панченко | Форвард Кирилл Панченко покинет ...", "...
  // contract with Panchenko | Forward Kirill Panchenko is leaving ...". Words
  // j..m (m two or three on) are capitalised, word m is a capitalised word of the headline
  // [start, j) and word j is not, nor written there as a name; the headline has no comma (a
  // sentence naming someone twice usually has one).
  bool DescribesHeadlineName(const std::vector<Token>& toks, int start, int j) const {
    const int n = static_cast<int>(toks.size());
    if (j - start < 3 || n - j < 6) return false;
    std::unordered_set<std::string> head_names;
    bool head_lower = false;
    for (int k = start; k < j; ++k) {
      const UChar32 c = toks[k].last_raw;
      if (c == ',' || c == ';' || c == ':' || IsDash(c)) return false;
      if (u_islower(toks[k].first)) head_lower = true;
      if (IsUpper(toks[k].first) && toks[k].letters >= 3) head_names.insert(toks[k].key);
    }
    if (!head_lower || head_names.count(toks[j].key) > 0) return false;
    for (int k = start + 1; k < j; ++k) {  // "России и Украины": written as a name in the headline
      if (toks[k].word == toks[j].word && u_islower(toks[k - 1].last_raw)) return false;
    }
    for (int m = j + 1; m <= std::min(j + 3, n - 1); ++m) {
      const Token& prev = toks[m - 1];
      const UChar32 c = prev.last_raw;
      if (!IsUpper(toks[m].first) || prev.opens_quote || prev.closes_quote || prev.initial || c == ',' || c == ';' ||
          c == ':' || c == '.' || IsDash(c)) {
        return false;
      }
      // Two words or more before the name: "Михаил | Дегтярев" may be the name itself, after a
      // description in lower case ("губернатора края Михаил Дегтярев").
      if (m - j >= 2 && toks[m].letters >= 3 && head_names.count(toks[m].key) > 0) return true;
    }
    return false;
  }

  // Word `j` (all capitals) opens an agency dateline after the headline: a place name of five
  // letters or more ("СИЭТЛ.", "OAKLAND, Calif.", "ИСЛАМАБАД (AP) -") with a comma, a period, a
  // bracket or a dash after it, after a headline written in lower case (not "ВМФ России").
  bool OpensDateline(const std::vector<Token>& toks, int start, int j) const {
    const int n = static_cast<int>(toks.size());
    const Token& t = toks[j];
    if (j - start < 3 || t.letters < kDatelineMinLetters || t.opens_quote) return false;
    // Letters and hyphens, three letters or more between hyphens: "НЬЮ-ЙОРК", not "COVID-19",
    // "ОТ-ПЦР".
    int part = 0;
    for (size_t i = 0; i <= t.word.size(); ++i) {
      const unsigned char ch = i < t.word.size() ? static_cast<unsigned char>(t.word[i]) : '-';
      if (ch >= '0' && ch <= '9') return false;
      if (ch == '-') {
        if (part < 3) return false;
        part = 0;
      } else if (ch < 0x80 || ch >= 0xC0) {  // one letter per UTF-8 lead byte
        ++part;
      }
    }
    const Token& prev = toks[j - 1];
    if (prev.all_caps || (!u_islower(prev.last_raw) && !prev.closes_quote && prev.last_raw != ')')) return false;
    bool head_lower = false;
    for (int k = start; k < j; ++k) head_lower = head_lower || u_islower(toks[k].first);
    if (!head_lower) return false;
    // "ОКЛЕНД, Калифорния", "СИЭТЛ. Спустя": a capital after the comma or period ("ЮНЕСКО,
    // которые" is an acronym inside a sentence).
    const UChar32 c = t.last_raw;
    if (j + 1 >= n) return false;
    if (c == ',' || c == '.') return IsUpper(toks[j + 1].first);
    // "JURUPA VALLEY (CBSLA)": a second word of the place name.
    int k = j + 1;
    if (toks[k].all_caps && !toks[k].opens_quote && toks[k].letters >= 2) {
      if (toks[k].last_raw == ',' || toks[k].last_raw == '.') return k + 1 < n && IsUpper(toks[k + 1].first);
      ++k;
    }
    if (k >= n) return false;
    // An agency in brackets ("(AP)", "(CBSLA)") or a dash.
    return (toks[k].opens_quote && toks[k].all_caps) || (toks[k].first == 0 && toks[k].end - toks[k].begin <= 3);
  }

  // The first word of the run of capitals that word `j` ends when a colon comes before the
  // run ("... in a cabin: | Russian President", seam found before "President"), else `j`.
  int RunAfterColon(const std::vector<Token>& toks, int start, int j) const {
    int run = j;
    while (run - 1 > start && IsUpper(toks[run - 1].first) && !toks[run - 1].initial &&
           !NoSeamAfter(toks[run - 1].last_raw)) {
      --run;
    }
    return run < j && toks[run - 1].last_raw == ':' ? run : j;
  }

  // Where the lead starts when word `j` echoes the headline: a description may come first
  // ("Home team | Manchester City ...", "Президент России Владимир | Путин ..."): up to three
  // words back, the earliest capitalised word that can open a sentence; a run of capitals
  // after a colon is cut in front ("каюте: | Президент России Владимир Путин"). -1 when such
  // a run cannot be cut in front (after a comma: "каюте, Президент России Владимир | Путин")
  // or follows "что" / "that" ("reports that Manchester | City": the lead's own clause).
  int LeadStart(const std::vector<Token>& toks, int start, int j) const {
    int p = j;
    for (int k = j - 1; k >= std::max(start + 2, j - 3); --k) {
      const Token& t = toks[k];
      const Token& prev = toks[k - 1];
      const UChar32 c = t.last_raw;
      if (t.first == 0 || u_isdigit(t.first) || t.initial || t.all_caps || c == ',' || c == ';' || c == ':' ||
          c == '.' || IsDash(c)) {
        break;
      }
      if (!IsUpper(t.first)) continue;  // "Russian singer | Sergey Lazarev"
      const auto* clause_end = std::end(kClauseOpeners);
      if (std::find(std::begin(kClauseOpeners), clause_end, prev.word) != clause_end) {
        return -1;  // "reports that Manchester | City": the echo is inside the lead
      }
      if (never_last_.count(prev.word) > 0) break;  // "в Нанте | Выходец": the headline's end
      if (prev.opens_quote && !prev.closes_quote) break;  // not inside a quoted name
      const UChar32 pl = prev.last_raw;
      if (pl == ':' && k == p - 1) {  // "в каюте: | Президент России Владимир Путин ..."
        p = k;
        break;
      }
      if (prev.first == 0 || prev.initial || NoSeamAfter(pl)) {
        if (k == p - 1) return -1;
        break;
      }
      p = k;
    }
    return p;
  }

  // A repeat seam before word `j`: a long zone, `j` between a repeated word's two
  // occurrences, no comma or dash in the headline, two headline words repeated after it.
  bool WeakSeamPossible(const std::vector<Token>& toks, int start, int j, int repeat, int first_seen) const {
    const int n = static_cast<int>(toks.size());
    if (n - start < kHeadlineMinWords || !(first_seen <= j && j <= repeat)) return false;
    for (int k = start; k < j - 1; ++k) {
      const UChar32 c = toks[k].last_raw;
      if (c == ',' || c == ';' || (toks[k].end - toks[k].begin <= 3 && IsDash(c))) return false;
    }
    std::unordered_set<std::string> head;
    for (int k = start; k < j; ++k) {
      if (toks[k].letters >= 4 && openers_.count(toks[k].word) == 0) head.insert(toks[k].key);
    }
    int repeats = 0;
    for (int k = j; k < n && repeats < kHeadlineMinRepeats; ++k) {
      if (toks[k].letters >= 4 && head.erase(toks[k].key) > 0) ++repeats;
    }
    return repeats >= kHeadlineMinRepeats;
  }

  std::unordered_set<std::string_view> openers_, never_last_, determiners_, calendar_;
};

}  // namespace

struct SentenceSegmenter::Impl {
  std::string lang;
  std::unique_ptr<icu::BreakIterator> prototype;
  // Last token of an abbreviation -> the abbreviations (as token lists) ending with it.
  struct Entry {
    std::vector<std::string> tokens;
    Kind kind;
  };
  std::unordered_map<std::string, std::vector<Entry>> abbreviations;
  std::unordered_set<std::string_view> openers;
  std::unordered_set<std::string_view> reporting;
  // Set for languages with our word lists (Russian, English): look for glued headlines.
  std::unique_ptr<HeadlineDetector> headlines;

  void Add(std::string_view text, Kind kind) {
    Entry entry{{}, kind};
    size_t start = 0;
    while (start <= text.size()) {
      size_t space = text.find(' ', start);
      if (space == std::string_view::npos) space = text.size();
      entry.tokens.emplace_back(text.substr(start, space - start));
      start = space + 1;
    }
    auto& list = abbreviations[entry.tokens.back()];
    list.push_back(entry);
    // Longest first, so "и т. д." wins over "д.".
    std::stable_sort(list.begin(), list.end(),
                     [](const Entry& a, const Entry& b) { return a.tokens.size() > b.tokens.size(); });
    // Sentence-initial capitalised form of a lower-case abbreviation ("См. также").
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(s, i, static_cast<int32_t>(text.size()), c);
    if (u_islower(c) && entry.tokens.size() == 1) {
      std::string capital;
      char buf[U8_MAX_LENGTH];
      int32_t len = 0;
      UBool error = false;  // cannot fail: buf holds any code point
      U8_APPEND(buf, len, U8_MAX_LENGTH, u_toupper(c), error);
      (void)error;
      capital.assign(buf, static_cast<size_t>(len));
      capital.append(text.substr(static_cast<size_t>(i)));
      if (abbreviations.find(capital) == abbreviations.end()) {
        abbreviations[capital].push_back(Entry{{capital}, kind});
      }
    }
  }

  // The abbreviation that ends at `end` (exclusive; the byte after its final period), if any.
  const Entry* MatchAbbreviation(const Reader& r, int32_t end, int32_t* start_out) const {
    int32_t tok_start = r.TokenStart(end, 0);
    // Strip opening brackets and quotes from a one-token abbreviation: "(см." -> "см.".
    auto strip = [&r](int32_t b, int32_t e) {
      while (b < e) {
        int32_t next;
        if (!IsOpening(r.At(b, &next))) break;
        b = next;
      }
      return b;
    };
    int32_t last_start = strip(tok_start, end);
    auto it = abbreviations.find(std::string(r.View(last_start, end)));
    if (it == abbreviations.end()) return nullptr;
    for (const Entry& entry : it->second) {
      int32_t pos = tok_start;
      int32_t first = last_start;
      bool ok = true;
      for (size_t k = entry.tokens.size() - 1; k-- > 0;) {
        int32_t prev_end = r.SkipSpaceBack(pos, 0);
        if (prev_end == pos) {  // no token before this one
          ok = false;
          break;
        }
        int32_t prev_start = r.TokenStart(prev_end, 0);
        int32_t stripped = k == 0 ? strip(prev_start, prev_end) : prev_start;
        if (r.View(stripped, prev_end) != entry.tokens[k]) {
          ok = false;
          break;
        }
        pos = prev_start;
        first = stripped;
      }
      if (ok) {
        *start_out = first;
        return &entry;
      }
    }
    return nullptr;
  }

  // Does the text from `i` (after spaces and opening quotes) start with an initial: one
  // capital letter and a period ("И. Лобачевского")?
  static bool FollowedByInitial(const Reader& r, int32_t i) {
    i = r.SkipSpace(i);
    if (i >= r.n) return false;
    int32_t next;
    if (!IsUpper(r.At(i, &next)) || next >= r.n) return false;
    return r.At(next, &next) == '.';
  }

  // Does the text from `i` open with a day and a month ("24 апреля", "24 April")?
  static bool OpensWithDate(const Reader& r, int32_t i) {
    i = r.SkipSpace(i);
    int32_t next;
    int digits = 0;
    for (; i < r.n && u_isdigit(r.At(i, &next)); i = next) ++digits;
    if (digits < 1 || digits > 2 || i >= r.n || !IsWhiteSpace(static_cast<char32_t>(r.At(i, &next)))) return false;
    i = r.SkipSpace(i);
    int32_t e = i;
    while (e < r.n && u_isalpha(r.At(e, &next))) e = next;
    std::string month = FoldCase(r.View(i, e));
    return std::find(std::begin(kMonths), std::end(kMonths), month) != std::end(kMonths);
  }

  // "Sh.", "Yu.", "Zh.", "Дж.": a capital and one lower-case letter, a transliterated initial.
  static bool IsShortName(std::string_view token) {
    const auto* s = reinterpret_cast<const uint8_t*>(token.data());
    const int32_t n = static_cast<int32_t>(token.size());
    int32_t i = 0;
    UChar32 a, b, dot;
    if (n < 3) return false;
    U8_NEXT(s, i, n, a);
    if (i >= n) return false;
    U8_NEXT(s, i, n, b);
    if (i >= n) return false;
    U8_NEXT(s, i, n, dot);
    return i == n && IsUpper(a) && u_islower(b) && dot == '.';
  }

  // "К.", "Ю.В.", "A.S.": one or more single capital letters, each followed by a period.
  static bool IsInitials(const Reader& r, int32_t b, int32_t e) {
    if (IsLetterInitials(r, b, e, false)) return true;
    // "N. I. Lobachevsky": after another initial, "I." is one too.
    if (!IsLetterInitials(r, b, e, true)) return false;
    const int32_t before_end = r.SkipSpaceBack(b, 0);
    if (before_end == b) return false;
    return IsLetterInitials(r, r.TokenStart(before_end, 0), before_end, false);
  }

  // `allow_i`: a lone "I." counts too.
  static bool IsLetterInitials(const Reader& r, int32_t b, int32_t e, bool allow_i) {
    int letters = 0;
    bool only_latin_i = true;
    while (b < e) {
      int32_t next;
      UChar32 c = r.At(b, &next);
      if (!IsUpper(c) || next >= e) return false;
      only_latin_i = only_latin_i && c == 'I';
      int32_t after;
      if (r.At(next, &after) != '.') return false;
      b = after;
      ++letters;
    }
    // "I." is the pronoun or a Roman numeral ("World War I. The") far more often.
    return letters > 0 && (allow_i || !(letters == 1 && only_latin_i));
  }

  // "млн", "млрд.", "тыс.": a number's multiplier, written after it.
  static bool IsMultiplier(std::string_view token) {
    for (std::string_view m : {"тыс", "тыс.", "млн", "млн.", "млрд", "млрд.", "трлн", "трлн.", "million", "billion"}) {
      if (token == m) return true;
    }
    return false;
  }

  // "2017", "1990-х", "2019-2020", "XX", "$193", "€185": a number, or Roman numerals.
  static bool IsNumberToken(std::string_view token) {
    // "350000, г. Краснодар": a token ending in a comma is a postcode or a list item.
    if (token.empty() || token.back() == ',') return false;
    // A currency sign before the number: "$193 млн.", "€185 тыс.".
    for (int32_t i = 0, n = static_cast<int32_t>(token.size()); i < n;) {
      UChar32 c;
      const int32_t at = i;
      U8_NEXT(reinterpret_cast<const uint8_t*>(token.data()), i, n, c);
      if (u_charType(c) != U_CURRENCY_SYMBOL) {
        token.remove_prefix(static_cast<size_t>(at));
        break;
      }
    }
    if (token.empty()) return false;
    if (token.front() >= '0' && token.front() <= '9') return true;
    return token.find_first_not_of("IVXLCDM") == std::string_view::npos;
  }

  Following Look(const Reader& r, int32_t i) const {
    Following f;
    i = r.SkipSpace(i);
    if (i >= r.n) return f;
    int32_t next;
    UChar32 c = r.At(i, &next);
    if (c == ',' || c == ';' || c == ':' || c == ')') {
      f.starts_with_punct = true;
      f.cls = Following::kOther;
      return f;
    }
    if (IsDash(c)) {
      f.starts_with_dash = true;
      i = r.SkipSpace(next);
      if (i >= r.n) return f;
      c = r.At(i, &next);
    }
    while (IsOpening(c) && next < r.n) {
      i = next;
      c = r.At(i, &next);
    }
    if (u_islower(c)) {
      f.cls = Following::kLower;
    } else if (IsUpper(c)) {
      f.cls = Following::kUpper;
    } else if (u_isdigit(c)) {
      f.cls = Following::kDigit;
    } else {
      f.cls = Following::kOther;
    }
    int32_t e = i;
    while (e < r.n) {
      int32_t n2;
      UChar32 d = r.At(e, &n2);
      if (!u_isalnum(d)) break;
      e = n2;
    }
    f.word = r.View(i, e);
    return f;
  }

  bool IsOpener(std::string_view word) const { return openers.count(word) > 0; }

  // One of the first four words from `i` is a verb of saying.
  bool StartsWithReporting(const Reader& r, int32_t i) const {
    for (int words = 0; words < 4 && i < r.n; ++words) {
      i = r.SkipSpace(i);
      int32_t e = i;
      while (e < r.n) {
        int32_t next;
        UChar32 c = r.At(e, &next);
        if (IsWhiteSpace(static_cast<char32_t>(c))) break;
        e = next;
      }
      std::string_view word = r.View(i, e);
      while (!word.empty() && std::string_view(".,;:").find(word.back()) != std::string_view::npos) {
        word.remove_suffix(1);
      }
      if (reporting.count(word) > 0) return true;
      i = e;
    }
    return false;
  }

  // A dateline opening a paragraph: an upper-case place name ("СИЭТЛ.", "ДУШАНБЕ, 9 декабря
  // /НИАТ «Ховар»/.", "WASHINGTON (Reuters)."). Translators keep it with the first sentence.
  static bool IsDateline(const Reader& r, int32_t b, int32_t e) {
    b = r.SkipSpace(b);
    int first_word_upper = 0;
    int32_t i = b;
    while (i < e) {  // the first word must be all capitals
      int32_t next;
      UChar32 c = r.At(i, &next);
      if (IsUpper(c)) {
        ++first_word_upper;
      } else if (u_islower(c)) {
        return false;
      } else if (c != '-') {
        break;
      }
      i = next;
    }
    if (first_word_upper < 2) return false;
    int32_t prev;
    if (r.Before(r.SkipSpaceBack(e, b), &prev) == '.' && r.Before(prev, &prev) == '/') return e - b < 300;
    // Otherwise only a short all-capitals piece: "СИЭТЛ.", "НЬЮ-ЙОРК.", maybe with the region
    // after a comma, each word capitalised: "AUGUSTA, Ga.", "ОРОРА, Колорадо.".
    int tokens = 0, region_tokens = 0;
    bool comma = false;
    for (int32_t j = b; j < e; j = r.SkipSpace(j)) {
      ++tokens;
      if (comma) ++region_tokens;
      bool first = true;
      UChar32 last = 0;
      while (j < e) {
        const UChar32 c = r.At(j, &prev);
        if (IsWhiteSpace(static_cast<char32_t>(c))) break;
        if (u_islower(c) && (!comma || first)) return false;
        first = false;
        last = c;
        j = prev;
      }
      comma = comma || last == ',';
    }
    return tokens <= 6 && region_tokens <= 3;
  }

  // Is the ICU candidate at `b` a sentence boundary? [seg_begin, b) is the sentence so far,
  // [b, next) the text up to the next candidate.
  bool ShouldBreak(const Reader& r, int32_t seg_begin, int32_t b, int32_t next) const {
    // A piece with no letters or digits ("***", a stray quote) belongs to a neighbour.
    if (!r.HasAlnum(seg_begin, b) || !r.HasAlnum(b, next)) return false;

    const int32_t left_end = r.SkipSpaceBack(b, seg_begin);
    const Following f = Look(r, b);
    if (f.starts_with_punct || f.cls == Following::kLower) return false;

    int32_t prev;
    const UChar32 last = r.Before(left_end, &prev);
    // "oOh!media", "Yahoo!News", "01։23" (an Armenian full stop in a time): no space after a
    // terminator other than the period means a name or a number, not a sentence end.
    if (left_end == b && last != '.' && u_hasBinaryProperty(last, UCHAR_S_TERM)) return false;
    // «Почему?» — спросил он. / "Why?" Smith asked.
    if (r.EndsWithQuotedExclamation(left_end, seg_begin) && StartsWithReporting(r, b)) return false;
    if (seg_begin == 0 && IsDateline(r, seg_begin, left_end)) return false;
    if (last == '.') {
      int32_t abbr_start = 0;
      if (const Entry* entry = MatchAbbreviation(r, left_end, &abbr_start)) {
        // "5 млн. 300 тыс.": a number after an abbreviation continues it, unless it opens a
        // date after a unit that has its number ("$3 трлн. 24 апреля Трамп подписал ...").
        if (f.cls == Following::kDigit && !(entry->kind == Kind::kAfterNumber && OpensWithDate(r, b))) return false;
        switch (entry->kind) {
          case Kind::kNoBreak:
            return false;
          case Kind::kBeforeName:
            // "AUGUSTA, Ga. -- Authorities pulled ...": a dash after a state is a dateline's.
            if (f.starts_with_dash) return false;
            return f.cls != Following::kUpper || IsOpener(f.word);
          case Kind::kAfterNumber: {
            int32_t before_end = r.SkipSpaceBack(abbr_start, 0);
            int32_t before_start = r.TokenStart(before_end, 0);
            // "3 млн руб. Форум ...": a multiplier between the number and the unit.
            if (IsMultiplier(r.View(before_start, before_end))) {
              before_end = r.SkipSpaceBack(before_start, 0);
              before_start = r.TokenStart(before_end, 0);
            }
            return IsNumberToken(r.View(before_start, before_end));
          }
          case Kind::kBeforeNumber:
          case Kind::kMayEnd:
            return true;
        }
      }
      const int32_t tok_start = r.TokenStart(left_end, seg_begin);
      int32_t initials_start = tok_start;
      while (initials_start < left_end) {
        int32_t n2;
        if (!IsOpening(r.At(initials_start, &n2))) break;
        initials_start = n2;
      }
      if (IsInitials(r, initials_start, left_end) && f.cls == Following::kUpper && !IsOpener(f.word)) {
        return false;
      }
      // "Н. И. Лобачевского", "CEO I. A. Garipov", "Dr. Sh. R. Davlatov": an initial after
      // the period is never a sentence opener, even when it reads like one ("И", "A", "I").
      if (f.cls == Following::kUpper && FollowedByInitial(r, b) &&
          (IsLetterInitials(r, initials_start, left_end, true) || IsShortName(r.View(initials_start, left_end)))) {
        return false;
      }
      // "региона. 73-летний": a number after a word of three letters or more starts a
      // sentence; after a short unknown word ("ок. 5") it is more likely an abbreviation.
      if (f.cls == Following::kDigit && !f.starts_with_dash) {
        int letters = 0;
        for (int32_t i = tok_start; i < prev;) {
          int32_t n2;
          if (u_isalpha(r.At(i, &n2))) ++letters;
          i = n2;
        }
        if (letters < 3) return false;
      }
      // A list marker "1." at the start of a paragraph.
      if (tok_start == r.SkipSpace(seg_begin) && IsNumberToken(r.View(tok_start, prev))) return false;
    }
    return true;
  }

  // Does `span` end with a letter or a digit (no full stop, no closing quote or bracket)?
  static bool EndsUnpunctuated(std::string_view text, Span span) {
    const Reader r{reinterpret_cast<const uint8_t*>(text.data()), static_cast<int32_t>(text.size())};
    const int32_t end = r.SkipSpaceBack(static_cast<int32_t>(span.end), static_cast<int32_t>(span.begin));
    if (end <= static_cast<int32_t>(span.begin)) return false;
    int32_t prev;
    const UChar32 last = r.Before(end, &prev);
    return u_isalnum(last);
  }

  std::vector<Span> Split(std::string_view text, Span paragraph, bool opens_document,
                          SentenceSegmenter::SplitNotes* notes) const {
    std::vector<Span> out = SplitSentences(text, paragraph);
    if (notes) {
      notes->guessed.assign(out.size(), false);
      notes->possible.clear();
    }
    if (!headlines || out.empty()) return out;
    // `zone` cut at `seams`, appended to `done`; the pieces after the first are guesses.
    std::vector<Span> done;
    std::vector<bool> soft;
    auto cut = [&](const Span& zone, const std::vector<int32_t>& seams) {
      size_t from = zone.begin;
      for (int32_t seam : seams) {
        done.push_back(TrimWhiteSpace(text, Span{from, static_cast<size_t>(seam)}));
        soft.push_back(from != zone.begin);
        from = static_cast<size_t>(seam);
      }
      done.push_back(TrimWhiteSpace(text, Span{from, zone.end}));
      soft.push_back(from != zone.begin);
    };
    size_t rest = 0;  // sentences of `out` not yet searched
    if (opens_document) {
      // The headline zone: the first sentence, or the second one after a short first one that
      // ended with a period ("Российский рекорд. Школьник сдал ЕГЭ ... Ученик ...").
      for (size_t z = 0; z < std::min<size_t>(out.size(), 2); ++z) {
        const Span zone = out[z];
        rest = z + 1;
        std::vector<int32_t> possible;
        const std::vector<int32_t> seams = headlines->Seams(text, static_cast<int32_t>(zone.begin),
                                                            static_cast<int32_t>(zone.end), false, &possible);
        if (notes) notes->possible.insert(notes->possible.end(), possible.begin(), possible.end());
        if (!seams.empty()) {
          cut(zone, seams);
          break;
        }
        cut(zone, {});
        if (Tokenize(text, static_cast<int32_t>(zone.begin), static_cast<int32_t>(zone.end)).size() > 6) break;
      }
    }
    // Elsewhere only the strong seams: a sentence opener after a word that can end a sentence.
    // A paragraph that ends without punctuation ends in headlines (links to related news run
    // together): its last sentence is searched as a headline zone is.
    for (size_t k = rest; k < out.size(); ++k) {
      const bool trailing_headlines = k + 1 == out.size() && EndsUnpunctuated(text, out[k]);
      std::vector<int32_t> possible;
      const std::vector<int32_t> seams =
          headlines->Seams(text, static_cast<int32_t>(out[k].begin), static_cast<int32_t>(out[k].end),
                           !trailing_headlines, trailing_headlines ? &possible : nullptr);
      if (notes) notes->possible.insert(notes->possible.end(), possible.begin(), possible.end());
      cut(out[k], seams);
    }
    if (notes) {
      notes->guessed = std::move(soft);
      // A possible seam where a sentence starts anyway is no longer a possibility.
      auto starts = [&done](size_t at) {
        return std::any_of(done.begin(), done.end(), [at](const Span& s) { return s.begin == at; });
      };
      notes->possible.erase(std::remove_if(notes->possible.begin(), notes->possible.end(), starts),
                            notes->possible.end());
    }
    return done;
  }

  std::vector<Span> SplitSentences(std::string_view text, Span paragraph) const {
    std::vector<Span> out;
    if (paragraph.size() == 0) return out;
    // ICU sees the paragraph as one running text: line ends (and Unicode line/paragraph
    // separators) become spaces of the same byte length, so offsets do not move.
    std::string buf(text.substr(paragraph.begin, paragraph.size()));
    std::vector<int32_t> dialogue_starts;
    for (size_t i = 0; i < buf.size(); ++i) {
      const auto ch = static_cast<unsigned char>(buf[i]);
      bool line_end = false;
      if (ch == '\n' || ch == '\r') {
        buf[i] = ' ';
        line_end = true;
      } else if (ch == 0xE2 && i + 2 < buf.size() && static_cast<unsigned char>(buf[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(buf[i + 2]) == 0xA8 ||
                  static_cast<unsigned char>(buf[i + 2]) == 0xA9)) {
        buf.replace(i, 3, "   ");
        i += 2;
        line_end = true;
      } else if (ch == 0xC2 && i + 1 < buf.size() && static_cast<unsigned char>(buf[i + 1]) == 0x85) {
        buf.replace(i, 2, "  ");
        i += 1;
        line_end = true;
      }
      if (line_end) dialogue_starts.push_back(static_cast<int32_t>(i + 1));
    }
    const Reader r{reinterpret_cast<const uint8_t*>(buf.data()), static_cast<int32_t>(buf.size())};

    // Keep only the line starts that open a dialogue line with a dash.
    std::vector<int32_t> forced;
    for (int32_t start : dialogue_starts) {
      int32_t i = r.SkipSpace(start);
      if (i >= r.n || !r.HasAlnum(0, start)) continue;
      int32_t next;
      UChar32 c = r.At(i, &next);
      if (c == 0x2014 || c == 0x2013 || c == 0x2015 || c == 0x2212) {
        forced.push_back(i);
      } else if (c == '-' && next < r.n && IsWhiteSpace(static_cast<char32_t>(r.At(next, &next)))) {
        forced.push_back(i);
      }
    }

    std::vector<int32_t> candidates;
    {
      std::unique_ptr<icu::BreakIterator> it(prototype->clone());
      UErrorCode status = U_ZERO_ERROR;
      UText ut = UTEXT_INITIALIZER;
      utext_openUTF8(&ut, buf.data(), static_cast<int64_t>(buf.size()), &status);
      if (U_FAILURE(status)) throw Error(std::string("ICU: cannot open text: ") + u_errorName(status));
      it->setText(&ut, status);
      if (U_FAILURE(status)) throw Error(std::string("ICU: cannot segment text: ") + u_errorName(status));
      for (int32_t b = it->next(); b != icu::BreakIterator::DONE && b < r.n; b = it->next()) {
        // ICU attaches format characters (RLM, ZWJ, BOM) to the space before them; they
        // belong to the next sentence.
        int32_t start = b;
        for (int32_t prev; start > 0 && u_charType(r.Before(start, &prev)) == U_FORMAT_CHAR;) start = prev;
        int32_t before_start;
        if (start < b && start > 0 && IsWhiteSpace(static_cast<char32_t>(r.Before(start, &before_start)))) {
          b = start;
        }
        candidates.push_back(b);
      }
      utext_close(&ut);
    }
    // Where ICU's rules never break after a terminator: before a dash (UAX #29 counts "-",
    // "–", "—" as SContinue), before a number when a lower-case letter follows it later
    // ("региона. 73-летний пенсионер"), and after "…" (not a terminator for ICU at all).
    for (int32_t i = 0; i < r.n;) {
      int32_t j;
      const UChar32 c = r.At(i, &j);
      if (!(c == '.' || c == '!' || c == '?' || c == 0x2026)) {
        i = j;
        continue;
      }
      while (j < r.n) {  // closing quotes and brackets stay with the sentence
        int32_t next;
        UChar32 q = r.At(j, &next);
        if (!(q == 0xBB || q == 0x201D || q == 0x2019 || q == '"' || q == ')' || q == '\'')) break;
        j = next;
      }
      const int32_t k = r.SkipSpace(j);
      if (k > j && k < r.n) {
        int32_t next;
        const UChar32 first = r.At(k, &next);
        const Following f = Look(r, k);
        if (IsDash(first) || u_isdigit(first) || (c == 0x2026 && f.cls == Following::kUpper)) {
          candidates.push_back(k);
        }
      }
      i = std::max(j, i + 1);
    }
    candidates.insert(candidates.end(), forced.begin(), forced.end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    candidates.push_back(r.n);

    int32_t seg_begin = 0;
    for (size_t k = 0; k + 1 < candidates.size(); ++k) {
      const int32_t b = candidates[k];
      if (b <= seg_begin) continue;
      const bool is_forced = std::binary_search(forced.begin(), forced.end(), b);
      if (is_forced || ShouldBreak(r, seg_begin, b, candidates[k + 1])) {
        Span s = TrimWhiteSpace(text, Span{paragraph.begin + static_cast<size_t>(seg_begin),
                                           paragraph.begin + static_cast<size_t>(b)});
        if (s.size() > 0) out.push_back(s);
        seg_begin = b;
      }
    }
    Span s = TrimWhiteSpace(text, Span{paragraph.begin + static_cast<size_t>(seg_begin), paragraph.end});
    if (s.size() > 0) out.push_back(s);
    return out;
  }
};

SentenceSegmenter::SentenceSegmenter(const std::string& lang) : impl_(std::make_unique<Impl>()) {
  impl_->lang = lang;
  UErrorCode status = U_ZERO_ERROR;
  impl_->prototype.reset(icu::BreakIterator::createSentenceInstance(icu::Locale(lang.c_str()), status));
  if (U_FAILURE(status) || !impl_->prototype) {
    throw Error("ICU: no sentence break iterator for '" + lang + "': " + u_errorName(status));
  }
  for (const LanguageTables& tables : kLanguageTables) {
    if (tables.lang != lang) continue;
    if (tables.russian) {
      for (const Abbreviation& a : kRussianAbbreviations) impl_->Add(a.text, a.kind);
    }
    if (tables.english) {
      for (const Abbreviation& a : kEnglishAbbreviations) impl_->Add(a.text, a.kind);
    }
    impl_->headlines = std::make_unique<HeadlineDetector>(tables.russian);
  }
  for (std::string_view word : kSentenceOpeners) impl_->openers.insert(word);
  for (std::string_view word : kReportingVerbs) impl_->reporting.insert(word);
}

SentenceSegmenter::~SentenceSegmenter() = default;
SentenceSegmenter::SentenceSegmenter(SentenceSegmenter&&) noexcept = default;
SentenceSegmenter& SentenceSegmenter::operator=(SentenceSegmenter&&) noexcept = default;

std::vector<Span> SentenceSegmenter::Split(std::string_view text, Span paragraph, bool opens_document,
                                           SplitNotes* notes) const {
  return impl_->Split(text, paragraph, opens_document, notes);
}

const std::string& SentenceSegmenter::lang() const { return impl_->lang; }

namespace {

// One segmenter per language for the whole process: building the ICU iterator and the
// tables costs far more than segmenting a news item.
const SentenceSegmenter& SegmenterFor(const std::string& lang) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<SentenceSegmenter>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto& slot = cache[lang];
  if (!slot) slot = std::make_unique<SentenceSegmenter>(lang);
  return *slot;
}

}  // namespace

void Segment(Document& doc) {
  const SentenceSegmenter* segmenter = &SegmenterFor(doc.lang);
  doc.sentences.clear();
  doc.possible_seams.clear();
  SentenceSegmenter::SplitNotes notes;
  for (size_t p = 0; p < doc.paragraphs.size(); ++p) {
    const std::vector<Span> spans = segmenter->Split(doc.text, doc.paragraphs[p], p == 0, &notes);
    for (size_t k = 0; k < spans.size(); ++k)
      doc.sentences.push_back(Sentence{spans[k], static_cast<int>(p), notes.guessed[k] ? Seam::kGuessed : Seam::kSure});
    doc.possible_seams.insert(doc.possible_seams.end(), notes.possible.begin(), notes.possible.end());
  }
}

void SegmentPresplit(Document& doc) {
  const std::string_view text = doc.text;
  doc.paragraphs.assign(1, Span{0, text.size()});
  doc.sentences.clear();
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    doc.sentences.push_back(Sentence{TrimWhiteSpace(text, Span{start, i}), 0});
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  if (start < text.size()) doc.sentences.push_back(Sentence{TrimWhiteSpace(text, Span{start, text.size()}), 0});
  doc.lines_given = true;
  doc.possible_seams.clear();
  doc.guessed_seams.clear();
  // A first line may still hold a glued headline ("... в честь Дня флота В Санкт-Петербурге
  // сегодня ..."): the headline rules' seams in it, noted, not cut (the lines stay the
  // sentences). Breaks ICU would make inside a line are not the headline rules' business.
  if (doc.sentences.empty() || doc.sentences[0].span.size() == 0) return;
  // The headline rules read the text around the line for ordinary words: a news item's worth
  // is plenty, and a book's first line costs no more than a news item's.
  constexpr size_t kEvidenceBytes = 32 * 1024;
  const std::string_view around = text.substr(0, std::max(kEvidenceBytes, doc.sentences[0].span.end));
  SentenceSegmenter::SplitNotes notes;
  const std::vector<Span> spans = SegmenterFor(doc.lang).Split(around, doc.sentences[0].span, true, &notes);
  for (size_t k = 0; k < spans.size(); ++k) {
    if (notes.guessed[k]) doc.guessed_seams.push_back(spans[k].begin);
  }
  doc.possible_seams = std::move(notes.possible);
}

}  // namespace newsalign
