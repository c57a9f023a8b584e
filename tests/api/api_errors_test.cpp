// Every kind of bad request: the right status, a clear message, nothing stored, and an audit entry.
#include "api_fixture.h"

namespace abis::testing {
namespace {

class ApiErrors : public ApiFixture {
 protected:
  int persons_named(const std::string& prefix) {
    auto r = officer_->get("/api/v1/persons?name=" + prefix);
    return static_cast<int>(r.body["persons"].size());
  }
  void expect_error(const HttpResult& r, int status, const std::string& code, const std::string& fragment) {
    EXPECT_EQ(r.status, status) << r.raw;
    EXPECT_EQ(r.body["error"]["code"], code) << r.raw;
    EXPECT_NE(r.body["error"]["message"].get<std::string>().find(fragment), std::string::npos) << r.raw;
  }
};

TEST_F(ApiErrors, MalformedOversizedUnknownAndWronglyTypedJson) {
  expect_error(officer_->send("POST", "/api/v1/persons", "{\"category\": \"foreigner\", "), 400, "invalid_argument",
               "malformed JSON");
  auto big = foreigner("ZZBIG");
  big["birth_place"] = std::string(2 << 20, 'x');
  expect_error(officer_->post("/api/v1/persons", big), 413, "too_large", "limit");
  auto unknown = foreigner("ZZUNKNOWN");
  unknown["shoe_size"] = 44;
  expect_error(officer_->post("/api/v1/persons", unknown), 400, "invalid_argument", "unknown field shoe_size");
  auto wrong_type = foreigner("ZZTYPE");
  wrong_type["birth_date"] = 19900506;
  expect_error(officer_->post("/api/v1/persons", wrong_type), 400, "invalid_argument", "birth_date must be a string");
  expect_error(officer_->send("POST", "/api/v1/persons", "[1,2,3]"), 400, "invalid_argument", "object");
  expect_error(officer_->send("POST", "/api/v1/persons", foreigner().dump(), "text/plain"), 400, "invalid_argument",
               "application/json");
  EXPECT_EQ(persons_named("zz"), 0);
  EXPECT_GE(count_audit("person.create", "denied"), 5);
}

TEST_F(ApiErrors, BodiesOverTheServerLimitGet413) {
  std::string huge(70 << 20, ' ');
  auto r = officer_->send("POST", "/api/v1/persons", huge);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.body["error"]["code"], "too_large");
}

TEST_F(ApiErrors, BadIinSaysWhatIsWrong) {
  auto p = foreigner("ZZIIN");
  p["iin"] = "061211600013";
  p["birth_date"] = "2006-12-11";
  p["sex"] = "female";
  expect_error(officer_->post("/api/v1/persons", p), 422, "unprocessable", "check digit");
  p["iin"] = "061311600012";
  expect_error(officer_->post("/api/v1/persons", p), 422, "unprocessable", "birth date");
  p["iin"] = "061211900012";
  expect_error(officer_->post("/api/v1/persons", p), 422, "unprocessable", "digit 7");
  EXPECT_EQ(persons_named("zziin"), 0);
  EXPECT_EQ(count_audit("person.create", "failed"), 3);
}

TEST_F(ApiErrors, DuplicateIinIsAConflict) {
  nlohmann::json citizen = {{"iin", "061211600012"},
                            {"name_kk", {{"surname", "Әбілова"}, {"given_name", "Айгерім"}}},
                            {"citizenship", "KAZ"},
                            {"category", "citizen"}};
  ASSERT_EQ(officer_->post("/api/v1/persons", citizen).status, 201);
  citizen["name_kk"]["surname"] = "Басқа";
  expect_error(officer_->post("/api/v1/persons", citizen), 409, "already_exists", "IIN");
  EXPECT_EQ(officer_->get("/api/v1/persons?iin=061211600012").body["persons"].size(), 1u);
}

TEST_F(ApiErrors, MissingOrBadAuthIs401AndWrongRoleIs403) {
  ApiClient anonymous(server_->port());
  expect_error(anonymous.post("/api/v1/persons", foreigner("ZZANON")), 401, "unauthenticated", "no session token");
  anonymous.set_token("forged-token");
  expect_error(anonymous.get("/api/v1/persons?name=zz"), 401, "unauthenticated", "unknown session");
  expect_error(auditor_->post("/api/v1/persons", foreigner("ZZAUDITOR")), 403, "permission_denied", "person.write");
  expect_error(officer_->get("/api/v1/users"), 403, "permission_denied", "user.admin");
  expect_error(admin_->get("/api/v1/persons?name=zz"), 403, "permission_denied", "person.read");
  expect_error(officer_->get("/api/v1/audit"), 403, "permission_denied", "audit.read");
  EXPECT_EQ(persons_named("zz"), 0);
  EXPECT_GE(count_audit("auth.session", "denied"), 2);
  EXPECT_EQ(count_audit("person.create", "denied"), 1);
}

TEST_F(ApiErrors, UnregisteredOrForbiddenWorkstationIs403) {
  ApiClient client(server_->port());
  EXPECT_EQ(client.login("officer", kPassword, "desk-99", ws_key_), 403);
  EXPECT_EQ(client.login("officer", kPassword, "desk-7", "not-the-key"), 403);
  EXPECT_EQ(client.login("officer", kPassword, "console", ServerProcess::kConsoleKey), 403);  // not allowed there
  EXPECT_EQ(client.login("officer", "Wrong-Passw0rd", "desk-7", ws_key_), 401);
  EXPECT_GE(count_audit("auth.login", "denied"), 4);
  auto missing = client.post("/api/v1/auth/login", {{"username", "officer"}, {"password", kPassword}});
  EXPECT_EQ(missing.status, 400);
}

TEST_F(ApiErrors, NotFoundAndBadQueries) {
  expect_error(officer_->get("/api/v1/persons/01NOSUCHPERSON000000000000"), 404, "not_found", "no person");
  expect_error(officer_->get("/api/v1/persons"), 400, "invalid_argument", "at least one");
  expect_error(officer_->get("/api/v1/persons?birth_date=1990-02-30"), 400, "invalid_argument", "birth_date");
  expect_error(officer_->get("/api/v1/calendar/working-days?from=2026-03-19&days=abc"), 400, "invalid_argument", "days");
}

}  // namespace
}  // namespace abis::testing
