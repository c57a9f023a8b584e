// The HTTP request and response as the route handlers see them: plain values with no HTTP
// library inside, so route files stay light and testable. server.cpp converts to and from
// cpp-httplib.
#pragma once

#include <functional>
#include <map>
#include <string>

namespace abis::api {

struct ApiRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> path_params;  // {id} -> value
  std::multimap<std::string, std::string> query;
  std::string body;
  std::string content_type;
  std::string client_address;
  std::string bearer_token;  // from "Authorization: Bearer ..."

  // The first value of a query parameter, or empty.
  std::string query_value(const std::string& key) const {
    auto it = query.find(key);
    return it == query.end() ? std::string() : it->second;
  }
  bool has_query(const std::string& key) const { return query.count(key) > 0; }
};

struct ApiResponse {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

using Handler = std::function<ApiResponse(const ApiRequest&)>;

}  // namespace abis::api
