// Concurrency (issue 9): two imports write the same corpus at once (their lists overlap) while
// `list`, `stats` and a `serve` workbench read it in a loop. Nobody sees "database is locked",
// every reader succeeds, and every pair of both lists is stored exactly once.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "robustness/corpus_check.h"
#include "robustness/process.h"

namespace newsalign::robustness {
namespace {

// GET `path` from 127.0.0.1:`port` (HTTP/1.0, the whole answer); "" when the connection fails.
std::string HttpGet(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
      char buf[65536];
      ssize_t n;
      while ((n = recv(fd, buf, sizeof buf, 0)) > 0) answer.append(buf, static_cast<size_t>(n));
    }
  }
  close(fd);
  return answer;
}

}  // namespace

TEST_CASE("two imports write while list, stats and serve read: nothing locked, nothing lost") {
  TempDir dir;
  // Two lists sharing their first three pairs: both imports store them, one finds them done.
  const std::string a = SampleList(dir, "a", 3);
  const std::string b_own = SampleList(dir, "b", 2);
  const std::string b = dir / "b-with-shared.tsv";
  {
    const std::string shared = ReadFile(a);
    WriteFile(b, shared.substr(0, shared.find('\n', shared.find('\n', shared.find('\n') + 1) + 1) + 1) +
                     ReadFile(b_own));
  }
  const long long kPairs = 9 + 6;  // a's 9 and b's own 6
  const std::string db = dir / "corpus.db";
  // The corpus exists before the server starts (serve does not create one).
  REQUIRE(Newsalign({"--db", db, "import", kSamples + "dushanbe-water.ru.txt", kSamples + "dushanbe-water.en.txt"})
              .status == 0);

  // The workbench, on any free port.
  const pid_t server = Spawn({"--db", db, "serve", "--port", "0"}, dir / "serve.out", dir / "serve.err");
  int port = 0;
  for (int i = 0; i < 3000 && port == 0; ++i) {
    std::smatch m;
    const std::string out = std::filesystem::exists(dir / "serve.out") ? ReadFile(dir / "serve.out") : "";
    if (std::regex_search(out, m, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) port = std::stoi(m[1]);
    else std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  INFO(ReadFile(dir / "serve.err"));
  REQUIRE(port != 0);

  // Readers loop until the writers are done.
  std::atomic<bool> writing{true};
  std::atomic<int> reads{0}, http_reads{0};
  std::vector<std::string> reader_failures;
  std::thread cli_reader([&] {
    for (int i = 0; writing; ++i) {
      RunResult r = Newsalign({"--db", db, i % 2 ? "stats" : "list"});
      if (r.status != 0 || !r.err.empty()) reader_failures.push_back((i % 2 ? "stats: " : "list: ") + r.err);
      ++reads;
    }
  });
  std::vector<std::string> http_failures;
  std::thread http_reader([&] {
    while (writing) {
      std::string answer = HttpGet(port, "/api/pairs");
      if (answer.rfind("HTTP/1.", 0) != 0 || answer.find(" 200 ") == std::string::npos)
        http_failures.push_back(answer.substr(0, 300));
      ++http_reads;
    }
  });

  // The two writers, started together.
  const pid_t writer_a = Spawn({"--db", db, "import", "--pairs", a}, dir / "a.out", dir / "a.err");
  const pid_t writer_b = Spawn({"--db", db, "import", "--pairs", b}, dir / "b.out", dir / "b.err");
  RunResult ra, rb;
  Wait(writer_a, 600, ra);
  Wait(writer_b, 600, rb);
  writing = false;
  cli_reader.join();
  http_reader.join();
  kill(server, SIGTERM);
  RunResult rs;
  Wait(server, 60, rs);

  const std::string a_err = ReadFile(dir / "a.err"), b_err = ReadFile(dir / "b.err");
  INFO("import a: " << ReadFile(dir / "a.out") << a_err);
  INFO("import b: " << ReadFile(dir / "b.out") << b_err);
  REQUIRE(ra.status == 0);
  REQUIRE(rb.status == 0);
  REQUIRE(a_err.find("locked") == std::string::npos);
  REQUIRE(b_err.find("locked") == std::string::npos);
  INFO("reader failures: " << (reader_failures.empty() ? "" : reader_failures[0]));
  REQUIRE(reader_failures.empty());
  INFO("HTTP failures: " << (http_failures.empty() ? "" : http_failures[0]));
  REQUIRE(http_failures.empty());
  REQUIRE(reads > 0);
  REQUIRE(http_reads > 0);
  INFO(ReadFile(dir / "serve.err"));
  REQUIRE(rs.status == 0);

  // Nothing lost, nothing twice.
  REQUIRE(CorpusProblems(db).empty());
  REQUIRE(RawDb(db).Int("SELECT count(*) FROM pairs") == 1 + kPairs);
  REQUIRE(RawDb(db).Int("SELECT count(*) FROM documents") == 2 * (1 + kPairs));
  RunResult again = Newsalign({"--db", db, "import", "--pairs", b});
  REQUIRE(again.status == 0);
  REQUIRE(again.out.find("0 new, 0 realigned, 0 metadata updated, 9 unchanged") != std::string::npos);
  WARN("while two imports wrote: " << reads << " list/stats runs and " << http_reads << " HTTP reads, none failed");
}

}  // namespace newsalign::robustness
