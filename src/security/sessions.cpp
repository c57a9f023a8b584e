// AccessControl: login, session checks, logout.
#include "security/access_control.h"
#include "security/password.h"

namespace abis::security {
namespace {

constexpr std::int64_t kMicros = 1'000'000;
// The idle timer is written back at most this often, so that each request is not a write.
constexpr std::int64_t kLastSeenGranularity = 60 * kMicros;

// A fixed argon2id hash verified when the user does not exist, so that an unknown username takes
// as long to refuse as a wrong password (no user enumeration by timing).
const std::string& dummy_hash() {
  static const std::string hash = hash_password("not a real password").value_or("");
  return hash;
}

}  // namespace

Status AccessControl::refuse_login(const std::string& username, const std::string& workstation,
                                   const std::string& client_address, const std::string& why) {
  Principal who;
  who.username = username;
  who.workstation_name = workstation;
  who.client_address = client_address;
  return audit_.record(db_, who, {"auth.login", "session", "", AuditOutcome::kDenied, why});
}

Result<LoginResult> AccessControl::login(const std::string& username, const std::string& password,
                                         const std::string& workstation_name,
                                         const std::string& workstation_key,
                                         const std::string& client_address) {
  const std::int64_t now = clock_.now_micros();
  auto refuse = [&](Status status, const std::string& why) -> Status {
    Status logged = refuse_login(username, workstation_name, client_address, why);
    return logged.is_ok() ? status : logged;
  };
  if (username.empty() || password.empty()) {
    return refuse(invalid_argument("username and password are required"), "missing credentials");
  }
  if (workstation_name.empty() || workstation_key.empty()) {
    return refuse(permission_denied("a login must name its registered workstation and give the "
                                    "workstation key"),
                  "no workstation named");
  }
  std::string user_id, hash, roles_text;
  bool disabled = false;
  std::int64_t locked_until = 0, failed = 0;
  {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT id, password_hash, roles, disabled, locked_until, "
                                               "failed_logins FROM users WHERE username = ?",
                                               {username}));
    if (rows.empty()) {
      (void)verify_password(password, dummy_hash());
      return refuse(unauthenticated("wrong username or password"), "unknown username");
    }
    user_id = rows[0].get_text(0);
    hash = rows[0].get_text(1);
    roles_text = rows[0].get_text(2);
    disabled = rows[0].get_int(3) != 0;
    locked_until = rows[0].get_int(4);
    failed = rows[0].get_int(5);
  }
  if (disabled) return refuse(unauthenticated("this account is disabled"), "account disabled");
  if (locked_until > now) {
    return refuse(unauthenticated("this account is locked after repeated failed logins; try again in " +
                                  std::to_string((locked_until - now) / kMicros / 60 + 1) + " minutes"),
                  "account locked");
  }
  if (!verify_password(password, hash)) {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
    std::int64_t new_failed = failed + 1;
    std::int64_t new_locked = 0;
    std::string why = "wrong password (" + std::to_string(new_failed) + " in a row)";
    if (new_failed >= settings_.max_failed_logins) {
      new_locked = now + settings_.lockout_seconds * kMicros;
      new_failed = 0;
      why += "; account locked for " + std::to_string(settings_.lockout_seconds / 60) + " minutes";
    }
    ABIS_RETURN_IF_ERROR(tx->execute("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
                                     {new_failed, new_locked, user_id})
                             .status());
    Principal who;
    who.user_id = user_id;
    who.username = username;
    who.workstation_name = workstation_name;
    who.client_address = client_address;
    ABIS_ASSIGN_OR_RETURN(auto receipt,
                          audit_.append(*tx, who, {"auth.login", "session", "", AuditOutcome::kDenied, why}));
    ABIS_RETURN_IF_ERROR(tx->commit());
    audit_.note_committed(receipt);
    return unauthenticated("wrong username or password");
  }

  // The workstation: registered, enabled, its key right, and allowed to this user.
  std::string workstation_id;
  {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(auto ws, tx->query("SELECT id, key_digest, disabled FROM workstations WHERE name = ?",
                                             {workstation_name}));
    if (ws.empty() || ws[0].get_text(1) != secret_digest(workstation_key)) {
      return refuse(permission_denied("workstation '" + workstation_name +
                                      "' is not registered (or its key is wrong); ask an administrator"),
                    "unregistered workstation or wrong workstation key");
    }
    if (ws[0].get_int(2) != 0) {
      return refuse(permission_denied("workstation '" + workstation_name + "' is disabled"),
                    "workstation disabled");
    }
    workstation_id = ws[0].get_text(0);
    ABIS_ASSIGN_OR_RETURN(auto allowed, tx->query("SELECT 1 FROM user_workstations WHERE user_id = ? AND "
                                                  "workstation_id = ?",
                                                  {user_id, workstation_id}));
    if (allowed.empty()) {
      return refuse(permission_denied("user '" + username + "' may not work from workstation '" +
                                      workstation_name + "'"),
                    "workstation not allowed for this user");
    }
  }

  LoginResult result;
  result.token = new_secret();
  result.expires_at_micros = now + settings_.session_ttl_seconds * kMicros;
  std::string digest = secret_digest(result.token);
  result.principal.user_id = user_id;
  result.principal.username = username;
  result.principal.roles = roles_from_string(roles_text).value_or(std::set<Role>{});
  result.principal.workstation_id = workstation_id;
  result.principal.workstation_name = workstation_name;
  result.principal.session_id = digest.substr(0, 16);
  result.principal.client_address = client_address;
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_RETURN_IF_ERROR(tx->execute("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?", {user_id})
                           .status());
  ABIS_RETURN_IF_ERROR(tx->execute("INSERT INTO sessions (token_digest, user_id, workstation_id, client_address, "
                                   "created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   {digest, user_id, workstation_id, client_address, now, now,
                                    result.expires_at_micros})
                           .status());
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, result.principal,
                                                    {"auth.login", "session", result.principal.session_id,
                                                     AuditOutcome::kOk, {}}));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return result;
}

Result<Principal> AccessControl::authenticate(const std::string& token, const std::string& client_address) {
  const std::int64_t now = clock_.now_micros();
  auto refuse = [&](const std::string& why) -> Status {
    Principal who;
    who.username = "(unauthenticated)";
    who.client_address = client_address;
    Status logged = audit_.record(db_, who, {"auth.session", "session", "", AuditOutcome::kDenied, why});
    if (!logged.is_ok()) return logged;
    return unauthenticated(why + "; log in again");
  };
  if (token.empty()) return refuse("no session token");
  if (token.size() > 256) return refuse("malformed session token");
  std::string digest = secret_digest(token);
  Principal p;
  std::int64_t last_seen = 0;
  {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(
        auto rows,
        tx->query("SELECT s.user_id, u.username, u.roles, u.disabled, s.workstation_id, w.name, w.disabled, "
                  "s.last_seen, s.expires_at, s.ended FROM sessions s JOIN users u ON u.id = s.user_id "
                  "JOIN workstations w ON w.id = s.workstation_id WHERE s.token_digest = ?",
                  {digest}));
    if (rows.empty()) return refuse("unknown session token");
    const auto& r = rows[0];
    if (r.get_int(9) != 0) return refuse("session has ended");
    if (r.get_int(8) <= now) return refuse("session has expired");
    last_seen = r.get_int(7);
    if (last_seen + settings_.idle_timeout_seconds * kMicros <= now) return refuse("session timed out while idle");
    if (r.get_int(3) != 0) return refuse("account is disabled");
    if (r.get_int(6) != 0) return refuse("workstation is disabled");
    p.user_id = r.get_text(0);
    p.username = r.get_text(1);
    p.roles = roles_from_string(r.get_text(2)).value_or(std::set<Role>{});
    p.workstation_id = r.get_text(4);
    p.workstation_name = r.get_text(5);
  }
  p.session_id = digest.substr(0, 16);
  p.client_address = client_address;
  if (now - last_seen >= kLastSeenGranularity) {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
    ABIS_RETURN_IF_ERROR(
        tx->execute("UPDATE sessions SET last_seen = ? WHERE token_digest = ?", {now, digest}).status());
    ABIS_RETURN_IF_ERROR(tx->commit());
  }
  return p;
}

Status AccessControl::logout(const Principal& who, const std::string& token) {
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_RETURN_IF_ERROR(
      tx->execute("UPDATE sessions SET ended = 1 WHERE token_digest = ?", {secret_digest(token)}).status());
  ABIS_ASSIGN_OR_RETURN(auto receipt,
                        audit_.append(*tx, who, {"auth.logout", "session", who.session_id, AuditOutcome::kOk, {}}));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return Status::ok();
}

}  // namespace abis::security
