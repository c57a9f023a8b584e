#include "security/roles.h"

#include <gtest/gtest.h>

#include "security/principal.h"

namespace abis::security {
namespace {

TEST(Roles, DeniedUnlessGranted) {
  Principal nobody;
  EXPECT_EQ(authorize(nobody, Permission::kPersonRead).code(), StatusCode::kPermissionDenied);
  Principal auditor;
  auditor.roles = {Role::kAuditor};
  EXPECT_TRUE(authorize(auditor, Permission::kAuditRead).is_ok());
  EXPECT_FALSE(authorize(auditor, Permission::kPersonRead).is_ok());
}

TEST(Roles, EachSubsystemOnlyToItsStaff) {
  EXPECT_TRUE(role_allows(Role::kMigrationOfficer, Permission::kDactylEnrol));
  EXPECT_FALSE(role_allows(Role::kMigrationOfficer, Permission::kGenomeProfile));
  EXPECT_TRUE(role_allows(Role::kDnaOfficer, Permission::kGenomeSearch));
  EXPECT_FALSE(role_allows(Role::kDnaOfficer, Permission::kDactylSearch));
  EXPECT_FALSE(role_allows(Role::kAdministrator, Permission::kPersonRead));  // no personal data
  EXPECT_TRUE(role_allows(Role::kAdministrator, Permission::kUserAdmin));
  EXPECT_FALSE(role_allows(Role::kAuditor, Permission::kPersonWrite));
}

TEST(Roles, NamesRoundTripAndConsoleCannotBeAssigned) {
  for (Role r : assignable_roles()) EXPECT_EQ(role_from_name(role_name(r)), r);
  EXPECT_EQ(roles_from_string("auditor, dna_officer")->size(), 2u);
  EXPECT_FALSE(roles_from_string("console").has_value());
  EXPECT_FALSE(roles_from_string("superuser").has_value());
  EXPECT_FALSE(roles_from_string("").has_value());
}

}  // namespace
}  // namespace abis::security
