#include "security/roles.h"

#include <map>
#include <sstream>

namespace abis::security {
namespace {

using P = Permission;

// The access-control table. Administrators run the system but see no personal data; each
// operational role reaches only its subsystem; the auditor reads only the trail.
const std::map<Role, std::set<Permission>>& table() {
  static const std::map<Role, std::set<Permission>> t = {
      {Role::kAdministrator, {P::kUserAdmin, P::kWorkstationAdmin, P::kSystemAdmin}},
      {Role::kMigrationOfficer,
       {P::kPersonRead, P::kPersonWrite, P::kDactylEnrol, P::kDactylVerify, P::kDactylSearch}},
      {Role::kFingerprintExaminer,
       {P::kPersonRead, P::kDactylEnrol, P::kDactylVerify, P::kDactylSearch, P::kDactylExamine}},
      {Role::kDnaOfficer,
       {P::kPersonRead, P::kPersonWrite, P::kGenomeSpecimen, P::kGenomeProfile, P::kGenomeSearch}},
      {Role::kPenitentiaryOfficer,
       {P::kPersonRead, P::kPersonWrite, P::kPenitentiaryRecord, P::kDactylEnrol}},
      {Role::kAuditor, {P::kAuditRead}},
      {Role::kConsole,
       {P::kPersonRead, P::kPersonWrite, P::kDactylEnrol, P::kDactylVerify, P::kDactylSearch,
        P::kDactylExamine, P::kGenomeSpecimen, P::kGenomeProfile, P::kGenomeSearch,
        P::kPenitentiaryRecord, P::kUserAdmin, P::kWorkstationAdmin, P::kSystemAdmin,
        P::kAuditRead}},
  };
  return t;
}

const std::map<Role, std::string_view>& names() {
  static const std::map<Role, std::string_view> n = {
      {Role::kAdministrator, "administrator"},
      {Role::kMigrationOfficer, "migration_officer"},
      {Role::kFingerprintExaminer, "fingerprint_examiner"},
      {Role::kDnaOfficer, "dna_officer"},
      {Role::kPenitentiaryOfficer, "penitentiary_officer"},
      {Role::kAuditor, "auditor"},
      {Role::kConsole, "console"},
  };
  return n;
}

}  // namespace

std::string_view role_name(Role role) { return names().at(role); }

std::optional<Role> role_from_name(std::string_view name) {
  for (const auto& [role, n] : names()) {
    if (n == name) return role;
  }
  return std::nullopt;
}

std::string_view permission_name(Permission p) {
  switch (p) {
    case P::kPersonRead: return "person.read";
    case P::kPersonWrite: return "person.write";
    case P::kDactylEnrol: return "dactyl.enrol";
    case P::kDactylVerify: return "dactyl.verify";
    case P::kDactylSearch: return "dactyl.search";
    case P::kDactylExamine: return "dactyl.examine";
    case P::kGenomeSpecimen: return "genome.specimen";
    case P::kGenomeProfile: return "genome.profile";
    case P::kGenomeSearch: return "genome.search";
    case P::kPenitentiaryRecord: return "penitentiary.record";
    case P::kUserAdmin: return "user.admin";
    case P::kWorkstationAdmin: return "workstation.admin";
    case P::kSystemAdmin: return "system.admin";
    case P::kAuditRead: return "audit.read";
  }
  return "unknown";
}

const std::vector<Role>& assignable_roles() {
  static const std::vector<Role> roles = {Role::kAdministrator,       Role::kMigrationOfficer,
                                          Role::kFingerprintExaminer, Role::kDnaOfficer,
                                          Role::kPenitentiaryOfficer, Role::kAuditor};
  return roles;
}

bool role_allows(Role role, Permission permission) {
  auto it = table().find(role);
  return it != table().end() && it->second.count(permission) > 0;
}

bool any_role_allows(const std::set<Role>& roles, Permission permission) {
  for (Role r : roles) {
    if (role_allows(r, permission)) return true;
  }
  return false;
}

std::string roles_to_string(const std::set<Role>& roles) {
  std::string out;
  for (Role r : roles) {
    if (!out.empty()) out += ',';
    out += role_name(r);
  }
  return out;
}

std::optional<std::set<Role>> roles_from_string(std::string_view text) {
  std::set<Role> roles;
  std::stringstream in{std::string(text)};
  std::string item;
  while (std::getline(in, item, ',')) {
    auto b = item.find_first_not_of(' ');
    auto e = item.find_last_not_of(' ');
    if (b == std::string::npos) continue;
    auto role = role_from_name(item.substr(b, e - b + 1));
    if (!role || *role == Role::kConsole) return std::nullopt;
    roles.insert(*role);
  }
  if (roles.empty()) return std::nullopt;
  return roles;
}

}  // namespace abis::security
