// Router: the table of API routes. Each route carries what the OpenAPI document says about it,
// so the document (GET /api/v1/openapi.json) is generated from the same table the server
// dispatches on and cannot drift from it. Built once at start, then read-only (thread-safe).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <regex>
#include <string>
#include <vector>

#include "api/api_types.h"

namespace abis::api {

struct RouteDoc {
  std::string summary;
  std::string tag;                 // "persons", "auth", ...
  std::string permission;          // the permission required, "" for none, "session" for any user
  std::string request_schema;      // name of a component schema, "" for no body
  std::string response_schema;     // name of a component schema for the 2xx body
  int success_status = 200;
  std::vector<std::string> query_params;  // documented query parameters
};

struct Route {
  std::string method;        // GET, POST, PUT, DELETE
  std::string path;          // "/api/v1/persons/{id}"
  RouteDoc doc;
  Handler handler;
  std::regex pattern;        // compiled from path
  std::vector<std::string> param_names;
};

class Router {
 public:
  void add(std::string method, std::string path, RouteDoc doc, Handler handler);
  const std::vector<Route>& routes() const { return routes_; }
  // Finds the route for a method and path and fills the path parameters. nullptr when no route
  // matches; *path_exists tells whether another method would have matched (405 vs 404).
  const Route* match(const std::string& method, const std::string& path,
                     std::map<std::string, std::string>* params, bool* path_exists) const;

 private:
  std::vector<Route> routes_;
};

// The OpenAPI 3.0 document of every route in the router.
nlohmann::json openapi_document(const Router& router, const std::string& version);

}  // namespace abis::api
