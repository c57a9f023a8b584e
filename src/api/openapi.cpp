// The OpenAPI 3.0 document, generated from the router's table plus the schemas below.
#include <nlohmann/json.hpp>

#include "api/router.h"
#include "api/routes.h"

namespace abis::api {
namespace {

using nlohmann::json;

json string_schema(const char* description = nullptr) {
  json j = {{"type", "string"}};
  if (description) j["description"] = description;
  return j;
}

json name_schema() {
  return {{"type", "object"},
          {"additionalProperties", false},
          {"required", {"surname", "given_name"}},
          {"properties",
           {{"surname", string_schema()}, {"given_name", string_schema()}, {"patronymic", string_schema()}}}};
}

json components() {
  json schemas;
  schemas["Error"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message"}},
          {"properties",
           {{"code", string_schema("invalid_argument, unauthenticated, permission_denied, not_found, "
                                   "already_exists, failed_precondition, too_large, unprocessable, ...")},
            {"message", string_schema("what is wrong, in words a person can act on")}}}}}}}};
  schemas["Health"] = {{"type", "object"},
                       {"properties",
                        {{"status", string_schema()},
                         {"version", string_schema()},
                         {"store", string_schema()},
                         {"time", string_schema()}}}};
  schemas["LoginRequest"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"username", "password", "workstation", "workstation_key"}},
      {"properties",
       {{"username", string_schema()},
        {"password", string_schema()},
        {"workstation", string_schema("name of the registered workstation")},
        {"workstation_key", string_schema("the key given when the workstation was registered")}}}};
  schemas["Session"] = {{"type", "object"},
                        {"properties",
                         {{"token", string_schema("send as 'Authorization: Bearer <token>'")},
                          {"expires_at", string_schema()},
                          {"user", {{"$ref", "#/components/schemas/Me"}}}}}};
  schemas["Me"] = {{"type", "object"},
                   {"properties",
                    {{"username", string_schema()},
                     {"roles", {{"type", "array"}, {"items", string_schema()}}},
                     {"workstation", string_schema()}}}};
  schemas["NewUser"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"username", "display_name", "roles", "password"}},
      {"properties",
       {{"username", string_schema("3-64 characters: a-z, 0-9, '.', '_', '-'")},
        {"display_name", string_schema()},
        {"roles",
         {{"type", "array"},
          {"items",
           {{"type", "string"},
            {"enum",
             {"administrator", "migration_officer", "fingerprint_examiner", "dna_officer",
              "penitentiary_officer", "auditor"}}}}}},
        {"password", string_schema()},
        {"workstations", {{"type", "array"}, {"items", string_schema()}}}}}};
  schemas["User"] = {{"type", "object"},
                     {"properties",
                      {{"id", string_schema()},
                       {"username", string_schema()},
                       {"display_name", string_schema()},
                       {"roles", {{"type", "array"}, {"items", string_schema()}}},
                       {"disabled", {{"type", "boolean"}}},
                       {"locked", {{"type", "boolean"}}},
                       {"workstations", {{"type", "array"}, {"items", string_schema()}}}}}};
  schemas["UserList"] = {{"type", "object"},
                         {"properties", {{"users", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/User"}}}}}}}};
  schemas["NewWorkstation"] = {{"type", "object"},
                               {"additionalProperties", false},
                               {"required", {"name"}},
                               {"properties",
                                {{"name", string_schema()},
                                 {"description", string_schema()},
                                 {"location", string_schema()}}}};
  schemas["RegisteredWorkstation"] = {
      {"type", "object"},
      {"properties",
       {{"id", string_schema()}, {"name", string_schema()}, {"key", string_schema("shown once: give it to the workstation")}}}};
  schemas["WorkstationList"] = {{"type", "object"}, {"properties", {{"workstations", {{"type", "array"}}}}}};
  schemas["WorkstationGrant"] = {{"type", "object"},
                                 {"additionalProperties", false},
                                 {"required", {"username"}},
                                 {"properties", {{"username", string_schema()}}}};
  schemas["PersonData"] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"category"}},
      {"properties",
       {{"iin", string_schema("12 digits, validated (date, century digit, check digit)")},
        {"name_kk", name_schema()},
        {"name_ru", name_schema()},
        {"name_latin", name_schema()},
        {"birth_date", {{"type", "string"}, {"format", "date"}}},
        {"birth_place", string_schema()},
        {"sex", {{"type", "string"}, {"enum", {"male", "female", "unknown"}}}},
        {"citizenship", string_schema("ISO 3166-1 alpha-3")},
        {"nationality", string_schema()},
        {"category", {{"type", "string"}, {"enum", {"citizen", "foreigner", "stateless"}}}},
        {"documents",
         {{"type", "array"},
          {"items",
           {{"type", "object"},
            {"required", {"type", "number"}},
            {"properties",
             {{"type", string_schema()},
              {"number", string_schema()},
              {"issuing_country", string_schema()},
              {"issued_by", string_schema()},
              {"issue_date", {{"type", "string"}, {"format", "date"}}},
              {"expiry_date", {{"type", "string"}, {"format", "date"}}}}}}}}},
        {"change_reason", string_schema("why the record is created or changed (kept in the archive)")},
        {"expected_version", {{"type", "integer"}, {"description", "on update: the version you edited"}}}}}};
  schemas["Person"] = {{"type", "object"},
                       {"properties",
                        {{"id", string_schema()},
                         {"version", {{"type", "integer"}}},
                         {"state", string_schema()},
                         {"created_at", string_schema()},
                         {"updated_at", string_schema()},
                         {"person", {{"$ref", "#/components/schemas/PersonData"}}}}}};
  schemas["PersonList"] = {{"type", "object"},
                           {"properties", {{"persons", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Person"}}}}}}}};
  schemas["PersonHistory"] = {{"type", "object"}, {"properties", {{"versions", {{"type", "array"}}}}}};
  schemas["AuditList"] = {{"type", "object"}, {"properties", {{"entries", {{"type", "array"}}}}}};
  schemas["AuditVerification"] = {{"type", "object"},
                                  {"properties",
                                   {{"ok", {{"type", "boolean"}}},
                                    {"entries_checked", {{"type", "integer"}}},
                                    {"problems", {{"type", "array"}}}}}};
  schemas["WorkingDays"] = {{"type", "object"},
                            {"properties", {{"from", string_schema()}, {"days", {{"type", "integer"}}}, {"date", string_schema()}}}};
  schemas["Empty"] = {{"type", "object"}};
  add_dna_schemas(schemas);
  add_dna_exchange_schemas(schemas);
  add_dactyl_schemas(schemas);
  return {{"schemas", schemas},
          {"securitySchemes", {{"session", {{"type", "http"}, {"scheme", "bearer"}}}}}};
}

}  // namespace

json openapi_document(const Router& router, const std::string& version) {
  json paths = json::object();
  for (const auto& r : router.routes()) {
    json op = {{"summary", r.doc.summary}, {"tags", {r.doc.tag}}, {"operationId", r.method + " " + r.path}};
    json params = json::array();
    for (const auto& p : r.param_names) {
      params.push_back({{"name", p}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const auto& q : r.doc.query_params) {
      params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!r.doc.request_schema.empty()) {
      op["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + r.doc.request_schema}}}}}}}};
    }
    json responses;
    json ok = {{"description", "success"}};
    if (!r.doc.response_schema.empty()) {
      ok["content"] = {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + r.doc.response_schema}}}}}};
    }
    responses[std::to_string(r.doc.success_status)] = ok;
    json error = {{"description", "error"},
                  {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    responses["default"] = error;
    op["responses"] = responses;
    if (!r.doc.permission.empty()) {
      op["security"] = json::array({{{"session", json::array()}}});
      op["x-abis-permission"] = r.doc.permission;
    }
    std::string method = r.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[r.path][method] = op;
  }
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "abis API"},
            {"version", version},
            {"description",
             "Automated biometric identification system: the person registry, the dactyloscopic and "
             "genomic subsystems. Every request but health, openapi and login needs a session "
             "(Authorization: Bearer <token>) obtained from a registered workstation."}}},
          {"servers", {{{"url", "/"}}}},
          {"paths", paths},
          {"components", components()}};
}

}  // namespace abis::api
