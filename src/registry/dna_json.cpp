#include "registry/dna_json.h"

#include "core/json_reader.h"
#include "genome/profile_json.h"

namespace abis::registry {
namespace {

using nlohmann::json;

json optional_text(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

json specimen_to_json(const Specimen& s) {
  const SpecimenReceipt& r = s.receipt;
  return {{"id", s.id},
          {"state", std::string(specimen_state_name(s.state))},
          {"category", std::string(genome::category_name(r.category))},
          {"material", r.material},
          {"laboratory_number", r.laboratory_number},
          {"collected_on", r.collected_on.to_string()},
          {"received_from", r.received_from},
          {"received_at", s.received_at},
          {"received_by", s.received_by},
          {"person_id", optional_text(r.person_id)},
          {"case_number", optional_text(r.case_number)},
          {"scene", optional_text(r.scene)},
          {"consent_document", optional_text(r.consent_document)},
          {"relationship", r.relationship ? json(std::string(genome::relationship_name(*r.relationship)))
                                          : json(nullptr)},
          {"penitentiary_record", optional_text(r.penitentiary_record)},
          {"description", r.description},
          {"storage_location", s.storage_location},
          {"holder", s.holder},
          {"retention_until", s.retention_until.to_string()},
          {"updated_at", s.updated_at}};
}

json custody_entry_to_json(const CustodyEntry& e) {
  return {{"seq", e.seq},
          {"at", e.at},
          {"action", std::string(custody_action_name(e.action))},
          {"by", e.by},
          {"workstation", e.workstation},
          {"from_location", e.from_location},
          {"to_location", e.to_location},
          {"handed_to", e.handed_to},
          {"details", e.details}};
}

json analysis_to_json(const Analysis& a) {
  return {{"id", a.id},
          {"specimen_id", a.specimen_id},
          {"kit", a.kit},
          {"laboratory", a.laboratory},
          {"analysed_on", a.analysed_on.to_string()},
          {"analyst", a.analyst},
          {"profile_id", a.profile_id},
          {"created_at", a.created_at}};
}

json profile_record_to_json(const ProfileRecord& p) {
  json out = {{"id", p.id},
              {"specimen_id", p.specimen_id.empty() ? json(nullptr) : json(p.specimen_id)},
              {"person_id", optional_text(p.person_id)},
              {"category", std::string(genome::category_name(p.category))},
              {"state", p.state == ProfileState::kActive ? "active" : "expired"},
              {"retention_until", p.retention_until.to_string()},
              {"created_at", p.created_at},
              {"created_by", p.created_by}};
  out["profile"] = p.state == ProfileState::kActive
                       ? json::parse(genome::profile_to_json(p.profile))
                       : json(nullptr);
  return out;
}

json stored_profile_to_json(const StoredProfile& s) {
  return {{"profile", profile_record_to_json(s.record)}, {"duplicates", s.duplicates}};
}

json information_card_to_json(const InformationCard& c) {
  json content = json::parse(c.content, nullptr, false);
  return {{"specimen_id", c.specimen_id},
          {"act_number", c.act_number},
          {"destroyed_on", c.destroyed_on.to_string()},
          {"reason", c.reason},
          {"destroyed_by", c.destroyed_by},
          {"collected_on", c.collected_on.to_string()},
          {"keep_until", c.keep_until.to_string()},
          {"created_at", c.created_at},
          {"content", content.is_discarded() ? json(c.content) : content}};
}

json retention_report_to_json(const RetentionReport& r) {
  return {{"as_of", r.as_of.to_string()},
          {"cards_removed", r.cards_removed},
          {"profiles_expired", r.profiles_expired},
          {"overdue_specimens", r.overdue_specimens}};
}

Result<genome::Profile> profile_from_json(const json& object) {
  if (!object.is_object()) return invalid_argument("profile: must be a JSON object");
  Result<genome::Profile> p = genome::parse_profile_json(object.dump());
  if (!p) return p.status().with_context("profile");
  return p;
}

Result<SpecimenReceipt> specimen_receipt_from_json(const json& body) {
  core::JsonObjectReader r(body, "");
  SpecimenReceipt out;
  std::string category = r.required_string("category", 64);
  std::optional<std::string> material = r.optional_string("material", 64);
  std::optional<core::Date> collected = r.optional_date("collected_on");
  out.received_from = r.required_string("received_from", 500);
  out.laboratory_number = r.optional_string("laboratory_number", 100).value_or("");
  out.person_id = r.optional_string("person_id", 64);
  out.case_number = r.optional_string("case_number", 100);
  out.scene = r.optional_string("scene", 1000);
  out.consent_document = r.optional_string("consent_document", 500);
  std::optional<std::string> relationship = r.optional_string("relationship", 32);
  out.penitentiary_record = r.optional_string("penitentiary_record", 100);
  out.description = r.optional_string("description", 2000).value_or("");
  ABIS_RETURN_IF_ERROR(r.finish());
  ABIS_ASSIGN_OR_RETURN(out.category, genome::parse_category(category));
  if (material) out.material = *material;
  if (!collected) return invalid_argument("collected_on: required (YYYY-MM-DD)");
  out.collected_on = *collected;
  if (relationship) {
    ABIS_ASSIGN_OR_RETURN(auto rel, genome::parse_relationship(*relationship));
    out.relationship = rel;
  }
  return out;
}

Result<CustodyStep> custody_step_from_json(const json& body) {
  core::JsonObjectReader r(body, "");
  std::string action = r.required_string("action", 32);
  CustodyStep out;
  out.location = r.optional_string("location", 500).value_or("");
  out.handed_to = r.optional_string("handed_to", 500).value_or("");
  out.details = r.optional_string("details", 2000).value_or("");
  ABIS_RETURN_IF_ERROR(r.finish());
  std::optional<CustodyAction> a = custody_action_from_name(action);
  if (!a) return invalid_argument("action: unknown custody action '" + action +
                                  "' (store, move, hand_over, return, note)");
  out.action = *a;
  return out;
}

Result<AnalysisRequest> analysis_request_from_json(const json& body) {
  core::JsonObjectReader r(body, "");
  AnalysisRequest out;
  out.kit = r.required_string("kit", 100);
  out.laboratory = r.required_string("laboratory", 500);
  std::optional<core::Date> on = r.optional_date("analysed_on");
  const json* profile = r.optional_object("profile");
  ABIS_RETURN_IF_ERROR(r.finish());
  if (!on) return invalid_argument("analysed_on: required (YYYY-MM-DD)");
  out.analysed_on = *on;
  if (!profile) return invalid_argument("profile: required");
  ABIS_ASSIGN_OR_RETURN(out.profile, profile_from_json(*profile));
  return out;
}

Result<DestructionAct> destruction_act_from_json(const json& body) {
  core::JsonObjectReader r(body, "");
  DestructionAct out;
  out.act_number = r.required_string("act_number", 100);
  std::optional<core::Date> on = r.optional_date("destroyed_on");
  out.reason = r.required_string("reason", 2000);
  out.witnesses = r.optional_string("witnesses", 1000).value_or("");
  ABIS_RETURN_IF_ERROR(r.finish());
  if (!on) return invalid_argument("destroyed_on: required (YYYY-MM-DD)");
  out.destroyed_on = *on;
  return out;
}

}  // namespace abis::registry
