#include "newsalign/text/encoding.h"

#include <unicode/unistr.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace newsalign {
namespace {

// UTF-8 text -> bytes in an ICU charset, done with ICU directly so that the code under test
// is not used to build its own fixtures.
std::string Encode(const std::string& utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string out(static_cast<size_t>(u.extract(0, u.length(), nullptr, charset)), '\0');
  u.extract(0, u.length(), out.data(), charset);
  return out;
}

// Bytes in an ICU charset -> UTF-8.
std::string Decode(const std::string& bytes, const char* charset) {
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), charset);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Russian text as CP1251 bytes read back as Latin-1 and saved as UTF-8: "Ðåöåíçèÿ".
std::string Mojibake(const std::string& russian) { return Decode(Encode(russian, "windows-1251"), "ISO-8859-1"); }

const std::string kRussian =
    "Рецензия на «Персов»: старинное описание поражения от Эсхила. В «Персах» не так много "
    "действия, да и сюжет едва заметен — люди просто перемещаются по сцене. Ещё 5 млн зрителей, "
    "№ 3, ёлка и Ёж.";

TEST_CASE("FindInvalidUtf8 reports the first bad byte") {
  struct Case {
    std::string bytes;
    size_t want;
  };
  const std::vector<Case> cases = {
      {"", std::string::npos},
      {"plain ASCII", std::string::npos},
      {"Рецензия на «Персов» — ёлка 😀", std::string::npos},
      {"ab\x80", 2},                        // a lone continuation byte
      {"Р\xC0\x80", 2},                     // overlong NUL
      {"x\xED\xA0\x80", 1},                 // a UTF-16 surrogate
      {"xy\xF5\x80\x80\x80", 2},            // beyond U+10FFFF
      {"ok \xD0", 3},                       // truncated at the end
      {"ok \xE2\x80 z", 3},                 // truncated in the middle
      {std::string("a\0b", 3), std::string::npos},  // NUL is valid UTF-8 (the reader refuses it)
  };
  for (const Case& c : cases) {
    INFO(c.bytes);
    REQUIRE(FindInvalidUtf8(c.bytes) == c.want);
  }
}

TEST_CASE("GuessLegacyCharset names Windows Cyrillic") {
  std::string long_russian;
  for (int i = 0; i < 5; ++i) long_russian += kRussian + " ";
  CharsetGuess guess = GuessLegacyCharset(Encode(long_russian, "windows-1251"));
  REQUIRE(guess.icu_name == "windows-1251");
  REQUIRE(guess.iconv_name == "cp1251");
  REQUIRE(guess.description == "CP1251 (Windows Cyrillic)");
}

TEST_CASE("ConvertToUtf8 converts UTF-16 and rejects broken input") {
  std::string utf8;
  REQUIRE(ConvertToUtf8(Encode(kRussian, "UTF-16LE"), "UTF-16LE", &utf8));
  REQUIRE(utf8 == kRussian);
  REQUIRE(ConvertToUtf8(Encode(kRussian, "UTF-16BE"), "UTF-16BE", &utf8));
  REQUIRE(utf8 == kRussian);
  REQUIRE_FALSE(ConvertToUtf8(std::string("\x00\xD8\x41", 3), "UTF-16LE", &utf8));  // lone surrogate + odd byte
}

TEST_CASE("LooksLikeCp1251Mojibake fires on mis-decoded Russian only") {
  struct Case {
    std::string text;
    bool want;
  };
  const std::vector<Case> cases = {
      // Mis-decoded Russian, long and short, with Latin words inside.
      {Mojibake(kRussian), true},
      {Mojibake("Президент России заявил"), true},
      {Mojibake("Компания Microsoft и Apple Inc. заявили о сделке на 5 млрд долларов"), true},
      // Real text in languages with accented letters.
      {"Le président français a déclaré à la télévision qu'il était très préoccupé par la "
       "situation économique en Côte d'Ivoire et à Besançon.", false},
      {"Über die Brücke gehen täglich Tausende Fußgänger, während die Straßenbahn schläft.", false},
      {"Þú ert í Reykjavík á Íslandi; ég sá ðað í gær og hún var þar á ferð.", false},
      {"Ça été une année très spéciale: éàèùâêîôûëïüÿç ÀÉÈ", false},
      // Russian, English, nothing.
      {kRussian, false},
      {"The quick brown fox jumps over the lazy dog.", false},
      {"", false},
      {"Ðå", false},  // too short to tell
  };
  for (const Case& c : cases) {
    INFO(c.text);
    REQUIRE(LooksLikeCp1251Mojibake(c.text) == c.want);
  }
}

TEST_CASE("RepairCp1251Mojibake restores the Russian text") {
  REQUIRE(Mojibake(kRussian) != kRussian);
  REQUIRE(RepairCp1251Mojibake(Mojibake(kRussian)) == kRussian);
  // Through CP1252 instead of Latin-1: “ ” — … are above U+00FF there.
  const std::string with_quotes = "Он сказал: “Нет” — и ушёл…";
  REQUIRE(RepairCp1251Mojibake(Decode(Encode(with_quotes, "windows-1251"), "windows-1252")) == with_quotes);
  // Code points with no single-byte form survive as they are.
  REQUIRE(RepairCp1251Mojibake(Mojibake("Привет") + " 😀") == "Привет 😀");
  REQUIRE(RepairCp1251Mojibake("") == "");
}

TEST_CASE("CountLetters counts letters by script") {
  ScriptCounts c = CountLetters("Abc где 12 — Ωλ é");
  REQUIRE(c.latin == 4);
  REQUIRE(c.cyrillic == 3);
  REQUIRE(c.other == 2);
  REQUIRE(c.total() == 9);
}

TEST_CASE("TrimWhiteSpace trims Unicode white space but not zero-width characters") {
  struct Case {
    std::string text;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"  a b \r\n", "a b"},
      {"\xC2\xA0текст\xE2\x80\x83", "текст"},             // NBSP, EM SPACE
      {"\xE2\x80\x8Bтекст\xE2\x80\x8B", "\xE2\x80\x8Bтекст\xE2\x80\x8B"},  // ZWSP stays
      {" \t ", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Span s = TrimWhiteSpace(c.text, Span{0, c.text.size()});
    REQUIRE(c.text.substr(s.begin, s.size()) == c.want);
  }
}

}  // namespace
}  // namespace newsalign
