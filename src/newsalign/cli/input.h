// Reading the documents a command was given: plain text or one-sentence-a-line, segmented.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "newsalign/core/document.h"

namespace newsalign::cli {

// Reads and segments a document. `presegmented`: one sentence a line, kept as is.
// `repair_encoding`: repair CP1251-read-as-Latin-1 mojibake instead of refusing it.
// The reader's notes (a UTF-16 file converted, mojibake repaired) go to stderr, one line each.
Document LoadDocument(const std::string& path, const std::string& lang, bool presegmented,
                      bool repair_encoding);

// The checks on a pair of documents before aligning them (issue 9); InputError, one line:
// - both sides have the same text (the same file given twice?);
// - with `check_scripts`, a side mostly written in another script than its language's
//   (text/reader.h DetectScriptMismatch: English given as the Russian side, files swapped).
//   `align` passes false when the user gave --langs explicitly: that is the way to align a
//   document whose letters are mostly of another script on purpose. `hint`, when not empty,
//   ends the script message in parentheses (how to override it).
void CheckPair(const Document& src, const Document& tgt, bool check_scripts, std::string_view hint = {});

// LoadDocument for both sides of a pair, then CheckPair: the same documents, notes and
// errors, but the two sides are read and segmented side by side.
std::pair<Document, Document> LoadPair(const std::string& src_path, const std::string& src_lang,
                                       const std::string& tgt_path, const std::string& tgt_lang,
                                       bool presegmented, bool repair_encoding, bool check_scripts,
                                       std::string_view hint = {});

// The text on one line: tabs, CR and LF become single spaces (TSV and terminal output).
std::string OneLine(std::string_view text);

}  // namespace newsalign::cli
