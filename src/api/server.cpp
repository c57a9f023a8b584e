#include "api/server.h"

#include <httplib.h>

#include <chrono>

#include "api/api_context.h"
#include "api/routes.h"
#include "core/log.h"

namespace abis::api {

struct ApiServer::Impl {
  registry::System& system;
  ServerOptions options;
  ApiContext ctx;
  Router router;
  std::unique_ptr<httplib::Server> http;

  Impl(registry::System& sys, const ServerOptions& opts)
      : system(sys), options(opts), ctx{sys, opts.version, opts.max_json_bytes, opts.max_body_bytes} {}

  void dispatch(const httplib::Request& req, httplib::Response& res) {
    auto started = std::chrono::steady_clock::now();
    ApiRequest request;
    request.method = req.method;
    request.path = req.path;
    request.body = req.body;
    request.content_type = req.get_header_value("Content-Type");
    request.client_address = req.remote_addr;
    for (const auto& [k, v] : req.params) request.query.emplace(k, v);
    std::string auth = req.get_header_value("Authorization");
    if (auth.rfind("Bearer ", 0) == 0) request.bearer_token = auth.substr(7);

    ApiResponse response;
    bool path_exists = false;
    const Route* route = router.match(req.method, req.path, &request.path_params, &path_exists);
    if (route) {
      response = route->handler(request);
    } else if (path_exists) {
      response = json_response(405, {{"error", {{"code", "method_not_allowed"},
                                               {"message", req.method + " is not allowed on " + req.path}}}});
    } else {
      response = error_response(not_found("no API route " + req.method + " " + req.path +
                                          " (see /api/v1/openapi.json)"));
    }
    res.status = response.status;
    res.set_content(response.body, response.content_type);
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    core::log::info("http", {{"method", req.method},
                             {"path", req.path},
                             {"status", std::to_string(response.status)},
                             {"micros", std::to_string(micros.count())},
                             {"client", req.remote_addr}});
  }
};

Result<ServerOptions> server_options_from_config(const core::Config& config) {
  ServerOptions o;
  std::string listen = config.get("server.listen");
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return invalid_argument("server.listen must be host:port, not '" + listen + "'");
  o.host = listen.substr(0, colon);
  try {
    std::size_t used = 0;
    o.port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) throw std::invalid_argument("port");
  } catch (...) {
    return invalid_argument("server.listen: '" + listen.substr(colon + 1) + "' is not a port number");
  }
  if (o.port < 0 || o.port > 65535) return invalid_argument("server.listen: port out of range");
  ABIS_ASSIGN_OR_RETURN(auto threads, config.get_int("server.threads", 1, 256));
  ABIS_ASSIGN_OR_RETURN(auto max_body, config.get_int("server.max_body_bytes", 1024, 1ll << 32));
  ABIS_ASSIGN_OR_RETURN(auto max_json, config.get_int("server.max_json_bytes", 1024, 1ll << 30));
  o.threads = static_cast<int>(threads);
  o.max_body_bytes = static_cast<std::size_t>(max_body);
  o.max_json_bytes = static_cast<std::size_t>(max_json);
  o.tls_cert = config.get("server.tls_cert");
  o.tls_key = config.get("server.tls_key");
  if (o.tls_cert.empty() != o.tls_key.empty()) {
    return invalid_argument("server.tls_cert and server.tls_key must be set together");
  }
  return o;
}

ApiServer::ApiServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ApiServer::~ApiServer() { stop(); }

Result<std::unique_ptr<ApiServer>> ApiServer::create(registry::System& system, const ServerOptions& options) {
  auto impl = std::make_unique<Impl>(system, options);
  if (!options.tls_cert.empty()) {
    auto ssl = std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!ssl->is_valid()) {
      return invalid_argument("cannot start TLS with certificate " + options.tls_cert + " and key " +
                              options.tls_key + " (missing, unreadable or not a matching pair)");
    }
    impl->http = std::move(ssl);
  } else {
    impl->http = std::make_unique<httplib::Server>();
  }
  add_system_routes(impl->router, impl->ctx);
  add_auth_routes(impl->router, impl->ctx);
  add_admin_routes(impl->router, impl->ctx);
  add_person_routes(impl->router, impl->ctx);
  add_audit_routes(impl->router, impl->ctx);
  add_dna_routes(impl->router, impl->ctx);
  add_dna_exchange_routes(impl->router, impl->ctx);
  add_dactyl_routes(impl->router, impl->ctx);

  httplib::Server& http = *impl->http;
  Impl* self = impl.get();
  int threads = options.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_tcp_nodelay(true);
  http.set_keep_alive_max_count(1000);
  http.set_keep_alive_timeout(30);
  http.set_read_timeout(60, 0);
  http.set_write_timeout(60, 0);
  http.set_payload_max_length(options.max_body_bytes);
  auto handler = [self](const httplib::Request& req, httplib::Response& res) { self->dispatch(req, res); };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Delete(".*", handler);
  http.Patch(".*", handler);
  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
    core::log::error("http_exception", {{"path", req.path}});
    res.status = 500;
    res.set_content(R"({"error":{"code":"internal","message":"internal error; see the server log"}})",
                    "application/json");
  });
  // Errors httplib produces itself (413 for an oversized body, 400 for a malformed request) get
  // the same JSON shape as ours.
  http.set_error_handler([max = options.max_body_bytes](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string code = res.status == 413 ? "too_large" : res.status == 404 ? "not_found" : "invalid_argument";
    std::string message = res.status == 413 ? "request body is over the limit of " + std::to_string(max) + " bytes"
                                            : "malformed HTTP request";
    nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
    res.set_content(body.dump(), "application/json");
  });
  return std::unique_ptr<ApiServer>(new ApiServer(std::move(impl)));
}

Result<int> ApiServer::bind() {
  auto& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = impl_->http->bind_to_any_port(o.host);
  } else if (!impl_->http->bind_to_port(o.host, port)) {
    port = -1;
  }
  if (port < 0) {
    return unavailable("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                       " (in use, or not an address of this machine)");
  }
  return port;
}

Status ApiServer::run() {
  if (!impl_->http->listen_after_bind()) return io_error("the HTTP server stopped with an error");
  return Status::ok();
}

void ApiServer::stop() {
  if (impl_ && impl_->http) impl_->http->stop();
}

bool ApiServer::tls() const { return !impl_->options.tls_cert.empty(); }

}  // namespace abis::api
