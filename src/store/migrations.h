// Versioned schema migrations, applied at start.
//
// Each module that keeps tables (security, registry, genome, dactyl...) owns an ordered list of
// migrations; the store records (module, version) of every applied step in schema_migrations.
// Rules: a migration is never edited once released, only followed by a new one; a migration only
// adds (tables, columns, indexes, data) and never drops or deletes (checked by
// is_non_destructive and a test over every module's list); each step runs in its own
// transaction together with its bookkeeping row, so a crash leaves the schema at a step boundary.
// A database that has steps this binary does not know (a newer abis wrote it) is refused.
#pragma once

#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace abis::store {

struct Migration {
  int version;  // 1, 2, 3... within its module
  std::string_view name;
  std::string_view sql;
};

struct MigrationSet {
  std::string_view module;
  std::vector<Migration> steps;
};

Status apply_migrations(Database& db, const std::vector<MigrationSet>& sets);

// True when the SQL only creates or alters by adding (no DROP, no DELETE, no rename).
bool is_non_destructive(std::string_view sql);

}  // namespace abis::store
