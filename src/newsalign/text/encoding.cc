#include "newsalign/text/encoding.h"

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "newsalign/core/error.h"

namespace newsalign {
namespace {

// ICU converters are not thread-safe; every call opens its own (cheap: the tables are shared).
struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr OpenConverter(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr c(ucnv_open(name, &status));
  if (U_FAILURE(status)) throw Error(std::string("ICU: cannot open converter ") + name + ": " + u_errorName(status));
  return c;
}

// The charsets ICU's detector names, as a person and iconv know them.
struct CharsetName {
  const char* icu;
  const char* description;
  const char* iconv;
};
constexpr CharsetName kCharsetNames[] = {
    {"windows-1251", "CP1251 (Windows Cyrillic)", "cp1251"},
    {"KOI8-R", "KOI8-R (Russian)", "koi8-r"},
    {"ISO-8859-5", "ISO-8859-5 (Cyrillic)", "iso-8859-5"},
    {"IBM866", "CP866 (DOS Cyrillic)", "cp866"},
    {"ISO-8859-1", "Latin-1 (ISO-8859-1)", "latin1"},
    {"windows-1252", "CP1252 (Windows Western)", "cp1252"},
    {"ISO-8859-2", "Latin-2 (ISO-8859-2)", "iso-8859-2"},
    {"windows-1250", "CP1250 (Windows Central European)", "cp1250"},
    {"UTF-16LE", "UTF-16LE", "utf-16le"},
    {"UTF-16BE", "UTF-16BE", "utf-16be"},
    {"UTF-32LE", "UTF-32LE", "utf-32le"},
    {"UTF-32BE", "UTF-32BE", "utf-32be"},
    {"Shift_JIS", "Shift_JIS (Japanese)", "shift_jis"},
    {"GB18030", "GB18030 (Chinese)", "gb18030"},
    {"Big5", "Big5 (Chinese)", "big5"},
    {"EUC-JP", "EUC-JP (Japanese)", "euc-jp"},
    {"EUC-KR", "EUC-KR (Korean)", "euc-kr"},
};

void AppendUtf8(std::string* out, UChar32 c) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, U8_MAX_LENGTH, c, error);
  if (!error) out->append(buf, static_cast<size_t>(n));
}

// The script of a letter beyond ASCII; kNotLetter for anything that is not a letter.
enum class LetterScript { kNotLetter, kLatin, kCyrillic, kOther };

LetterScript ScriptOfLetter(UChar32 c) {
  if (IsRussianLetter(static_cast<char32_t>(c))) return LetterScript::kCyrillic;  // most letters, no ICU
  if (!u_isalpha(c)) return LetterScript::kNotLetter;
  UErrorCode status = U_ZERO_ERROR;
  switch (uscript_getScript(c, &status)) {
    case USCRIPT_LATIN: return LetterScript::kLatin;
    case USCRIPT_CYRILLIC: return LetterScript::kCyrillic;
    default: return LetterScript::kOther;
  }
}

}  // namespace

size_t FindInvalidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const int64_t n = static_cast<int64_t>(bytes.size());
  int64_t i = 0;
  while (i < n) {
    if (s[i] < 0x80) {  // fast path: ASCII runs
      ++i;
      continue;
    }
    if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
      i += 2;  // fast path: a well-formed two-byte sequence (Cyrillic, Latin accents)
      continue;
    }
    // U8_NEXT works on int32_t offsets; feed it a window so that huge inputs are fine.
    const int32_t window = static_cast<int32_t>(std::min<int64_t>(n - i, 8));
    int32_t j = 0;
    UChar32 c;
    U8_NEXT(s + i, j, window, c);
    if (c < 0) return static_cast<size_t>(i);
    i += j;
  }
  return std::string::npos;
}

CharsetGuess GuessLegacyCharset(std::string_view bytes) {
  CharsetGuess guess;
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return guess;
  const int32_t len = static_cast<int32_t>(std::min<size_t>(bytes.size(), 64 * 1024));
  ucsdet_setText(detector, bytes.data(), len, &status);
  const UCharsetMatch* match = U_SUCCESS(status) ? ucsdet_detect(detector, &status) : nullptr;
  if (match != nullptr && U_SUCCESS(status)) {
    const char* name = ucsdet_getName(match, &status);
    guess.confidence = ucsdet_getConfidence(match, &status);
    if (U_SUCCESS(status) && name != nullptr) {
      guess.icu_name = name;
      guess.description = name;
      guess.iconv_name = name;
      for (const CharsetName& known : kCharsetNames) {
        if (guess.icu_name == known.icu) {
          guess.description = known.description;
          guess.iconv_name = known.iconv;
        }
      }
    }
  }
  ucsdet_close(detector);
  return guess;
}

bool ConvertToUtf8(std::string_view bytes, const char* charset, std::string* utf8) {
  // The name may come from the input (an HTML page's <meta charset>) or from ICU's detector,
  // which names charsets it cannot convert (IBM420_ltr): either way, no converter is a "no".
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(charset, &status));
  if (U_FAILURE(status) || !conv) return false;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;
  if (bytes.size() >= static_cast<size_t>(INT32_MAX)) return false;
  // Usually at most one UTF-16 unit per input byte; if not, ICU says how many it needs.
  std::vector<UChar> units(bytes.size() + 1);
  int32_t n_units = ucnv_toUChars(conv.get(), units.data(), static_cast<int32_t>(units.size()), bytes.data(),
                                  static_cast<int32_t>(bytes.size()), &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    ucnv_resetToUnicode(conv.get());
    units.resize(static_cast<size_t>(n_units) + 1);
    n_units = ucnv_toUChars(conv.get(), units.data(), static_cast<int32_t>(units.size()), bytes.data(),
                            static_cast<int32_t>(bytes.size()), &status);
  }
  if (U_FAILURE(status)) return false;
  int32_t n_bytes = 0;
  u_strToUTF8(nullptr, 0, &n_bytes, units.data(), n_units, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return false;
  status = U_ZERO_ERROR;
  utf8->assign(static_cast<size_t>(n_bytes), '\0');
  u_strToUTF8(utf8->data(), n_bytes, nullptr, units.data(), n_units, &status);
  return U_SUCCESS(status) || status == U_STRING_NOT_TERMINATED_WARNING;
}

ScriptCounts CountLetters(std::string_view utf8) {
  ScriptCounts counts;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++counts.latin;
      continue;
    }
    switch (ScriptOfLetter(c)) {
      case LetterScript::kNotLetter: break;
      case LetterScript::kLatin: ++counts.latin; break;
      case LetterScript::kCyrillic: ++counts.cyrillic; break;
      case LetterScript::kOther: ++counts.other; break;
    }
  }
  return counts;
}

bool LooksLikeCp1251Mojibake(std::string_view utf8) {
  // CP1251 puts А..я at 0xC0..0xFF, so read as Latin-1 every Russian letter but ё lands in
  // U+00C0..U+00FF (× and ÷ included: they are Ч and ч). Real Latin-script languages use
  // accented letters as a minority next to ASCII letters; mojibake has them as the majority.
  // U+00C0..U+00FF are all written with a lead byte 0xC3, so the count of those bytes (found
  // with memchr, fast) bounds `high`: the scan stops as soon as even that many could no
  // longer make the answer yes, which in a real text is within its first lines.
  size_t max_high = 0;
  for (const char *p = utf8.data(), *end = p + utf8.size();
       (p = static_cast<const char*>(std::memchr(p, 0xC3, static_cast<size_t>(end - p)))) != nullptr; ++p)
    ++max_high;
  if (max_high < 8) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  size_t high = 0, ascii = 0, cyrillic = 0, other = 0;
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++ascii;
    } else if (c >= 0xC0 && c <= 0xFF) {
      ++high;
    } else if (LetterScript script = ScriptOfLetter(c); script == LetterScript::kCyrillic) {
      ++cyrillic;
    } else if (script != LetterScript::kNotLetter) {
      ++other;
    }
    // The letters counted so far only grow; `high` never passes max_high.
    if (max_high * 10 < (high + ascii + cyrillic + other) * 6 || cyrillic * 50 > max_high) return false;
  }
  const size_t letters = high + ascii + cyrillic + other;
  if (high < 8) return false;
  return high * 10 >= letters * 6 && cyrillic * 50 <= high;
}

std::string RepairCp1251Mojibake(std::string_view utf8) {
  ConverterPtr cp1252 = OpenConverter("windows-1252");
  ConverterPtr cp1251 = OpenConverter("windows-1251");
  UErrorCode status = U_ZERO_ERROR;
  ucnv_setFromUCallBack(cp1252.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);

  std::string out;
  out.reserve(utf8.size() + utf8.size() / 2);
  std::string pending;  // single-byte run waiting to be decoded as CP1251
  auto flush = [&] {
    if (pending.empty()) return;
    std::string decoded;
    UErrorCode st = U_ZERO_ERROR;
    std::vector<UChar> units(pending.size() + 1);
    // The default substitution callback turns CP1251's one unassigned byte (0x98) into U+FFFD.
    int32_t n_units = ucnv_toUChars(cp1251.get(), units.data(), static_cast<int32_t>(units.size()),
                                    pending.data(), static_cast<int32_t>(pending.size()), &st);
    if (U_FAILURE(st)) throw Error(std::string("ICU: CP1251 decoding failed: ") + u_errorName(st));
    int32_t n_bytes = 0;
    u_strToUTF8(nullptr, 0, &n_bytes, units.data(), n_units, &st);
    st = U_ZERO_ERROR;
    decoded.assign(static_cast<size_t>(n_bytes), '\0');
    u_strToUTF8(decoded.data(), n_bytes, nullptr, units.data(), n_units, &st);
    out += decoded;
    pending.clear();
  };

  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const int32_t n = static_cast<int32_t>(std::min<size_t>(utf8.size(), INT32_MAX));
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && c <= 0xFF) {
      pending.push_back(static_cast<char>(c));
      continue;
    }
    if (c >= 0 && c <= 0xFFFF) {
      // CP1252's 0x80..0x9F block (“ ” — …) when the text went through CP1252, not Latin-1.
      UChar unit = static_cast<UChar>(c);
      char byte[4];
      UErrorCode st = U_ZERO_ERROR;
      ucnv_resetFromUnicode(cp1252.get());
      int32_t len = ucnv_fromUChars(cp1252.get(), byte, sizeof byte, &unit, 1, &st);
      if (U_SUCCESS(st) && len == 1) {
        pending.push_back(byte[0]);
        continue;
      }
    }
    flush();
    if (c >= 0) AppendUtf8(&out, c);
  }
  flush();
  return out;
}

bool IsWhiteSpace(char32_t c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

Span TrimWhiteSpace(std::string_view text, Span span) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  size_t b = span.begin, e = span.end;
  while (b < e) {
    if (s[b] < 0x80) {
      if (!IsWhiteSpace(s[b])) break;
      ++b;
      continue;
    }
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(s + b, i, static_cast<int32_t>(std::min<size_t>(e - b, 8)), c);
    if (c < 0 || !IsWhiteSpace(static_cast<char32_t>(c))) break;
    b += static_cast<size_t>(i);
  }
  while (e > b) {
    if (s[e - 1] < 0x80) {
      if (!IsWhiteSpace(s[e - 1])) break;
      --e;
      continue;
    }
    const size_t back = std::min<size_t>(e - b, 8);
    int32_t i = static_cast<int32_t>(back);
    UChar32 c;
    U8_PREV(s + (e - back), 0, i, c);
    if (c < 0 || !IsWhiteSpace(static_cast<char32_t>(c))) break;
    e -= back - static_cast<size_t>(i);
  }
  return Span{b, e};
}

}  // namespace newsalign
