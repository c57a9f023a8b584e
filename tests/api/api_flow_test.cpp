#include "api_fixture.h"

namespace abis::testing {
namespace {

class ApiFlow : public ApiFixture {};

TEST_F(ApiFlow, HealthAndOpenApiAreOpenAndEveryDocumentedRouteExists) {
  ApiClient anonymous(server_->port());
  auto health = anonymous.get("/api/v1/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.body["status"], "ok");
  auto doc = anonymous.get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.body["openapi"], "3.0.3");
  int operations = 0;
  for (const auto& [path, methods] : doc.body["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      ++operations;
      std::string concrete = path;
      for (std::string p : {"{id}", "{username}", "{name}"}) {
        auto at = concrete.find(p);
        if (at != std::string::npos) concrete.replace(at, p.size(), "x");
      }
      std::string m = method;
      for (auto& c : m) c = static_cast<char>(std::toupper(c));
      auto r = anonymous.send(m, concrete, "{}");
      // A routed path answers with anything but "no such route".
      EXPECT_FALSE(r.status == 404 && r.raw.find("no API route") != std::string::npos) << m << " " << concrete;
      EXPECT_NE(r.status, 405) << m << " " << concrete;
      EXPECT_TRUE(op.contains("responses"));
    }
  }
  EXPECT_GE(operations, 17);
  auto missing = anonymous.get("/api/v1/nothing-here");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["error"]["code"], "not_found");
}

TEST_F(ApiFlow, CreateChangeAndListTheHistoryOfAPerson) {
  auto created = officer_->post("/api/v1/persons", foreigner());
  ASSERT_EQ(created.status, 201) << created.raw;
  std::string id = created.body["id"];
  EXPECT_EQ(created.body["version"], 1);

  auto changed_body = foreigner();
  changed_body["documents"].push_back({{"type", "residence_permit"}, {"number", "RP-778899"}});
  changed_body["change_reason"] = "residence permit issued";
  changed_body["expected_version"] = 1;
  auto changed = officer_->put("/api/v1/persons/" + id, changed_body);
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(changed.body["version"], 2);

  auto history = officer_->get("/api/v1/persons/" + id + "/history");
  ASSERT_EQ(history.status, 200);
  ASSERT_EQ(history.body["versions"].size(), 2u);
  EXPECT_EQ(history.body["versions"][0]["person"]["documents"].size(), 1u);
  EXPECT_EQ(history.body["versions"][1]["person"]["documents"].size(), 2u);
  EXPECT_EQ(history.body["versions"][1]["reason"], "residence permit issued");
  EXPECT_EQ(history.body["versions"][1]["changed_by"], "officer");
  EXPECT_EQ(history.body["versions"][1]["workstation"], "desk-7");

  auto current = officer_->get("/api/v1/persons/" + id);
  EXPECT_EQ(current.body["version"], 2);
  auto found = officer_->get("/api/v1/persons?name=karim&birth_date=1990-05-06");
  ASSERT_EQ(found.status, 200);
  ASSERT_EQ(found.body["persons"].size(), 1u);
  EXPECT_EQ(found.body["persons"][0]["id"], id);

  // Stale version: conflict, nothing changed.
  changed_body["expected_version"] = 1;
  changed_body["birth_place"] = "Tashkent";
  EXPECT_EQ(officer_->put("/api/v1/persons/" + id, changed_body).status, 409);
  EXPECT_EQ(officer_->get("/api/v1/persons/" + id).body["version"], 2);

  EXPECT_EQ(count_audit("person.create", "ok"), 1);
  EXPECT_EQ(count_audit("person.update", "ok"), 1);
  EXPECT_GE(count_audit("person.read", "ok"), 2);
  EXPECT_EQ(count_audit("auth.login", "ok"), 3);
}

TEST_F(ApiFlow, CalendarDeadlineAcrossNauryz) {
  auto r = officer_->get("/api/v1/calendar/working-days?from=2026-03-19&days=5");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["date"], "2026-03-31");
}

TEST_F(ApiFlow, LogoutEndsTheSession) {
  EXPECT_EQ(officer_->get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(officer_->post("/api/v1/auth/logout", nlohmann::json::object()).status, 200);
  auto after = officer_->get("/api/v1/auth/me");
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.body["error"]["code"], "unauthenticated");
}

}  // namespace
}  // namespace abis::testing
