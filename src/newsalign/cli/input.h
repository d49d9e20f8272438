// Reading the documents a command was given: plain text or one-sentence-a-line, segmented.
#pragma once

#include <string>
#include <string_view>

#include "newsalign/core/document.h"

namespace newsalign::cli {

// Reads and segments a document. `presegmented`: one sentence a line, kept as is.
// `repair_encoding`: repair CP1251-read-as-Latin-1 mojibake instead of refusing it.
Document LoadDocument(const std::string& path, const std::string& lang, bool presegmented,
                      bool repair_encoding);

// The text on one line: tabs, CR and LF become single spaces (TSV and terminal output).
std::string OneLine(std::string_view text);

}  // namespace newsalign::cli
