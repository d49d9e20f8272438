// Reading plain-text documents into a Document (core/document.h).
//
//   Document doc = ReadTextFile("news.ru.txt", "ru");   // throws InputError on bad input
//
// Contract:
// - The file must be UTF-8. A BOM is dropped; CRLF and lone CR line ends are accepted.
//   Invalid UTF-8 throws InputError "FILE: invalid UTF-8 at byte N" (N = offset in the file).
// - Paragraphs: when the text has blank lines, blank lines separate paragraphs (the lines
//   inside a paragraph belong to it); otherwise every non-empty line is a paragraph.
//   Paragraph spans are trimmed of surrounding white space; empty paragraphs are dropped.
// - doc.sentences is left empty: the segmenter (text/segmenter.h) fills it.
#pragma once

#include <string>

#include "newsalign/core/document.h"

namespace newsalign {

// Reads and checks a file. `lang` is an ISO 639-1 code stored in the Document.
Document ReadTextFile(const std::string& path, const std::string& lang);

// The same for bytes already in memory (stdin, JSON Lines). `name` is used in messages.
Document ReadText(std::string bytes, const std::string& name, const std::string& lang);

// Offset of the first byte that is not valid UTF-8, or std::string::npos when all is valid.
size_t FindInvalidUtf8(std::string_view bytes);

}  // namespace newsalign
