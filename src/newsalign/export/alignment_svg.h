// The alignment path of one pair as an SVG picture: Russian sentences along the x axis, English
// ones down the y axis, each bead a stroke from where it starts to where it ends, coloured by
// review status and confidence, so the doubtful stretches of a long document show at a glance.
// `newsalign show PAIR --svg FILE` writes it; the workbench draws it beside the pair view.
//
//   std::string svg = AlignmentSvg(store.LoadPair(7));
//
// Colours: confirmed blue, edited violet; unreviewed beads green (score >= 0.8), amber
// (>= kDoubtfulScore) or red (doubtful, also marked with a ring so a single one shows in a
// 2,000-bead document). Every bead's element carries data-bead="INDEX" and a <title>, and the
// root carries the plot geometry (data-x0, data-y0, data-sx, data-sy: pixels per sentence), so
// a page can map a click to the nearest bead.
#pragma once

#include <string>

#include "newsalign/store/store.h"

namespace newsalign {

struct SvgOptions {
  int size = 640;         // the longer side of the plot area, pixels
  bool standalone = true;  // an XML declaration first (a file); false: an element to inline
};

std::string AlignmentSvg(const PairRecord& pair, const SvgOptions& options = {});

// The colour a bead is drawn in (CSS hex), shared with the workbench's legend.
const char* BeadColour(const StoredBead& bead);

}  // namespace newsalign
