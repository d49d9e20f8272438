#include "newsalign/server/server.h"

#include <arpa/inet.h>
#include <sys/socket.h>
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <iostream>

#include "newsalign/core/error.h"
#include "newsalign/server/json_mapping.h"
#include "newsalign/server/routes.h"
#include "newsalign/store/store.h"

namespace newsalign::server {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "host:port" or "[v6]:port" -> host, lower-case, without brackets.
std::string HostOf(const std::string& authority) {
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    return Lower(authority.substr(1, close == std::string::npos ? std::string::npos : close - 1));
  }
  return Lower(authority.substr(0, authority.find(':')));
}

void Refuse(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(Dump({{"error", message}}), "application/json; charset=utf-8");
}

}  // namespace

bool IsLoopback(const std::string& host) {
  const std::string h = Lower(host);
  if (h == "localhost" || h == "::1" || h == "[::1]") return true;
  in_addr a{};
  return inet_pton(AF_INET, h.c_str(), &a) == 1 && (ntohl(a.s_addr) >> 24) == 127;
}

struct Server::Impl {
  explicit Impl(ServerOptions o) : context(std::move(o)) {}
  Context context;
  httplib::Server http;
  int port = 0;
  int listen_socket = -1;  // as httplib made it, to widen its backlog after Bind()

  // Which names a browser may use for this server in Host (and Origin): loopback names, and
  // the host it was explicitly bound to. Anything else is a DNS-rebinding attempt.
  bool AllowedHost(const std::string& authority) const {
    const std::string h = HostOf(authority);
    if (IsLoopback(h)) return true;
    const std::string bound = Lower(context.options.host);
    return !h.empty() && (h == bound || bound == "0.0.0.0" || bound == "::");
  }

  // Cross-site writes and DNS rebinding are refused before routing.
  httplib::Server::HandlerResponse Guard(const httplib::Request& req, httplib::Response& res) const {
    const std::string host = req.get_header_value("Host");
    if (!host.empty() && !AllowedHost(host)) {
      Refuse(res, 403, "this server answers to " + context.options.host + " only");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method == "POST" || req.method == "PUT" || req.method == "DELETE" || req.method == "PATCH") {
      const std::string origin = req.get_header_value("Origin");
      if (!origin.empty() && origin != "null") {
        size_t scheme = origin.find("://");
        std::string authority = scheme == std::string::npos ? origin : origin.substr(scheme + 3);
        if (authority != host) {
          Refuse(res, 403, "cross-origin writes are refused");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      const std::string type = Lower(req.get_header_value("Content-Type"));
      if (type.rfind("application/json", 0) != 0) {
        Refuse(res, 415, "send the request body as application/json");
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  // Create or upgrade the corpus now, so a bad file is reported before the port opens.
  Store::Open(impl_->context.options.db_path);
  httplib::Server& http = impl_->http;
  const ServerOptions& o = impl_->context.options;
  const size_t threads = static_cast<size_t>(std::max(2, o.threads));
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(o.max_body);
  http.set_read_timeout(o.timeout_s, 0);
  http.set_write_timeout(o.timeout_s, 0);
  http.set_keep_alive_timeout(5);
  http.set_keep_alive_max_count(1000);
  http.set_tcp_nodelay(true);
  Impl* impl = impl_.get();
  http.set_socket_options([impl](socket_t sock) {
    httplib::default_socket_options(sock);
    impl->listen_socket = sock;  // the last one made is the one bound (failed tries are closed)
  });
  http.set_pre_routing_handler(
      [impl](const httplib::Request& req, httplib::Response& res) { return impl->Guard(req, res); });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::cerr << "newsalign serve: internal error: " << what << "\n";
    Refuse(res, 500, "internal error: " + what);
  });
  // httplib's own refusals (404 for an unknown path, 413 for a large body) get a JSON body.
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const char* what = res.status == 404   ? "no such resource"
                       : res.status == 413 ? "request body too large"
                       : res.status == 400 ? "bad request"
                                           : "request failed";
    Refuse(res, res.status, what);
  });
  AddRoutes(http, impl_->context);
}

Server::~Server() { Stop(); }

int Server::Bind() {
  const ServerOptions& o = impl_->context.options;
  if (o.port < 0 || o.port > 65535) throw InputError("port " + std::to_string(o.port) + " is out of range");
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(o.host);
    if (impl_->port < 0) throw InputError("cannot listen on " + o.host + " (is it an address of this machine?)");
  } else {
    if (!impl_->http.bind_to_port(o.host, o.port))
      throw InputError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                       " (in use by another program? try --port with another number, or 0 for any)");
    impl_->port = o.port;
  }
  // Debian's compiled cpp-httplib listens with a backlog of 5: when more clients than that
  // connect at once (the page opens several connections, 50 clients in the benchmark), the
  // kernel drops their SYNs and they retry a second later. Listening again on the same socket
  // only widens the queue.
  if (impl_->listen_socket >= 0) ::listen(impl_->listen_socket, SOMAXCONN);
  return impl_->port;
}

void Server::Run() { impl_->http.listen_after_bind(); }

void Server::Stop() {
  if (impl_ && impl_->http.is_running()) impl_->http.stop();
}

}  // namespace newsalign::server
