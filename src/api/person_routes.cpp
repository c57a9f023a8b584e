// The person registry.
#include "api/routes.h"
#include "core/json_reader.h"
#include "registry/person_json.h"

namespace abis::api {

void add_person_routes(Router& router, ApiContext& ctx) {
  router.add("POST", "/api/v1/persons", {"Register a person (version 1)", "persons", "person.write", "PersonData",
                                         "Person", 201},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto body = read_json_body(ctx, req, who, "person.create");
               if (!body.is_ok()) return error_response(body.status());
               auto data = registry::person_data_from_json(*body, {"change_reason"});
               std::string reason;
               if (data.is_ok()) {
                 core::JsonObjectReader r(*body, "");
                 reason = r.optional_string("change_reason", 500).value_or("registration");
                 if (!r.status().is_ok()) data = r.status();
               }
               if (!data.is_ok()) {
                 (void)audit_refusal(ctx, who, "person.create", "", data.status());
                 return error_response(data.status());
               }
               auto rec = ctx.system.persons().create(who, *data, reason);
               if (!rec.is_ok()) return error_response(rec.status());
               return json_response(201, registry::person_record_to_json(*rec));
             }));
  router.add("GET", "/api/v1/persons", {"Search persons by IIN, name prefix and/or birth date", "persons",
                                        "person.read", "", "PersonList", 200, {"iin", "name", "birth_date", "limit"}},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               registry::PersonQuery q;
               if (req.has_query("iin")) q.iin = req.query_value("iin");
               if (req.has_query("name")) q.name = req.query_value("name");
               if (req.has_query("birth_date")) {
                 auto d = core::Date::parse(req.query_value("birth_date"));
                 if (!d.is_ok()) return error_response(d.status().with_context("birth_date"));
                 q.birth_date = *d;
               }
               if (req.has_query("limit")) {
                 try {
                   q.limit = std::stoi(req.query_value("limit"));
                 } catch (...) {
                   return error_response(invalid_argument("limit must be a whole number"));
                 }
               }
               auto found = ctx.system.persons().find(who, q);
               if (!found.is_ok()) return error_response(found.status());
               nlohmann::json list = nlohmann::json::array();
               for (const auto& rec : *found) list.push_back(registry::person_record_to_json(rec));
               return json_response(200, {{"persons", list}});
             }));
  router.add("GET", "/api/v1/persons/{id}", {"A person's current version", "persons", "person.read", "", "Person"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto rec = ctx.system.persons().get(who, req.path_params.at("id"));
               if (!rec.is_ok()) return error_response(rec.status());
               return json_response(200, registry::person_record_to_json(*rec));
             }));
  router.add("PUT", "/api/v1/persons/{id}", {"Change a person: makes a new version, the old one is archived",
                                             "persons", "person.write", "PersonData", "Person"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               const std::string& id = req.path_params.at("id");
               auto body = read_json_body(ctx, req, who, "person.update");
               if (!body.is_ok()) return error_response(body.status());
               auto data = registry::person_data_from_json(*body, {"change_reason", "expected_version"});
               std::string reason;
               int expected = 0;
               if (data.is_ok()) {
                 core::JsonObjectReader r(*body, "");
                 reason = r.optional_string("change_reason", 500).value_or("");
                 expected = static_cast<int>(r.optional_int("expected_version", 1, 1'000'000).value_or(0));
                 if (!r.status().is_ok()) data = r.status();
               }
               if (!data.is_ok()) {
                 (void)audit_refusal(ctx, who, "person.update", id, data.status());
                 return error_response(data.status());
               }
               auto rec = ctx.system.persons().update(who, id, *data, expected, reason);
               if (!rec.is_ok()) return error_response(rec.status());
               return json_response(200, registry::person_record_to_json(*rec));
             }));
  router.add("GET", "/api/v1/persons/{id}/history", {"Every version of a person, oldest first", "persons",
                                                     "person.read", "", "PersonHistory"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto versions = ctx.system.persons().history(who, req.path_params.at("id"));
               if (!versions.is_ok()) return error_response(versions.status());
               nlohmann::json list = nlohmann::json::array();
               for (const auto& v : *versions) list.push_back(registry::person_version_to_json(v));
               return json_response(200, {{"versions", list}});
             }));
}

}  // namespace abis::api
