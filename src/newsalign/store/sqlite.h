// A thin RAII layer over the SQLite C API, private to store/ and export/ (nothing else
// includes it). It is the one place where SQLite result codes become exceptions:
//
//   Db db = Db::Open("corpus.db", /*read_only=*/false);
//   Stmt s(db, "SELECT id, title FROM pairs WHERE id = ?1");
//   s.Bind(1, pair_id);
//   while (s.Step()) std::cout << s.Int64(0) << " " << s.Text(1) << "\n";
//
// Errors: a result code plus sqlite3_errmsg becomes InputError when the user can fix it (the
// file cannot be opened, is not a database, is read-only, is locked by another process, the
// disk is full) and Error otherwise. Messages name the database file.
//
// Every value goes through Bind(); SQL text is always a constant of ours.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace newsalign::sql {

class Db {
 public:
  // Opens (creating it unless read_only) the database file at `path`.
  static Db Open(const std::string& path, bool read_only, int busy_timeout_ms);
  Db() = default;
  ~Db();
  Db(Db&& o) noexcept;
  Db& operator=(Db&& o) noexcept;
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Runs one or more statements without parameters (schema steps, BEGIN/COMMIT).
  void Exec(const char* sql);
  // The rowid of the last INSERT on this connection.
  int64_t LastInsertId() const;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  int Changes() const;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

  // Throws the exception that `rc` deserves; `what` says what we were doing.
  [[noreturn]] void Fail(int rc, const std::string& what) const;

 private:
  friend class Stmt;
  // Statements a Stmt finished with, reset and kept for the next Stmt of the same SQL text:
  // compiling SQL (a join over the bead_texts view, a pair summary) often costs more than
  // running it on one pair, and the workbench runs the same dozen statements on every request.
  using StmtCache = std::unordered_multimap<std::string, sqlite3_stmt*>;
  sqlite3_stmt* TakeCached(const std::string& sql);
  void GiveBack(const std::string& sql, sqlite3_stmt* stmt);
  void FinalizeCached();

  sqlite3* db_ = nullptr;
  std::string path_;
  std::unique_ptr<StmtCache> cache_;
};

// A prepared statement. Parameters are 1-based (?1, ?2...), columns 0-based. Compiled once
// per connection and SQL text: the destructor resets it and gives it back to its Db, and the
// next Stmt of the same text takes it from there.
class Stmt {
 public:
  Stmt(Db& db, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, int v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, size_t v) { return Bind(i, static_cast<int64_t>(v)); }
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);  // bound as TEXT (the bytes are copied)
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& BindNull(int i);
  // A C++ object for a function the statement calls (sqlite3_bind_pointer): `type` names
  // what it is, and the function takes it back only under the same name. Not owned.
  Stmt& BindPointer(int i, void* p, const char* type);

  // Advances: true when a row is ready, false when done. Throws on error.
  bool Step();
  // Steps a statement that returns no rows (INSERT/UPDATE/DELETE), then resets it.
  void Run();
  // Ready to run again with new bindings.
  void Reset();

  bool IsNull(int col) const;
  int64_t Int64(int col) const;
  int Int(int col) const { return static_cast<int>(Int64(col)); }
  double Double(int col) const;
  // Valid until the next Step/Reset.
  std::string_view Text(int col) const;
  std::string String(int col) const { return std::string(Text(col)); }

 private:
  Db& db_;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

// BEGIN IMMEDIATE ... COMMIT; rolled back by the destructor unless committed (also when an
// exception unwinds through it), so a failed import leaves nothing behind.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  Db& db_;
  bool done_ = false;
};

// BEGIN (deferred) ... COMMIT for reading: the statements inside see one snapshot of the
// corpus and take the file's shared lock once instead of once each. Does nothing when the
// connection is already in a transaction. Ends by the destructor; a read has nothing to
// roll back.
class ReadTransaction {
 public:
  explicit ReadTransaction(Db& db);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Db& db_;
  bool began_ = false;
};

}  // namespace newsalign::sql
