// The genomic subsystem's tables, as versioned migrations (store/migrations.h). Additive only.
#include "registry/dna_registry.h"

namespace abis::registry {

store::MigrationSet genome_migrations() {
  return {"genome",
          {
              {1, "biological material, custody, analyses, profiles, information cards", R"sql(
CREATE TABLE dna_specimens (
  id TEXT PRIMARY KEY,
  laboratory_number TEXT UNIQUE,
  category TEXT NOT NULL,
  material TEXT NOT NULL,
  state TEXT NOT NULL,
  person_id TEXT REFERENCES persons (id),
  case_number TEXT,
  scene TEXT,
  received_from TEXT NOT NULL,
  received_at TEXT NOT NULL,
  received_by TEXT NOT NULL,
  collected_on TEXT NOT NULL,
  retention_until TEXT NOT NULL,
  storage_location TEXT NOT NULL DEFAULT '',
  holder TEXT NOT NULL DEFAULT '',
  consent_document TEXT,
  relationship TEXT,
  penitentiary_record TEXT,
  description TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);
CREATE INDEX dna_specimens_case ON dna_specimens (case_number);
CREATE INDEX dna_specimens_person ON dna_specimens (person_id);
CREATE INDEX dna_specimens_retention ON dna_specimens (retention_until);
CREATE TABLE dna_custody (
  specimen_id TEXT NOT NULL REFERENCES dna_specimens (id),
  seq INTEGER NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  by_user TEXT NOT NULL,
  workstation TEXT NOT NULL,
  from_location TEXT NOT NULL DEFAULT '',
  to_location TEXT NOT NULL DEFAULT '',
  handed_to TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (specimen_id, seq)
);
CREATE TABLE dna_profiles (
  search_key INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  specimen_id TEXT REFERENCES dna_specimens (id),
  person_id TEXT REFERENCES persons (id),
  category TEXT NOT NULL,
  state TEXT NOT NULL,
  profile TEXT,
  has_ystr INTEGER NOT NULL DEFAULT 0,
  retention_until TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX dna_profiles_category ON dna_profiles (category, state);
CREATE INDEX dna_profiles_retention ON dna_profiles (retention_until, state);
CREATE TABLE dna_analyses (
  id TEXT PRIMARY KEY,
  specimen_id TEXT NOT NULL REFERENCES dna_specimens (id),
  kit TEXT NOT NULL,
  laboratory TEXT NOT NULL,
  analysed_on TEXT NOT NULL,
  analyst TEXT NOT NULL,
  profile_id TEXT NOT NULL REFERENCES dna_profiles (id),
  created_at TEXT NOT NULL
);
CREATE INDEX dna_analyses_specimen ON dna_analyses (specimen_id);
CREATE TABLE dna_information_cards (
  specimen_id TEXT PRIMARY KEY REFERENCES dna_specimens (id),
  act_number TEXT NOT NULL,
  destroyed_on TEXT NOT NULL,
  reason TEXT NOT NULL,
  destroyed_by TEXT NOT NULL,
  collected_on TEXT NOT NULL,
  keep_until TEXT NOT NULL,
  created_at TEXT NOT NULL,
  content TEXT NOT NULL
);
CREATE INDEX dna_information_cards_keep ON dna_information_cards (keep_until);
CREATE TABLE dna_frequency_tables (
  population TEXT NOT NULL,
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  csv TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (population, version)
);
)sql"},
          }};
}

}  // namespace abis::registry
