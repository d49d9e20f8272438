// Helpers for the robustness tests (issue 9): run the built newsalign as users do, with a hang
// guard, its peak memory, optionally as an unprivileged user; start it in the background to
// kill it; read counts straight from a SQLite file.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace newsalign::robustness {

inline const std::string kBinary = NEWSALIGN_BINARY;
inline const std::string kSamples = std::string(NEWSALIGN_SOURCE_DIR) + "/corpora/samples/";
// The unprivileged user the tests become when they run as root (where chmod stops nothing).
constexpr uid_t kNobody = 65534;
constexpr gid_t kNogroup = 65534;

// A fresh folder under $TMPDIR (world-readable, so an unprivileged child can use it), removed
// at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "newsalign-rob-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
    chmod(path_.c_str(), 0755);
  }
  ~TempDir() {
    std::error_code ec;
    // Give back whatever a test took away, so the folder can be removed.
    for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
      chmod(it->path().c_str(), 0755);
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

inline int CountLines(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

struct RunOptions {
  std::string stdin_path = "/dev/null";
  bool as_nobody = false;  // become uid/gid 65534 before exec (only when running as root)
  int timeout_s = 600;     // hang guard: the child is killed after this many seconds
};

struct RunResult {
  int status = -1;        // exit code; 128 + signal when killed by a signal
  bool timed_out = false;  // killed by the hang guard
  long max_rss_kb = 0;     // the child's peak resident memory (getrusage via wait4)
  std::string out, err;
};

// Starts newsalign with `args`, stdout and stderr to the given files. Returns the pid.
inline pid_t Spawn(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path,
                   const RunOptions& options = {}) {
  std::vector<std::string> argv = {kBinary};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int in = open(options.stdin_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    if (options.as_nobody && geteuid() == 0) {
      if (setgroups(0, nullptr) != 0 || setgid(kNogroup) != 0 || setuid(kNobody) != 0) _exit(125);
    }
    std::vector<char*> cargv;
    for (std::string& a : argv) cargv.push_back(a.data());
    cargv.push_back(nullptr);
    execv(cargv[0], cargv.data());
    _exit(127);
  }
  return pid;
}

// Waits for `pid` (killing it after timeout_s), filling status, timed_out and max_rss_kb.
inline void Wait(pid_t pid, int timeout_s, RunResult& result) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int wstatus = 0;
  struct rusage usage {};
  while (true) {
    pid_t done = wait4(pid, &wstatus, WNOHANG, &usage);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error("wait4 failed");
    if (std::chrono::steady_clock::now() > deadline && !result.timed_out) {
      kill(pid, SIGKILL);
      result.timed_out = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  result.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  result.max_rss_kb = usage.ru_maxrss;
}

// Runs newsalign with `args` to the end (or the hang guard).
inline RunResult Newsalign(const std::vector<std::string>& args, const RunOptions& options = {}) {
  TempDir io;
  RunResult result;
  pid_t pid = Spawn(args, io / "stdout", io / "stderr", options);
  Wait(pid, options.timeout_s, result);
  result.out = ReadFile(io / "stdout");
  result.err = ReadFile(io / "stderr");
  return result;
}

// True when an unprivileged child really cannot write a read-only file here (false when the
// tests run as root and setuid is not permitted, e.g. in some containers).
inline bool CanDropPrivileges() {
  if (geteuid() != 0) return true;  // chmod already binds us
  pid_t pid = fork();
  if (pid == 0) _exit(setgroups(0, nullptr) == 0 && setgid(kNogroup) == 0 && setuid(kNobody) == 0 ? 0 : 1);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  return WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
}

// A connection to a SQLite file, for checking what newsalign stored. Read-write by default
// even for checks: a read-only connection cannot open a WAL database whose -wal file a killed
// writer left behind (or that lacks one), and reading changes nothing anyway.
class RawDb {
 public:
  explicit RawDb(const std::string& path, bool read_only = false) {
    int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path + ": " + sqlite3_errmsg(db_));
    sqlite3_busy_timeout(db_, 10000);
  }
  ~RawDb() { sqlite3_close(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  // The first column of every row, as text.
  std::vector<std::string> Column(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    std::vector<std::string> rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(st, 0);
      rows.push_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    return rows;
  }
  long long Int(const std::string& sql) {
    std::vector<std::string> rows = Column(sql);
    return rows.empty() ? -1 : std::stoll(rows[0]);
  }
  void Exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    if (rc != SQLITE_OK) throw std::runtime_error(sql + ": " + msg);
  }

 private:
  sqlite3* db_ = nullptr;
};

// Row counts of the corpus tables, "documents revisions sentences pairs beads"; "none" when
// there is no file. Equal before and after a failed command means nothing was stored.
inline std::string RowCounts(const std::string& db_path) {
  if (!std::filesystem::exists(db_path)) return "none";
  RawDb db(db_path);
  std::string out;
  for (const char* table : {"documents", "revisions", "sentences", "pairs", "beads"})
    out += (out.empty() ? "" : " ") + std::to_string(db.Int(std::string("SELECT count(*) FROM ") + table));
  return out;
}

}  // namespace newsalign::robustness
