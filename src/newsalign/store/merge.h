// Merging corpora built on different machines (issue 5): `newsalign merge OUT.db A.db B.db`.
//
//   Store out = Store::Open("all.db");                  // created or upgraded as usual
//   MergeResult r = MergeCorpus(out, "laptop.db");      // one transaction for the whole input
//   std::cout << r.added << " added, " << r.updated << " updated\n";
//
// What is the same. A pair is its two texts: the input's pair and a pair of OUT are the same
// pair when they join the same two documents, and a document of the input is the document of
// OUT (of its language) that has a revision with the same SHA-256 (preferring one with the
// same origin); failing that, the one with the same (lang, origin), whose new revision the
// input's text then is (as `import` would see it); failing that, a new document. So the same
// pair text imported on two machines, under any paths, is one pair and its documents are
// stored once.
//
// Which version of a pair stays. When both corpora have the pair and its beads or sentences
// differ (other texts, another alignment, other review work), the version with more reviewed
// beads (confirmed or edited) wins; as many reviewed beads: the one changed last
// (pairs.updated_at) wins; a full tie keeps OUT's. The input's version, when it wins,
// replaces OUT's whole: its texts (as revisions: a revision of OUT is reused only when it has
// the same text and the same sentence spans, as segmentation fixes make them differ), its
// beads with their status, score, provenance and times, and its edit history (so undo still
// works); the losing version is not copied. Pairs that are the same in both (same texts,
// spans, beads and statuses) are left alone, so merging an input again adds nothing.
//
// What is not copied: documents no pair uses, and revisions no pair of the input uses (older
// texts kept as history).
//
// Inputs of any schema version up to this build's are read as they are (read-only, in one
// snapshot); a newer one, a file of another application, a damaged file (PRAGMA quick_check,
// a text that does not match its SHA-256, sentences or beads that do not tile) is refused
// with an InputError naming it, and OUT is left as it was: the whole input is one
// transaction. The full-text index of OUT is kept current by its triggers as rows arrive.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "newsalign/store/store.h"

namespace newsalign {

struct MergeOptions {
  int busy_timeout_ms = 5000;  // how long reading the input waits for a writer there, milliseconds
};

enum class MergeAction {
  kAdded,    // a new pair in OUT
  kPresent,  // OUT already has the pair as the input has it
  kUpdated,  // the input's version won and replaced OUT's
  kKept,     // OUT's version won; the input's was not copied
};
const char* MergeActionName(MergeAction action);  // "added", "present", "updated", "kept"

// One pair that both corpora have in different versions (updated or kept).
struct MergeDecision {
  MergeAction action = MergeAction::kKept;
  int64_t input_pair = 0;  // the pair's id in the input
  int64_t pair_id = 0;     // and in OUT
  std::string title;       // OUT's title of the pair after merging
  std::string why;         // for people: "4 reviewed beads against 1 here; other texts"
};

struct MergeResult {
  std::string input;       // the input's path
  int schema_version = 0;  // of the input
  int64_t pairs = 0;       // pairs in the input
  int64_t added = 0, present = 0, updated = 0, kept = 0;
  int64_t documents = 0, revisions = 0, beads = 0;  // rows written to OUT
  std::vector<MergeDecision> decisions;             // the updated and kept pairs, in input order
  double seconds = 0;
};

// Merges the corpus at `input` into `out` in one transaction (see above). InputError naming
// the file for a missing, foreign, newer or damaged input and for `out` itself; OUT is then
// unchanged.
MergeResult MergeCorpus(Store& out, const std::string& input, const MergeOptions& options = {});

}  // namespace newsalign
