// newsalign serve: the translator's workbench in the browser (server/server.h), on loopback
// unless another host is named explicitly. Stops cleanly on Ctrl-C or SIGTERM.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "newsalign/cli/commands.h"
#include "newsalign/server/server.h"

namespace newsalign::cli {

Command AddServeCommand(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<server::ServerOptions>();
  Command command;
  command.sub = app.add_subcommand("serve", "Review and fix alignments in the browser (a local web workbench)");
  CLI::App* sub = command.sub;
  sub->add_option("--port", options->port, "TCP port (0: any free port, printed at start)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  sub->add_option("--host", options->host,
                  "Address to listen on; anything but loopback lets other machines edit your corpus")
      ->capture_default_str();
  sub->add_option("--threads", options->threads, "Request threads")->check(CLI::Range(2, 1024))->capture_default_str();
  const GlobalOptions* g = &global;
  command.run = [options, g] {
    options->db_path = g->db;
    if (!server::IsLoopback(options->host))
      std::cerr << "newsalign serve: warning: listening on " << options->host
                << ", not loopback: anyone who can reach this machine can read and edit " << g->db
                << " (there is no login)\n";
    // Signals go to a thread of our own (sigwait), never into the middle of a handler.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    server::Server server(*options);
    const int port = server.Bind();
    const std::string shown = options->host.find(':') != std::string::npos ? "[" + options->host + "]" : options->host;
    std::printf("newsalign: serving %s at http://%s:%d/ (Ctrl-C to stop)\n", g->db.c_str(), shown.c_str(), port);
    std::fflush(stdout);
    std::thread waiter([&server, stop_signals] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      server.Stop();
    });
    server.Run();
    // Run() returned on its own (a listen error): wake the waiter so it can be joined.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return 0;
  };
  return command;
}

}  // namespace newsalign::cli
