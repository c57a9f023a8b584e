// ApiServer: the HTTP/JSON API under /api/v1, served by cpp-httplib with a thread pool.
// TCP_NODELAY and keep-alive are on (without them small responses wait ~40 ms for delayed ACKs);
// bodies over server.max_body_bytes get 413; TLS when a certificate and key are configured.
// Errors are always {"error":{"code":..,"message":..}}. start() binds, run() serves until stop()
// (from any thread, e.g. a signal handler thread).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "registry/system.h"

namespace abis::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port (tests)
  int threads = 8;
  std::size_t max_body_bytes = 64 << 20;
  std::size_t max_json_bytes = 1 << 20;
  std::string tls_cert;
  std::string tls_key;
  std::string version;
};

// Reads the server.* settings of a config into options; "host:port" in server.listen.
Result<ServerOptions> server_options_from_config(const core::Config& config);

class ApiServer {
 public:
  // system must outlive the server.
  static Result<std::unique_ptr<ApiServer>> create(registry::System& system, const ServerOptions& options);
  ~ApiServer();

  // Binds the socket; returns the port (useful with port 0).
  Result<int> bind();
  // Serves until stop(). Call after bind().
  Status run();
  void stop();
  bool tls() const;

 private:
  struct Impl;
  explicit ApiServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace abis::api
