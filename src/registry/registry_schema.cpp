// The registry module's tables, as versioned migrations (store/migrations.h).
#include "registry/person_registry.h"

namespace abis::registry {

store::MigrationSet registry_migrations() {
  return {"registry",
          {
              {1, "persons and their version archive", R"sql(
CREATE TABLE persons (
  id TEXT PRIMARY KEY,
  iin TEXT UNIQUE,
  current_version INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'active',
  birth_date TEXT,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX persons_birth_date ON persons (birth_date);
CREATE TABLE person_versions (
  person_id TEXT NOT NULL REFERENCES persons (id),
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  workstation TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (person_id, version)
);
CREATE TABLE person_names (
  person_id TEXT NOT NULL REFERENCES persons (id),
  name_folded TEXT NOT NULL
);
CREATE INDEX person_names_folded ON person_names (name_folded);
CREATE INDEX person_names_person ON person_names (person_id);
)sql"},
          }};
}

}  // namespace abis::registry
