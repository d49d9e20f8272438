#include "newsalign/text/reader.h"

#include <unicode/locid.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <system_error>

#include "newsalign/core/error.h"

namespace newsalign {
namespace {

std::string MiB(size_t bytes) {
  const double mib = static_cast<double>(bytes) / (1024.0 * 1024.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, mib >= 10 ? "%.0f MiB" : "%.1f MiB", mib);
  return buf;
}

[[noreturn]] void TooLarge(const std::string& name, size_t size, size_t limit) {
  throw InputError(name + ": too large (" + MiB(size) + "; the limit is " + MiB(limit) + ")");
}

// A stream (stdin, a pipe) is read only up to the limit, so its size is unknown.
[[noreturn]] void StreamTooLarge(const std::string& name, size_t limit) {
  throw InputError(name + ": too large (more than the limit of " + MiB(limit) + ")");
}

// File formats that people hand us instead of text, by their first bytes.
struct Magic {
  std::string_view prefix;
  const char* what;
};
constexpr Magic kMagics[] = {
    {"\x89PNG\r\n\x1a\n", "a PNG image, not text"},
    {"\xff\xd8\xff", "a JPEG image, not text"},
    {"GIF8", "a GIF image, not text"},
    {"%PDF-", "a PDF document, not plain text: extract the text first (e.g. pdftotext -enc UTF-8)"},
    {"PK\x03\x04", "a ZIP archive (DOCX/ODT?), not plain text: save it as UTF-8 text first"},
    {"\x1f\x8b", "gzip-compressed: decompress it first"},
    {"BZh", "bzip2-compressed: decompress it first"},
    {"\xfd" "7zXZ", "xz-compressed: decompress it first"},
    {"\xd0\xcf\x11\xe0", "an MS Office document (DOC/XLS), not plain text: save it as UTF-8 text first"},
    {"{\\rtf", "an RTF document, not plain text: save it as UTF-8 text first"},
};

// Byte-order marks, longest first (the UTF-32LE BOM starts with the UTF-16LE one).
struct Bom {
  std::string_view bytes;
  const char* charset;  // ICU converter name; nullptr for UTF-8
};
constexpr Bom kBoms[] = {
    {std::string_view("\xff\xfe\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\x00\x00\xfe\xff", 4), "UTF-32BE"},
    {"\xef\xbb\xbf", nullptr},
    {"\xff\xfe", "UTF-16LE"},
    {"\xfe\xff", "UTF-16BE"},
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

// UTF-16 without a BOM has NUL bytes in every other position for ASCII-heavy text.
const char* LooksLikeBomlessUtf16(std::string_view bytes) {
  const size_t n = std::min<size_t>(bytes.size(), 4096) & ~size_t{1};
  if (n < 8) return nullptr;
  size_t even = 0, odd = 0;
  for (size_t i = 0; i < n; i += 2) {
    even += bytes[i] == '\0';
    odd += bytes[i + 1] == '\0';
  }
  const size_t half = n / 2;
  if (odd * 10 >= half * 4 && even * 20 < half) return "UTF-16LE";
  if (even * 10 >= half * 4 && odd * 20 < half) return "UTF-16BE";
  return nullptr;
}

// True when some well-formed multi-byte UTF-8 sequence precedes `bad`: then the file is UTF-8
// with damage, not a legacy charset, and the byte offset is the useful thing to report.
bool HasUtf8Before(std::string_view bytes, size_t bad) {
  for (size_t i = 0; i + 1 < bad; ++i) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    if (b >= 0xC2 && b <= 0xF4) return true;  // FindInvalidUtf8 said everything before is valid
  }
  return false;
}

[[noreturn]] void NotUtf8(const std::string& name, std::string_view bytes, size_t bad) {
  if (!HasUtf8Before(bytes, bad)) {
    CharsetGuess guess = GuessLegacyCharset(bytes);
    if (!guess.icu_name.empty() && guess.icu_name != "UTF-8" && guess.confidence >= 10) {
      throw InputError(name + ": not UTF-8; it looks like " + guess.description +
                       ": convert with iconv -f " + guess.iconv_name + " -t utf-8");
    }
  }
  throw InputError(name + ": invalid UTF-8 at byte " + std::to_string(bad));
}

std::string LanguageName(const std::string& lang) {
  icu::UnicodeString display;
  icu::Locale(lang.c_str()).getDisplayLanguage(icu::Locale::getEnglish(), display);
  std::string name;
  display.toUTF8String(name);
  return name.empty() || name == lang ? lang : name + " (" + lang + ")";
}

}  // namespace

void SplitParagraphs(Document& doc) {
  const std::string_view text = doc.text;
  struct Line {
    Span span;   // without the line end
    bool blank;  // nothing but white space
  };
  std::vector<Line> lines;
  // Line ends found by find() (memchr), not byte by byte: the next LF and the next CR.
  auto next = [&](char c, size_t from) { return std::min(text.find(c, from), text.size()); };
  size_t lf = next('\n', 0), cr = next('\r', 0);
  for (size_t start = 0;;) {
    size_t i = std::min(lf, cr);
    Span span{start, i};
    lines.push_back({span, TrimWhiteSpace(text, span).size() == 0});
    if (i == text.size()) break;
    if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
    start = i + 1;
    if (lf < start) lf = next('\n', start);
    if (cr < start) cr = next('\r', start);
  }

  // Blank lines count as separators only between text lines: a trailing blank line in a
  // one-paragraph-a-line file must not glue all its lines into one paragraph.
  size_t first = 0, last = lines.size();
  while (first < last && lines[first].blank) ++first;
  while (last > first && lines[last - 1].blank) --last;
  bool has_blank = false;
  for (size_t i = first; i < last; ++i) has_blank = has_blank || lines[i].blank;

  doc.paragraphs.clear();
  for (size_t i = first; i < last; ++i) {
    if (lines[i].blank) continue;
    size_t j = i;
    if (has_blank) {
      while (j + 1 < last && !lines[j + 1].blank) ++j;
    }
    Span span = TrimWhiteSpace(text, Span{lines[i].span.begin, lines[j].span.end});
    if (span.size() > 0) doc.paragraphs.push_back(span);
    i = j;
  }
}

const char* KnownBinaryFormat(std::string_view bytes) {
  for (const Magic& magic : kMagics)
    if (StartsWith(bytes, magic.prefix)) return magic.what;
  return nullptr;
}

Document ReadText(std::string bytes, const std::string& name, const std::string& lang,
                  const ReadOptions& options, std::vector<std::string>* notes) {
  if (bytes.size() > options.max_bytes) TooLarge(name, bytes.size(), options.max_bytes);
  if (bytes.empty()) throw InputError(name + ": empty file");

  if (const char* what = KnownBinaryFormat(bytes)) throw InputError(name + ": " + what);

  // Offsets in messages are offsets in the file, so remember what a removed BOM shifted.
  size_t bom_size = 0;
  for (const Bom& bom : kBoms) {
    if (!StartsWith(bytes, bom.bytes)) continue;
    if (bom.charset == nullptr) {
      bytes.erase(0, bom.bytes.size());
      bom_size = bom.bytes.size();
      break;
    }
    std::string utf8;
    if (!ConvertToUtf8(std::string_view(bytes).substr(bom.bytes.size()), bom.charset, &utf8)) {
      throw InputError(name + ": starts with a " + bom.charset + " byte-order mark but is not valid " +
                       bom.charset);
    }
    bytes = std::move(utf8);
    if (notes != nullptr) {
      notes->push_back(name + ": converted from " + bom.charset +
                       " to UTF-8 (byte offsets refer to the converted text)");
    }
    break;
  }

  if (size_t nul = bytes.find('\0'); nul != std::string::npos) {
    if (const char* utf16 = LooksLikeBomlessUtf16(bytes)) {
      throw InputError(name + ": looks like " + utf16 + " without a byte-order mark: convert with iconv -f " +
                       utf16 + " -t utf-8");
    }
    throw InputError(name + ": binary data (a NUL byte at byte " + std::to_string(nul + bom_size) +
                     "), not text");
  }

  if (size_t bad = FindInvalidUtf8(bytes); bad != std::string::npos) {
    NotUtf8(name, bytes, bad + bom_size);
  }

  Document doc;
  doc.path = name;
  doc.lang = lang;
  if (LooksLikeCp1251Mojibake(bytes)) {
    if (!options.repair_encoding) {
      throw InputError(name + ": looks like Russian text mis-decoded as Latin-1 (mojibake); run with "
                              "--repair-encoding");
    }
    doc.text = RepairCp1251Mojibake(bytes);
    if (notes != nullptr) {
      notes->push_back(name + ": repaired Russian text mis-decoded as Latin-1 (byte offsets refer to the "
                              "repaired text)");
    }
  } else {
    doc.text = std::move(bytes);
  }

  SplitParagraphs(doc);
  if (doc.paragraphs.empty()) throw InputError(name + ": no text, only white space");
  return doc;
}

Document ReadTextFile(const std::string& path, const std::string& lang, const ReadOptions& options,
                      std::vector<std::string>* notes) {
  namespace fs = std::filesystem;
  std::string bytes;
  if (path == "-") {
    char chunk[1 << 16];
    while (std::cin.read(chunk, sizeof chunk) || std::cin.gcount() > 0) {
      bytes.append(chunk, static_cast<size_t>(std::cin.gcount()));
      if (bytes.size() > options.max_bytes) StreamTooLarge("-", options.max_bytes);
    }
    return ReadText(std::move(bytes), "-", lang, options, notes);
  }

  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) throw InputError(path + ": no such file");
  if (fs::is_directory(status)) throw InputError(path + ": is a directory, not a file");

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw InputError(path + ": cannot read: " + std::strerror(errno));

  if (fs::is_regular_file(status)) {
    const uintmax_t size = fs::file_size(path, ec);
    if (ec) throw InputError(path + ": cannot read: " + ec.message());
    if (size > options.max_bytes) TooLarge(path, static_cast<size_t>(size), options.max_bytes);
    bytes.resize(static_cast<size_t>(size));  // the one allocation
    const size_t got = std::fread(bytes.data(), 1, bytes.size(), file.get());
    if (got < bytes.size() && std::ferror(file.get())) {
      throw InputError(path + ": cannot read: " + std::strerror(errno));
    }
    bytes.resize(got);  // the file shrank while we read it
  } else {  // a pipe or a device: its size is unknown
    char chunk[1 << 16];
    size_t got;
    while ((got = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) {
      bytes.append(chunk, got);
      if (bytes.size() > options.max_bytes) StreamTooLarge(path, options.max_bytes);
    }
    if (std::ferror(file.get())) throw InputError(path + ": cannot read: " + std::strerror(errno));
  }
  return ReadText(std::move(bytes), path, lang, options, notes);
}

std::string DetectScriptMismatch(const Document& doc) {
  UScriptCode expected[4];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n = uscript_getCode(doc.lang.c_str(), expected, 4, &status);
  if (U_FAILURE(status) || n < 1) return "";

  auto in_script = [&](const ScriptCounts& counts) {
    return expected[0] == USCRIPT_LATIN ? counts.latin : expected[0] == USCRIPT_CYRILLIC ? counts.cyrillic : counts.other;
  };
  // Counted a piece at a time (cut before a character, never inside one), so that a text in
  // its language's script is not read to the end: the letters still to come are at most its
  // bytes still to come, and once a fifth of all there can be are in script, that is the answer.
  ScriptCounts counts;
  const std::string_view text = doc.text;
  constexpr size_t kPiece = 64 * 1024;
  for (size_t at = 0; at < text.size();) {
    size_t end = std::min(text.size(), at + kPiece);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    const ScriptCounts piece = CountLetters(text.substr(at, end - at));
    counts.latin += piece.latin;
    counts.cyrillic += piece.cyrillic;
    counts.other += piece.other;
    at = end;
    if (in_script(counts) * 5 >= counts.total() + (text.size() - at)) return "";
  }
  const size_t total = counts.total();
  if (total < 20) return "";
  const char* found = "other-script";
  size_t found_count = counts.other;
  if (in_script(counts) * 5 >= total) return "";  // at least 20% of the letters are in the language's script

  if (counts.latin >= counts.cyrillic && counts.latin >= counts.other) {
    found = "Latin";
    found_count = counts.latin;
  } else if (counts.cyrillic >= counts.other) {
    found = "Cyrillic";
    found_count = counts.cyrillic;
  }
  const std::string percent = std::to_string(found_count * 100 / total);
  return doc.path + ": given as " + LanguageName(doc.lang) + " but " + percent + "% of its letters are " +
         found + ": are the two files swapped, or is the language wrong?";
}

}  // namespace newsalign
