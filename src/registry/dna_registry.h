// DnaRegistry: the genomic subsystem's records and operations on them — biological material and
// its chain of custody, analyses and the profiles they produce, searches of the national DNA
// database, statistics and kinship with stored frequency tables, and the retention job.
//
// Like PersonRegistry, every operation checks the caller's permission (genome.specimen,
// genome.profile, genome.search; the retention job needs system.admin) and writes its audit
// entry in the same transaction as its change; reads are audited before data is returned.
// The profiles are also held in a genome::SearchIndex, loaded from the store on the first search
// and kept in step after every committed change (keys are the store's increasing search keys).
//
// Thread-safe: the store serialises writers; the index sits behind a reader/writer lock.
#pragma once

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "genome/frequency_table.h"
#include "genome/kinship.h"
#include "genome/match_statistics.h"
#include "genome/relatives_search.h"
#include "genome/search_index.h"
#include "genome/ystr.h"
#include "registry/dna_records.h"
#include "security/access_control.h"
#include "security/audit_log.h"
#include "store/database.h"
#include "store/migrations.h"

namespace abis::registry {

store::MigrationSet genome_migrations();

struct DnaSettings {
  int storage_years = 25;  // retention.genomic_years
};

struct SpecimenQuery {
  std::optional<SpecimenState> state;
  std::optional<std::string> case_number;
  std::optional<std::string> person_id;
  int limit = 100;
};

// A kinship or paternal search result with the profile ids of its keys.
struct NamedRelatives {
  genome::RelativesSearchResult result;
  std::vector<std::string> profile_ids;  // parallel to result.ranked
};
struct NamedPaternal {
  genome::PaternalSearchResult result;
  std::vector<std::string> profile_ids;  // parallel to result.hits
};

class DnaRegistry {
 public:
  DnaRegistry(store::Database& db, security::AuditLog& audit, security::AccessControl& access,
              const core::Clock& clock, DnaSettings settings);
  ~DnaRegistry();

  // --- Biological material (genome.specimen) ---
  Result<Specimen> receive(const security::Principal& who, const SpecimenReceipt& receipt);
  Result<Specimen> record_custody(const security::Principal& who, const std::string& specimen_id,
                                  const CustodyStep& step);
  Result<Specimen> get_specimen(const security::Principal& who, const std::string& specimen_id);
  Result<std::vector<Specimen>> find_specimens(const security::Principal& who, const SpecimenQuery& query);
  Result<std::vector<CustodyEntry>> custody(const security::Principal& who, const std::string& specimen_id);
  Result<std::vector<Analysis>> analyses(const security::Principal& who, const std::string& specimen_id);
  // Records the analysis and stores its profile in the specimen's index (also genome.profile).
  Result<StoredProfile> analyse(const security::Principal& who, const std::string& specimen_id,
                                const AnalysisRequest& request);
  // Destroys the material and creates its information card.
  Result<InformationCard> destroy(const security::Principal& who, const std::string& specimen_id,
                                  const DestructionAct& act);
  Result<InformationCard> information_card(const security::Principal& who, const std::string& specimen_id);
  Result<std::vector<InformationCard>> information_cards(const security::Principal& who, int limit);

  // --- Retention (system.admin) ---
  // Removes the information cards and expires the profiles whose storage period has ended by
  // `today`, and lists material whose period ended but that was never destroyed.
  Result<RetentionReport> run_retention(const security::Principal& who, core::Date today);

  // --- Profiles (genome.profile) ---
  // A profile without material (an import from an earlier system). `collected_on` starts its
  // storage period.
  Result<StoredProfile> import_profile(const security::Principal& who, const genome::Profile& profile,
                                       genome::IndexCategory category, std::optional<std::string> person_id,
                                       core::Date collected_on);
  // Many profiles in one transaction (a migration from an earlier system): all or none are
  // stored; duplicates are looked for against the store and within the batch.
  struct ImportItem {
    genome::Profile profile;
    genome::IndexCategory category = genome::IndexCategory::kConvictedOffender;
    std::optional<std::string> person_id;
    core::Date collected_on;
  };
  Result<std::vector<StoredProfile>> import_profiles(const security::Principal& who,
                                                     const std::vector<ImportItem>& items);
  Result<ProfileRecord> get_profile(const security::Principal& who, const std::string& profile_id);

  // --- Searches (genome.search) ---
  // A profile against the indexes its category may be searched against (genome/categories.h).
  Result<DnaSearchOutcome> search(const security::Principal& who, const genome::Profile& target,
                                  genome::IndexCategory category, const genome::MatchCriteria& criteria,
                                  std::size_t max_results);
  Result<NamedRelatives> search_relatives(const security::Principal& who, const genome::Profile& target,
                                          genome::IndexCategory category, const std::string& population,
                                          const genome::RelativesSearchOptions& options);
  Result<NamedPaternal> search_paternal(const security::Principal& who, const genome::Profile& target,
                                        genome::IndexCategory category,
                                        const genome::PaternalSearchOptions& options);
  Result<genome::MatchStatistics> statistics(const security::Principal& who, const genome::Profile& profile,
                                             const std::string& population,
                                             const genome::StatisticsOptions& options);
  Result<genome::KinshipResult> kinship(const security::Principal& who, const genome::Profile& a,
                                        const genome::Profile& b, genome::Kinship relation,
                                        const std::string& population, const genome::KinshipOptions& options);

  // --- Frequency tables (store: genome.profile; read: genome.search) ---
  Status store_frequency_table(const security::Principal& who, const genome::FrequencyTable& table,
                               const std::string& source);
  // Computes a table from the stored single-source profiles of `categories` and stores it.
  Result<genome::FrequencyTable> compute_frequency_table(const security::Principal& who,
                                                         const std::string& population,
                                                         genome::CategoryMask categories);
  Result<genome::FrequencyTable> frequency_table(const security::Principal& who, const std::string& population);
  Result<std::vector<std::string>> frequency_populations(const security::Principal& who);

 private:
  template <typename T>
  Result<T> audited(const security::Principal& who, security::AuditEvent event, Result<T> result);
  Status read_audit(const security::Principal& who, const std::string& action, const std::string& type,
                    const std::string& id, const std::string& detail = "");
  std::string now() const;
  core::Date today() const;

  Result<Specimen> receive_unchecked(const security::Principal& who, const SpecimenReceipt& receipt);
  Result<Specimen> custody_unchecked(const security::Principal& who, const std::string& id, const CustodyStep& step);
  Result<StoredProfile> analyse_unchecked(const security::Principal& who, const std::string& id,
                                          const AnalysisRequest& request);
  Result<InformationCard> destroy_unchecked(const security::Principal& who, const std::string& id,
                                            const DestructionAct& act);
  Result<RetentionReport> retention_unchecked(const security::Principal& who, core::Date today);
  Result<StoredProfile> store_profile(store::Transaction& tx, const security::Principal& who,
                                      genome::Profile profile, genome::IndexCategory category,
                                      const std::string& specimen_id, std::optional<std::string> person_id,
                                      core::Date collected_on, std::vector<security::AuditReceipt>& receipts);

  // The index, loaded on first use.
  Status ensure_index();
  void index_added(std::uint64_t key, genome::IndexCategory category, const genome::Profile& profile);
  void index_removed(std::uint64_t key);
  Result<std::vector<std::string>> profile_ids_for_keys(const std::vector<std::uint64_t>& keys);
  Result<genome::FrequencyTable> load_table(const std::string& population);

  store::Database& db_;
  security::AuditLog& audit_;
  security::AccessControl& access_;
  const core::Clock& clock_;
  DnaSettings settings_;

  std::shared_mutex index_mutex_;
  std::unique_ptr<genome::SearchIndex> index_;  // null until loaded
  std::uint64_t index_last_key_ = 0;            // highest search key in index_
};

}  // namespace abis::registry
