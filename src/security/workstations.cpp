// AccessControl: workstations and which users may work from them.
#include "core/ids.h"
#include "security/access_control.h"
#include "security/password.h"

namespace abis::security {

Status check_account_name(const std::string& name, const char* what);

Result<RegisteredWorkstation> AccessControl::register_workstation(const Principal& actor,
                                                                  const std::string& name,
                                                                  const std::string& description,
                                                                  const std::string& location,
                                                                  const std::string& chosen_key) {
  AuditEvent event{"workstation.register", "workstation", name, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(require(actor, Permission::kWorkstationAdmin, event));
  ABIS_RETURN_IF_ERROR(check_account_name(name, "workstation name"));
  if (description.size() > 500 || location.size() > 500) {
    return unprocessable("workstation description and location are limited to 500 characters");
  }
  RegisteredWorkstation out;
  out.workstation.id = core::new_id(clock_);
  out.workstation.name = name;
  out.workstation.description = description;
  out.workstation.location = location;
  out.workstation.created_at = core::format_utc(clock_.now_micros());
  if (!chosen_key.empty() && chosen_key.size() < 20) {
    return unprocessable("a workstation key must be at least 20 characters");
  }
  out.key = chosen_key.empty() ? new_secret() : chosen_key;
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(auto existing, tx->query("SELECT 1 FROM workstations WHERE name = ?", {name}));
  if (!existing.empty()) return already_exists("a workstation named '" + name + "' is already registered");
  ABIS_RETURN_IF_ERROR(tx->execute("INSERT INTO workstations (id, name, description, location, key_digest, "
                                   "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   {out.workstation.id, name, description, location, secret_digest(out.key),
                                    out.workstation.created_at, actor.username})
                           .status());
  event.object_id = out.workstation.id;
  event.detail = "name " + name;
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, actor, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return out;
}

Result<std::vector<Workstation>> AccessControl::list_workstations(const Principal& actor) {
  ABIS_RETURN_IF_ERROR(
      require(actor, Permission::kWorkstationAdmin, {"workstation.list", "workstation", "", AuditOutcome::kOk, {}}));
  std::vector<Workstation> out;
  {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT id, name, description, location, disabled, created_at "
                                               "FROM workstations ORDER BY name"));
    for (const auto& r : rows) {
      out.push_back({r.get_text(0), r.get_text(1), r.get_text(2), r.get_text(3), r.get_int(4) != 0,
                     r.get_text(5)});
    }
  }
  ABIS_RETURN_IF_ERROR(audit_.record(db_, actor, {"workstation.list", "workstation", "", AuditOutcome::kOk,
                                                  std::to_string(out.size()) + " workstations"}));
  return out;
}

Status AccessControl::allow_workstation(const Principal& actor, const std::string& username,
                                        const std::string& workstation_name) {
  AuditEvent event{"workstation.allow", "user", username, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(require(actor, Permission::kWorkstationAdmin, event));
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(auto users, tx->query("SELECT id FROM users WHERE username = ?", {username}));
  if (users.empty()) return not_found("no user named '" + username + "'");
  ABIS_ASSIGN_OR_RETURN(auto ws, tx->query("SELECT id FROM workstations WHERE name = ?", {workstation_name}));
  if (ws.empty()) return not_found("no registered workstation named '" + workstation_name + "'");
  ABIS_RETURN_IF_ERROR(tx->execute("INSERT INTO user_workstations (user_id, workstation_id) "
                                   "VALUES (?, ?) ON CONFLICT DO NOTHING",
                                   {users[0].get_text(0), ws[0].get_text(0)})
                           .status());
  event.object_id = users[0].get_text(0);
  event.detail = "workstation " + workstation_name;
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, actor, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return Status::ok();
}

}  // namespace abis::security
