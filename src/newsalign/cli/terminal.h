// The terminal standard output goes to, for commands that lay text out in columns.
#pragma once

namespace newsalign::cli {

// Columns of the terminal on stdout; else $COLUMNS when set; else 120 (piped output).
int TerminalWidth();

}  // namespace newsalign::cli
