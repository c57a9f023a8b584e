// SqliteDatabase: the embedded store, one SQLite file in WAL mode (DATA_DIR/abis.db).
//
// Durability: by default synchronous=FULL, so a committed transaction survives a killed process
// and a power cut (each commit waits for fsync). With `durable_commits = false` (store.synchronous
// = normal) a commit survives a killed process but the last ones may be lost in a power cut; the
// file is never corrupted either way. WAL lets readers run beside the single writer. Connections are pooled, one per concurrent
// transaction; write transactions take BEGIN IMMEDIATE behind an in-process mutex and SQLite's
// own lock between processes (a CLI command may write while the server runs).
// Thread-safe; see database.h for the transaction contract.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "store/database.h"

struct sqlite3;

namespace abis::store {

class SqliteConnection;

class SqliteDatabase final : public Database {
 public:
  // Opens (creating if needed) the database file. busy_timeout_ms bounds how long a writer waits
  // for another process's write lock before failing with Unavailable.
  static Result<std::unique_ptr<SqliteDatabase>> open(const std::filesystem::path& file,
                                                      int busy_timeout_ms = 10000,
                                                      bool durable_commits = true);
  ~SqliteDatabase() override;

  Result<std::unique_ptr<Transaction>> begin(TransactionMode mode) override;
  std::string backend_name() const override { return "sqlite"; }
  const std::filesystem::path& file() const { return file_; }

  // Used by transactions to hand their connection back.
  void release(std::unique_ptr<SqliteConnection> connection);

 private:
  SqliteDatabase(std::filesystem::path file, int busy_timeout_ms, bool durable_commits);
  Result<std::unique_ptr<SqliteConnection>> acquire();

  std::filesystem::path file_;
  int busy_timeout_ms_;
  bool durable_commits_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_;
  std::timed_mutex write_mutex_;
};

}  // namespace abis::store
