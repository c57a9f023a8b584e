#include "api/api_context.h"

#include "core/json_reader.h"

namespace abis::api {

ApiResponse json_response(int status, const nlohmann::json& body) {
  ApiResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

ApiResponse error_response(const Status& status) {
  return json_response(http_status_for(status.code()),
                       {{"error", {{"code", status_code_name(status.code())}, {"message", status.message()}}}});
}

Result<security::Principal> authenticate(ApiContext& ctx, const ApiRequest& request) {
  return ctx.system.access().authenticate(request.bearer_token, request.client_address);
}

Status audit_refusal(ApiContext& ctx, const security::Principal& who, const std::string& action,
                     const std::string& object_id, const Status& why) {
  return ctx.system.audit().record(ctx.system.db(), who,
                                   {action, "request", object_id, security::AuditOutcome::kDenied, why.message()});
}

Result<nlohmann::json> read_json_body(ApiContext& ctx, const ApiRequest& request, const security::Principal& who,
                                      const std::string& action) {
  auto refuse = [&](Status s) -> Status {
    Status logged = audit_refusal(ctx, who, action, "", s);
    return logged.is_ok() ? s : logged;
  };
  if (request.body.size() > ctx.max_json_bytes) {
    return refuse(too_large("request body of " + std::to_string(request.body.size()) +
                            " bytes is over the JSON limit of " + std::to_string(ctx.max_json_bytes)));
  }
  if (!request.content_type.empty() && request.content_type.find("application/json") == std::string::npos) {
    return refuse(invalid_argument("send the body as application/json, not " + request.content_type));
  }
  auto j = core::parse_json(request.body, ctx.max_json_bytes);
  if (!j.is_ok()) return refuse(j.status());
  if (!j->is_object()) return refuse(invalid_argument("the body must be a JSON object"));
  return j;
}

}  // namespace abis::api
