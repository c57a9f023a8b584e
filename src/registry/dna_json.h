// JSON forms of the genomic records (docs/formats/dna_records.md), shared by the API, the CLI and
// the information card's frozen content. Readers are strict: unknown fields and wrong types are
// refused naming the field. Include only from .cpp files (nlohmann/json is heavy). Thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "registry/dna_records.h"

namespace abis::registry {

nlohmann::json specimen_to_json(const Specimen& specimen);
nlohmann::json custody_entry_to_json(const CustodyEntry& entry);
nlohmann::json analysis_to_json(const Analysis& analysis);
nlohmann::json profile_record_to_json(const ProfileRecord& record);
nlohmann::json stored_profile_to_json(const StoredProfile& stored);
nlohmann::json information_card_to_json(const InformationCard& card);
nlohmann::json retention_report_to_json(const RetentionReport& report);

Result<SpecimenReceipt> specimen_receipt_from_json(const nlohmann::json& body);
Result<CustodyStep> custody_step_from_json(const nlohmann::json& body);
Result<AnalysisRequest> analysis_request_from_json(const nlohmann::json& body);
Result<DestructionAct> destruction_act_from_json(const nlohmann::json& body);

// A profile given inline (an object in the profile JSON form, genome/profile_json.h).
Result<genome::Profile> profile_from_json(const nlohmann::json& object);

}  // namespace abis::registry
