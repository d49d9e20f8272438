#include "newsalign/export/alignment_svg.h"

#include <algorithm>
#include <cstdio>

#include "newsalign/core/xml.h"
#include "newsalign/export/writers.h"

namespace newsalign {
namespace {

constexpr double kLeft = 58, kTop = 44, kRight = 18, kBottom = 44;  // margins, pixels

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

// A tick step of 1, 2 or 5 times a power of ten giving at most `most` ticks over n.
int TickStep(int n, int most) {
  for (int base = 1;; base *= 10)
    for (int m : {1, 2, 5})
      if (n / (base * m) <= most) return base * m;
}

bool Doubtful(const StoredBead& b) { return b.status == BeadStatus::kAuto && b.bead.score < kDoubtfulScore; }

}  // namespace

const char* BeadColour(const StoredBead& bead) {
  if (bead.status == BeadStatus::kConfirmed) return "#2563eb";
  if (bead.status == BeadStatus::kEdited) return "#7c3aed";
  if (bead.bead.score >= 0.8) return "#16a34a";
  if (bead.bead.score >= kDoubtfulScore) return "#d97706";
  return "#dc2626";
}

std::string AlignmentSvg(const PairRecord& pair, const SvgOptions& options) {
  const int n_ru = std::max<int>(1, static_cast<int>(pair.ru.sentences.size()));
  const int n_en = std::max<int>(1, static_cast<int>(pair.en.sentences.size()));
  const double scale = static_cast<double>(std::max(options.size, 100)) / std::max(n_ru, n_en);
  const double w = n_ru * scale, h = n_en * scale;
  const double width = kLeft + std::max(w, 430.0) + kRight, height = kTop + h + kBottom;
  const double stroke = std::clamp(scale * 0.7, 1.6, 7.0);
  auto x = [&](double ru) { return Num(kLeft + ru * scale); };
  auto y = [&](double en) { return Num(kTop + en * scale); };

  std::string out;
  out.reserve(200 + pair.beads.size() * 160);
  if (options.standalone) out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"alignment-plot\" width=\"" + Num(width) + "\" height=\"" +
         Num(height) + "\" viewBox=\"0 0 " + Num(width) + " " + Num(height) + "\" data-x0=\"" + Num(kLeft) +
         "\" data-y0=\"" + Num(kTop) + "\" data-sx=\"" + std::to_string(scale) + "\" data-sy=\"" +
         std::to_string(scale) + "\" data-ru=\"" + std::to_string(n_ru) + "\" data-en=\"" + std::to_string(n_en) +
         "\" font-family=\"system-ui, sans-serif\" font-size=\"11\">\n<title>";
  AppendXmlEscaped(out, "Alignment of pair " + std::to_string(pair.summary.id) + ": " + pair.summary.title, false);
  out += "</title>\n<rect x=\"0\" y=\"0\" width=\"" + Num(width) + "\" height=\"" + Num(height) + "\" fill=\"#ffffff\"/>\n";

  // Frame, grid and axes.
  out += "<rect x=\"" + x(0) + "\" y=\"" + y(0) + "\" width=\"" + Num(w) + "\" height=\"" + Num(h) +
         "\" fill=\"#f8fafc\" stroke=\"#cbd5e1\"/>\n<g stroke=\"#e2e8f0\" fill=\"#64748b\">\n";
  const int step_ru = TickStep(n_ru, std::max(2, static_cast<int>(w / 60))), step_en = TickStep(n_en, std::max(2, static_cast<int>(h / 40)));
  for (int i = step_ru; i < n_ru; i += step_ru)
    out += "<line x1=\"" + x(i) + "\" y1=\"" + y(0) + "\" x2=\"" + x(i) + "\" y2=\"" + y(n_en) + "\"/><text x=\"" + x(i) +
           "\" y=\"" + Num(kTop - 6) + "\" text-anchor=\"middle\" stroke=\"none\">" + std::to_string(i) + "</text>\n";
  for (int j = step_en; j < n_en; j += step_en)
    out += "<line x1=\"" + x(0) + "\" y1=\"" + y(j) + "\" x2=\"" + x(n_ru) + "\" y2=\"" + y(j) + "\"/><text x=\"" +
           Num(kLeft - 6) + "\" y=\"" + Num(kTop + j * scale + 4) + "\" text-anchor=\"end\" stroke=\"none\">" +
           std::to_string(j) + "</text>\n";
  out += "</g>\n<line x1=\"" + x(0) + "\" y1=\"" + y(0) + "\" x2=\"" + x(n_ru) + "\" y2=\"" + y(n_en) +
         "\" stroke=\"#94a3b8\" stroke-dasharray=\"4 4\"/>\n";
  out += "<text x=\"" + x(0) + "\" y=\"16\" fill=\"#334155\" font-weight=\"600\">Russian sentences (" +
         std::to_string(pair.ru.sentences.size()) + ") \xE2\x86\x92</text>\n";
  out += "<text transform=\"translate(16 " + y(0) + ") rotate(90)\" fill=\"#334155\" font-weight=\"600\">English sentences (" +
         std::to_string(pair.en.sentences.size()) + ") \xE2\x86\x92</text>\n";

  // The path, bead by bead; doubtful ones ringed.
  out += "<g class=\"beads\" stroke-linecap=\"round\" stroke-width=\"" + Num(stroke) + "\">\n";
  std::string rings;
  for (size_t k = 0; k < pair.beads.size(); ++k) {
    const StoredBead& sb = pair.beads[k];
    const Bead& b = sb.bead;
    const char* colour = BeadColour(sb);
    std::string title = "bead " + std::to_string(k + 1) + " \xC2\xB7 " + b.Type() + " \xC2\xB7 " + StatusName(sb.status);
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", b.score);
    title += std::string(" \xC2\xB7 score ") + score;
    if (b.src_count > 1 && b.tgt_count > 1) {
      out += "<rect x=\"" + x(b.src_begin) + "\" y=\"" + y(b.tgt_begin) + "\" width=\"" + Num(b.src_count * scale) +
             "\" height=\"" + Num(b.tgt_count * scale) + "\" fill=\"" + colour + "\" fill-opacity=\"0.15\" stroke=\"none\"/>";
    }
    out += "<line data-bead=\"" + std::to_string(k) + "\" x1=\"" + x(b.src_begin) + "\" y1=\"" + y(b.tgt_begin) +
           "\" x2=\"" + x(b.src_end()) + "\" y2=\"" + y(b.tgt_end()) + "\" stroke=\"" + colour + "\"><title>" + title +
           "</title></line>\n";
    if (Doubtful(sb)) {
      rings += "<circle data-bead=\"" + std::to_string(k) + "\" cx=\"" + x((b.src_begin + b.src_end()) / 2.0) + "\" cy=\"" +
               y((b.tgt_begin + b.tgt_end()) / 2.0) + "\" r=\"" + Num(std::max(5.0, stroke * 1.6)) + "\"/>\n";
    }
  }
  out += "</g>\n<g class=\"doubtful\" fill=\"none\" stroke=\"#dc2626\" stroke-width=\"1.5\">\n" + rings + "</g>\n";

  // Legend.
  struct Key {
    const char* colour;
    const char* label;
  };
  const Key keys[] = {{"#2563eb", "confirmed"}, {"#7c3aed", "edited"}, {"#16a34a", "score \xE2\x89\xA5 0.8"},
                      {"#d97706", "0.5\xE2\x80\x93" "0.8"}, {"#dc2626", "doubtful"}};
  double lx = kLeft;
  const std::string ly = Num(kTop + h + 26);
  out += "<g class=\"legend\" fill=\"#334155\">\n";
  for (const Key& key : keys) {
    out += "<rect x=\"" + Num(lx) + "\" y=\"" + Num(kTop + h + 17) + "\" width=\"12\" height=\"12\" rx=\"2\" fill=\"" +
           key.colour + "\"/><text x=\"" + Num(lx + 16) + "\" y=\"" + ly + "\" dy=\"2\">" + key.label + "</text>\n";
    lx += 28 + 6.2 * std::string(key.label).size();
  }
  out += "</g>\n</svg>\n";
  return out;
}

}  // namespace newsalign
