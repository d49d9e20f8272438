// The workbench API's JSON: what the store's records look like on the wire, and the edit
// requests the page sends. Field names are the API's contract (see docs/workbench.md).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "newsalign/core/error.h"
#include "newsalign/store/editor.h"
#include "newsalign/store/search.h"
#include "newsalign/store/store.h"

namespace newsalign::server {

// A request the server cannot make sense of (HTTP 400): malformed JSON, a missing field.
class BadRequest : public InputError {
 public:
  using InputError::InputError;
};

// One line of the corpus view: {id, title, date, source, version, ru_sentences, en_sentences,
// beads, confirmed, edited, doubtful, reviewed_share, updated_at}.
nlohmann::json SummaryJson(const PairSummary& pair);

// A pair for the pair view: the summary's fields (but "beads" is the list) plus ru/en (sentence texts), ru_par/en_par
// (each sentence's paragraph), beads [{id, ru: [begin, count], en: [begin, count], score,
// status}],
// undo/redo (labels of what they would do, or null) and history (the last labels, newest last).
// JSON text (not a tree: it is the one big answer, and writing it directly is several times
// faster for a long document).
constexpr int kHistoryShown = 30;  // history labels a pair's JSON carries
std::string PairJson(const PairRecord& pair, const HistoryTail& history);

// {matches, truncated, hits: [{pair, bead, side, ru, en, ru_marks, en_marks, status, score,
// title, date}]}; marks are {begin, end, kind} in UTF-8 bytes of ru/en.
nlohmann::json SearchJson(const SearchResult& result);

// {version, changed, focus, label}
nlohmann::json ResultJson(const EditResult& result);

// The body of POST /api/pairs/ID/edit.
struct EditRequest {
  std::string op;         // status | confirm | unconfirm | merge | split | move | detach |
                          // split_sentence | join_sentence | realign | undo | redo
  int64_t version = 0;    // the pair version the page saw (required)
  int bead = -1;          // confirm, unconfirm, status, merge, split, move
  std::string status;     // status: auto | confirmed | edited
  int ru_first = -1;      // split: sentences the first part keeps (default: the first of each side)
  int en_first = -1;
  std::string side;       // move, detach, split_sentence, join_sentence: ru | en
  std::string to;         // move: next | prev
  int sentence = -1;      // detach, split_sentence, join_sentence
  int64_t at = -1;        // split_sentence: UTF-8 bytes from the sentence's start
};

// BadRequest with a message naming the problem ("malformed JSON at byte 12", "\"bead\" must
// be an integer", "unknown op \"frobnicate\"").
EditRequest ParseEditRequest(std::string_view body);

// JSON text; invalid UTF-8 (never expected: the store validates its input) becomes U+FFFD
// instead of an exception.
std::string Dump(const nlohmann::json& j);

}  // namespace newsalign::server
