// AccessControl: user accounts, workstations and sessions (Rules clause 144).
//
//  - Users hold one or more roles (roles.h); passwords are argon2id hashes; repeated failed logins
//    lock the account for a while; an administrator can disable an account.
//  - Workstations are registered by an administrator, who receives the workstation's key once; a
//    user may work only from the workstations allowed to them.
//  - A login names the workstation and proves it with its key; the session token it returns is
//    random, stored only as a digest, bound to that workstation, and ends at logout, after
//    session_ttl, or after idle_timeout without use.
// Every login, logout, administrative change and refusal is written to the audit trail.
//
// Thread-safe: the object holds no mutable state of its own beyond the store.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "security/audit_log.h"
#include "security/principal.h"
#include "store/database.h"
#include "store/migrations.h"

namespace abis::security {

struct SecuritySettings {
  std::int64_t session_ttl_seconds = 8 * 3600;
  std::int64_t idle_timeout_seconds = 30 * 60;
  int max_failed_logins = 5;
  std::int64_t lockout_seconds = 15 * 60;
  int min_password_length = 12;
};

struct User {
  std::string id;
  std::string username;
  std::string display_name;
  std::set<Role> roles;
  bool disabled = false;
  bool locked = false;
  std::string created_at;
  std::vector<std::string> workstations;  // names
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::set<Role> roles;
  std::string password;
  std::vector<std::string> workstations;  // names of registered workstations
};

struct Workstation {
  std::string id;
  std::string name;
  std::string description;
  std::string location;
  bool disabled = false;
  std::string created_at;
};

struct RegisteredWorkstation {
  Workstation workstation;
  std::string key;  // shown once; the store keeps only its digest
};

struct LoginResult {
  std::string token;  // shown once; the store keeps only its digest
  Principal principal;
  std::int64_t expires_at_micros = 0;
};

// The security module's tables.
store::MigrationSet security_migrations();

class AccessControl {
 public:
  // db, audit and clock must outlive the object.
  AccessControl(store::Database& db, AuditLog& audit, const core::Clock& clock,
                SecuritySettings settings);

  // Users (permission user.admin).
  Result<User> create_user(const Principal& actor, const NewUser& user);
  Result<std::vector<User>> list_users(const Principal& actor);
  Status disable_user(const Principal& actor, const std::string& username);
  Status set_password(const Principal& actor, const std::string& username, const std::string& password);
  // True when no user exists yet (first start).
  Result<bool> has_no_users();

  // Workstations (permission workstation.admin).
  // The key is generated unless `chosen_key` is given (first-start bootstrap from the environment);
  // a chosen key must be at least 20 characters.
  Result<RegisteredWorkstation> register_workstation(const Principal& actor, const std::string& name,
                                                     const std::string& description,
                                                     const std::string& location,
                                                     const std::string& chosen_key = {});
  Result<std::vector<Workstation>> list_workstations(const Principal& actor);
  Status allow_workstation(const Principal& actor, const std::string& username,
                           const std::string& workstation_name);

  // Sessions.
  Result<LoginResult> login(const std::string& username, const std::string& password,
                            const std::string& workstation_name, const std::string& workstation_key,
                            const std::string& client_address);
  // The principal of a live session, or Unauthenticated. Refreshes the idle timer.
  Result<Principal> authenticate(const std::string& token, const std::string& client_address);
  Status logout(const Principal& who, const std::string& token);

  // Checks a permission; a refusal is written to the audit trail with `attempted` as the action.
  Status require(const Principal& who, Permission permission, const AuditEvent& attempted);

  const SecuritySettings& settings() const { return settings_; }

 private:
  Status refuse_login(const std::string& username, const std::string& workstation,
                      const std::string& client_address, const std::string& why);

  store::Database& db_;
  AuditLog& audit_;
  const core::Clock& clock_;
  SecuritySettings settings_;
};

}  // namespace abis::security
