// The person record of the shared registry: who a person is, independent of their fingerprints
// or DNA. An internal id (core/ids.h) identifies every person; the IIN is optional (foreigners may
// have none) and unique when present. Plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "registry/iin.h"

namespace abis::registry {

enum class PersonCategory { kCitizen, kForeigner, kStateless };

std::string_view sex_name(Sex sex);  // "male", "female", "unknown"
std::optional<Sex> sex_from_name(std::string_view name);
std::string_view category_name(PersonCategory category);  // "citizen", "foreigner", "stateless"
std::optional<PersonCategory> category_from_name(std::string_view name);

// A name in one script. Kazakh and Russian forms are Cyrillic; the Latin form is the
// transliteration as in the travel document.
struct PersonName {
  std::string surname;
  std::string given_name;
  std::string patronymic;
  bool empty() const { return surname.empty() && given_name.empty() && patronymic.empty(); }
  bool operator==(const PersonName&) const = default;
};

struct IdentityDocument {
  // passport, id_card, residence_permit, stateless_certificate, refugee_certificate,
  // travel_document, birth_certificate, visa, other
  std::string type;
  std::string number;
  std::string issuing_country;  // ISO 3166-1 alpha-3
  std::string issued_by;
  std::optional<core::Date> issue_date;
  std::optional<core::Date> expiry_date;
  bool operator==(const IdentityDocument&) const = default;
};

struct PersonData {
  std::optional<std::string> iin;
  PersonName name_kk;
  PersonName name_ru;
  PersonName name_latin;
  std::optional<core::Date> birth_date;
  std::string birth_place;
  Sex sex = Sex::kUnknown;
  std::string citizenship;  // ISO 3166-1 alpha-3, empty for stateless persons
  std::string nationality;  // optional, as the person states it
  PersonCategory category = PersonCategory::kForeigner;
  std::vector<IdentityDocument> documents;
  bool operator==(const PersonData&) const = default;
};

// Checks a record before it is stored: the IIN (and that it agrees with the birth date and sex),
// at least one name with surname and given name, the category against the citizenship, codes and
// dates. `today` bounds birth and issue dates. The message names the field.
Status validate_person(const PersonData& person, core::Date today);

// Data states of the Law on dactyloscopic and genomic registration.
enum class PersonState { kActive, kBlocked, kDepersonalised };
std::string_view person_state_name(PersonState state);

struct PersonRecord {
  std::string id;
  int version = 0;  // current version, 1 for a new record
  PersonState state = PersonState::kActive;
  std::string created_at;
  std::string updated_at;
  PersonData data;
};

// One archived version (Rules clause 43: replaced data are archived, never lost).
struct PersonVersion {
  int version = 0;
  std::string changed_at;
  std::string changed_by;
  std::string workstation;
  std::string reason;
  PersonData data;
};

}  // namespace abis::registry
