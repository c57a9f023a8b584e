// The JSON form of person records, shared by the API and the version archive in the store.
// Parsing is strict: unknown fields, wrong types and bad values are refused with the field's path.
// Field list: docs/formats/person.md.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/status.h"
#include "registry/person.h"

namespace abis::registry {

// Reads the person fields of `object`; keys in `extra_allowed` are skipped (request envelopes).
Result<PersonData> person_data_from_json(const nlohmann::json& object,
                                         std::initializer_list<const char*> extra_allowed = {});
nlohmann::json person_data_to_json(const PersonData& person);
nlohmann::json person_record_to_json(const PersonRecord& record);
nlohmann::json person_version_to_json(const PersonVersion& version);

}  // namespace abis::registry
