#include "support/api_client.h"

#include <httplib.h>

namespace abis::testing {

ApiClient::ApiClient(int port, bool tls)
    : client_(std::make_unique<httplib::Client>((tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port))) {
  client_->set_keep_alive(true);
  client_->set_read_timeout(60, 0);
  client_->enable_server_certificate_verification(false);
}

ApiClient::~ApiClient() = default;

HttpResult ApiClient::send(const std::string& method, const std::string& path, const std::string& body,
                           const std::string& content_type) {
  httplib::Headers headers;
  if (!token_.empty()) headers.emplace("Authorization", "Bearer " + token_);
  auto call = [&]() -> httplib::Result {
    if (method == "GET") return client_->Get(path, headers);
    if (method == "POST") return client_->Post(path, headers, body, content_type);
    if (method == "PUT") return client_->Put(path, headers, body, content_type);
    return client_->Delete(path, headers, body, content_type);
  };
  httplib::Result res = call();
  HttpResult out;
  if (!res) return out;
  out.status = res->status;
  out.raw = res->body;
  out.body = nlohmann::json::parse(res->body, nullptr, false);
  return out;
}

HttpResult ApiClient::get(const std::string& path) { return send("GET", path, ""); }
HttpResult ApiClient::post(const std::string& path, const nlohmann::json& body) { return send("POST", path, body.dump()); }
HttpResult ApiClient::put(const std::string& path, const nlohmann::json& body) { return send("PUT", path, body.dump()); }

int ApiClient::login(const std::string& user, const std::string& password, const std::string& workstation,
                     const std::string& key) {
  token_.clear();
  auto r = post("/api/v1/auth/login",
                {{"username", user}, {"password", password}, {"workstation", workstation}, {"workstation_key", key}});
  if (r.status == 200) token_ = r.body["token"].get<std::string>();
  return r.status;
}

}  // namespace abis::testing
