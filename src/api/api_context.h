// What route handlers share: the system they serve and the request limits. Also the helpers every
// route uses to read JSON bodies, authenticate and answer, so each route file stays a thin mapping
// between HTTP/JSON and one registry or engine call. Include only from route .cpp files.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "api/api_types.h"
#include "core/status.h"
#include "registry/system.h"
#include "security/principal.h"

namespace abis::api {

struct ApiContext {
  registry::System& system;
  std::string version;
  std::size_t max_json_bytes = 1 << 20;
  std::size_t max_body_bytes = 64 << 20;  // any body, e.g. an ANSI/NIST transaction with images
};

ApiResponse json_response(int status, const nlohmann::json& body);
// {"error":{"code":..,"message":..}} with the status of core/status.h.
ApiResponse error_response(const Status& status);

// The principal of the request's session, or Unauthenticated (audited by the security layer).
Result<security::Principal> authenticate(ApiContext& ctx, const ApiRequest& request);

// Parses the request body as one JSON object within the size limit. A refused body is written
// to the audit trail under `action` (who sent what they could not send).
Result<nlohmann::json> read_json_body(ApiContext& ctx, const ApiRequest& request,
                                      const security::Principal& who, const std::string& action);

// Audits a request refused before it reached the registry (bad input the API itself detected).
Status audit_refusal(ApiContext& ctx, const security::Principal& who, const std::string& action,
                     const std::string& object_id, const Status& why);

}  // namespace abis::api

namespace abis::api {

using AuthedHandler = std::function<ApiResponse(const ApiRequest&, const security::Principal&)>;

// Wraps a handler so that it runs only for a live session; otherwise 401.
inline Handler with_session(ApiContext& ctx, AuthedHandler handler) {
  return [&ctx, handler = std::move(handler)](const ApiRequest& request) {
    auto who = authenticate(ctx, request);
    if (!who.is_ok()) return error_response(who.status());
    return handler(request, *who);
  };
}

}  // namespace abis::api
