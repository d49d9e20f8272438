// Reading plain-text documents into a Document (core/document.h).
//
//   Document doc = ReadTextFile("news.ru.txt", "ru");   // throws InputError on bad input
//
//   ReadOptions options;
//   options.repair_encoding = true;                      // --repair-encoding
//   std::vector<std::string> notes;                      // "ru.txt: converted from UTF-16LE"
//   Document doc = ReadTextFile("news.ru.txt", "ru", options, &notes);
//   if (std::string why = DetectScriptMismatch(doc); !why.empty()) ...   // files swapped?
//
// Contract:
// - The file must be UTF-8. A BOM is dropped; CRLF and lone CR line ends are accepted.
//   Invalid UTF-8 throws InputError "FILE: invalid UTF-8 at byte N" (N = offset in the file);
//   when the bytes look like a legacy charset the message names it and gives the iconv
//   command ("FILE: not UTF-8; it looks like CP1251 (Windows Cyrillic): convert with iconv
//   -f cp1251 -t utf-8"). UTF-16 with a BOM is converted to UTF-8 (a note says so).
// - Also InputError (one line naming the file): missing/unreadable file, a directory, an
//   empty or white-space-only file, binary data (NUL bytes), a file over options.max_bytes,
//   and Russian text mis-decoded as Latin-1 ("Ðåöåíçèÿ") unless options.repair_encoding.
// - Document::text is the file's bytes minus the BOM (or the converted/repaired text). CR
//   bytes stay in it; zero-width, control and bidi characters stay too.
// - Paragraphs: when the text has blank lines, blank lines separate paragraphs (the lines
//   inside a paragraph belong to it); otherwise every non-empty line is a paragraph.
//   Paragraph spans are trimmed of surrounding white space; empty paragraphs are dropped.
// - doc.sentences is left empty: the segmenter (text/segmenter.h) fills it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsalign/core/document.h"
#include "newsalign/text/encoding.h"  // FindInvalidUtf8

namespace newsalign {

struct ReadOptions {
  // Repair Russian text that was CP1251, decoded as Latin-1/CP1252 and saved as UTF-8
  // ("Ðåöåíçèÿ" -> "Рецензия"); the repaired text becomes Document::text. Default false:
  // such input is refused with a hint to use --repair-encoding.
  bool repair_encoding = false;
  // Largest input accepted, in bytes. Default 32 MiB: a few times the longest book the aligner
  // is built for (50,000 sentences, 6-12 MB), small enough that reading, segmenting and
  // aligning stay within a few GB. A larger file is refused before it is read, naming the limit.
  size_t max_bytes = size_t{32} << 20;
};

// Reads and checks a file ("-" reads standard input). `lang` is an ISO 639-1 code stored in
// the Document. Things worth telling the user that are not errors (a UTF-16 file converted,
// mojibake repaired) are appended to `notes` when it is not null, one line each, naming the file.
Document ReadTextFile(const std::string& path, const std::string& lang,
                      const ReadOptions& options = {}, std::vector<std::string>* notes = nullptr);

// The same for bytes already in memory (stdin, JSON Lines). `name` is used in messages.
Document ReadText(std::string bytes, const std::string& name, const std::string& lang,
                  const ReadOptions& options = {}, std::vector<std::string>* notes = nullptr);

// When `bytes` begin like a known binary format (an image, a PDF, an archive…), what it is and
// what to do, e.g. "a PNG image, not text"; otherwise nullptr. (The readers refuse such files.)
const char* KnownBinaryFormat(std::string_view bytes);

// Fills doc.paragraphs from doc.text by the rule above (ReadText calls it).
void SplitParagraphs(Document& doc);

// A one-line message when doc.text is mostly in another script than doc.lang's (a file given
// as Russian that is mostly Latin letters: the two inputs are probably swapped), else "".
// Needs at least 20 letters to say anything.
std::string DetectScriptMismatch(const Document& doc);

}  // namespace newsalign
