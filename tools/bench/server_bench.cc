// Workbench API latency under load (issue 8 target: p95 <= 20 ms with 50 concurrent clients on
// loopback). Each client thread keeps one connection and sends a fixed number of requests, a
// translator's mix: open a pair (70%), list the corpus (20%), confirm or unconfirm a bead on
// the version it just read (10%; losing a race to another client is a 409, a valid answer).
// Bounded: clients x requests, and a wall-clock limit. Prints percentiles per kind.
//
//   server_bench --port 8080 [--clients 50] [--requests 200] [--pairs 1,2,3] [--big 4] [--think-ms 0]
//
// --think-ms N: each client pauses N ms between requests (a translator reads before the next
// key); 0 (default) fires back to back, which measures a saturated server.
// --big ID also times single requests for that pair (the 2,000-bead document) alone.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

void Print(const char* name, const std::vector<double>& v) {
  std::printf("  %-22s n=%-6zu p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms\n", name, v.size(),
              Percentile(v, 0.5), Percentile(v, 0.95), Percentile(v, 0.99), v.empty() ? 0 : *std::max_element(v.begin(), v.end()));
}

}  // namespace

int main(int argc, char** argv) {
  int port = 8080, clients = 50, requests = 200, limit_s = 120, think_ms = 0;
  std::vector<int> pairs = {1, 2, 3};
  int big = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--port") port = std::atoi(v.c_str());
    else if (a == "--clients") clients = std::clamp(std::atoi(v.c_str()), 1, 500);
    else if (a == "--requests") requests = std::clamp(std::atoi(v.c_str()), 1, 10000);
    else if (a == "--big") big = std::atoi(v.c_str());
    else if (a == "--think-ms") think_ms = std::clamp(std::atoi(v.c_str()), 0, 10000);
    else if (a == "--pairs") {
      pairs.clear();
      for (size_t at = 0; at <= v.size();) {
        size_t comma = v.find(',', at);
        pairs.push_back(std::atoi(v.substr(at, comma - at).c_str()));
        at = comma == std::string::npos ? v.size() + 1 : comma + 1;
      }
    }
  }

  std::map<std::string, std::vector<double>> times;
  std::mutex mutex;
  std::atomic<int> errors{0}, conflicts{0};
  const auto deadline = Clock::now() + std::chrono::seconds(limit_s);
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port);
      c.set_keep_alive(true);
      // As browsers do: without it a POST's body waits for the ACK of its headers (Nagle's
      // algorithm against the server's delayed ACK), 40 ms that are the client's, not the server's.
      c.set_tcp_nodelay(true);
      c.set_read_timeout(30, 0);
      std::map<std::string, std::vector<double>> mine;
      unsigned seed = 7919u * (t + 1);
      for (int i = 0; i < requests && Clock::now() < deadline; ++i) {
        if (think_ms) std::this_thread::sleep_for(std::chrono::milliseconds(think_ms));
        seed = seed * 1103515245u + 12345u;
        const int roll = static_cast<int>((seed >> 8) % 100);
        const int pair = pairs[(seed >> 4) % pairs.size()];
        const std::string path = "/api/pairs/" + std::to_string(pair);
        auto t0 = Clock::now();
        if (roll < 70) {
          auto r = c.Get(path.c_str());
          if (!r || r->status != 200) errors++;
          mine["GET /api/pairs/ID"].push_back(Ms(Clock::now() - t0));
        } else if (roll < 90) {
          auto r = c.Get("/api/pairs");
          if (!r || r->status != 200) errors++;
          mine["GET /api/pairs"].push_back(Ms(Clock::now() - t0));
        } else {
          auto r = c.Get(path.c_str());
          if (!r || r->status != 200) {
            errors++;
            continue;
          }
          auto j = nlohmann::json::parse(r->body);
          nlohmann::json body = {{"op", i % 2 ? "confirm" : "unconfirm"}, {"version", j["version"]},
                                 {"bead", static_cast<int>((seed >> 12) % j["beads"].size())}};
          t0 = Clock::now();
          auto w = c.Post((path + "/edit").c_str(), body.dump(), "application/json");
          if (w && w->status == 409) conflicts++;
          else if (!w || w->status != 200) errors++;
          mine["POST edit (confirm)"].push_back(Ms(Clock::now() - t0));
        }
      }
      std::lock_guard<std::mutex> lock(mutex);
      for (auto& [k, v] : mine) times[k].insert(times[k].end(), v.begin(), v.end());
    });
  }
  for (std::thread& t : threads) t.join();
  const double wall = Ms(Clock::now() - start);

  std::vector<double> all;
  for (auto& [k, v] : times) all.insert(all.end(), v.begin(), v.end());
  std::printf("server_bench: %d clients x %d requests (think %d ms) on 127.0.0.1:%d, %.1f s, %.0f requests/s, %d errors, "
              "%d conflicts (409)\n",
              clients, requests, think_ms, port, wall / 1000, all.size() / (wall / 1000), errors.load(), conflicts.load());
  for (auto& [k, v] : times) Print(k.c_str(), v);
  Print("all requests", all);

  if (big) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    std::vector<double> t;
    size_t bytes = 0;
    for (int i = 0; i < 10; ++i) {
      auto t0 = Clock::now();
      auto r = c.Get(("/api/pairs/" + std::to_string(big)).c_str());
      t.push_back(Ms(Clock::now() - t0));
      if (!r || r->status != 200) errors++;
      else bytes = r->body.size();
    }
    std::printf("big pair %d alone (%zu bytes of JSON):\n", big, bytes);
    Print("GET /api/pairs/BIG", t);
  }
  return errors ? 1 : 0;
}
