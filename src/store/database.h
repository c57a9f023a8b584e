// The persistence interface of abis: a relational store reached through transactions and
// parameterised SQL only. SQLite (sqlite_database.h) is the embedded default; a PostgreSQL backend
// implements the same interface for national deployments.
//
// SQL written against this interface uses `?` placeholders and the portable subset of types
// (INTEGER, REAL, TEXT, BLOB); backends translate what they must. Values are never spliced into
// SQL text.
//
// Thread-safety: a Database is shared by all threads. A Transaction belongs to the thread that
// began it and must not be shared. Write transactions are serialised (one at a time); read
// transactions run concurrently with each other and with the writer (snapshot isolation).
// A Transaction that is destroyed without commit() is rolled back, so an error or a crash at any
// point leaves either the whole change or none of it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace abis::store {

struct Blob {
  std::vector<std::uint8_t> bytes;
  bool operator==(const Blob&) const = default;
};

// A parameter or column value. monostate is SQL NULL.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

class Row {
 public:
  Row(std::vector<Value> values, std::shared_ptr<const std::vector<std::string>> columns)
      : values_(std::move(values)), columns_(std::move(columns)) {}

  std::size_t size() const { return values_.size(); }
  bool is_null(std::size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  // Typed access; a NULL or a value of another type gives the fallback (0, "", empty).
  std::int64_t get_int(std::size_t i) const;
  double get_real(std::size_t i) const;
  std::string get_text(std::size_t i) const;
  const std::vector<std::uint8_t>& get_blob(std::size_t i) const;
  std::optional<std::string> get_optional_text(std::size_t i) const;
  const Value& value(std::size_t i) const { return values_.at(i); }
  // Index of a column by name; precondition: it exists (a programmer error otherwise).
  std::size_t column(std::string_view name) const;

 private:
  std::vector<Value> values_;
  std::shared_ptr<const std::vector<std::string>> columns_;
};

enum class TransactionMode { kRead, kWrite };

class Transaction {
 public:
  virtual ~Transaction() = default;

  // Runs a statement that returns no rows; returns the number of rows changed.
  virtual Result<std::int64_t> execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  virtual Result<std::vector<Row>> query(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  // The first row, or NotFound when there is none.
  Result<Row> query_one(std::string_view sql, const std::vector<Value>& params = {});
  // Several statements separated by ';' with no parameters (migrations only).
  virtual Status execute_script(std::string_view sql) = 0;

  virtual Status commit() = 0;
  virtual TransactionMode mode() const = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Result<std::unique_ptr<Transaction>> begin(TransactionMode mode) = 0;
  // "sqlite" or "postgresql", for logs and `abis health`.
  virtual std::string backend_name() const = 0;
};

}  // namespace abis::store
