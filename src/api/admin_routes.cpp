// Users and workstations (administrators).
#include "api/routes.h"
#include "core/json_reader.h"

namespace abis::api {
namespace {

nlohmann::json user_json(const security::User& u) {
  nlohmann::json roles = nlohmann::json::array();
  for (auto r : u.roles) roles.push_back(security::role_name(r));
  return {{"id", u.id},           {"username", u.username}, {"display_name", u.display_name},
          {"roles", roles},       {"disabled", u.disabled}, {"locked", u.locked},
          {"created_at", u.created_at}, {"workstations", u.workstations}};
}

}  // namespace

void add_admin_routes(Router& router, ApiContext& ctx) {
  router.add("POST", "/api/v1/users", {"Create a user", "admin", "user.admin", "NewUser", "User", 201},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto body = read_json_body(ctx, req, who, "user.create");
               if (!body.is_ok()) return error_response(body.status());
               core::JsonObjectReader r(*body, "");
               security::NewUser nu;
               nu.username = r.required_string("username", 64);
               nu.display_name = r.required_string("display_name", 200);
               nu.password = r.required_string("password", 1024);
               if (const auto* roles = r.optional_array("roles", 10)) {
                 for (const auto& item : *roles) {
                   auto role = item.is_string() ? security::role_from_name(item.get<std::string>()) : std::nullopt;
                   if (!role || *role == security::Role::kConsole) {
                     r.fail(unprocessable("roles: '" + (item.is_string() ? item.get<std::string>() : item.dump()) +
                                          "' is not a role"));
                   } else {
                     nu.roles.insert(*role);
                   }
                 }
               } else {
                 r.fail(invalid_argument("roles is required"));
               }
               if (const auto* ws = r.optional_array("workstations", 100)) {
                 for (const auto& item : *ws) {
                   if (!item.is_string()) r.fail(invalid_argument("workstations must be names (strings)"));
                   else nu.workstations.push_back(item.get<std::string>());
                 }
               }
               Status s = r.finish();
               if (!s.is_ok()) {
                 (void)audit_refusal(ctx, who, "user.create", "", s);
                 return error_response(s);
               }
               auto user = ctx.system.access().create_user(who, nu);
               if (!user.is_ok()) return error_response(user.status());
               return json_response(201, user_json(*user));
             }));
  router.add("GET", "/api/v1/users", {"List users", "admin", "user.admin", "", "UserList"},
             with_session(ctx, [&ctx](const ApiRequest&, const security::Principal& who) {
               auto users = ctx.system.access().list_users(who);
               if (!users.is_ok()) return error_response(users.status());
               nlohmann::json list = nlohmann::json::array();
               for (const auto& u : *users) list.push_back(user_json(u));
               return json_response(200, {{"users", list}});
             }));
  router.add("POST", "/api/v1/users/{username}/disable", {"Disable a user and end their sessions", "admin",
                                                          "user.admin", "", "Empty"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               Status s = ctx.system.access().disable_user(who, req.path_params.at("username"));
               if (!s.is_ok()) return error_response(s);
               return json_response(200, nlohmann::json::object());
             }));
  router.add("POST", "/api/v1/workstations",
             {"Register a workstation; the key is shown once", "admin", "workstation.admin", "NewWorkstation",
              "RegisteredWorkstation", 201},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto body = read_json_body(ctx, req, who, "workstation.register");
               if (!body.is_ok()) return error_response(body.status());
               core::JsonObjectReader r(*body, "");
               std::string name = r.required_string("name", 64);
               std::string description = r.optional_string("description", 500).value_or("");
               std::string location = r.optional_string("location", 500).value_or("");
               Status s = r.finish();
               if (!s.is_ok()) {
                 (void)audit_refusal(ctx, who, "workstation.register", "", s);
                 return error_response(s);
               }
               auto ws = ctx.system.access().register_workstation(who, name, description, location);
               if (!ws.is_ok()) return error_response(ws.status());
               return json_response(201, {{"id", ws->workstation.id}, {"name", ws->workstation.name}, {"key", ws->key}});
             }));
  router.add("GET", "/api/v1/workstations", {"List workstations", "admin", "workstation.admin", "", "WorkstationList"},
             with_session(ctx, [&ctx](const ApiRequest&, const security::Principal& who) {
               auto list = ctx.system.access().list_workstations(who);
               if (!list.is_ok()) return error_response(list.status());
               nlohmann::json out = nlohmann::json::array();
               for (const auto& w : *list) {
                 out.push_back({{"id", w.id}, {"name", w.name}, {"description", w.description},
                                {"location", w.location}, {"disabled", w.disabled}, {"created_at", w.created_at}});
               }
               return json_response(200, {{"workstations", out}});
             }));
  router.add("POST", "/api/v1/workstations/{name}/users",
             {"Allow a user to work from this workstation", "admin", "workstation.admin", "WorkstationGrant", "Empty"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto body = read_json_body(ctx, req, who, "workstation.allow");
               if (!body.is_ok()) return error_response(body.status());
               core::JsonObjectReader r(*body, "");
               std::string username = r.required_string("username", 64);
               Status s = r.finish();
               if (!s.is_ok()) {
                 (void)audit_refusal(ctx, who, "workstation.allow", "", s);
                 return error_response(s);
               }
               s = ctx.system.access().allow_workstation(who, username, req.path_params.at("name"));
               if (!s.is_ok()) return error_response(s);
               return json_response(200, nlohmann::json::object());
             }));
}

}  // namespace abis::api
