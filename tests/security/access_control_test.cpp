#include <gtest/gtest.h>

#include "security/password.h"
#include "security_fixture.h"

namespace abis::security {
namespace {

class AccessControlTest : public SecurityFixture {};

TEST_F(AccessControlTest, PasswordsAreArgon2idHashes) {
  auto hash = hash_password("Some-Password-1");
  ASSERT_TRUE(hash.is_ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password("Some-Password-1", *hash));
  EXPECT_FALSE(verify_password("Some-Password-2", *hash));
  EXPECT_FALSE(check_password_policy("short", 12).is_ok());
  EXPECT_FALSE(check_password_policy("alllowercaseletters", 12).is_ok());
}

TEST_F(AccessControlTest, LoginGivesASessionBoundToTheWorkstation) {
  add_user("officer", Role::kMigrationOfficer);
  auto login = access_->login("officer", kPassword, "desk-1", ws_key_, "10.0.0.1");
  ASSERT_TRUE(login.is_ok()) << login.status().to_string();
  auto who = access_->authenticate(login->token, "10.0.0.1");
  ASSERT_TRUE(who.is_ok());
  EXPECT_EQ(who->username, "officer");
  EXPECT_EQ(who->workstation_name, "desk-1");
  ASSERT_TRUE(access_->logout(*who, login->token).is_ok());
  EXPECT_EQ(access_->authenticate(login->token, "10.0.0.1").status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AccessControlTest, WorkstationMustBeRegisteredKeyedAndAllowed) {
  add_user("officer", Role::kMigrationOfficer);
  EXPECT_EQ(access_->login("officer", kPassword, "desk-9", ws_key_, "").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(access_->login("officer", kPassword, "desk-1", "wrong-key", "").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(access_->login("officer", kPassword, "", "", "").status().code(), StatusCode::kPermissionDenied);
  auto other = access_->register_workstation(console_, "desk-2", "", "");
  ASSERT_TRUE(other.is_ok());
  auto denied = access_->login("officer", kPassword, "desk-2", other->key, "");
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(denied.status().message().find("may not work from"), std::string::npos);
  ASSERT_TRUE(access_->allow_workstation(console_, "officer", "desk-2").is_ok());
  EXPECT_TRUE(access_->login("officer", kPassword, "desk-2", other->key, "").is_ok());
}

TEST_F(AccessControlTest, RepeatedFailuresLockTheAccountForAWhile) {
  add_user("officer", Role::kMigrationOfficer);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(access_->login("officer", "Wrong-Password-1", "desk-1", ws_key_, "").status().code(),
              StatusCode::kUnauthenticated);
  }
  auto locked = access_->login("officer", kPassword, "desk-1", ws_key_, "");
  ASSERT_FALSE(locked.is_ok());
  EXPECT_NE(locked.status().message().find("locked"), std::string::npos);
  clock_.advance_seconds(16 * 60);
  EXPECT_TRUE(access_->login("officer", kPassword, "desk-1", ws_key_, "").is_ok());
}

TEST_F(AccessControlTest, SessionsExpireAndTimeOutWhenIdle) {
  add_user("officer", Role::kMigrationOfficer);
  auto login = *access_->login("officer", kPassword, "desk-1", ws_key_, "");
  clock_.advance_seconds(29 * 60);
  ASSERT_TRUE(access_->authenticate(login.token, "").is_ok());  // refreshes the idle timer
  clock_.advance_seconds(29 * 60);
  ASSERT_TRUE(access_->authenticate(login.token, "").is_ok());
  clock_.advance_seconds(31 * 60);
  auto idle = access_->authenticate(login.token, "");
  EXPECT_NE(idle.status().message().find("idle"), std::string::npos);

  auto second = *access_->login("officer", kPassword, "desk-1", ws_key_, "");
  for (int i = 0; i < 20; ++i) {  // keep it busy past the 8-hour lifetime
    clock_.advance_seconds(25 * 60);
    (void)access_->authenticate(second.token, "");
  }
  EXPECT_NE(access_->authenticate(second.token, "").status().message().find("expired"), std::string::npos);
}

TEST_F(AccessControlTest, DisablingAUserEndsTheirSessions) {
  add_user("officer", Role::kMigrationOfficer);
  add_user("boss", Role::kAdministrator);
  auto login = *access_->login("officer", kPassword, "desk-1", ws_key_, "");
  auto boss = *access_->login("boss", kPassword, "desk-1", ws_key_, "");
  ASSERT_TRUE(access_->disable_user(boss.principal, "officer").is_ok());
  EXPECT_FALSE(access_->authenticate(login.token, "").is_ok());
  EXPECT_FALSE(access_->login("officer", kPassword, "desk-1", ws_key_, "").is_ok());
  EXPECT_EQ(access_->disable_user(boss.principal, "boss").code(), StatusCode::kFailedPrecondition);
}

TEST_F(AccessControlTest, OnlyAdministratorsManageUsersAndRefusalsAreAudited) {
  add_user("officer", Role::kMigrationOfficer);
  auto officer = *access_->login("officer", kPassword, "desk-1", ws_key_, "");
  auto created = access_->create_user(officer.principal, {"intruder", "x", {Role::kAdministrator}, kPassword, {}});
  EXPECT_EQ(created.status().code(), StatusCode::kPermissionDenied);
  auto entries = *audit_->list(*db_, 0, 1000);
  bool found = false;
  for (const auto& e : entries) found |= e.action == "user.create" && e.outcome == "denied" && e.user == "officer";
  EXPECT_TRUE(found);
  EXPECT_EQ(access_->create_user(console_, {"officer", "dup", {Role::kAuditor}, kPassword, {}}).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(access_->create_user(console_, {"Bad Name", "x", {Role::kAuditor}, kPassword, {}}).status().code(),
            StatusCode::kUnprocessable);
}

TEST_F(AccessControlTest, SessionTokensAreStoredOnlyAsDigests) {
  add_user("officer", Role::kMigrationOfficer);
  auto login = *access_->login("officer", kPassword, "desk-1", ws_key_, "");
  auto tx = *db_->begin(store::TransactionMode::kRead);
  auto rows = *tx->query("SELECT token_digest FROM sessions");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_NE(rows[0].get_text(0), login.token);
  EXPECT_EQ(rows[0].get_text(0), secret_digest(login.token));
}

}  // namespace
}  // namespace abis::security
