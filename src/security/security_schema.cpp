// The security module's tables, as versioned migrations (store/migrations.h).
#include "security/access_control.h"

namespace abis::security {

store::MigrationSet security_migrations() {
  static const std::string audit_schema = kAuditLogSchema;
  return {"security",
          {
              {1, "users, workstations, sessions", R"sql(
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE workstations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  location TEXT NOT NULL,
  key_digest TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE user_workstations (
  user_id TEXT NOT NULL REFERENCES users (id),
  workstation_id TEXT NOT NULL REFERENCES workstations (id),
  PRIMARY KEY (user_id, workstation_id)
);
CREATE TABLE sessions (
  token_digest TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  workstation_id TEXT NOT NULL REFERENCES workstations (id),
  client_address TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions (user_id);
)sql"},
              {2, "audit trail", audit_schema},
          }};
}

}  // namespace abis::security
