#include "registry/person_registry.h"

#include <gtest/gtest.h>

#include <thread>

#include "registry/system.h"
#include "support/test_support.h"

namespace abis::registry {
namespace {

class PersonRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SystemOptions options;
    options.data_dir = dir_.path() / "data";
    options.clock = &clock_;
    auto sys = System::open(options);
    ASSERT_TRUE(sys.is_ok()) << sys.status().to_string();
    sys_ = std::move(*sys);
    console_ = security::Principal::console();
  }

  PersonData foreigner(const std::string& surname) {
    PersonData p;
    p.name_latin = {surname, "BOBUR", "ALISHER UGLI"};
    p.name_ru = {"Каримов", "Бобур", ""};
    p.category = PersonCategory::kForeigner;
    p.citizenship = "UZB";
    p.birth_date = core::Date(1990, 5, 6);
    p.sex = Sex::kMale;
    return p;
  }

  abis::testing::TempDir dir_;
  core::ManualClock clock_{1'764'000'000'000'000};
  std::unique_ptr<System> sys_;
  security::Principal console_;
};

TEST_F(PersonRegistryTest, EveryChangeIsANewVersionAndTheOldOnesStay) {
  auto created = sys_->persons().create(console_, foreigner("KARIMOV"), "visa application");
  ASSERT_TRUE(created.is_ok()) << created.status().to_string();
  EXPECT_EQ(created->version, 1);
  auto changed_data = foreigner("KARIMOV");
  changed_data.documents.push_back({"passport", "FA1234567", "UZB", "", std::nullopt, std::nullopt});
  clock_.advance_seconds(60);
  auto changed = sys_->persons().update(console_, created->id, changed_data, 1, "new passport");
  ASSERT_TRUE(changed.is_ok()) << changed.status().to_string();
  EXPECT_EQ(changed->version, 2);
  auto history = sys_->persons().history(console_, created->id);
  ASSERT_TRUE(history.is_ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_TRUE((*history)[0].data.documents.empty());
  EXPECT_EQ((*history)[1].data.documents.size(), 1u);
  EXPECT_EQ((*history)[1].reason, "new passport");
  // The same data again makes no version 3.
  auto same = sys_->persons().update(console_, created->id, changed_data, 2, "");
  EXPECT_EQ(same->version, 2);
}

TEST_F(PersonRegistryTest, StaleUpdatesAreRefused) {
  auto created = *sys_->persons().create(console_, foreigner("KARIMOV"), "");
  ASSERT_TRUE(sys_->persons().update(console_, created.id, foreigner("KARIMOFF"), 1, "typo").is_ok());
  auto stale = sys_->persons().update(console_, created.id, foreigner("QARIMOV"), 1, "other typo");
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(sys_->persons().update(console_, "01NOSUCHPERSON000000000000", foreigner("X"), 0, "").status().code(),
            StatusCode::kNotFound);
}

TEST_F(PersonRegistryTest, DuplicateIinIsAConflictAndNothingIsStored) {
  PersonData p;
  p.iin = "061211600012";
  p.name_kk = {"Әбілова", "Айгерім", ""};
  p.category = PersonCategory::kCitizen;
  p.citizenship = "KAZ";
  ASSERT_TRUE(sys_->persons().create(console_, p, "").is_ok());
  p.name_kk.surname = "Другая";
  auto dup = sys_->persons().create(console_, p, "");
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  auto found = sys_->persons().find(console_, {std::nullopt, std::string("друг"), std::nullopt, 50});
  EXPECT_TRUE(found->empty());
}

TEST_F(PersonRegistryTest, FindByIinNamePrefixAnyScriptAndBirthDate) {
  auto a = *sys_->persons().create(console_, foreigner("KARIMOV"), "");
  auto b = *sys_->persons().create(console_, foreigner("KARIMOVA"), "");
  PersonData c;
  c.iin = "061211600012";
  c.name_kk = {"Әбілова", "Айгерім", ""};
  c.category = PersonCategory::kCitizen;
  c.citizenship = "KAZ";
  auto cc = *sys_->persons().create(console_, c, "");
  EXPECT_EQ(sys_->persons().find(console_, {std::nullopt, std::string("karim"), std::nullopt, 50})->size(), 2u);
  EXPECT_EQ(sys_->persons().find(console_, {std::nullopt, std::string("KARIMOVA"), std::nullopt, 50})->size(), 1u);
  EXPECT_EQ(sys_->persons().find(console_, {std::nullopt, std::string("кари"), std::nullopt, 50})->size(), 2u);
  EXPECT_EQ(sys_->persons().find(console_, {std::nullopt, std::string("ӘБІЛ"), std::nullopt, 50})->front().id, cc.id);
  auto by_iin = sys_->persons().find(console_, {std::string("061211600012"), std::nullopt, std::nullopt, 50});
  ASSERT_EQ(by_iin->size(), 1u);
  EXPECT_EQ(by_iin->front().data.birth_date->to_string(), "2006-12-11");  // taken from the IIN
  EXPECT_EQ(sys_->persons().find(console_, {std::nullopt, std::nullopt, core::Date(1990, 5, 6), 50})->size(), 2u);
  EXPECT_EQ(sys_->persons().find(console_, {std::nullopt, std::string("karimov b"), core::Date(1990, 5, 6), 50})->size(), 1u);
  EXPECT_FALSE(sys_->persons().find(console_, {}).is_ok());
  EXPECT_TRUE(sys_->persons().find(console_, {std::nullopt, std::string("%%"), std::nullopt, 50})->empty());
  (void)a;
  (void)b;
}

TEST_F(PersonRegistryTest, ReadsAndWritesAreAuditedAndRolesAreEnforced) {
  auto created = *sys_->persons().create(console_, foreigner("KARIMOV"), "");
  (void)sys_->persons().get(console_, created.id);
  security::Principal auditor;
  auditor.username = "aud";
  auditor.roles = {security::Role::kAuditor};
  EXPECT_EQ(sys_->persons().get(auditor, created.id).status().code(), StatusCode::kPermissionDenied);
  auto entries = *sys_->audit().list(sys_->db(), 0, 1000);
  int create = 0, read = 0, denied = 0;
  for (const auto& e : entries) {
    create += e.action == "person.create" && e.object_id == created.id;
    read += e.action == "person.read" && e.outcome == "ok";
    denied += e.action == "person.read" && e.outcome == "denied" && e.user == "aud";
  }
  EXPECT_EQ(create, 1);
  EXPECT_EQ(read, 1);
  EXPECT_EQ(denied, 1);
  EXPECT_TRUE(sys_->audit().verify(sys_->db())->ok());
}

TEST_F(PersonRegistryTest, InvalidInputIsAuditedAsAFailedAttempt) {
  PersonData bad = foreigner("KARIMOV");
  bad.iin = "061211600013";
  EXPECT_EQ(sys_->persons().create(console_, bad, "").status().code(), StatusCode::kUnprocessable);
  auto entries = *sys_->audit().list(sys_->db(), 0, 1000);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.back().action, "person.create");
  EXPECT_EQ(entries.back().outcome, "failed");
}

TEST_F(PersonRegistryTest, ConcurrentCreatesAllLand) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) ok += sys_->persons().create(console_, foreigner("P" + std::to_string(t * 100 + i)), "").is_ok();
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 40);
  EXPECT_TRUE(sys_->audit().verify(sys_->db())->ok());
}

TEST(RegistrySchema, EveryMigrationOnlyAdds) {
  for (const auto& set : {registry_migrations(), security::security_migrations()}) {
    for (const auto& step : set.steps) EXPECT_TRUE(store::is_non_destructive(step.sql)) << set.module << step.version;
  }
}

}  // namespace
}  // namespace abis::registry
