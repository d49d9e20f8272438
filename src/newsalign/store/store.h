// The corpus: a SQLite file of documents (with revisions), sentences as byte spans of the
// author's text, aligned pairs and their beads with review status. Schema: store/schema.h.
//
//   Store store = Store::Open("newsalign.db");          // creates or upgrades in place
//   PairInput in{ru_doc, en_doc};                       // read and segmented (text/)
//   ImportPlan plan = store.Plan(in);                   // unchanged? new? a changed side?
//   if (plan.NeedsAlignment()) {
//     Alignment beads = aligner.Align(in.ru, in.en, plan.fixed);   // keeps confirmed beads
//     store.Commit(in, plan, beads, provenance);        // one transaction
//   }
//   store.ForEachBead(filter, [](const BeadRecord& b) { ... });   // constant memory
//
// store/importer.h wraps Plan -> align -> Commit for many pairs (the CLI's `import`).
//
// Identity: a document is found by (lang, origin) where origin is the absolute path it was
// read from, or else by the SHA-256 of its text (a moved file is the same document). The same
// text again changes nothing; a different text under the same origin becomes the document's
// next revision, and its pairs are realigned with their confirmed and edited beads carried
// over as fixed anchors (those whose sentences are still there, unchanged and in order).
//
// Concurrency: any number of readers and one writer at a time (WAL); a writer waits up to
// busy_timeout_ms. pairs.version is bumped on every change to a pair, so an editor can refuse
// a stale edit. A Store object is not thread-safe; open one per thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsalign/core/bead.h"
#include "newsalign/core/document.h"

namespace newsalign {

namespace sql {
class Db;
}

// Beads scoring below this are "doubtful": `show` marks them, `stats` counts them.
inline constexpr double kDoubtfulScore = 0.5;

enum class BeadStatus { kAuto, kConfirmed, kEdited };

// "auto", "confirmed", "edited".
const char* StatusName(BeadStatus status);
// The inverse; InputError naming the allowed values otherwise.
BeadStatus ParseBeadStatus(std::string_view name);

struct StoreOptions {
  bool create = true;          // create the file when missing; false: InputError "no corpus"
  int busy_timeout_ms = 5000;  // how long a write waits for another writer, milliseconds
};

// A pair of documents to import, both read and segmented. Document::path is the origin
// (give an absolute path); Document::title/date, when set (HTML), fill in missing metadata.
struct PairInput {
  Document ru;
  Document en;
  std::string ru_format = "text";  // text | html | tmx: how the text was obtained
  std::string en_format = "text";
  std::string title;   // pair metadata; empty: keep the stored value (or derive one when new)
  std::string date;    // YYYY-MM-DD
  std::string source;  // URL
};

enum class ImportAction {
  kUnchanged,  // both texts and the metadata are already stored: nothing written
  kMetadata,   // only title/date/source changed
  kNew,        // a new pair (its documents may be new or already stored)
  kRealign,    // a side has a new revision: the pair is realigned keeping reviewed beads
};
const char* ActionName(ImportAction action);  // "unchanged", "metadata", "new", "realigned"

// What Commit() will do, decided by Plan(). Aligning happens in between, outside the store.
struct ImportPlan {
  ImportAction action = ImportAction::kNew;
  int64_t pair_id = 0;       // the existing pair (0 when new)
  int64_t pair_version = 0;  // its version when planned; Commit refuses if it moved on
  bool ru_revised = false;   // this side gets a new revision
  bool en_revised = false;
  Alignment fixed;                   // reviewed beads carried over, in the new sentence indices
  std::vector<BeadStatus> fixed_status;  // parallel to `fixed`
  int dropped = 0;  // reviewed beads that could not be carried over (their text changed)

  bool NeedsAlignment() const { return action == ImportAction::kNew || action == ImportAction::kRealign; }
};

// Who wrote a change: stored once per Commit batch (id is filled in by the first Commit).
struct Provenance {
  std::string action = "import";  // import | import-tmx | realign
  std::string options_json = "{}";
  int64_t id = 0;
};

struct ImportResult {
  ImportAction action = ImportAction::kUnchanged;
  int64_t pair_id = 0;
  std::string title;    // the pair's title now
  int ru_revision = 0;  // revision numbers the pair now uses
  int en_revision = 0;
  int beads = 0;        // beads the pair has now
  int kept = 0;         // reviewed beads carried over
  int dropped = 0;      // reviewed beads lost because their sentences changed
};

// One line of `list`.
struct PairSummary {
  int64_t id = 0;
  std::string title, date, source;
  int64_t version = 0;
  std::string ru_origin, en_origin;
  int ru_revision = 0, en_revision = 0;  // revision numbers
  int ru_sentences = 0, en_sentences = 0;
  int beads = 0, confirmed = 0, edited = 0;
  int doubtful = 0;  // beads with score < kDoubtfulScore that nobody reviewed
  std::string updated_at;  // ISO 8601, UTC
};

struct StoredBead {
  int64_t id = 0;
  Bead bead;  // sentence indices into PairRecord::ru/en
  BeadStatus status = BeadStatus::kAuto;
  std::string updated_at;
};

// A whole pair as stored: both documents with their spans, and the beads in order.
struct PairRecord {
  PairSummary summary;
  Document ru, en;
  std::vector<StoredBead> beads;
};

struct CorpusStats {
  int64_t documents = 0, revisions = 0, pairs = 0;
  std::map<std::string, int64_t> documents_by_lang;
  int64_t ru_sentences = 0, en_sentences = 0;  // in the revisions the pairs use
  int64_t beads = 0, doubtful = 0;
  std::map<std::string, int64_t> beads_by_type;    // "1-1" -> n
  std::map<std::string, int64_t> beads_by_status;  // "auto" -> n
  int schema_version = 0;
};

struct BeadFilter {
  std::optional<double> min_score;  // keep beads with score >= this
  std::vector<BeadStatus> statuses;  // keep these (empty: all)
  std::vector<int64_t> pair_ids;     // only these pairs (empty: all)
  bool both_sides = false;           // only beads with sentences on both sides (TMX, Moses)
};

// One bead as exports see it. Views are valid during the callback only.
struct BeadRecord {
  int64_t pair_id = 0;
  int64_t bead_id = 0;
  std::string_view ru;  // the bead's Russian sentences, verbatim, joined by one space
  std::string_view en;
  Bead bead;            // indices and score
  BeadStatus status = BeadStatus::kAuto;
  std::string_view updated_at;  // ISO 8601, UTC
  std::string_view title, date, source;  // the pair's
};

class Store {
 public:
  // Opens, creating or upgrading the schema as needed. InputError for a file that is not a
  // newsalign corpus, is of a newer schema, or cannot be opened.
  static Store Open(const std::string& path, StoreOptions options = {});
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;

  const std::string& path() const;
  int schema_version() const;

  // Decides what importing `in` means. May replace in.ru/in.en's paragraphs and sentences by
  // the stored ones when that text is already stored (so an alignment matches the store).
  // InputError when a document has no sentences or the metadata is malformed.
  ImportPlan Plan(PairInput& in) const;

  // Writes the plan in one transaction with `beads` (an alignment of in.ru and in.en that
  // covers both exactly once; ignored for kUnchanged/kMetadata). New beads get `status`;
  // carried ones keep theirs. Refuses (Error) if the pair changed since Plan().
  ImportResult Commit(const PairInput& in, const ImportPlan& plan, const Alignment& beads,
                      Provenance& provenance, BeadStatus status = BeadStatus::kAuto);

  std::vector<PairSummary> ListPairs() const;
  // A number that grows whenever ListPairs() would answer differently: the sum of the pairs'
  // versions (a new pair adds its own; every change bumps one). One pass over the pairs
  // table, where ListPairs() counts every bead.
  int64_t ListVersion() const;
  // InputError "no pair N" when absent. Read in one snapshot: the summary's version is the
  // version of the beads and spans returned.
  PairRecord LoadPair(int64_t pair_id) const;
  // The pair's version (one index seek), or nothing when there is no such pair: enough to
  // tell whether something built from an earlier LoadPair is still current (every change to
  // a pair or its beads bumps it).
  std::optional<int64_t> PairVersion(int64_t pair_id) const;
  CorpusStats Stats() const;

  // Calls `fn` for every bead passing `filter`, pair by pair in id order and in order within
  // a pair. Memory: one pair's texts at a time, whatever the corpus size.
  void ForEachBead(const BeadFilter& filter, const std::function<void(const BeadRecord&)>& fn) const;

  // Replaces a pair's beads (a realignment of its stored documents), bumping the version;
  // Error if the pair's version is no longer `expected_version`.
  void ReplaceBeads(int64_t pair_id, int64_t expected_version, const std::vector<StoredBead>& beads,
                    Provenance& provenance);

  // Problems found by SQLite's integrity and foreign-key checks and by ours (each revision
  // has all its sentences, each pair's beads tile both documents); empty when all is well.
  std::vector<std::string> CheckConsistency() const;

  // The connection, for the other parts of store/ (search.h); nothing above store/ uses it.
  sql::Db& db() const;

 private:
  Store();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Lower-case hex SHA-256 of `bytes` (the content hash of a revision).
std::string Sha256Hex(std::string_view bytes);

}  // namespace newsalign
