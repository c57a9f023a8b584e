#include "security/principal.h"

#include <pwd.h>
#include <unistd.h>

namespace abis::security {

Principal Principal::console() {
  Principal p;
  std::string os_user = "unknown";
  if (const passwd* pw = getpwuid(geteuid())) os_user = pw->pw_name;
  p.username = "console:" + os_user;
  p.roles = {Role::kConsole};
  p.workstation_name = "console";
  return p;
}

Status authorize(const Principal& who, Permission permission) {
  if (any_role_allows(who.roles, permission)) return Status::ok();
  return permission_denied("user '" + who.username + "' (" + roles_to_string(who.roles) +
                           ") lacks the permission " + std::string(permission_name(permission)));
}

}  // namespace abis::security
