#include "registry/person_json.h"

#include "core/json_reader.h"

namespace abis::registry {
namespace {

using nlohmann::json;

PersonName read_name(core::JsonObjectReader& parent, const char* key) {
  PersonName name;
  const json* obj = parent.optional_object(key);
  if (!obj) return name;
  core::JsonObjectReader r(*obj, parent.path_of(key));
  name.surname = r.optional_string("surname", 200).value_or("");
  name.given_name = r.optional_string("given_name", 200).value_or("");
  name.patronymic = r.optional_string("patronymic", 200).value_or("");
  Status s = r.finish();
  if (!s.is_ok()) parent.fail(s);
  return name;
}

json name_to_json(const PersonName& n) {
  json j = json::object();
  j["surname"] = n.surname;
  j["given_name"] = n.given_name;
  if (!n.patronymic.empty()) j["patronymic"] = n.patronymic;
  return j;
}

}  // namespace

Result<PersonData> person_data_from_json(const json& object, std::initializer_list<const char*> extra_allowed) {
  core::JsonObjectReader r(object, "");
  ABIS_RETURN_IF_ERROR(r.status());
  for (const char* key : extra_allowed) r.allow(key);
  PersonData p;
  p.iin = r.optional_string("iin", 20);
  p.name_kk = read_name(r, "name_kk");
  p.name_ru = read_name(r, "name_ru");
  p.name_latin = read_name(r, "name_latin");
  p.birth_date = r.optional_date("birth_date");
  p.birth_place = r.optional_string("birth_place", 500).value_or("");
  if (auto sex = r.optional_string("sex", 20)) {
    auto parsed = sex_from_name(*sex);
    if (!parsed) r.fail(unprocessable("sex must be male, female or unknown, not '" + *sex + "'"));
    else p.sex = *parsed;
  }
  p.citizenship = r.optional_string("citizenship", 3).value_or("");
  p.nationality = r.optional_string("nationality", 100).value_or("");
  std::string category = r.required_string("category", 20);
  if (r.status().is_ok()) {
    auto parsed = category_from_name(category);
    if (!parsed) r.fail(unprocessable("category must be citizen, foreigner or stateless, not '" + category + "'"));
    else p.category = *parsed;
  }
  if (const json* docs = r.optional_array("documents", 50)) {
    for (std::size_t i = 0; i < docs->size(); ++i) {
      core::JsonObjectReader d((*docs)[i], "documents[" + std::to_string(i) + "]");
      IdentityDocument doc;
      doc.type = d.required_string("type", 40);
      doc.number = d.required_string("number", 50);
      doc.issuing_country = d.optional_string("issuing_country", 3).value_or("");
      doc.issued_by = d.optional_string("issued_by", 300).value_or("");
      doc.issue_date = d.optional_date("issue_date");
      doc.expiry_date = d.optional_date("expiry_date");
      Status s = d.finish();
      if (!s.is_ok()) r.fail(s);
      p.documents.push_back(std::move(doc));
    }
  }
  ABIS_RETURN_IF_ERROR(r.finish());
  return p;
}

json person_data_to_json(const PersonData& p) {
  json j = json::object();
  if (p.iin) j["iin"] = *p.iin;
  if (!p.name_kk.empty()) j["name_kk"] = name_to_json(p.name_kk);
  if (!p.name_ru.empty()) j["name_ru"] = name_to_json(p.name_ru);
  if (!p.name_latin.empty()) j["name_latin"] = name_to_json(p.name_latin);
  if (p.birth_date) j["birth_date"] = p.birth_date->to_string();
  if (!p.birth_place.empty()) j["birth_place"] = p.birth_place;
  j["sex"] = sex_name(p.sex);
  if (!p.citizenship.empty()) j["citizenship"] = p.citizenship;
  if (!p.nationality.empty()) j["nationality"] = p.nationality;
  j["category"] = category_name(p.category);
  json docs = json::array();
  for (const auto& d : p.documents) {
    json doc = {{"type", d.type}, {"number", d.number}};
    if (!d.issuing_country.empty()) doc["issuing_country"] = d.issuing_country;
    if (!d.issued_by.empty()) doc["issued_by"] = d.issued_by;
    if (d.issue_date) doc["issue_date"] = d.issue_date->to_string();
    if (d.expiry_date) doc["expiry_date"] = d.expiry_date->to_string();
    docs.push_back(std::move(doc));
  }
  j["documents"] = std::move(docs);
  return j;
}

json person_record_to_json(const PersonRecord& rec) {
  return {{"id", rec.id},
          {"version", rec.version},
          {"state", person_state_name(rec.state)},
          {"created_at", rec.created_at},
          {"updated_at", rec.updated_at},
          {"person", person_data_to_json(rec.data)}};
}

json person_version_to_json(const PersonVersion& v) {
  return {{"version", v.version},
          {"changed_at", v.changed_at},
          {"changed_by", v.changed_by},
          {"workstation", v.workstation},
          {"reason", v.reason},
          {"person", person_data_to_json(v.data)}};
}

}  // namespace abis::registry
