// AccessControl: user accounts.
#include <cctype>

#include "core/ids.h"
#include "security/access_control.h"
#include "security/password.h"

namespace abis::security {
namespace {

Status check_name(const std::string& name, const char* what) {
  if (name.size() < 3 || name.size() > 64) {
    return unprocessable(std::string(what) + " must be 3 to 64 characters long");
  }
  for (unsigned char c : name) {
    if (!(std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-')) {
      return unprocessable(std::string(what) + " '" + name +
                           "' may contain only lower-case latin letters, digits, '.', '_' and '-'");
    }
  }
  return Status::ok();
}

}  // namespace

Status check_account_name(const std::string& name, const char* what) { return check_name(name, what); }

AccessControl::AccessControl(store::Database& db, AuditLog& audit, const core::Clock& clock,
                             SecuritySettings settings)
    : db_(db), audit_(audit), clock_(clock), settings_(settings) {}

Status AccessControl::require(const Principal& who, Permission permission, const AuditEvent& attempted) {
  Status s = authorize(who, permission);
  if (!s.is_ok()) {
    AuditEvent refused = attempted;
    refused.outcome = AuditOutcome::kDenied;
    refused.detail = s.message();
    Status logged = audit_.record(db_, who, refused);
    if (!logged.is_ok()) return logged;  // fail closed: an unrecorded refusal is an error
  }
  return s;
}

Result<bool> AccessControl::has_no_users() {
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
  ABIS_ASSIGN_OR_RETURN(auto row, tx->query_one("SELECT COUNT(*) FROM users"));
  return row.get_int(0) == 0;
}

Result<User> AccessControl::create_user(const Principal& actor, const NewUser& in) {
  AuditEvent event{"user.create", "user", in.username, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(require(actor, Permission::kUserAdmin, event));
  ABIS_RETURN_IF_ERROR(check_name(in.username, "username"));
  if (in.roles.empty()) return unprocessable("a user needs at least one role");
  if (in.roles.count(Role::kConsole)) return unprocessable("the console role cannot be given to a user");
  if (in.display_name.empty() || in.display_name.size() > 200) {
    return unprocessable("display name must be 1 to 200 characters");
  }
  ABIS_RETURN_IF_ERROR(check_password_policy(in.password, settings_.min_password_length));
  ABIS_ASSIGN_OR_RETURN(std::string hash, hash_password(in.password));

  User user;
  user.id = core::new_id(clock_);
  user.username = in.username;
  user.display_name = in.display_name;
  user.roles = in.roles;
  user.created_at = core::format_utc(clock_.now_micros());
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(auto existing, tx->query("SELECT 1 FROM users WHERE username = ?", {in.username}));
  if (!existing.empty()) return already_exists("a user named '" + in.username + "' already exists");
  ABIS_RETURN_IF_ERROR(
      tx->execute("INSERT INTO users (id, username, display_name, roles, password_hash, created_at, "
                  "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  {user.id, user.username, user.display_name, roles_to_string(user.roles), hash,
                   user.created_at, actor.username})
          .status());
  for (const auto& ws_name : in.workstations) {
    ABIS_ASSIGN_OR_RETURN(auto ws, tx->query("SELECT id FROM workstations WHERE name = ?", {ws_name}));
    if (ws.empty()) return not_found("no registered workstation named '" + ws_name + "'");
    ABIS_RETURN_IF_ERROR(tx->execute("INSERT INTO user_workstations (user_id, workstation_id) VALUES (?, ?)",
                                     {user.id, ws[0].get_text(0)})
                             .status());
    user.workstations.push_back(ws_name);
  }
  event.object_id = user.id;
  event.detail = "username " + user.username + ", roles " + roles_to_string(user.roles);
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, actor, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return user;
}

Result<std::vector<User>> AccessControl::list_users(const Principal& actor) {
  ABIS_RETURN_IF_ERROR(require(actor, Permission::kUserAdmin, {"user.list", "user", "", AuditOutcome::kOk, {}}));
  std::vector<User> users;
  {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(
        auto rows, tx->query("SELECT id, username, display_name, roles, disabled, locked_until, created_at "
                             "FROM users ORDER BY username"));
    std::int64_t now = clock_.now_micros();
    for (const auto& r : rows) {
      User u;
      u.id = r.get_text(0);
      u.username = r.get_text(1);
      u.display_name = r.get_text(2);
      u.roles = roles_from_string(r.get_text(3)).value_or(std::set<Role>{});
      u.disabled = r.get_int(4) != 0;
      u.locked = r.get_int(5) > now;
      u.created_at = r.get_text(6);
      ABIS_ASSIGN_OR_RETURN(auto ws, tx->query("SELECT w.name FROM user_workstations uw JOIN workstations w "
                                               "ON w.id = uw.workstation_id WHERE uw.user_id = ? ORDER BY w.name",
                                               {u.id}));
      for (const auto& w : ws) u.workstations.push_back(w.get_text(0));
      users.push_back(std::move(u));
    }
  }
  ABIS_RETURN_IF_ERROR(audit_.record(db_, actor, {"user.list", "user", "", AuditOutcome::kOk,
                                                  std::to_string(users.size()) + " users"}));
  return users;
}

Status AccessControl::disable_user(const Principal& actor, const std::string& username) {
  AuditEvent event{"user.disable", "user", username, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(require(actor, Permission::kUserAdmin, event));
  if (username == actor.username) return failed_precondition("you cannot disable your own account");
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT id FROM users WHERE username = ?", {username}));
  if (rows.empty()) return not_found("no user named '" + username + "'");
  event.object_id = rows[0].get_text(0);
  ABIS_RETURN_IF_ERROR(tx->execute("UPDATE users SET disabled = 1 WHERE id = ?", {event.object_id}).status());
  // End the user's live sessions at once.
  ABIS_RETURN_IF_ERROR(tx->execute("UPDATE sessions SET ended = 1 WHERE user_id = ?", {event.object_id}).status());
  event.detail = "username " + username;
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, actor, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return Status::ok();
}

Status AccessControl::set_password(const Principal& actor, const std::string& username,
                                   const std::string& password) {
  AuditEvent event{"user.set_password", "user", username, AuditOutcome::kOk, {}};
  if (actor.username != username) ABIS_RETURN_IF_ERROR(require(actor, Permission::kUserAdmin, event));
  ABIS_RETURN_IF_ERROR(check_password_policy(password, settings_.min_password_length));
  ABIS_ASSIGN_OR_RETURN(std::string hash, hash_password(password));
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT id FROM users WHERE username = ?", {username}));
  if (rows.empty()) return not_found("no user named '" + username + "'");
  event.object_id = rows[0].get_text(0);
  ABIS_RETURN_IF_ERROR(tx->execute("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0 "
                                   "WHERE id = ?",
                                   {hash, event.object_id})
                           .status());
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, actor, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return Status::ok();
}

}  // namespace abis::security
