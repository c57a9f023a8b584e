#include "api/router.h"

namespace abis::api {

void Router::add(std::string method, std::string path, RouteDoc doc, Handler handler) {
  Route r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.doc = std::move(doc);
  r.handler = std::move(handler);
  std::string regex;
  for (std::size_t i = 0; i < r.path.size(); ++i) {
    char c = r.path[i];
    if (c == '{') {
      auto end = r.path.find('}', i);
      r.param_names.push_back(r.path.substr(i + 1, end - i - 1));
      regex += "([^/]+)";
      i = end;
    } else if (std::string(".^$|()[]*+?\\").find(c) != std::string::npos) {
      regex += '\\';
      regex += c;
    } else {
      regex += c;
    }
  }
  r.pattern = std::regex(regex);
  routes_.push_back(std::move(r));
}

const Route* Router::match(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>* params, bool* path_exists) const {
  *path_exists = false;
  for (const auto& r : routes_) {
    std::smatch m;
    if (!std::regex_match(path, m, r.pattern)) continue;
    *path_exists = true;
    if (r.method != method) continue;
    params->clear();
    for (std::size_t i = 0; i < r.param_names.size(); ++i) (*params)[r.param_names[i]] = m[i + 1].str();
    return &r;
  }
  return nullptr;
}

}  // namespace abis::api
