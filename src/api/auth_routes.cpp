// Login, logout and the current session.
#include "api/routes.h"
#include "core/json_reader.h"

namespace abis::api {
namespace {

nlohmann::json me_json(const security::Principal& p) {
  nlohmann::json roles = nlohmann::json::array();
  for (auto r : p.roles) roles.push_back(security::role_name(r));
  return {{"username", p.username}, {"roles", roles}, {"workstation", p.workstation_name}};
}

}  // namespace

void add_auth_routes(Router& router, ApiContext& ctx) {
  router.add("POST", "/api/v1/auth/login",
             {"Log in from a registered workstation; returns a session token", "auth", "", "LoginRequest", "Session"},
             [&ctx](const ApiRequest& req) {
               security::Principal anonymous;
               anonymous.username = "(unauthenticated)";
               anonymous.client_address = req.client_address;
               auto body = read_json_body(ctx, req, anonymous, "auth.login");
               if (!body.is_ok()) return error_response(body.status());
               core::JsonObjectReader r(*body, "");
               std::string username = r.required_string("username", 64);
               std::string password = r.required_string("password", 1024);
               std::string workstation = r.required_string("workstation", 64);
               std::string key = r.required_string("workstation_key", 256);
               Status s = r.finish();
               if (!s.is_ok()) {
                 (void)audit_refusal(ctx, anonymous, "auth.login", "", s);
                 return error_response(s);
               }
               auto login = ctx.system.access().login(username, password, workstation, key, req.client_address);
               if (!login.is_ok()) return error_response(login.status());
               return json_response(200, {{"token", login->token},
                                          {"expires_at", core::format_utc(login->expires_at_micros)},
                                          {"user", me_json(login->principal)}});
             });
  router.add("POST", "/api/v1/auth/logout", {"End this session", "auth", "session", "", "Empty"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               Status s = ctx.system.access().logout(who, req.bearer_token);
               if (!s.is_ok()) return error_response(s);
               return json_response(200, nlohmann::json::object());
             }));
  router.add("GET", "/api/v1/auth/me", {"Who this session belongs to", "auth", "session", "", "Me"},
             with_session(ctx, [](const ApiRequest&, const security::Principal& who) {
               return json_response(200, me_json(who));
             }));
}

}  // namespace abis::api
