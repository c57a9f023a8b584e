#include "store/migrations.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/clock.h"

namespace abis::store {

bool is_non_destructive(std::string_view sql) {
  std::string upper(sql);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  // Collapse whitespace so "DROP\n  TABLE" is seen.
  std::string flat;
  bool space = false;
  for (char c : upper) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!space) flat += ' ';
      space = true;
    } else {
      flat += c;
      space = false;
    }
  }
  for (const char* forbidden : {"DROP ", "DELETE ", "RENAME ", "TRUNCATE ", "REPLACE INTO"}) {
    if (flat.find(forbidden) != std::string::npos) return false;
  }
  return true;
}

Status apply_migrations(Database& db, const std::vector<MigrationSet>& sets) {
  {
    ABIS_ASSIGN_OR_RETURN(auto tx, db.begin(TransactionMode::kWrite));
    ABIS_RETURN_IF_ERROR(tx->execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL, PRIMARY KEY (module, version))"));
    ABIS_RETURN_IF_ERROR(tx->commit());
  }
  for (const auto& set : sets) {
    std::int64_t current = 0;
    {
      ABIS_ASSIGN_OR_RETURN(auto tx, db.begin(TransactionMode::kRead));
      ABIS_ASSIGN_OR_RETURN(
          auto row, tx->query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations WHERE module = ?",
                                  {std::string(set.module)}));
      current = row.get_int(0);
    }
    int known = set.steps.empty() ? 0 : set.steps.back().version;
    if (current > known) {
      return failed_precondition("the database has " + std::string(set.module) + " schema version " +
                                 std::to_string(current) + " but this abis knows only up to " +
                                 std::to_string(known) + "; it was written by a newer abis");
    }
    for (const auto& step : set.steps) {
      if (step.version <= current) continue;
      if (!is_non_destructive(step.sql)) {
        return internal_error("migration " + std::string(set.module) + "/" + std::to_string(step.version) +
                              " is destructive; migrations may only add");
      }
      ABIS_ASSIGN_OR_RETURN(auto tx, db.begin(TransactionMode::kWrite));
      // Re-check inside the write lock: another process may have applied it meanwhile.
      ABIS_ASSIGN_OR_RETURN(
          auto row, tx->query_one("SELECT COUNT(*) FROM schema_migrations WHERE module = ? AND version = ?",
                                  {std::string(set.module), std::int64_t{step.version}}));
      if (row.get_int(0) > 0) continue;
      Status s = tx->execute_script(step.sql);
      if (!s.is_ok()) {
        return s.with_context("migration " + std::string(set.module) + "/" +
                              std::to_string(step.version) + " (" + std::string(step.name) + ")");
      }
      ABIS_RETURN_IF_ERROR(
          tx->execute("INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)",
                      {std::string(set.module), std::int64_t{step.version}, std::string(step.name),
                       core::format_utc(core::SystemClock::instance().now_micros())})
              .status());
      ABIS_RETURN_IF_ERROR(tx->commit());
    }
  }
  return Status::ok();
}

}  // namespace abis::store
