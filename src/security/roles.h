// Roles and permissions: who may do what, per subsystem (Rules clause 144: only staff with a
// direct work need use the system). The role -> permission table in roles.cpp is the one place
// that decides; everything is denied unless a role grants it.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace abis::security {

enum class Role {
  kAdministrator,         // users, workstations, configuration; no personal data
  kMigrationOfficer,      // enrols and verifies foreigners (Rules clause 5)
  kFingerprintExaminer,   // criminalistic unit: ten-prints, latents, identification
  kDnaOfficer,            // criminalistic unit: biological material, profiles, DNA searches
  kPenitentiaryOfficer,   // convicted persons' records (Rules clause 74)
  kAuditor,               // reads the audit trail, nothing else
  kConsole,               // the local `abis` command on the data folder; never given to a user
};

enum class Permission {
  kPersonRead,
  kPersonWrite,
  kDactylEnrol,      // add or replace fingerprints of a person
  kDactylVerify,     // 1:1 verification
  kDactylSearch,     // 1:N identification
  kDactylExamine,    // latent marks, candidate review
  kGenomeSpecimen,   // biological material and chain of custody
  kGenomeProfile,    // DNA profiles
  kGenomeSearch,     // DNA database searches and kinship
  kPenitentiaryRecord,
  kUserAdmin,
  kWorkstationAdmin,
  kSystemAdmin,      // retention jobs, configuration
  kAuditRead,
};

std::string_view role_name(Role role);             // "fingerprint_examiner"
std::optional<Role> role_from_name(std::string_view name);
std::string_view permission_name(Permission permission);
// Roles a user account may hold (all but kConsole).
const std::vector<Role>& assignable_roles();

bool role_allows(Role role, Permission permission);
bool any_role_allows(const std::set<Role>& roles, Permission permission);

// "migration_officer,auditor" <-> set; parse refuses unknown names and kConsole.
std::string roles_to_string(const std::set<Role>& roles);
std::optional<std::set<Role>> roles_from_string(std::string_view text);

}  // namespace abis::security
