// A small JSON-over-HTTP client for integration tests, on cpp-httplib, with the session token
// kept between calls.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace httplib {
class Client;
}

namespace abis::testing {

struct HttpResult {
  int status = 0;  // 0: no response (connection failed)
  nlohmann::json body;
  std::string raw;
};

class ApiClient {
 public:
  explicit ApiClient(int port, bool tls = false);
  ~ApiClient();

  HttpResult get(const std::string& path);
  HttpResult post(const std::string& path, const nlohmann::json& body);
  HttpResult put(const std::string& path, const nlohmann::json& body);
  HttpResult send(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& content_type = "application/json");

  // Logs in and keeps the token; returns the HTTP status.
  int login(const std::string& user, const std::string& password, const std::string& workstation,
            const std::string& key);
  void set_token(std::string token) { token_ = std::move(token); }
  const std::string& token() const { return token_; }

 private:
  std::unique_ptr<httplib::Client> client_;
  std::string token_;
};

}  // namespace abis::testing
