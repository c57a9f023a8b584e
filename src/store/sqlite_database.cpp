#include "store/sqlite_database.h"

#include <sqlite3.h>

#include <chrono>
#include <unordered_map>

namespace abis::store {

// One SQLite connection with its prepared-statement cache.
class SqliteConnection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  sqlite3* db() const { return db_; }

  Result<sqlite3_stmt*> prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      return internal_error(std::string("SQL does not prepare: ") + sqlite3_errmsg(db_) + " in: " +
                            std::string(sql.substr(0, 200)));
    }
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  Status simple(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string message = err ? err : "unknown error";
      sqlite3_free(err);
      return map_error(sqlite3_extended_errcode(db_), message);
    }
    return Status::ok();
  }

  static Status map_error(int code, const std::string& message) {
    switch (code & 0xff) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED: return unavailable("database is busy: " + message);
      case SQLITE_CONSTRAINT:
        if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
          return already_exists("duplicate: " + message);
        }
        return failed_precondition("constraint failed: " + message);
      case SQLITE_FULL: return io_error("disk full: " + message);
      case SQLITE_IOERR: return io_error("disk I/O error: " + message);
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB: return data_corrupt("database file is damaged: " + message);
      case SQLITE_READONLY: return io_error("database is read-only: " + message);
      default: return internal_error("database error: " + message);
    }
  }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

namespace {

Status bind_all(sqlite3_stmt* stmt, const std::vector<Value>& params) {
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
    return internal_error("SQL expects " + std::to_string(sqlite3_bind_parameter_count(stmt)) +
                          " parameters, got " + std::to_string(params.size()));
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    int index = static_cast<int>(i) + 1;
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) {
            return sqlite3_bind_null(stmt, index);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return sqlite3_bind_int64(stmt, index, v);
          } else if constexpr (std::is_same_v<T, double>) {
            return sqlite3_bind_double(stmt, index, v);
          } else if constexpr (std::is_same_v<T, std::string>) {
            return sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
          } else {
            return sqlite3_bind_blob64(stmt, index, v.bytes.data(), v.bytes.size(), SQLITE_TRANSIENT);
          }
        },
        params[i]);
    if (rc != SQLITE_OK) return internal_error("cannot bind parameter " + std::to_string(index));
  }
  return Status::ok();
}

Value column_value(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT: return sqlite3_column_double(stmt, i);
    case SQLITE_TEXT: {
      auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
    }
    case SQLITE_BLOB: {
      auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, i));
      Blob blob;
      blob.bytes.assign(p, p + sqlite3_column_bytes(stmt, i));
      return blob;
    }
    default: return std::monostate{};
  }
}

class SqliteTransaction final : public Transaction {
 public:
  SqliteTransaction(SqliteDatabase* owner, std::unique_ptr<SqliteConnection> conn,
                    TransactionMode mode, std::unique_lock<std::timed_mutex> write_lock)
      : owner_(owner), conn_(std::move(conn)), mode_(mode), write_lock_(std::move(write_lock)) {}

  ~SqliteTransaction() override {
    if (conn_) {
      if (open_) (void)conn_->simple("ROLLBACK");
      owner_->release(std::move(conn_));
    }
  }

  Result<std::int64_t> execute(std::string_view sql, const std::vector<Value>& params) override {
    ABIS_RETURN_IF_ERROR(check_open());
    if (mode_ == TransactionMode::kRead) return internal_error("write statement in a read transaction");
    ABIS_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, conn_->prepare(sql));
    ABIS_RETURN_IF_ERROR(bind_all(stmt, params));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) {
      Status s = SqliteConnection::map_error(sqlite3_extended_errcode(conn_->db()), sqlite3_errmsg(conn_->db()));
      sqlite3_reset(stmt);
      return s;
    }
    sqlite3_reset(stmt);
    return static_cast<std::int64_t>(sqlite3_changes64(conn_->db()));
  }

  Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params) override {
    ABIS_RETURN_IF_ERROR(check_open());
    ABIS_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, conn_->prepare(sql));
    ABIS_RETURN_IF_ERROR(bind_all(stmt, params));
    int n = sqlite3_column_count(stmt);
    auto columns = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < n; ++i) columns->emplace_back(sqlite3_column_name(stmt, i));
    std::vector<Row> rows;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::vector<Value> values;
      values.reserve(n);
      for (int i = 0; i < n; ++i) values.push_back(column_value(stmt, i));
      rows.emplace_back(std::move(values), columns);
    }
    if (rc != SQLITE_DONE) {
      Status s = SqliteConnection::map_error(sqlite3_extended_errcode(conn_->db()), sqlite3_errmsg(conn_->db()));
      sqlite3_reset(stmt);
      return s;
    }
    sqlite3_reset(stmt);
    return rows;
  }

  Status execute_script(std::string_view sql) override {
    ABIS_RETURN_IF_ERROR(check_open());
    std::string text(sql);
    return conn_->simple(text.c_str());
  }

  Status commit() override {
    ABIS_RETURN_IF_ERROR(check_open());
    Status s = conn_->simple("COMMIT");
    if (!s.is_ok()) {
      (void)conn_->simple("ROLLBACK");
    }
    open_ = false;
    return s;
  }

  TransactionMode mode() const override { return mode_; }

 private:
  Status check_open() const {
    return open_ ? Status::ok() : internal_error("transaction already finished");
  }
  SqliteDatabase* owner_;
  std::unique_ptr<SqliteConnection> conn_;
  TransactionMode mode_;
  std::unique_lock<std::timed_mutex> write_lock_;
  bool open_ = true;
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::filesystem::path file, int busy_timeout_ms, bool durable_commits)
    : file_(std::move(file)), busy_timeout_ms_(busy_timeout_ms), durable_commits_(durable_commits) {}

SqliteDatabase::~SqliteDatabase() = default;

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::filesystem::path& file,
                                                             int busy_timeout_ms, bool durable_commits) {
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(file, busy_timeout_ms, durable_commits));
  // The first connection switches the file to WAL (persistent) and checks it is a database.
  ABIS_ASSIGN_OR_RETURN(auto conn, db->acquire());
  ABIS_RETURN_IF_ERROR(conn->simple("PRAGMA journal_mode=WAL"));
  auto check = conn->prepare("PRAGMA quick_check");
  if (!check.is_ok()) return check.status();
  if (sqlite3_step(*check) != SQLITE_ROW ||
      std::string(reinterpret_cast<const char*>(sqlite3_column_text(*check, 0))) != "ok") {
    sqlite3_reset(*check);
    return data_corrupt("database " + file.string() + " fails its integrity check");
  }
  sqlite3_reset(*check);
  db->release(std::move(conn));
  return db;
}

Result<std::unique_ptr<SqliteConnection>> SqliteDatabase::acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file_.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto conn = std::make_unique<SqliteConnection>(raw);
  if (rc != SQLITE_OK) {
    return io_error("cannot open database " + file_.string() + ": " +
                    (raw ? sqlite3_errmsg(raw) : "out of memory"));
  }
  sqlite3_busy_timeout(raw, busy_timeout_ms_);
  sqlite3_extended_result_codes(raw, 1);
  ABIS_RETURN_IF_ERROR(conn->simple(durable_commits_ ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL"));
  ABIS_RETURN_IF_ERROR(conn->simple("PRAGMA foreign_keys=ON"));
  ABIS_RETURN_IF_ERROR(conn->simple("PRAGMA trusted_schema=OFF"));
  return conn;
}

void SqliteDatabase::release(std::unique_ptr<SqliteConnection> connection) {
  std::lock_guard lock(pool_mutex_);
  // Keep a bounded pool; extra connections close.
  if (idle_.size() < 16) idle_.push_back(std::move(connection));
}

Result<std::unique_ptr<Transaction>> SqliteDatabase::begin(TransactionMode mode) {
  std::unique_lock<std::timed_mutex> write_lock;
  if (mode == TransactionMode::kWrite) {
    write_lock = std::unique_lock<std::timed_mutex>(write_mutex_, std::defer_lock);
    if (!write_lock.try_lock_for(std::chrono::milliseconds(busy_timeout_ms_))) {
      return unavailable("database is busy with other writes; try again");
    }
  }
  ABIS_ASSIGN_OR_RETURN(auto conn, acquire());
  Status s = conn->simple(mode == TransactionMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
  if (!s.is_ok()) {
    release(std::move(conn));
    return s;
  }
  return std::unique_ptr<Transaction>(
      new SqliteTransaction(this, std::move(conn), mode, std::move(write_lock)));
}

}  // namespace abis::store
