// Helpers shared by the store and export tests: temporary folders, documents built by hand
// (so these tests need neither the segmenter nor the aligner), and a stand-in aligner.
#pragma once

#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "newsalign/core/bead.h"
#include "newsalign/core/document.h"
#include "newsalign/store/tokenizer.h"

namespace newsalign::test {

// A fresh folder under $TMPDIR, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "newsalign-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A segmented document: paragraphs of sentences; sentences joined by one space, paragraphs
// by a blank line.
inline Document MakeDoc(const std::vector<std::vector<std::string>>& paragraphs, const std::string& lang,
                        const std::string& path) {
  Document doc;
  doc.lang = lang;
  doc.path = path;
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    if (p) doc.text += "\n\n";
    size_t pbegin = doc.text.size();
    for (size_t s = 0; s < paragraphs[p].size(); ++s) {
      if (s) doc.text += ' ';
      Sentence sentence;
      sentence.span = Span{doc.text.size(), doc.text.size() + paragraphs[p][s].size()};
      sentence.paragraph = static_cast<int>(p);
      doc.text += paragraphs[p][s];
      doc.sentences.push_back(sentence);
    }
    doc.paragraphs.push_back(Span{pbegin, doc.text.size()});
  }
  return doc;
}

// Stands in for Aligner::Align(src, tgt, fixed): keeps the fixed beads and pairs the
// sentences between them 1-1 (the rest 1-0 or 0-1), scores cycling through 0.3..0.9.
inline Alignment FakeAlign(size_t n_ru, size_t n_en, const Alignment& fixed = {}) {
  Alignment out;
  int ru = 0, en = 0, k = 0;
  auto fill = [&](int ru_end, int en_end) {
    while (ru < ru_end || en < en_end) {
      Bead b;
      b.src_begin = ru;
      b.tgt_begin = en;
      b.src_count = ru < ru_end ? 1 : 0;
      b.tgt_count = en < en_end ? 1 : 0;
      b.score = 0.3 + 0.2 * (k++ % 4);
      ru += b.src_count;
      en += b.tgt_count;
      out.push_back(b);
    }
  };
  for (const Bead& f : fixed) {
    fill(f.src_begin, f.tgt_begin);
    out.push_back(f);
    ru = f.src_end();
    en = f.tgt_end();
  }
  fill(static_cast<int>(n_ru), static_cast<int>(n_en));
  return out;
}

// Runs SQL on a database file directly (to build fixtures or sabotage a test database). The
// connection has newsalign's FTS5 tokenizer, as every newsalign connection does: from schema
// version 2 on, writing beads or pairs runs the search index's triggers, which need it.
inline void RawExec(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + db_path);
  if (!newsalign::sql::RegisterTokenizer(db)) throw std::runtime_error("no FTS5 in this SQLite");
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  if (rc != SQLITE_OK) throw std::runtime_error("sql failed: " + msg);
}

// The first column of the first row, as an integer.
inline long long RawInt(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  long long v = -1;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace newsalign::test
