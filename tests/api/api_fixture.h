// A real `abis serve` on a free port with an administrator logged in from the console, plus a
// migration officer and an auditor on their own registered workstation.
#pragma once

#include <gtest/gtest.h>

#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

namespace abis::testing {

class ApiFixture : public ::testing::Test {
 protected:
  static constexpr const char* kPassword = "Officer-Passw0rd";

  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(dir_.path() / "data");
    ASSERT_TRUE(server_->start()) << server_->log();
    admin_ = std::make_unique<ApiClient>(server_->port());
    ASSERT_EQ(admin_->login("admin", ServerProcess::kAdminPassword, "console", ServerProcess::kConsoleKey), 200);
    auto ws = admin_->post("/api/v1/workstations", {{"name", "desk-7"}, {"location", "Almaty migration office"}});
    ASSERT_EQ(ws.status, 201) << ws.raw;
    ws_key_ = ws.body["key"].get<std::string>();
    for (auto [name, role] : {std::pair{"officer", "migration_officer"}, std::pair{"auditor", "auditor"}}) {
      auto u = admin_->post("/api/v1/users", {{"username", name}, {"display_name", name}, {"roles", {role}},
                                              {"password", kPassword}, {"workstations", {"desk-7"}}});
      ASSERT_EQ(u.status, 201) << u.raw;
    }
    officer_ = std::make_unique<ApiClient>(server_->port());
    ASSERT_EQ(officer_->login("officer", kPassword, "desk-7", ws_key_), 200);
    auditor_ = std::make_unique<ApiClient>(server_->port());
    ASSERT_EQ(auditor_->login("auditor", kPassword, "desk-7", ws_key_), 200);
  }

  static nlohmann::json foreigner(const std::string& surname = "KARIMOV") {
    return {{"name_latin", {{"surname", surname}, {"given_name", "BOBUR"}}},
            {"birth_date", "1990-05-06"},
            {"sex", "male"},
            {"citizenship", "UZB"},
            {"category", "foreigner"},
            {"documents", {{{"type", "passport"}, {"number", "FA1234567"}, {"issuing_country", "UZB"}}}}};
  }

  // Audit entries with the given action and outcome, read as the auditor.
  int count_audit(const std::string& action, const std::string& outcome) {
    auto r = auditor_->get("/api/v1/audit?limit=1000");
    int n = 0;
    for (const auto& e : r.body["entries"]) n += e["action"] == action && e["outcome"] == outcome;
    return n;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiClient> admin_, officer_, auditor_;
  std::string ws_key_;
};

}  // namespace abis::testing
