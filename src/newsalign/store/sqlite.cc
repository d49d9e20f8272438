#include "newsalign/store/sqlite.h"

#include <sqlite3.h>

#include <utility>

#include "newsalign/core/error.h"
#include "newsalign/store/search.h"
#include "newsalign/store/tokenizer.h"

namespace newsalign::sql {
namespace {

// The part of a result code that tells whose fault it is (extended codes share it).
bool IsUsersProblem(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CANTOPEN:  // no such folder, no permission
    case SQLITE_NOTADB:    // some other file
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_BUSY:      // another process holds the write lock past busy_timeout
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_CORRUPT:   // a damaged file: theirs to restore, not our bug
      return true;
    default:
      return false;
  }
}

const char* Hint(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return " (another process is writing the corpus; try again when it is done)";
    case SQLITE_NOTADB:
      return " (give a newsalign corpus with --db, or a new file name)";
    case SQLITE_FULL:
      return " (free some disk space)";
    case SQLITE_READONLY:
      // Also for reading: a WAL corpus needs FILE-shm beside it, so a read-only folder stops
      // readers too once the last writer has gone.
      return " (the file or its folder is read-only: make both writable, or copy the corpus somewhere writable)";
    case SQLITE_CORRUPT:
      return " (restore the file from a backup)";
    default:
      return "";
  }
}

// SQLite's message made fit for one line of a terminal: a damaged file puts its own bytes
// into messages ("malformed database schema (\x8f\x02...)"), so bytes that are not printable
// ASCII or well-formed UTF-8, and line breaks, become '?'.
std::string Printable(const char* message) {
  std::string out;
  if (message == nullptr) return out;
  const std::string_view m(message);
  for (size_t i = 0; i < m.size();) {
    const auto b = static_cast<unsigned char>(m[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= m.size() && (len > 1 || (b >= 0x20 && b != 0x7F));
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(m[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(m.substr(i, len));
      i += len;
    } else {
      out += '?';
      ++i;
    }
  }
  return out;
}

}  // namespace

Db Db::Open(const std::string& path, bool read_only, int busy_timeout_ms) {
  Db db;
  db.path_ = path;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags | SQLITE_OPEN_NOFOLLOW, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = Printable(db.db_ ? sqlite3_errmsg(db.db_) : sqlite3_errstr(rc));
    throw InputError(path + ": cannot open the corpus database: " + msg);
  }
  sqlite3_extended_result_codes(db.db_, 1);
  sqlite3_busy_timeout(db.db_, busy_timeout_ms);
  // The full-text index's tokenizer (store/tokenizer.h): every connection that writes beads
  // runs the index triggers, which need it.
  if (!RegisterTokenizer(db.db_) || !RegisterSearchFunctions(db.db_))
    throw Error(path + ": this SQLite has no FTS5 (install libsqlite3-0 >= 3.9)");
  return db;
}

Db::~Db() {
  FinalizeCached();
  if (db_) sqlite3_close_v2(db_);
}

Db::Db(Db&& o) noexcept
    : db_(std::exchange(o.db_, nullptr)), path_(std::move(o.path_)), cache_(std::move(o.cache_)) {}

Db& Db::operator=(Db&& o) noexcept {
  if (this != &o) {
    FinalizeCached();
    if (db_) sqlite3_close_v2(db_);
    db_ = std::exchange(o.db_, nullptr);
    path_ = std::move(o.path_);
    cache_ = std::move(o.cache_);
  }
  return *this;
}

sqlite3_stmt* Db::TakeCached(const std::string& sql) {
  if (!cache_) return nullptr;
  auto it = cache_->find(sql);
  if (it == cache_->end()) return nullptr;
  sqlite3_stmt* stmt = it->second;
  cache_->erase(it);
  return stmt;
}

void Db::GiveBack(const std::string& sql, sqlite3_stmt* stmt) {
  // Bounded: SQL built at run time (tests, tools) must not grow a connection without end.
  constexpr size_t kMaxCached = 64;
  try {
    if (!cache_) cache_ = std::make_unique<StmtCache>();
    if (db_ != nullptr && cache_->size() < kMaxCached) {
      cache_->emplace(sql, stmt);
      return;
    }
  } catch (const std::bad_alloc&) {
  }
  sqlite3_finalize(stmt);
}

void Db::FinalizeCached() {
  if (!cache_) return;
  for (auto& entry : *cache_) sqlite3_finalize(entry.second);
  cache_->clear();
}

void Db::Fail(int rc, const std::string& what) const {
  std::string msg = path_ + ": " + what + ": " + Printable(db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)) + Hint(rc);
  if (IsUsersProblem(rc)) throw InputError(msg);
  throw Error(msg + " (sqlite code " + std::to_string(rc) + ")");
}

void Db::Exec(const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = Printable(err ? err : sqlite3_errstr(rc));
    sqlite3_free(err);
    std::string head(std::string_view(sql).substr(0, 40));
    std::string full = path_ + ": " + msg + " (in \"" + head + "...\")" + Hint(rc);
    if (IsUsersProblem(rc)) throw InputError(full);
    throw Error(full);
  }
}

int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Db::Changes() const { return sqlite3_changes(db_); }

Stmt::Stmt(Db& db, const char* sql) : db_(db), sql_(sql) {
  stmt_ = db_.TakeCached(sql_);
  if (stmt_ != nullptr) return;
  int rc = sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    db_.Fail(rc, "preparing \"" + sql_.substr(0, 60) + "\"");
  }
}

Stmt::~Stmt() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  db_.GiveBack(sql_, stmt_);
}

Stmt& Stmt::Bind(int i, int64_t v) {
  int rc = sqlite3_bind_int64(stmt_, i, v);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding");
  return *this;
}

Stmt& Stmt::Bind(int i, double v) {
  int rc = sqlite3_bind_double(stmt_, i, v);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding");
  return *this;
}

Stmt& Stmt::Bind(int i, std::string_view v) {
  // SQLITE_TRANSIENT: SQLite copies, so the caller's buffer may go away before Step().
  int rc = sqlite3_bind_text64(stmt_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding");
  return *this;
}

Stmt& Stmt::BindNull(int i) {
  int rc = sqlite3_bind_null(stmt_, i);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding");
  return *this;
}

Stmt& Stmt::BindPointer(int i, void* p, const char* type) {
  int rc = sqlite3_bind_pointer(stmt_, i, p, type, nullptr);
  if (rc != SQLITE_OK) db_.Fail(rc, "binding");
  return *this;
}

bool Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  db_.Fail(rc, "running \"" + sql_.substr(0, 60) + "\"");
}

void Stmt::Run() {
  while (Step()) {
  }
  Reset();
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

int64_t Stmt::Int64(int col) const { return sqlite3_column_int64(stmt_, col); }

double Stmt::Double(int col) const { return sqlite3_column_double(stmt_, col); }

std::string_view Stmt::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string_view(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, col));
}

Transaction::Transaction(Db& db) : db_(db) { db_.Exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) {
    // Rolling back cannot usefully fail here; the connection stays usable either way.
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::Commit() {
  db_.Exec("COMMIT");
  done_ = true;
}

ReadTransaction::ReadTransaction(Db& db) : db_(db) {
  if (sqlite3_get_autocommit(db_.handle())) {
    db_.Exec("BEGIN");
    began_ = true;
  }
}

ReadTransaction::~ReadTransaction() {
  if (began_) sqlite3_exec(db_.handle(), "COMMIT", nullptr, nullptr, nullptr);
}

}  // namespace newsalign::sql
