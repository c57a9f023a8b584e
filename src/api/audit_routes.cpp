// The audit trail (auditors).
#include "api/routes.h"

namespace abis::api {

nlohmann::json audit_entry_json(const security::AuditEntry& e) {
  return {{"seq", e.seq},         {"at", e.at},
          {"user", e.user},       {"roles", e.roles},
          {"workstation", e.workstation}, {"client_address", e.client_address},
          {"session", e.session}, {"action", e.action},
          {"object_type", e.object_type}, {"object_id", e.object_id},
          {"outcome", e.outcome}, {"detail", e.detail},
          {"hash", e.hash}};
}

void add_audit_routes(Router& router, ApiContext& ctx) {
  router.add("GET", "/api/v1/audit", {"Audit entries after a sequence number", "audit", "audit.read", "",
                                      "AuditList", 200, {"after", "limit", "user", "object_id"}},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               Status s = ctx.system.access().require(who, security::Permission::kAuditRead,
                                                      {"audit.list", "audit", "", security::AuditOutcome::kOk, {}});
               if (!s.is_ok()) return error_response(s);
               std::int64_t after = 0;
               int limit = 100;
               try {
                 if (req.has_query("after")) after = std::stoll(req.query_value("after"));
                 if (req.has_query("limit")) limit = std::stoi(req.query_value("limit"));
               } catch (...) {
                 return error_response(invalid_argument("after and limit must be whole numbers"));
               }
               if (limit < 1 || limit > 1000) return error_response(invalid_argument("limit must be 1 to 1000"));
               auto entries = ctx.system.audit().list(ctx.system.db(), after, limit, req.query_value("user"),
                                                      req.query_value("object_id"));
               if (!entries.is_ok()) return error_response(entries.status());
               nlohmann::json list = nlohmann::json::array();
               for (const auto& e : *entries) list.push_back(audit_entry_json(e));
               s = ctx.system.audit().record(ctx.system.db(), who,
                                             {"audit.list", "audit", "", security::AuditOutcome::kOk,
                                              std::to_string(entries->size()) + " entries after " + std::to_string(after)});
               if (!s.is_ok()) return error_response(s);
               return json_response(200, {{"entries", list}});
             }));
  router.add("GET", "/api/v1/audit/verify", {"Check the audit chain end to end", "audit", "audit.read", "",
                                             "AuditVerification"},
             with_session(ctx, [&ctx](const ApiRequest&, const security::Principal& who) {
               Status s = ctx.system.access().require(who, security::Permission::kAuditRead,
                                                      {"audit.verify", "audit", "", security::AuditOutcome::kOk, {}});
               if (!s.is_ok()) return error_response(s);
               auto report = ctx.system.audit().verify(ctx.system.db());
               if (!report.is_ok()) return error_response(report.status());
               nlohmann::json problems = nlohmann::json::array();
               for (const auto& p : report->problems) problems.push_back({{"seq", p.seq}, {"message", p.message}});
               s = ctx.system.audit().record(ctx.system.db(), who,
                                             {"audit.verify", "audit", "", security::AuditOutcome::kOk,
                                              report->ok() ? "intact" : std::to_string(report->problems.size()) + " problems"});
               if (!s.is_ok()) return error_response(s);
               return json_response(200, {{"ok", report->ok()},
                                          {"entries_checked", report->entries_checked},
                                          {"last_seq", report->last_seq},
                                          {"problems", problems}});
             }));
}

}  // namespace abis::api
