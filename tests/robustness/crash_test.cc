// Crashes (issue 9): `import --pairs` and `batch --pairs` killed with SIGKILL at random moments,
// 60 times in all (30 each), leave a sound corpus with whole pairs only, and the next run completes it.
#include <signal.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "robustness/corpus_check.h"
#include "robustness/process.h"

namespace newsalign::robustness {
namespace {

using Clock = std::chrono::steady_clock;

struct KillStats {
  int killed = 0;    // runs killed before they finished
  int finished = 0;  // runs that finished before their moment came
  std::string pairs;  // pairs stored after each kill
};

// Runs `args` until `kills` runs were killed, each at a random moment of a whole run (half of
// them in its last third, where the writing happens), up to `per_db` runs on each fresh database
// (so a run also meets the WAL and the half-done work a killed one left; a database that holds
// every pair is replaced early). Checks the corpus after every run.
KillStats KillRepeatedly(const TempDir& dir, const std::string& name, const std::vector<std::string>& args,
                         long long total_pairs, int kills, int per_db, std::mt19937& rng) {
  auto with_db = [&args](const std::string& db) {
    std::vector<std::string> argv = {"--db", db};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  };
  // How long a whole run takes here (the machine, the build type, sanitizers).
  const std::string calibrate = dir / (name + "-calibrate.db");
  double whole_ms = 0;
  {
    const auto start = Clock::now();
    RunResult r = Newsalign(with_db(calibrate));
    whole_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    INFO(r.out << r.err);  // scoped: it must not caption the failures further down
    REQUIRE(r.status == 0);
    REQUIRE(RawDb(calibrate).Int("SELECT count(*) FROM pairs") == total_pairs);
  }

  KillStats stats;
  std::uniform_real_distribution<double> anywhere(0.05, 1.0), late(0.67, 1.0);
  std::string db;
  int databases = 0, runs_on_db = per_db;
  bool complete = false;
  // Runs until `kills` were killed, however fast or slow this machine is at the moment: a
  // run that finishes before its moment is no failure, only a sign that whole_ms was measured
  // while the machine was slower (see below). The bound is a hang guard, not a budget.
  for (int round = 0; stats.killed < kills; ++round) {
    REQUIRE(round < 50 * kills);
    // A corpus that holds every pair gives a run nothing to write (and such runs end too soon
    // to be killed), so the next run starts a fresh one.
    if (runs_on_db == per_db || complete) {
      db = dir / (name + "-" + std::to_string(databases++) + ".db");
      runs_on_db = 0;
    }
    ++runs_on_db;
    const auto spawned = Clock::now();
    const pid_t pid = Spawn(with_db(db), dir / "stdout", dir / "stderr");
    const double at = round % 2 ? late(rng) : anywhere(rng);
    std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(at * whole_ms * 1000)));
    kill(pid, SIGKILL);  // a no-op when it has finished (it is a zombie until waited for)
    RunResult run;
    Wait(pid, 600, run);
    if (run.status == 128 + SIGKILL) {
      ++stats.killed;
    } else {
      INFO(name << " round " << round << ": " << ReadFile(dir / "stderr"));
      REQUIRE(run.status == 0);
      ++stats.finished;
      // It took at most this long, so later moments are drawn from a run as long as this one:
      // on a loaded machine the calibration run may have been slowed far more than later runs.
      whole_ms = std::min(whole_ms, std::chrono::duration<double, std::milli>(Clock::now() - spawned).count());
    }
    complete = false;
    if (!std::filesystem::exists(db)) {
      stats.pairs += " -";
      continue;
    }
    std::vector<std::string> problems = CorpusProblems(db);
    INFO(name << " round " << round << ": " << (problems.empty() ? "" : problems[0]));
    REQUIRE(problems.empty());
    const long long pairs = PairCount(db);
    REQUIRE(pairs <= total_pairs);
    complete = pairs == total_pairs;
    stats.pairs += " " + std::to_string(pairs);
  }
  REQUIRE(stats.killed == kills);
  // The last database, finished by a run left alone, holds every pair, as a clean run does.
  RunResult r = Newsalign(with_db(db));
  INFO(r.out << r.err);
  REQUIRE(r.status == 0);
  REQUIRE(CorpusProblems(db).empty());
  REQUIRE(RawDb(db).Int("SELECT count(*) FROM pairs") == total_pairs);
  REQUIRE(RawDb(db).Int("SELECT count(*) FROM beads") == RawDb(calibrate).Int("SELECT count(*) FROM beads"));
  return stats;
}

}  // namespace

TEST_CASE("import and batch killed at random moments leave whole pairs only") {
  TempDir dir;
  const int kCopies = 4;  // 12 pairs
  const std::string list = SampleList(dir, "kill", kCopies);
  std::mt19937 rng(9);
  KillStats import = KillRepeatedly(dir, "import", {"import", "--pairs", list}, 3 * kCopies, 30, 3, rng);
  KillStats batch =
      KillRepeatedly(dir, "batch", {"batch", "--pairs", list, "--quiet", "--threads", "2"}, 3 * kCopies, 30, 3, rng);
  WARN("import: " << import.killed << " killed, " << import.finished << " finished; pairs after each:" << import.pairs);
  WARN("batch: " << batch.killed << " killed, " << batch.finished << " finished; pairs after each:" << batch.pairs);
}

}  // namespace newsalign::robustness
