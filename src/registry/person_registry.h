// PersonRegistry: the shared person registry of both subsystems.
//
// Every change makes a new version; the previous versions stay in the archive and can be listed
// (Rules clause 43). Every read and write is authorised (security/principal.h) and written to the
// audit trail in the same transaction as the change, so either both happen or neither does.
// Updates name the version they change (optimistic concurrency): a stale update is refused with
// a conflict instead of silently overwriting someone else's change.
//
// Thread-safe: holds no mutable state beyond the store.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "registry/person.h"
#include "security/access_control.h"
#include "security/audit_log.h"
#include "store/database.h"
#include "store/migrations.h"

namespace abis::registry {

struct PersonQuery {
  std::optional<std::string> iin;
  std::optional<std::string> name;  // prefix of a surname, a given name or "surname given", any script
  std::optional<core::Date> birth_date;
  int limit = 50;
};

store::MigrationSet registry_migrations();

class PersonRegistry {
 public:
  PersonRegistry(store::Database& db, security::AuditLog& audit, security::AccessControl& access,
                 const core::Clock& clock);

  Result<PersonRecord> create(const security::Principal& who, const PersonData& data,
                              const std::string& reason);
  // expected_version: the version the caller read (0 = do not check). A change identical to the
  // current data makes no new version.
  Result<PersonRecord> update(const security::Principal& who, const std::string& person_id,
                              const PersonData& data, int expected_version, const std::string& reason);
  Result<PersonRecord> get(const security::Principal& who, const std::string& person_id);
  Result<std::vector<PersonVersion>> history(const security::Principal& who, const std::string& person_id);
  Result<std::vector<PersonRecord>> find(const security::Principal& who, const PersonQuery& query);

 private:
  // The operations after their permission check; a failure is audited by audit_refusal().
  Result<PersonRecord> create_unchecked(const security::Principal& who, const PersonData& data,
                                        const std::string& reason);
  Result<PersonRecord> update_unchecked(const security::Principal& who, const std::string& person_id,
                                        const PersonData& data, int expected_version, const std::string& reason);
  Result<std::vector<PersonRecord>> find_unchecked(const security::Principal& who, const PersonQuery& query);
  template <typename T>
  Result<T> audit_refusal(const security::Principal& who, security::AuditEvent event, Result<T> result);
  Result<PersonRecord> load(store::Transaction& tx, const std::string& person_id);
  Status write_search_keys(store::Transaction& tx, const std::string& person_id, const PersonData& data);
  core::Date today() const;

  store::Database& db_;
  security::AuditLog& audit_;
  security::AccessControl& access_;
  const core::Clock& clock_;
};

}  // namespace abis::registry
