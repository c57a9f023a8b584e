#include "registry/person.h"

#include <cctype>
#include <set>

namespace abis::registry {

std::string_view sex_name(Sex sex) {
  switch (sex) {
    case Sex::kMale: return "male";
    case Sex::kFemale: return "female";
    case Sex::kUnknown: break;
  }
  return "unknown";
}

std::optional<Sex> sex_from_name(std::string_view name) {
  if (name == "male") return Sex::kMale;
  if (name == "female") return Sex::kFemale;
  if (name == "unknown") return Sex::kUnknown;
  return std::nullopt;
}

std::string_view category_name(PersonCategory category) {
  switch (category) {
    case PersonCategory::kCitizen: return "citizen";
    case PersonCategory::kForeigner: return "foreigner";
    case PersonCategory::kStateless: return "stateless";
  }
  return "unknown";
}

std::optional<PersonCategory> category_from_name(std::string_view name) {
  if (name == "citizen") return PersonCategory::kCitizen;
  if (name == "foreigner") return PersonCategory::kForeigner;
  if (name == "stateless") return PersonCategory::kStateless;
  return std::nullopt;
}

std::string_view person_state_name(PersonState state) {
  switch (state) {
    case PersonState::kActive: return "active";
    case PersonState::kBlocked: return "blocked";
    case PersonState::kDepersonalised: return "depersonalised";
  }
  return "unknown";
}

namespace {

bool is_country_code(const std::string& code) {
  if (code.size() != 3) return false;
  for (unsigned char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

Status check_name(const PersonName& name, const char* field) {
  if (name.empty()) return Status::ok();
  for (const std::string* part : {&name.surname, &name.given_name, &name.patronymic}) {
    if (part->size() > 200) return unprocessable(std::string(field) + ": a name part is longer than 200 bytes");
    for (unsigned char c : *part) {
      if (c < 0x20) return unprocessable(std::string(field) + ": control characters are not allowed in names");
    }
  }
  if (name.surname.empty() || name.given_name.empty()) {
    return unprocessable(std::string(field) + ": surname and given_name are both required when the name is given");
  }
  return Status::ok();
}

}  // namespace

Status validate_person(const PersonData& p, core::Date today) {
  if (p.name_kk.empty() && p.name_ru.empty() && p.name_latin.empty()) {
    return unprocessable("a person needs at least one name (name_kk, name_ru or name_latin)");
  }
  ABIS_RETURN_IF_ERROR(check_name(p.name_kk, "name_kk"));
  ABIS_RETURN_IF_ERROR(check_name(p.name_ru, "name_ru"));
  ABIS_RETURN_IF_ERROR(check_name(p.name_latin, "name_latin"));
  if (p.birth_date && *p.birth_date > today) return unprocessable("birth_date is in the future");
  if (p.birth_place.size() > 500) return unprocessable("birth_place is longer than 500 characters");
  if (p.nationality.size() > 100) return unprocessable("nationality is longer than 100 characters");
  if (p.iin) {
    auto info = parse_iin(*p.iin);
    if (!info.is_ok()) return info.status().with_context("iin");
    if (p.birth_date && *p.birth_date != info->birth_date) {
      return unprocessable("iin: the IIN encodes birth date " + info->birth_date.to_string() +
                           " but birth_date is " + p.birth_date->to_string());
    }
    if (p.sex != Sex::kUnknown && p.sex != info->sex) {
      return unprocessable("iin: the IIN encodes sex " + std::string(sex_name(info->sex)) + " but sex is " +
                           std::string(sex_name(p.sex)));
    }
  }
  switch (p.category) {
    case PersonCategory::kCitizen:
      if (p.citizenship != "KAZ") return unprocessable("citizenship: a citizen has citizenship KAZ");
      break;
    case PersonCategory::kForeigner:
      if (!is_country_code(p.citizenship)) {
        return unprocessable("citizenship: a foreigner needs a citizenship as an ISO 3166-1 alpha-3 code (e.g. UZB)");
      }
      if (p.citizenship == "KAZ") return unprocessable("citizenship: KAZ is for category citizen, not foreigner");
      break;
    case PersonCategory::kStateless:
      if (!p.citizenship.empty()) return unprocessable("citizenship: a stateless person has no citizenship");
      break;
  }
  static const std::set<std::string> kDocTypes = {
      "passport",   "id_card",         "residence_permit", "stateless_certificate", "refugee_certificate",
      "travel_document", "birth_certificate", "visa",       "other"};
  if (p.documents.size() > 50) return unprocessable("documents: more than 50 documents");
  for (std::size_t i = 0; i < p.documents.size(); ++i) {
    const auto& d = p.documents[i];
    std::string where = "documents[" + std::to_string(i) + "]";
    if (!kDocTypes.count(d.type)) {
      return unprocessable(where + ".type '" + d.type +
                           "' is not one of passport, id_card, residence_permit, stateless_certificate, "
                           "refugee_certificate, travel_document, birth_certificate, visa, other");
    }
    if (d.number.empty() || d.number.size() > 50) return unprocessable(where + ".number must be 1 to 50 characters");
    if (!d.issuing_country.empty() && !is_country_code(d.issuing_country)) {
      return unprocessable(where + ".issuing_country must be an ISO 3166-1 alpha-3 code");
    }
    if (d.issue_date && *d.issue_date > today) return unprocessable(where + ".issue_date is in the future");
    if (d.issue_date && d.expiry_date && *d.expiry_date < *d.issue_date) {
      return unprocessable(where + ".expiry_date is before issue_date");
    }
  }
  return Status::ok();
}

}  // namespace abis::registry
