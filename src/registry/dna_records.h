// The records of the genomic subsystem kept in the store: biological material (specimens) with
// its chain of custody, analyses, the DNA profiles they produced, and the information cards of
// destroyed material (Rules clauses 98 and 104). Plain values.
//
// A specimen is received (who, when, from whom, which case or scene, which index it is taken
// for, the consent document of a volunteer), placed in storage, moved and handed over, analysed
// (kit, laboratory, date, resulting profile) and finally destroyed (act, date, reason, who).
// Every step is a custody entry. On destruction an information card — a frozen copy of the
// specimen, its custody and its analyses — is created and kept until the storage period of the
// genomic information ends (params: 25 years from collection unless configured), when the
// retention job removes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "genome/categories.h"
#include "genome/profile.h"
#include "genome/search.h"

namespace abis::registry {

enum class SpecimenState { kReceived, kStored, kHandedOver, kDestroyed };
std::string_view specimen_state_name(SpecimenState state);  // "received", "stored", ...
std::optional<SpecimenState> specimen_state_from_name(std::string_view name);

// buccal_swab, blood, saliva, hair, tissue, bone, tooth, trace, other
bool is_known_material(std::string_view material);

// What the officer records when material arrives.
struct SpecimenReceipt {
  genome::IndexCategory category = genome::IndexCategory::kConvictedOffender;
  std::string material = "buccal_swab";
  core::Date collected_on;            // the storage period counts from here
  std::string received_from;          // the person or unit that handed it over
  std::string laboratory_number;      // the label on the container; unique when given
  std::optional<std::string> person_id;       // the donor, when known (registry person)
  std::optional<std::string> case_number;     // criminal or missing-person case
  std::optional<std::string> scene;           // crime scene or place of finding
  std::optional<std::string> consent_document;  // required for relatives and staff (volunteers)
  std::optional<genome::Relationship> relationship;  // relatives of missing persons
  std::optional<std::string> penitentiary_record;    // convicted persons (Rules clause 74)
  std::string description;
};

struct Specimen {
  std::string id;
  SpecimenReceipt receipt;
  SpecimenState state = SpecimenState::kReceived;
  std::string storage_location;  // current place, "" before storage
  std::string holder;            // who has it while handed over
  std::string received_at;       // UTC timestamp
  std::string received_by;
  core::Date retention_until;    // collected_on + storage period
  std::string updated_at;
};

enum class CustodyAction { kReceived, kStored, kMoved, kHandedOver, kReturned, kAnalysed, kNote, kDestroyed };
std::string_view custody_action_name(CustodyAction action);
std::optional<CustodyAction> custody_action_from_name(std::string_view name);

struct CustodyEntry {
  int seq = 0;
  std::string at;
  CustodyAction action = CustodyAction::kNote;
  std::string by;           // user
  std::string workstation;
  std::string from_location;
  std::string to_location;
  std::string handed_to;
  std::string details;
};

// A movement or handling step requested by an officer (store, move, hand over, return, note).
struct CustodyStep {
  CustodyAction action = CustodyAction::kNote;
  std::string location;   // store, move, return: where it is now
  std::string handed_to;  // hand over: who receives it
  std::string details;
};

struct AnalysisRequest {
  std::string kit;         // a known kit (genome/kits.h)
  std::string laboratory;
  core::Date analysed_on;
  genome::Profile profile;  // the resulting profile; its category is the specimen's
};

struct Analysis {
  std::string id;
  std::string specimen_id;
  std::string kit;
  std::string laboratory;
  core::Date analysed_on;
  std::string analyst;
  std::string profile_id;
  std::string created_at;
};

enum class ProfileState { kActive, kExpired };

struct ProfileRecord {
  std::string id;
  std::uint64_t search_key = 0;  // the key in the in-memory search index
  std::string specimen_id;       // "" for profiles imported without material
  std::optional<std::string> person_id;
  genome::IndexCategory category = genome::IndexCategory::kConvictedOffender;
  ProfileState state = ProfileState::kActive;
  genome::Profile profile;       // empty once expired
  core::Date retention_until;
  std::string created_at;
  std::string created_by;
};

// A profile stored by an analysis or an import, with what the upload-time duplicate check found.
struct StoredProfile {
  ProfileRecord record;
  std::vector<std::string> duplicates;  // ids of stored profiles with identical alleles
};

struct DestructionAct {
  std::string act_number;
  core::Date destroyed_on;
  std::string reason;
  std::string witnesses;
};

// The information card of destroyed biological material (Rules clause 104).
struct InformationCard {
  std::string specimen_id;
  std::string act_number;
  core::Date destroyed_on;
  std::string reason;
  std::string destroyed_by;
  core::Date collected_on;
  core::Date keep_until;  // the end of the storage period of the genomic information
  std::string created_at;
  std::string content;    // JSON: the specimen, its custody and analyses as they were
};

struct RetentionReport {
  core::Date as_of;
  std::vector<std::string> cards_removed;      // specimen ids
  std::vector<std::string> profiles_expired;   // profile ids
  std::vector<std::string> overdue_specimens;  // storage period over but material not destroyed
};

// A search of the stored profiles, with names for the hits.
struct DnaSearchOutcome {
  genome::SearchRequest request;
  genome::SearchResult result;
  std::vector<std::string> hit_profile_ids;  // parallel to result.hits
};

}  // namespace abis::registry
