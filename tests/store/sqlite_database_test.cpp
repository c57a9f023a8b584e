#include "store/sqlite_database.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "support/test_support.h"

namespace abis::store {
namespace {

std::unique_ptr<SqliteDatabase> open_db(const abis::testing::TempDir& dir) {
  auto db = SqliteDatabase::open(dir.path() / "t.db");
  EXPECT_TRUE(db.is_ok()) << db.status().to_string();
  auto tx = (*db)->begin(TransactionMode::kWrite);
  EXPECT_TRUE((*tx)->execute_script("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, data BLOB, x REAL)").is_ok());
  EXPECT_TRUE((*tx)->commit().is_ok());
  return std::move(*db);
}

TEST(SqliteDatabase, CommitKeepsAndRollbackDiscards) {
  abis::testing::TempDir dir;
  auto db = open_db(dir);
  {
    auto tx = *db->begin(TransactionMode::kWrite);
    ASSERT_TRUE(tx->execute("INSERT INTO t (name) VALUES (?)", {std::string("kept")}).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  {
    auto tx = *db->begin(TransactionMode::kWrite);
    ASSERT_TRUE(tx->execute("INSERT INTO t (name) VALUES (?)", {std::string("dropped")}).is_ok());
    // destroyed without commit: rolled back
  }
  auto tx = *db->begin(TransactionMode::kRead);
  auto rows = tx->query("SELECT name FROM t ORDER BY id");
  ASSERT_TRUE(rows.is_ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].get_text(0), "kept");
}

TEST(SqliteDatabase, ValuesRoundTripThroughParameters) {
  abis::testing::TempDir dir;
  auto db = open_db(dir);
  Blob blob{{0, 1, 2, 255}};
  std::string hostile = "x'); DROP TABLE t; --";
  {
    auto tx = *db->begin(TransactionMode::kWrite);
    ASSERT_TRUE(tx->execute("INSERT INTO t (name, data, x) VALUES (?, ?, ?)", {hostile, blob, 2.5}).is_ok());
    ASSERT_TRUE(tx->commit().is_ok());
  }
  auto tx = *db->begin(TransactionMode::kRead);
  auto row = tx->query_one("SELECT name, data, x, id FROM t WHERE name = ?", {hostile});
  ASSERT_TRUE(row.is_ok()) << row.status().to_string();
  EXPECT_EQ(row->get_text(0), hostile);
  EXPECT_EQ(row->get_blob(1), blob.bytes);
  EXPECT_DOUBLE_EQ(row->get_real(2), 2.5);
  EXPECT_EQ(row->get_int(row->column("id")), 1);
  EXPECT_EQ(tx->query_one("SELECT name FROM t WHERE name = 'none'").status().code(), StatusCode::kNotFound);
}

TEST(SqliteDatabase, UniqueViolationIsAConflictAndReadTransactionsCannotWrite) {
  abis::testing::TempDir dir;
  auto db = open_db(dir);
  auto tx = *db->begin(TransactionMode::kWrite);
  ASSERT_TRUE(tx->execute("INSERT INTO t (name) VALUES ('a')").is_ok());
  auto dup = tx->execute("INSERT INTO t (name) VALUES ('a')");
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  auto bad = tx->execute("INSERT INTO nowhere VALUES (1)");
  EXPECT_FALSE(bad.is_ok());
  tx.reset();
  auto rtx = *db->begin(TransactionMode::kRead);
  EXPECT_FALSE(rtx->execute("INSERT INTO t (name) VALUES ('b')").is_ok());
}

TEST(SqliteDatabase, ConcurrentWritersAreSerialisedAndNothingIsLost) {
  abis::testing::TempDir dir;
  auto db = open_db(dir);
  constexpr int kThreads = 4, kEach = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto tx = db->begin(TransactionMode::kWrite);
        if (!tx.is_ok()) { ++failures; continue; }
        // read-modify-write: lost updates would show as a wrong count
        auto n = (*tx)->query_one("SELECT COUNT(*) FROM t");
        std::string name = std::to_string(t) + "-" + std::to_string(i) + "-" + std::to_string(n->get_int(0));
        if (!(*tx)->execute("INSERT INTO t (name) VALUES (?)", {name}).is_ok() || !(*tx)->commit().is_ok()) ++failures;
      }
    });
  }
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto tx = db->begin(TransactionMode::kRead);
        if (!tx.is_ok() || !(*tx)->query("SELECT * FROM t").is_ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto tx = *db->begin(TransactionMode::kRead);
  EXPECT_EQ(tx->query_one("SELECT COUNT(*) FROM t")->get_int(0), kThreads * kEach);
}

TEST(SqliteDatabase, RefusesAFileThatIsNotADatabase) {
  abis::testing::TempDir dir;
  {
    std::FILE* f = std::fopen((dir.path() / "junk.db").c_str(), "wb");
    std::fputs("this is not an SQLite database, just some text long enough to be a header........", f);
    std::fclose(f);
  }
  auto db = SqliteDatabase::open(dir.path() / "junk.db");
  ASSERT_FALSE(db.is_ok());
  EXPECT_EQ(db.status().code(), StatusCode::kDataCorrupt);
}

}  // namespace
}  // namespace abis::store
