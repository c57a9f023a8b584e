#include "store/migrations.h"

#include <gtest/gtest.h>

#include "store/sqlite_database.h"
#include "support/test_support.h"

namespace abis::store {
namespace {

MigrationSet demo(int upto) {
  MigrationSet set{"demo", {}};
  if (upto >= 1) set.steps.push_back({1, "table", "CREATE TABLE demo (id INTEGER PRIMARY KEY)"});
  if (upto >= 2) set.steps.push_back({2, "column", "ALTER TABLE demo ADD COLUMN name TEXT"});
  return set;
}

TEST(Migrations, ApplyInOrderOnceAndRefuseANewerDatabase) {
  abis::testing::TempDir dir;
  auto db = *SqliteDatabase::open(dir.path() / "m.db");
  ASSERT_TRUE(apply_migrations(*db, {demo(1)}).is_ok());
  ASSERT_TRUE(apply_migrations(*db, {demo(1)}).is_ok());  // idempotent
  ASSERT_TRUE(apply_migrations(*db, {demo(2)}).is_ok());
  {
    auto tx = *db->begin(TransactionMode::kWrite);
    EXPECT_TRUE(tx->execute("INSERT INTO demo (name) VALUES ('x')").is_ok());
  }
  auto older = apply_migrations(*db, {demo(1)});
  ASSERT_FALSE(older.is_ok());
  EXPECT_NE(older.message().find("newer abis"), std::string::npos);
}

TEST(Migrations, AFailingStepLeavesTheSchemaAtTheLastGoodStep) {
  abis::testing::TempDir dir;
  auto db = *SqliteDatabase::open(dir.path() / "m.db");
  MigrationSet set = demo(1);
  set.steps.push_back({2, "broken", "ALTER TABLE demo ADD COLUMN a TEXT; ALTER TABLE nope ADD COLUMN b TEXT"});
  auto s = apply_migrations(*db, {set});
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("demo/2"), std::string::npos);
  auto tx = *db->begin(TransactionMode::kRead);
  EXPECT_EQ(tx->query_one("SELECT MAX(version) FROM schema_migrations WHERE module = 'demo'")->get_int(0), 1);
  // the first half of the broken step was rolled back with it
  EXPECT_FALSE(tx->query("SELECT a FROM demo").is_ok());
}

TEST(Migrations, DestructiveStatementsAreRecognised) {
  EXPECT_TRUE(is_non_destructive("CREATE TABLE x (a INT); CREATE INDEX i ON x (a)"));
  EXPECT_FALSE(is_non_destructive("drop  table x"));
  EXPECT_FALSE(is_non_destructive("DELETE FROM x"));
  EXPECT_FALSE(is_non_destructive("ALTER TABLE x RENAME TO y"));
  EXPECT_FALSE(is_non_destructive("ALTER TABLE x DROP\n COLUMN a"));
}

}  // namespace
}  // namespace abis::store
