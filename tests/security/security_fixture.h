// A fresh store with the security tables, a manual clock, an audit log and access control.
#pragma once

#include <gtest/gtest.h>

#include "security/access_control.h"
#include "store/sqlite_database.h"
#include "support/test_support.h"

namespace abis::security {

class SecurityFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::move(*store::SqliteDatabase::open(dir_.path() / "abis.db"));
    ASSERT_TRUE(store::apply_migrations(*db_, {security_migrations()}).is_ok());
    audit_ = std::move(*AuditLog::open(dir_.path(), clock_));
    SecuritySettings settings;
    settings.max_failed_logins = 3;
    access_ = std::make_unique<AccessControl>(*db_, *audit_, clock_, settings);
    console_ = Principal::console();
    auto ws = access_->register_workstation(console_, "desk-1", "test desk", "room 1");
    ASSERT_TRUE(ws.is_ok()) << ws.status().to_string();
    ws_key_ = ws->key;
  }

  void add_user(const std::string& name, Role role, const std::vector<std::string>& workstations = {"desk-1"}) {
    auto u = access_->create_user(console_, {name, name, {role}, kPassword, workstations});
    ASSERT_TRUE(u.is_ok()) << u.status().to_string();
  }

  static constexpr const char* kPassword = "Correct-Horse-9";
  abis::testing::TempDir dir_;
  core::ManualClock clock_{1'764'000'000'000'000};
  std::unique_ptr<store::SqliteDatabase> db_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<AccessControl> access_;
  Principal console_;
  std::string ws_key_;
};

}  // namespace abis::security
