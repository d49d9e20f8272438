// newsalign show PAIR: one pair's alignment in the terminal, side by side (or stacked when
// the terminal is narrow), doubtful beads marked; or, with --svg FILE, the alignment path as
// a picture (export/alignment_svg.h, the same one the workbench shows).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include "newsalign/cli/commands.h"
#include "newsalign/cli/input.h"
#include "newsalign/cli/terminal.h"
#include "newsalign/core/error.h"
#include "newsalign/export/alignment_svg.h"
#include "newsalign/store/store.h"
#include "newsalign/text/encoding.h"

namespace newsalign::cli {
namespace {

// Terminal columns of UTF-8 text: one per code point (Cyrillic and Latin), which is what
// news text needs; continuation bytes take none.
size_t Columns(std::string_view s) { return CodePoints(s); }

// Byte length of the first `cols` code points of s.
size_t PrefixBytes(std::string_view s, size_t cols) {
  size_t i = 0, n = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == cols) break;
      ++n;
    }
    ++i;
  }
  return i;
}

// Word-wraps one line of text to `width` columns (long words are cut).
std::vector<std::string> Wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t line_cols = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t space = text.find(' ', pos);
    std::string_view word = text.substr(pos, space == std::string_view::npos ? std::string_view::npos : space - pos);
    pos = space == std::string_view::npos ? text.size() : space + 1;
    if (word.empty()) continue;
    size_t cols = Columns(word);
    if (line_cols && line_cols + 1 + cols > width) {
      lines.push_back(line);
      line.clear();
      line_cols = 0;
    }
    while (cols > width) {  // a word wider than the column
      size_t cut = PrefixBytes(word, width - line_cols);
      line += word.substr(0, cut);
      lines.push_back(line);
      line.clear();
      line_cols = 0;
      word.remove_prefix(cut);
      cols = Columns(word);
    }
    if (line_cols) {
      line += ' ';
      ++line_cols;
    }
    line += word;
    line_cols += cols;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

std::string Pad(const std::string& s, size_t width) {
  size_t cols = Columns(s);
  return cols >= width ? s : s + std::string(width - cols, ' ');
}

// The wrapped sentences of one side of a bead, each sentence starting a line.
std::vector<std::string> SideLines(const Document& doc, int begin, int count, size_t width, bool numbered) {
  std::vector<std::string> out;
  for (int i = begin; i < begin + count; ++i) {
    std::string label = numbered ? "[" + std::to_string(i) + "] " : "";
    size_t indent = Columns(label);
    std::vector<std::string> lines = Wrap(OneLine(doc.SentenceText(static_cast<size_t>(i))), width - indent);
    for (size_t k = 0; k < lines.size(); ++k) out.push_back((k ? std::string(indent, ' ') : label) + lines[k]);
  }
  if (out.empty()) out.push_back(numbered ? "(none)" : "");
  return out;
}

bool Doubtful(const StoredBead& b) { return b.status == BeadStatus::kAuto && b.bead.score < kDoubtfulScore; }

}  // namespace

Command AddShowCommand(CLI::App& app, const GlobalOptions& global) {
  struct Args {
    int64_t pair = 0;
    std::string layout = "auto";
    int width = 0;
    bool doubtful = false;
    std::string svg;
  };
  auto args = std::make_shared<Args>();
  Command command;
  command.sub = app.add_subcommand("show", "Show a pair's alignment, doubtful beads marked with ?");
  CLI::App* sub = command.sub;
  sub->add_option("PAIR", args->pair, "Pair id (see newsalign list)")->required();
  sub->add_option("--layout", args->layout, "side (by side), stacked, or auto (side when 100+ columns)")
      ->check(CLI::IsMember({"auto", "side", "stacked"}))
      ->capture_default_str();
  sub->add_option("--width", args->width, "Line width (default: the terminal's, or 120)")->check(CLI::Range(40, 1000));
  sub->add_flag("--doubtful", args->doubtful, "Only doubtful beads (unreviewed, score < 0.5)");
  sub->add_option("--svg", args->svg, "Write the alignment path as an SVG picture to FILE (- for stdout) instead");
  const GlobalOptions* g = &global;
  command.run = [args, g] {
    StoreOptions options;
    options.create = false;
    Store store = Store::Open(g->db, options);
    PairRecord rec = store.LoadPair(args->pair);
    if (!args->svg.empty()) {
      const std::string svg = AlignmentSvg(rec);
      if (args->svg == "-") {
        std::cout << svg;
        return 0;
      }
      std::ofstream out(args->svg, std::ios::binary | std::ios::trunc);
      out << svg;
      out.close();
      if (!out) throw InputError(args->svg + ": cannot write the picture");
      std::printf("wrote %s (%zu beads)\n", args->svg.c_str(), rec.beads.size());
      return 0;
    }
    const PairSummary& p = rec.summary;
    const size_t width = static_cast<size_t>(args->width ? args->width : TerminalWidth());
    const bool side = args->layout == "side" || (args->layout == "auto" && width >= 100);

    int doubtful = 0;
    for (const StoredBead& b : rec.beads) doubtful += Doubtful(b);
    std::printf("pair %lld  \"%s\"  %s  (version %lld)\n", static_cast<long long>(p.id), p.title.c_str(),
                p.date.empty() ? "no date" : p.date.c_str(), static_cast<long long>(p.version));
    std::printf("ru  %s  revision %d, %d sentences\n", p.ru_origin.c_str(), p.ru_revision, p.ru_sentences);
    std::printf("en  %s  revision %d, %d sentences\n", p.en_origin.c_str(), p.en_revision, p.en_sentences);
    std::printf("%d beads: %d confirmed (C), %d edited (E), %d doubtful (?, score < %.1f)\n\n", p.beads, p.confirmed,
                p.edited, doubtful, kDoubtfulScore);

    // "? #12 2-1 0.41 C "
    auto prefix = [](const StoredBead& b, int n) {
      char buf[64];
      char status = b.status == BeadStatus::kConfirmed ? 'C' : b.status == BeadStatus::kEdited ? 'E' : ' ';
      std::snprintf(buf, sizeof buf, "%c %4d %-3s %.2f %c ", Doubtful(b) ? '?' : ' ', n, b.bead.Type().c_str(),
                    b.bead.score, status);
      return std::string(buf);
    };
    const size_t prefix_cols = 18;
    int n = 0;
    for (const StoredBead& b : rec.beads) {
      ++n;
      if (args->doubtful && !Doubtful(b)) continue;
      const std::string head = prefix(b, n);
      if (side) {
        size_t col = (width - prefix_cols - 3) / 2;
        std::vector<std::string> ru = SideLines(rec.ru, b.bead.src_begin, b.bead.src_count, col, false);
        std::vector<std::string> en = SideLines(rec.en, b.bead.tgt_begin, b.bead.tgt_count, col, false);
        for (size_t k = 0; k < std::max(ru.size(), en.size()); ++k) {
          std::string left = k < ru.size() ? ru[k] : "";
          std::string right = k < en.size() ? en[k] : "";
          std::string line = Pad(k ? std::string() : head, prefix_cols) + Pad(left, col) + " | " + right;
          while (!line.empty() && line.back() == ' ') line.pop_back();
          std::cout << line << "\n";
        }
      } else {
        std::string line = head;
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::cout << line << "\n";
        size_t col = width > 8 ? width - 8 : width;
        std::vector<std::string> ru = SideLines(rec.ru, b.bead.src_begin, b.bead.src_count, col, true);
        std::vector<std::string> en = SideLines(rec.en, b.bead.tgt_begin, b.bead.tgt_count, col, true);
        for (size_t k = 0; k < ru.size(); ++k) std::cout << (k ? "        " : "    ru  ") << ru[k] << "\n";
        for (size_t k = 0; k < en.size(); ++k) std::cout << (k ? "        " : "    en  ") << en[k] << "\n";
        std::cout << "\n";
      }
    }
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
