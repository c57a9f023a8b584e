// Principal: who is acting, from where. Built by the session layer for an API request, or by the
// CLI for the local console; passed to every registry operation, which checks permissions against
// it (authorizer.h) and writes it into the audit trail. A plain value.
#pragma once

#include <set>
#include <string>

#include "core/status.h"
#include "security/roles.h"

namespace abis::security {

struct Principal {
  std::string user_id;        // empty for the console
  std::string username;       // "console:<os user>" for the console
  std::set<Role> roles;
  std::string workstation_id;
  std::string workstation_name;
  std::string session_id;     // first characters of the session's hash, for audit correlation
  std::string client_address; // IP of the HTTP client, empty for the console

  // The local operator running `abis ... --data DIR` (file-system access to the data folder is
  // already full access; the console is recorded in the audit trail under this name).
  static Principal console();
};

// The single permission check of the system. Denied unless one of the principal's roles grants
// the permission; the message names the permission so the refusal can be understood.
Status authorize(const Principal& who, Permission permission);

}  // namespace abis::security
