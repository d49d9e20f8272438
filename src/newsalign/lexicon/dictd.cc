// The dictd file format and the article formats of the dictionaries we read.
//
// dictd (RFC 2229 servers' on-disk format, written by dictfmt): NAME.index has one line per
// headword, "headword TAB offset TAB length", offset and length being numbers in base 64 with
// the digits A-Z a-z 0-9 + / (so not RFC 4648 base64: no padding, most significant first).
// NAME.dict.dz is the concatenated article text compressed with dictzip, which is a valid
// gzip file (random access chunks in an extra field we do not need: we inflate it all).
//
// Articles are free text. Mueller's (mueller7-dict) look like
//
//   dog
//      [dɘg]
//      1. _n.
//         1) собака, пёс; Greater (lesser) Dog созвездие Большого (Малого) Пса
//         2) кобель; самец волка, лисы (тж. dog-wolf, dog-fox)
//
// A sense lists its translations first, separated by "," and ";", then English examples each
// followed by its translation. We keep the phrases up to the first one with a Latin letter
// in each sense: "собака", "пёс", "кобель", "самец волка", "лисы". Letter sub-senses "а)",
// "б)" after an example belong to that example (Mueller puts alternative translations of an
// idiom there), so they do not end the example part; numbered senses do.
//
// FreeDict's dictd articles are rendered from TEI: a header line, then one line per sense
// ("1. a, b" or just "a, b"); the WikDict-based ones (deu-fra) follow each sense line with a
// definition line in the source language and sub-definitions as " 3." lines.

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "newsalign/core/error.h"
#include "newsalign/lexicon/dictionary.h"

namespace newsalign {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return !in.bad();
}

bool FileExists(const std::string& path) { return std::ifstream(path).good(); }

// The uncompressed size a gzip file states in its trailer (modulo 2^32), or 0.
size_t GzipStatedSize(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char b[4];
  if (!in.seekg(-4, std::ios::end) || !in.read(reinterpret_cast<char*>(b), 4)) return 0;
  return static_cast<size_t>(b[0]) | static_cast<size_t>(b[1]) << 8 |
         static_cast<size_t>(b[2]) << 16 | static_cast<size_t>(b[3]) << 24;
}

// Inflates a whole gzip file (dictzip is gzip). The buffer is sized from the gzip trailer up
// front: growing it by doubling costs more than the inflation (page faults on copies).
std::string ReadGzip(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (f == nullptr) throw InputError(path + ": cannot open");
  gzbuffer(f, 1 << 17);
  std::string out(GzipStatedSize(path) + 1, '\0');  // +1 to see the end in one read
  size_t used = 0;
  for (;;) {
    if (used == out.size()) out.resize(out.size() * 2);
    unsigned want = static_cast<unsigned>(std::min<size_t>(out.size() - used, 1u << 30));
    int n = gzread(f, &out[used], want);
    if (n < 0) {
      int errnum = 0;
      std::string msg = gzerror(f, &errnum);
      gzclose(f);
      throw InputError(path + ": cannot decompress: " + msg);
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  gzclose(f);
  out.resize(used);
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Whether the UTF-8 character at s[i] is a lower-case Russian letter а-я (2 bytes).
bool IsCyrillicLower(std::string_view s, size_t i) {
  if (i + 1 >= s.size()) return false;
  auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]);
  return (b0 == 0xD0 && b1 >= 0xB0 && b1 <= 0xBF) || (b0 == 0xD1 && b1 >= 0x80 && b1 <= 0x8F);
}

// Collects phrases: characters accumulate, separators flush.
class PhraseSink {
 public:
  explicit PhraseSink(std::vector<std::string>* out) : out_(out) {}
  void Put(char c) {
    if (IsSpace(c)) {
      if (!cur_.empty() && cur_.back() != ' ') cur_ += ' ';
      return;
    }
    if (IsAsciiLetter(c)) has_latin_ = true;
    cur_ += c;
  }
  void Poison() { has_latin_ = true; }  // the phrase is not a translation (e.g. "= dogfish")
  // Ends the current phrase. Returns false when it was an example (had Latin letters).
  bool Flush(bool keep) {
    std::string_view p = Trim(cur_);
    bool example = has_latin_;
    if (keep && !example && !p.empty()) out_->emplace_back(p);
    cur_.clear();
    has_latin_ = false;
    return !example;
  }

 private:
  std::vector<std::string>* out_;
  std::string cur_;
  bool has_latin_ = false;
};

}  // namespace

bool DecodeDictdNumber(std::string_view digits, uint64_t* value) {
  uint64_t v = 0;
  if (digits.empty()) return false;
  for (char c : digits) {
    int d;
    if (c >= 'A' && c <= 'Z')
      d = c - 'A';
    else if (c >= 'a' && c <= 'z')
      d = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      d = c - '0' + 52;
    else if (c == '+')
      d = 62;
    else if (c == '/')
      d = 63;
    else
      return false;
    if (v > (UINT64_MAX >> 6)) return false;
    v = v * 64 + static_cast<uint64_t>(d);
  }
  *value = v;
  return true;
}

DictdFile::DictdFile(const std::string& base) {
  const std::string index_path = base + ".index";
  std::string index;
  if (!ReadFile(index_path, &index)) throw InputError(index_path + ": cannot read");
  if (FileExists(base + ".dict.dz")) {
    data_ = ReadGzip(base + ".dict.dz");
  } else if (!ReadFile(base + ".dict", &data_)) {
    throw InputError(base + ".dict.dz: cannot read (nor " + base + ".dict)");
  }
  entries_.reserve(static_cast<size_t>(std::count(index.begin(), index.end(), '\n')) + 1);
  size_t line_no = 0;
  for (size_t pos = 0; pos < index.size();) {
    size_t nl = index.find('\n', pos);
    if (nl == std::string::npos) nl = index.size();
    std::string_view line(index.data() + pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t t1 = line.find('\t');
    size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string_view::npos)
      throw InputError(index_path + ": line " + std::to_string(line_no) +
                       ": not 'word TAB offset TAB length'");
    size_t t3 = line.find('\t', t2 + 1);  // dictfmt may add a 4th field (original headword)
    uint64_t offset = 0, length = 0;
    if (!DecodeDictdNumber(line.substr(t1 + 1, t2 - t1 - 1), &offset) ||
        !DecodeDictdNumber(line.substr(t2 + 1, t3 == std::string_view::npos ? t3 : t3 - t2 - 1),
                           &length))
      throw InputError(index_path + ": line " + std::to_string(line_no) + ": bad base64 number");
    if (offset > data_.size() || length > data_.size() - offset)
      throw InputError(index_path + ": line " + std::to_string(line_no) +
                       ": entry beyond the end of the .dict");
    entries_.emplace_back(std::string(line.substr(0, t1)), std::make_pair(offset, length));
  }
}

std::vector<std::string> MuellerTranslations(std::string_view article) {
  std::vector<std::string> out;
  // The first line is the headword.
  size_t first_nl = article.find('\n');
  if (first_nl == std::string_view::npos) return out;
  std::string_view body = article.substr(first_nl + 1);

  // Join the lines; a line ending in "x-" continues the word on the next one ("северо-\nвосток").
  std::string text;
  text.reserve(body.size());
  for (size_t pos = 0; pos < body.size();) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string_view::npos) nl = body.size();
    std::string_view line = Trim(body.substr(pos, nl - pos));
    pos = nl + 1;
    if (line.empty()) continue;
    bool glue =
        !text.empty() && text.back() == '-' && text.size() >= 2 && !IsSpace(text[text.size() - 2]);
    if (!text.empty() && !glue) text += ' ';
    text += line;
  }

  PhraseSink sink(&out);
  bool in_examples = false;  // past the first example of the current sense
  int paren = 0, bracket = 0, brace = 0;
  auto token_start = [&](size_t i) {
    if (i == 0) return true;
    char p = text[i - 1];
    return IsSpace(p) || p == ';' || p == ',' || p == '.' || p == ')';
  };
  auto end_phrase = [&] {
    if (!sink.Flush(!in_examples)) in_examples = true;
  };
  auto new_sense = [&] {
    end_phrase();
    in_examples = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // Transcriptions, comments, references: skipped, with nesting.
    if (c == '[') {
      ++bracket;
      continue;
    }
    if (c == ']' && bracket > 0) {
      --bracket;
      continue;
    }
    if (c == '{') {
      ++brace;
      continue;
    }
    if (c == '}' && brace > 0) {
      --brace;
      continue;
    }
    if (c == '(') {
      ++paren;
      continue;
    }
    if (c == ')' && paren > 0) {
      --paren;
      sink.Put(' ');
      continue;
    }
    if (paren > 0 || bracket > 0 || brace > 0) continue;

    if (c == '_') {
      // "_I", "_II": homonyms, each with its own senses.
      size_t j = i + 1;
      while (j < text.size() && (text[j] == 'I' || text[j] == 'V' || text[j] == 'X')) ++j;
      if (j > i + 1 && (j == text.size() || !IsAsciiLetter(text[j]))) {
        new_sense();
        i = j - 1;
        continue;
      }
      // A label: "_n.", "_разг.", "_p-p.", "_attr." - up to the dot or a space.
      while (j < text.size() && text[j] != '.' && !IsSpace(text[j]) && text[j] != ')' &&
             text[j] != ',' && text[j] != ';')
        ++j;
      i = (j < text.size() && text[j] == '.') ? j : j - 1;
      sink.Put(' ');
      continue;
    }
    if (IsDigit(c) && token_start(i)) {
      // "1.", "1)", "10)", "1>": a numbered sense.
      size_t j = i;
      while (j < text.size() && IsDigit(text[j])) ++j;
      if (j < text.size() &&
          (text[j] == ')' || text[j] == '>' ||
           (text[j] == '.' && (j + 1 == text.size() || !IsDigit(text[j + 1]))))) {
        new_sense();
        i = j;
        continue;
      }
    }
    if (IsCyrillicLower(text, i) && token_start(i) && i + 2 < text.size() && text[i + 2] == ')') {
      end_phrase();  // "а)": a sub-sense, which is still the example part after an example
      i += 2;
      continue;
    }
    switch (c) {
      case ',':
      case ';':
      case '.':
      case ':':
      case '!':
      case '?':
        end_phrase();
        continue;
      case '=':
        sink.Poison();
        continue;
      case '"':
        sink.Put(' ');
        continue;
      case '-':
        // A dash between spaces separates; a hyphen inside a word is part of it.
        if ((i == 0 || IsSpace(text[i - 1])) && (i + 1 == text.size() || IsSpace(text[i + 1]))) {
          end_phrase();
          continue;
        }
        break;
      default:
        break;
    }
    sink.Put(c);
  }
  end_phrase();
  return out;
}

std::vector<std::string> FreedictTranslations(std::string_view article, bool has_definitions) {
  std::vector<std::string> out;
  bool expect_translation = true;  // the line after the header is a sense line
  size_t line_no = 0;
  for (size_t pos = 0; pos < article.size();) {
    size_t nl = article.find('\n', pos);
    if (nl == std::string_view::npos) nl = article.size();
    std::string_view raw = article.substr(pos, nl - pos);
    pos = nl + 1;
    if (line_no++ == 0) continue;  // "headword /pron/ <pos>"
    std::string_view line = Trim(raw);
    if (line.empty()) continue;
    // "1. a, b" at the start of the line: a numbered sense line.
    size_t j = 0;
    while (j < line.size() && IsDigit(line[j])) ++j;
    bool numbered = j > 0 && j + 1 < line.size() && line[j] == '.' && line[j + 1] == ' ' &&
                    !IsSpace(raw.front());
    if (has_definitions) {
      if (!numbered && !expect_translation) continue;  // a definition or " 3." sub-definition
      expect_translation = false;
    }
    if (numbered) line = Trim(line.substr(j + 1));
    // A trailing " 2." numbers the definition that follows: not part of the translations.
    size_t k = line.size();
    if (k >= 2 && line[k - 1] == '.' && IsDigit(line[k - 2])) {
      size_t m = k - 1;
      while (m > 0 && IsDigit(line[m - 1])) --m;
      if (m == 0 || IsSpace(line[m - 1])) line = Trim(line.substr(0, m));
    }
    std::string phrase;
    int paren = 0;
    for (char c : line) {
      if (c == '(')
        ++paren;
      else if (c == ')' && paren > 0)
        --paren;
      else if (paren > 0)
        continue;
      else if (c == ',' || c == ';') {
        std::string_view p = Trim(phrase);
        if (!p.empty()) out.emplace_back(p);
        phrase.clear();
      } else {
        phrase += c;
      }
    }
    std::string_view p = Trim(phrase);
    if (!p.empty()) out.emplace_back(p);
  }
  return out;
}

}  // namespace newsalign
