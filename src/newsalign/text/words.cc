// Word tools: case folding, transliteration, word tokens and stems.
//
// ICU and Snowball stay inside this file. Everything works on UTF-16 internally (ICU's native
// form) and converts back to UTF-8 at the end; the per-object scratch buffers in
// WordTools::Impl and the thread_local ones for the free functions mean that the hot path
// (Words + Stem, called for every sentence of every document) allocates only its results.
//
// Choices that matter for matching Russian against English:
//  - Folding is ICU's full default case folding ("Straße" -> "strasse"), after NFC when the
//    text carries combining marks, and then three Russian-specific steps: ё -> е (Russian text
//    writes ё only sometimes, dictionaries and stemmers treat them as one letter), combining
//    stress accents after a Cyrillic letter are dropped ("за́мок" -> "замок"), soft hyphens are
//    dropped.
//  - Transliteration is BGN/PCGN (close to how English news spells Russian names) with two
//    changes: е after a letter is "e", not "ye" (Sysoev, Alekseev, as Reuters and TASS write
//    them; word-initial Е stays "Ye": Yeltsin), and the soft and hard signs are dropped
//    (Ilich, Marya, obedinennye) instead of becoming apostrophes.
//  - Words keeps hyphenated words whole ("северо-запад", "covid-19", "Ростов-на-Дону") but
//    leaves number ranges apart ("2017-2018" -> "2017", "2018") for the number evidence.
//  - A Russian WordTools stems words written only in Latin letters with the English stemmer,
//    so "Reuters" in a Russian sentence gets the same stem as in the English one.

#include "newsalign/text/words.h"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "newsalign/core/error.h"

namespace newsalign {
namespace {

bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

bool IsCyrillic(UChar c) { return c >= 0x0400 && c <= 0x052F; }
bool IsCombiningMark(UChar c) { return c >= 0x0300 && c <= 0x036F; }

// UTF-8 -> UTF-16 into `out` (invalid bytes become U+FFFD).
void ToUtf16(std::string_view text, std::vector<UChar>* out) {
  out->resize(text.size() + 1);  // UTF-16 never needs more units than UTF-8 has bytes
  int32_t len = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(out->data(), static_cast<int32_t>(out->size()), &len, text.data(),
                       static_cast<int32_t>(text.size()), 0xFFFD, nullptr, &status);
  if (U_FAILURE(status))
    throw Error(std::string("UTF-16 conversion failed: ") + u_errorName(status));
  out->resize(len);
}

void AppendUtf8(const UChar* s, int32_t len, std::string* out) {
  size_t pos = out->size();
  out->resize(pos + static_cast<size_t>(len) * 3);
  auto* dst = reinterpret_cast<uint8_t*>(&(*out)[0]);
  int32_t cap = static_cast<int32_t>(out->size());
  int32_t j = static_cast<int32_t>(pos);
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U16_NEXT(s, i, len, c);
    UBool error = false;
    U8_APPEND(dst, j, cap, c, error);
    (void)error;  // cannot happen: 3 bytes per UTF-16 unit is always enough
  }
  out->resize(j);
}

// Full case folding of `in` into `out`, then the Russian-specific steps described on top.
// `scratch` is only used when NFC is needed.
void FoldUtf16(const std::vector<UChar>& in, std::vector<UChar>* out, std::vector<UChar>* scratch) {
  const UChar* src = in.data();
  int32_t src_len = static_cast<int32_t>(in.size());
  UErrorCode status = U_ZERO_ERROR;
  bool has_marks = false;
  for (UChar c : in)
    if (IsCombiningMark(c)) {
      has_marks = true;
      break;
    }
  if (has_marks) {
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_SUCCESS(status)) {
      // Rare (decomposed or accented text), so a temporary UnicodeString is fine here.
      icu::UnicodeString source(false, src, src_len);  // read-only alias, no copy
      icu::UnicodeString dest;
      nfc->normalize(source, dest, status);
      if (U_SUCCESS(status)) {
        scratch->assign(dest.getBuffer(), dest.getBuffer() + dest.length());
        src = scratch->data();
        src_len = static_cast<int32_t>(scratch->size());
      }
      status = U_ZERO_ERROR;
    }
  }
  out->resize(static_cast<size_t>(src_len) * 3 + 16);  // full folding expands at most 3x
  int32_t len = u_strFoldCase(out->data(), static_cast<int32_t>(out->size()), src, src_len,
                              U_FOLD_CASE_DEFAULT, &status);
  if (U_FAILURE(status)) throw Error(std::string("case folding failed: ") + u_errorName(status));
  out->resize(len);
  // ё -> е; drop stress accents after Cyrillic letters and soft hyphens (in place).
  size_t j = 0;
  for (size_t i = 0; i < out->size(); ++i) {
    UChar c = (*out)[i];
    if (c == 0x0451) c = 0x0435;
    if (c == 0x00AD) continue;
    if ((c == 0x0301 || c == 0x0300) && j > 0 && IsCyrillic((*out)[j - 1])) continue;
    if (c == 0x0308 && j > 0 && (*out)[j - 1] == 0x0435) continue;  // decomposed ё
    (*out)[j++] = c;
  }
  out->resize(j);
}

struct FoldBuffers {
  std::vector<UChar> in, out, scratch;
};

// The transliterator, in two halves: to Latin, then Latin to lower-case ASCII; NFC comes
// before both, from Normalizer2. Built once from rules, cloned per thread (transliterate() on
// a shared instance is not documented as thread-safe). The split is for speed: Latin-ASCII is
// by far the slowest step, and it only rewrites non-ASCII letters, so a word that is ASCII
// after the first half skips it; and the ":: NFC ;" step costs more than Normalizer2's check
// even on text that is NFC already (nearly all text).
struct Transliterators {
  std::unique_ptr<icu::Transliterator> to_latin, to_ascii;
};

std::unique_ptr<icu::Transliterator> FromRules(const char* name, const char* rules) {
  UParseError perr;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
      name, icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, perr, status));
  if (U_FAILURE(status) || !t)
    throw Error(std::string("cannot create the ICU transliterator: ") + u_errorName(status));
  return t;
}

const Transliterators& TransliteratorPrototypes() {
  static const Transliterators* prototypes = [] {  // never freed: used until exit
    // See the top of the file for why these rules and not plain BGN.
    auto* t = new Transliterators;
    t->to_latin = FromRules("newsalign-Latin",
                            "[ьЬъЪ] > ;\n"
                            "[:L:] { е > e ;\n"
                            "[:L:] { Е > E ;\n"
                            "[:L:] { ё > e ;\n"
                            "[:L:] { Ё > E ;\n"
                            ":: Russian-Latin/BGN ;\n"
                            ":: Any-Latin ;\n");
    t->to_ascii = FromRules("newsalign-ASCII",
                            ":: Latin-ASCII ;\n"
                            ":: Lower ;\n"
                            "'·' > ;\n");
    return t;
  }();
  return *prototypes;
}

}  // namespace

std::string FoldCase(std::string_view text) {
  if (IsAscii(text)) {
    std::string out(text);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  thread_local FoldBuffers buf;
  ToUtf16(text, &buf.in);
  FoldUtf16(buf.in, &buf.out, &buf.scratch);
  std::string out;
  out.reserve(text.size());
  AppendUtf8(buf.out.data(), static_cast<int32_t>(buf.out.size()), &out);
  return out;
}

void PrepareTransliteration() { TransliteratorPrototypes(); }

std::string Transliterate(std::string_view text) {
  if (IsAscii(text)) return FoldCase(text);  // what the rules would do, without ICU
  thread_local Transliterators t{
      std::unique_ptr<icu::Transliterator>(TransliteratorPrototypes().to_latin->clone()),
      std::unique_ptr<icu::Transliterator>(TransliteratorPrototypes().to_ascii->clone())};
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status) && !nfc->isNormalized(s, status)) s = nfc->normalize(s, status);
  if (U_FAILURE(status)) throw Error(std::string("NFC normalization failed: ") + u_errorName(status));
  t.to_latin->transliterate(s);
  std::string out;
  s.toUTF8String(out);
  // All ASCII already (most Russian words): Latin-ASCII would change nothing, Lower is ASCII
  // lower-casing and there is no '·' left to drop.
  if (IsAscii(out)) return FoldCase(out);
  t.to_ascii->transliterate(s);
  out.clear();
  s.toUTF8String(out);
  return out;
}

struct WordTools::Impl {
  std::string lang;
  sb_stemmer* stemmer = nullptr;
  sb_stemmer* latin_stemmer = nullptr;  // English, for Latin-only words in Russian text
  std::unique_ptr<icu::BreakIterator> breaker;
  UText* utext = nullptr;
  FoldBuffers buf;

  ~Impl() {
    if (stemmer) sb_stemmer_delete(stemmer);
    if (latin_stemmer) sb_stemmer_delete(latin_stemmer);
    if (utext) utext_close(utext);
  }
};

WordTools::WordTools(const std::string& lang) : impl_(std::make_unique<Impl>()) {
  impl_->lang = lang;
  // libstemmer knows ISO 639-1 codes ("ru", "en", "de", ...) as aliases.
  if (!lang.empty()) impl_->stemmer = sb_stemmer_new(lang.c_str(), "UTF_8");
  if (lang == "ru") impl_->latin_stemmer = sb_stemmer_new("en", "UTF_8");
  UErrorCode status = U_ZERO_ERROR;
  impl_->breaker.reset(icu::BreakIterator::createWordInstance(
      icu::Locale(lang.empty() ? "und" : lang.c_str()), status));
  if (U_FAILURE(status) || !impl_->breaker)
    throw Error(std::string("cannot create an ICU word break iterator: ") + u_errorName(status));
}

WordTools::~WordTools() = default;
WordTools::WordTools(WordTools&&) noexcept = default;
WordTools& WordTools::operator=(WordTools&&) noexcept = default;

const std::string& WordTools::lang() const { return impl_->lang; }

std::vector<std::string> WordTools::Words(std::string_view text) const {
  std::vector<std::string> out;
  Words(text, &out);
  return out;
}

void WordTools::Words(std::string_view text, std::vector<std::string>* out) const {
  out->clear();
  if (text.empty()) return;
  Impl& im = *impl_;
  ToUtf16(text, &im.buf.in);
  FoldUtf16(im.buf.in, &im.buf.out, &im.buf.scratch);
  std::vector<UChar>& u = im.buf.out;
  for (UChar& c : u)
    if (c == 0x2010 || c == 0x2011) c = u'-';  // typographic hyphens join words like '-'

  UErrorCode status = U_ZERO_ERROR;
  im.utext = utext_openUChars(im.utext, u.data(), static_cast<int64_t>(u.size()), &status);
  im.breaker->setText(im.utext, status);
  if (U_FAILURE(status)) throw Error(std::string("word breaking failed: ") + u_errorName(status));

  // A hyphen between two word tokens (no space around it) joins them, except between two
  // numbers. `last_end` is where the last emitted token ended, `last_number` whether the
  // last part of it was a number.
  int32_t last_end = -2;
  bool last_number = false;
  int32_t start = im.breaker->first();
  for (int32_t end = im.breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = im.breaker->next()) {
    int32_t rule = im.breaker->getRuleStatus();
    if (rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT) continue;
    bool number = rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT;
    if (!out->empty() && start == last_end + 1 && u[last_end] == u'-' && !(number && last_number)) {
      AppendUtf8(u.data() + last_end, end - last_end, &out->back());
    } else {
      out->emplace_back();
      AppendUtf8(u.data() + start, end - start, &out->back());
    }
    last_end = end;
    last_number = number;
  }
}

void WordTools::WordSpans(std::string_view text, std::vector<WordSpan>* out) const {
  out->clear();
  if (text.empty()) return;
  Impl& im = *impl_;
  // Break the unfolded text (folding can change lengths, and spans are of the author's text),
  // keeping the UTF-8 offset of every UTF-16 unit; fold each word on its own afterwards.
  ToUtf16(text, &im.buf.scratch);
  std::vector<UChar>& u = im.buf.scratch;
  thread_local std::vector<size_t> offset;
  offset.assign(u.size() + 1, 0);
  {
    size_t byte = 0;
    for (size_t i = 0; i < u.size(); ++i) {
      offset[i] = byte;
      UChar c = u[i];
      if (U16_IS_LEAD(c) && i + 1 < u.size() && U16_IS_TRAIL(u[i + 1])) {
        offset[++i] = byte;  // never a boundary; keeps the table dense
        byte += 4;
      } else {
        byte += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;  // U+FFFD for bad bytes: ToUtf16 substitutes
      }
    }
    offset[u.size()] = text.size();
    // Substituted bad bytes make `byte` drift from the input; clamp rather than point outside.
    for (size_t& o : offset) o = std::min(o, text.size());
  }
  for (UChar& c : u)
    if (c == 0x2010 || c == 0x2011) c = u'-';

  UErrorCode status = U_ZERO_ERROR;
  im.utext = utext_openUChars(im.utext, u.data(), static_cast<int64_t>(u.size()), &status);
  im.breaker->setText(im.utext, status);
  if (U_FAILURE(status)) throw Error(std::string("word breaking failed: ") + u_errorName(status));

  // As in Words(): a hyphen right between two word tokens joins them, unless both are numbers.
  int32_t last_end = -2;
  bool last_number = false;
  std::vector<UChar> piece, folded, nfc;
  auto fold_into = [&](int32_t from, int32_t to, std::string* dst) {
    bool ascii = true;
    for (int32_t k = from; k < to; ++k) ascii = ascii && u[k] < 0x80;
    if (ascii) {
      for (int32_t k = from; k < to; ++k) {
        char c = static_cast<char>(u[k]);
        dst->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      }
      return;
    }
    piece.assign(u.begin() + from, u.begin() + to);
    FoldUtf16(piece, &folded, &nfc);
    AppendUtf8(folded.data(), static_cast<int32_t>(folded.size()), dst);
  };
  int32_t start = im.breaker->first();
  for (int32_t end = im.breaker->next(); end != icu::BreakIterator::DONE;
       start = end, end = im.breaker->next()) {
    int32_t rule = im.breaker->getRuleStatus();
    if (rule >= UBRK_WORD_NONE && rule < UBRK_WORD_NONE_LIMIT) continue;
    bool number = rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT;
    if (!out->empty() && start == last_end + 1 && u[last_end] == u'-' && !(number && last_number)) {
      fold_into(last_end, end, &out->back().folded);
      out->back().end = offset[end];
    } else {
      WordSpan w;
      w.begin = offset[start];
      w.end = offset[end];
      fold_into(start, end, &w.folded);
      out->push_back(std::move(w));
    }
    last_end = end;
    last_number = number;
  }
}

std::string WordTools::Stem(std::string_view folded_word) const {
  sb_stemmer* s = impl_->stemmer;
  if (impl_->latin_stemmer) {
    bool latin = false, other = false;
    for (unsigned char c : folded_word) {
      if (c >= 0x80)
        other = true;
      else if (c >= 'a' && c <= 'z')
        latin = true;
    }
    if (latin && !other) s = impl_->latin_stemmer;
  }
  if (s == nullptr || folded_word.empty()) return std::string(folded_word);
  const sb_symbol* r = sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(folded_word.data()),
                                       static_cast<int>(folded_word.size()));
  if (r == nullptr) throw Error("Snowball stemmer: out of memory");
  return std::string(reinterpret_cast<const char*>(r), static_cast<size_t>(sb_stemmer_length(s)));
}

}  // namespace newsalign
