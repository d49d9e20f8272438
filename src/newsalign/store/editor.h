// Edits a translator makes to one stored pair, each in its own transaction, with undo and redo.
//
//   PairEditor editor("corpus.db");                 // its own connection; one per thread
//   EditResult r = editor.Merge(pair_id, seen_version, /*bead=*/12);
//   r = editor.Undo(pair_id, r.version);            // merge undone; Redo() brings it back
//
// Every call names the pair version the caller last saw (pairs.version). When the pair has
// moved on since (another tab, an import), nothing is written and StaleEditError says so:
// an edit is never applied to a state its author has not seen.
//
// The model. Beads are indexed by their position in the pair (ordered by ru_begin, en_begin).
// An edit replaces a window of consecutive beads by another window that covers the same
// sentences (merge, split, move a sentence, mark one as untranslated, confirm, realign). A
// segmentation fix (split one sentence in two, join two) also replaces one sentence span of
// a revision by two spans of the same text, or two by one, so every bead after the window
// shifts by one sentence on that side. The edits table (schema version 3) keeps, per pair,
// each edit's window before and after and its span change; undo applies it backwards, redo
// forwards again, and both check that the beads are still exactly what the edit left, so an
// import in between makes an old edit refuse to be undone rather than scramble the pair.
//
// Revisions are shared: two pairs may use the same revision of a document. A segmentation
// fix on a shared revision first copies it (the same text, as the next revision of its
// document) so the other pair keeps its sentence indices; the fixed segmentation then stays
// with the text: importing the same file again reuses it.
//
// Beads made by hand get status "edited" and score 1; "confirm" keeps the aligner's score.
// Confirmed and edited beads are the anchors of Realign() and of the next import.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "newsalign/core/error.h"
#include "newsalign/store/store.h"

namespace newsalign {

class Aligner;
namespace sql {
class Db;
}

// The pair changed since the caller saw it (HTTP 409 in the workbench).
class StaleEditError : public InputError {
 public:
  StaleEditError(const std::string& message, int64_t current_version)
      : InputError(message), current_version_(current_version) {}
  int64_t current_version() const { return current_version_; }

 private:
  int64_t current_version_;
};

enum class TextSide { kRu, kEn };

// "ru" / "en"; InputError otherwise.
TextSide ParseTextSide(const std::string& name);

struct EditResult {
  int64_t version = 0;   // the pair's version now
  bool changed = false;  // false: the edit was a no-op (nothing written, version unchanged)
  int focus = 0;         // the bead the editor should select next (an index into the beads)
  std::string label;     // what was done, for the page: "merged beads 4 and 5"
};

// One entry of a pair's history, newest last.
struct EditEntry {
  int64_t id = 0;
  std::string kind;   // status | merge | split | move | detach | split_sentence | join_sentence | realign
  std::string label;  // human-readable, as in EditResult
  bool undone = false;
  std::string created_at;  // ISO 8601, UTC
};

// What a view of a pair shows of its history, however long it is.
struct HistoryTail {
  std::vector<EditEntry> recent;  // the newest entries, oldest first
  std::optional<std::string> undo;  // label of the edit Undo would revert (the newest applied one)
  std::optional<std::string> redo;  // label of the edit Redo would apply (the oldest undone one)
};

// A pair as the workbench shows it: the pair and its history tail, read in one snapshot (so
// pair.summary.version is the version both belong to).
struct PairView {
  PairRecord pair;
  HistoryTail history;
};

// Reads a PairView on `store`'s connection, with the `recent` newest history entries.
// InputError "no pair N" when absent.
PairView LoadPairView(const Store& store, int64_t pair, int recent);

struct EditorOptions {
  int busy_timeout_ms = 5000;  // how long a write waits for another writer, milliseconds
  int history_limit = 1000;    // edits kept per pair (the oldest are dropped), count
  int realign_context_pairs = 200;  // other pairs (most confirmed first) whose beads teach the
                                    // learned lexicon during Realign(); 0 = this pair only
  // Editors of one process that share this mutex take turns here rather than in SQLite's busy
  // handler, which sleeps up to 100 ms between tries (a server's many threads). May be null.
  std::mutex* write_lock = nullptr;
};

class PairEditor {
 public:
  // Opens its own connection to an existing corpus of the current schema (Store::Open it
  // first to create or upgrade).
  explicit PairEditor(const std::string& db_path, EditorOptions options = {});
  ~PairEditor();
  PairEditor(PairEditor&&) noexcept;
  PairEditor& operator=(PairEditor&&) noexcept;

  // Sets a bead's status (confirm, or back to auto). InputError for a bad index.
  EditResult SetStatus(int64_t pair, int64_t version, int bead, BeadStatus status);
  // Merges bead `bead` with the next one.
  EditResult Merge(int64_t pair, int64_t version, int bead);
  // Splits a bead in two: the first part keeps its first `ru_first` Russian and `en_first`
  // English sentences. Both parts must keep a sentence. Both negative: the usual fix, the
  // first sentence of each side apart from the rest (2-1 -> 1-1 + 1-0; 1-1 -> 1-0 + 0-1).
  EditResult Split(int64_t pair, int64_t version, int bead, int ru_first, int en_first);
  // Moves the last sentence of `side` of a bead to the next bead (to_next), or its first one
  // to the previous bead. A bead left empty disappears.
  EditResult Move(int64_t pair, int64_t version, int bead, TextSide side, bool to_next);
  // Marks sentence `sentence` of `side` as having no translation: it becomes a 1-0 (or 0-1)
  // bead of its own. It must open or close its bead.
  EditResult Detach(int64_t pair, int64_t version, TextSide side, int sentence);
  // Splits sentence `sentence` of `side` in two at `at` bytes from its start (white space
  // around the cut is trimmed; both parts must keep some text). The new second sentence
  // joins the same bead.
  EditResult SplitSentence(int64_t pair, int64_t version, TextSide side, int sentence, size_t at);
  // Joins sentence `sentence` of `side` with the next one (one span from the first's begin
  // to the second's end). The joined sentence stays in the first one's bead.
  EditResult JoinSentences(int64_t pair, int64_t version, TextSide side, int sentence);
  // Realigns the beads that nobody reviewed, keeping confirmed and edited beads as anchors;
  // what translators confirmed (here and in other pairs) teaches the learned lexicon first.
  // The aligner runs outside the write transaction; the version is checked again before
  // writing. Undoable like any edit.
  EditResult Realign(int64_t pair, int64_t version, const Aligner& aligner);

  EditResult Undo(int64_t pair, int64_t version);
  EditResult Redo(int64_t pair, int64_t version);
  // The pair's history, oldest first (at most EditorOptions::history_limit entries).
  std::vector<EditEntry> History(int64_t pair);
  // The newest `recent` entries and the undo/redo labels: a few index seeks, where History
  // reads every entry kept (up to history_limit) on each call.
  HistoryTail Tail(int64_t pair, int recent);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsalign
