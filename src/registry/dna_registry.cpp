#include "registry/dna_registry.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <mutex>

#include "core/ids.h"
#include "genome/kits.h"
#include "genome/profile_json.h"
#include "registry/dna_json.h"

namespace abis::registry {
namespace {

using genome::IndexCategory;
using nlohmann::json;
using security::AuditEvent;
using security::AuditOutcome;
using security::Permission;

constexpr const char* kSpecimenColumns =
    "id, laboratory_number, category, material, state, person_id, case_number, scene, received_from, "
    "received_at, received_by, collected_on, retention_until, storage_location, holder, "
    "consent_document, relationship, penitentiary_record, description, updated_at";

store::Value optional_value(const std::optional<std::string>& v) {
  return v ? store::Value(*v) : store::Value();
}

Result<core::Date> stored_date(const std::string& text, const char* what) {
  Result<core::Date> d = core::Date::parse(text);
  if (!d) return data_corrupt(std::string("stored ") + what + " '" + text + "' is not a date");
  return d;
}

Result<Specimen> specimen_from_row(const store::Row& row) {
  Specimen s;
  s.id = row.get_text(0);
  s.receipt.laboratory_number = row.get_text(1);
  Result<IndexCategory> category = genome::parse_category(row.get_text(2));
  if (!category) return data_corrupt("stored specimen " + s.id + " has an unknown category");
  s.receipt.category = *category;
  s.receipt.material = row.get_text(3);
  std::optional<SpecimenState> state = specimen_state_from_name(row.get_text(4));
  if (!state) return data_corrupt("stored specimen " + s.id + " has an unknown state");
  s.state = *state;
  s.receipt.person_id = row.get_optional_text(5);
  s.receipt.case_number = row.get_optional_text(6);
  s.receipt.scene = row.get_optional_text(7);
  s.receipt.received_from = row.get_text(8);
  s.received_at = row.get_text(9);
  s.received_by = row.get_text(10);
  ABIS_ASSIGN_OR_RETURN(s.receipt.collected_on, stored_date(row.get_text(11), "collection date"));
  ABIS_ASSIGN_OR_RETURN(s.retention_until, stored_date(row.get_text(12), "retention date"));
  s.storage_location = row.get_text(13);
  s.holder = row.get_text(14);
  s.receipt.consent_document = row.get_optional_text(15);
  if (auto rel = row.get_optional_text(16)) {
    Result<genome::Relationship> r = genome::parse_relationship(*rel);
    if (!r) return data_corrupt("stored specimen " + s.id + " has an unknown relationship");
    s.receipt.relationship = *r;
  }
  s.receipt.penitentiary_record = row.get_optional_text(17);
  s.receipt.description = row.get_text(18);
  s.updated_at = row.get_text(19);
  return s;
}

Result<Specimen> load_specimen(store::Transaction& tx, const std::string& id) {
  ABIS_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kSpecimenColumns +
                                                " FROM dna_specimens WHERE id = ?",
                                            {id}));
  if (rows.empty()) return not_found("no specimen with id " + id);
  return specimen_from_row(rows[0]);
}

Result<genome::Profile> stored_profile_json(const std::string& text, const std::string& id) {
  Result<genome::Profile> p = genome::parse_profile_json(text);
  if (!p) return data_corrupt("stored profile " + id + " does not parse: " + p.status().message());
  return p;
}

Result<ProfileRecord> profile_from_row(const store::Row& row) {
  // search_key, id, specimen_id, person_id, category, state, profile, retention_until, created_at, created_by
  ProfileRecord r;
  r.search_key = static_cast<std::uint64_t>(row.get_int(0));
  r.id = row.get_text(1);
  r.specimen_id = row.get_text(2);
  r.person_id = row.get_optional_text(3);
  Result<IndexCategory> category = genome::parse_category(row.get_text(4));
  if (!category) return data_corrupt("stored profile " + r.id + " has an unknown category");
  r.category = *category;
  r.state = row.get_text(5) == "active" ? ProfileState::kActive : ProfileState::kExpired;
  if (r.state == ProfileState::kActive) {
    ABIS_ASSIGN_OR_RETURN(r.profile, stored_profile_json(row.get_text(6), r.id));
  }
  ABIS_ASSIGN_OR_RETURN(r.retention_until, stored_date(row.get_text(7), "retention date"));
  r.created_at = row.get_text(8);
  r.created_by = row.get_text(9);
  return r;
}

constexpr const char* kProfileColumns =
    "search_key, id, specimen_id, person_id, category, state, profile, retention_until, created_at, "
    "created_by";

Status append_custody(store::Transaction& tx, const std::string& specimen_id, const std::string& at,
                      const security::Principal& who, CustodyAction action,
                      const std::string& from, const std::string& to, const std::string& handed_to,
                      const std::string& details) {
  ABIS_ASSIGN_OR_RETURN(auto row, tx.query_one("SELECT COALESCE(MAX(seq), 0) + 1 FROM dna_custody "
                                               "WHERE specimen_id = ?",
                                               {specimen_id}));
  return tx
      .execute("INSERT INTO dna_custody (specimen_id, seq, at, action, by_user, workstation, "
               "from_location, to_location, handed_to, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {specimen_id, row.get_int(0), at, std::string(custody_action_name(action)),
                who.username, who.workstation_name, from, to, handed_to, details})
      .status();
}

Result<std::vector<CustodyEntry>> load_custody(store::Transaction& tx, const std::string& id) {
  ABIS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT seq, at, action, by_user, workstation, from_location, "
                                            "to_location, handed_to, details FROM dna_custody "
                                            "WHERE specimen_id = ? ORDER BY seq",
                                            {id}));
  std::vector<CustodyEntry> out;
  for (const auto& row : rows) {
    CustodyEntry e;
    e.seq = static_cast<int>(row.get_int(0));
    e.at = row.get_text(1);
    e.action = custody_action_from_name(row.get_text(2)).value_or(CustodyAction::kNote);
    e.by = row.get_text(3);
    e.workstation = row.get_text(4);
    e.from_location = row.get_text(5);
    e.to_location = row.get_text(6);
    e.handed_to = row.get_text(7);
    e.details = row.get_text(8);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<Analysis>> load_analyses(store::Transaction& tx, const std::string& id) {
  ABIS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, specimen_id, kit, laboratory, analysed_on, analyst, "
                                            "profile_id, created_at FROM dna_analyses WHERE specimen_id = ? "
                                            "ORDER BY created_at, id",
                                            {id}));
  std::vector<Analysis> out;
  for (const auto& row : rows) {
    Analysis a;
    a.id = row.get_text(0);
    a.specimen_id = row.get_text(1);
    a.kit = row.get_text(2);
    a.laboratory = row.get_text(3);
    ABIS_ASSIGN_OR_RETURN(a.analysed_on, stored_date(row.get_text(4), "analysis date"));
    a.analyst = row.get_text(5);
    a.profile_id = row.get_text(6);
    a.created_at = row.get_text(7);
    out.push_back(std::move(a));
  }
  return out;
}

Result<InformationCard> card_from_row(const store::Row& row) {
  InformationCard c;
  c.specimen_id = row.get_text(0);
  c.act_number = row.get_text(1);
  ABIS_ASSIGN_OR_RETURN(c.destroyed_on, stored_date(row.get_text(2), "destruction date"));
  c.reason = row.get_text(3);
  c.destroyed_by = row.get_text(4);
  ABIS_ASSIGN_OR_RETURN(c.collected_on, stored_date(row.get_text(5), "collection date"));
  ABIS_ASSIGN_OR_RETURN(c.keep_until, stored_date(row.get_text(6), "keep-until date"));
  c.created_at = row.get_text(7);
  c.content = row.get_text(8);
  return c;
}

constexpr const char* kCardColumns =
    "specimen_id, act_number, destroyed_on, reason, destroyed_by, collected_on, keep_until, created_at, content";

// "?, ?, ?" for n placeholders.
std::string placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

std::vector<store::Value> category_values(genome::CategoryMask mask) {
  std::vector<store::Value> out;
  for (IndexCategory c : genome::all_categories())
    if (mask & genome::category_bit(c)) out.emplace_back(std::string(genome::category_name(c)));
  return out;
}

bool needs_consent(IndexCategory c) {
  return c == IndexCategory::kMissingPersonRelative || c == IndexCategory::kElimination;
}

}  // namespace

DnaRegistry::DnaRegistry(store::Database& db, security::AuditLog& audit, security::AccessControl& access,
                         const core::Clock& clock, DnaSettings settings)
    : db_(db), audit_(audit), access_(access), clock_(clock), settings_(settings) {}

DnaRegistry::~DnaRegistry() = default;

std::string DnaRegistry::now() const { return core::format_utc(clock_.now_micros()); }

core::Date DnaRegistry::today() const {
  return core::Date::from_days(clock_.now_micros() / 1'000'000 / 86400);
}

template <typename T>
Result<T> DnaRegistry::audited(const security::Principal& who, AuditEvent event, Result<T> result) {
  if (result.is_ok()) return result;
  event.outcome = AuditOutcome::kFailed;
  event.detail = result.status().message().substr(0, 300);
  Status logged = audit_.record(db_, who, event);
  if (!logged.is_ok()) return logged;
  return result;
}

Status DnaRegistry::read_audit(const security::Principal& who, const std::string& action, const std::string& type,
                               const std::string& id, const std::string& detail) {
  return audit_.record(db_, who, AuditEvent{action, type, id, AuditOutcome::kOk, detail});
}

// --- Biological material ------------------------------------------------------------------------

Result<Specimen> DnaRegistry::receive(const security::Principal& who, const SpecimenReceipt& receipt) {
  AuditEvent event{"dna.specimen.receive", "specimen", "", AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  return audited(who, event, receive_unchecked(who, receipt));
}

Result<Specimen> DnaRegistry::receive_unchecked(const security::Principal& who, const SpecimenReceipt& r) {
  if (!is_known_material(r.material))
    return invalid_argument("material: unknown kind '" + r.material +
                            "' (buccal_swab, blood, saliva, hair, tissue, bone, tooth, trace, other)");
  if (r.received_from.empty()) return invalid_argument("received_from: say who handed the material over");
  const core::Date today_date = today();
  if (r.collected_on > today_date) return unprocessable("collected_on: the collection date is in the future");
  if (r.collected_on.year() < 1900) return unprocessable("collected_on: before 1900");
  const bool relative = r.category == IndexCategory::kMissingPersonRelative;
  if (relative && !r.relationship)
    return unprocessable("relationship: a relative of a missing person must state the relationship "
                         "(mother, father, child, sibling, spouse, other)");
  if (!relative && r.relationship)
    return unprocessable("relationship: only relatives of missing persons have one");
  if (relative && (!r.case_number || r.case_number->empty()))
    return unprocessable("case_number: a relative's sample must name the missing-person case");
  if (needs_consent(r.category) && (!r.consent_document || r.consent_document->empty()))
    return unprocessable("consent_document: material from volunteers (" +
                         std::string(genome::category_name(r.category)) +
                         ") is taken only with written consent; give the consent document's reference");

  Specimen s;
  s.id = core::new_id(clock_);
  s.receipt = r;
  s.state = SpecimenState::kReceived;
  s.received_at = s.updated_at = now();
  s.received_by = who.username;
  s.retention_until = r.collected_on.plus_years(settings_.storage_years);

  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  if (r.person_id) {
    ABIS_ASSIGN_OR_RETURN(auto found, tx->query("SELECT id FROM persons WHERE id = ?", {*r.person_id}));
    if (found.empty()) return not_found("person_id: no person with id " + *r.person_id);
  }
  if (!r.laboratory_number.empty()) {
    ABIS_ASSIGN_OR_RETURN(auto dup, tx->query("SELECT id FROM dna_specimens WHERE laboratory_number = ?",
                                              {r.laboratory_number}));
    if (!dup.empty())
      return already_exists("laboratory number " + r.laboratory_number + " is already used by specimen " +
                            dup[0].get_text(0));
  }
  store::Value lab = r.laboratory_number.empty() ? store::Value() : store::Value(r.laboratory_number);
  store::Value rel = r.relationship ? store::Value(std::string(genome::relationship_name(*r.relationship)))
                                    : store::Value();
  ABIS_RETURN_IF_ERROR(
      tx->execute("INSERT INTO dna_specimens (id, laboratory_number, category, material, state, person_id, "
                  "case_number, scene, received_from, received_at, received_by, collected_on, retention_until, "
                  "consent_document, relationship, penitentiary_record, description, updated_at) "
                  "VALUES (?, ?, ?, ?, 'received', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  {s.id, lab, std::string(genome::category_name(r.category)), r.material,
                   optional_value(r.person_id), optional_value(r.case_number), optional_value(r.scene),
                   r.received_from, s.received_at, s.received_by, r.collected_on.to_string(),
                   s.retention_until.to_string(), optional_value(r.consent_document), rel,
                   optional_value(r.penitentiary_record), r.description, s.updated_at})
          .status());
  ABIS_RETURN_IF_ERROR(append_custody(*tx, s.id, s.received_at, who, CustodyAction::kReceived, r.received_from,
                                      "", "", "received from " + r.received_from));
  AuditEvent event{"dna.specimen.receive", "specimen", s.id, AuditOutcome::kOk,
                   std::string(genome::category_name(r.category))};
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return s;
}

Result<Specimen> DnaRegistry::record_custody(const security::Principal& who, const std::string& id,
                                             const CustodyStep& step) {
  AuditEvent event{"dna.specimen.custody", "specimen", id, AuditOutcome::kOk,
                   std::string(custody_action_name(step.action))};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  return audited(who, event, custody_unchecked(who, id, step));
}

Result<Specimen> DnaRegistry::custody_unchecked(const security::Principal& who, const std::string& id,
                                                const CustodyStep& step) {
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(Specimen s, load_specimen(*tx, id));
  if (s.state == SpecimenState::kDestroyed)
    return failed_precondition("specimen " + id + " was destroyed; its custody is closed");
  const std::string action(custody_action_name(step.action));
  auto wrong_state = [&](const char* allowed) {
    return failed_precondition("specimen " + id + " is " + std::string(specimen_state_name(s.state)) +
                               "; '" + action + "' needs it " + allowed);
  };
  std::string from = s.state == SpecimenState::kHandedOver ? s.holder : s.storage_location;
  std::string to, handed_to;
  switch (step.action) {
    case CustodyAction::kStored:
      if (s.state != SpecimenState::kReceived) return wrong_state("just received (use 'move' or 'return')");
      if (step.location.empty()) return invalid_argument("location: where is the material stored?");
      to = step.location;
      s.state = SpecimenState::kStored;
      s.storage_location = to;
      break;
    case CustodyAction::kMoved:
      if (s.state != SpecimenState::kStored) return wrong_state("stored");
      if (step.location.empty()) return invalid_argument("location: where is the material moved to?");
      to = step.location;
      s.storage_location = to;
      break;
    case CustodyAction::kHandedOver:
      if (s.state != SpecimenState::kReceived && s.state != SpecimenState::kStored)
        return wrong_state("received or stored");
      if (step.handed_to.empty()) return invalid_argument("handed_to: who receives the material?");
      handed_to = step.handed_to;
      s.state = SpecimenState::kHandedOver;
      s.holder = handed_to;
      break;
    case CustodyAction::kReturned:
      if (s.state != SpecimenState::kHandedOver) return wrong_state("handed over");
      if (step.location.empty()) return invalid_argument("location: where is the returned material stored?");
      to = step.location;
      s.state = SpecimenState::kStored;
      s.storage_location = to;
      s.holder.clear();
      break;
    case CustodyAction::kNote:
      if (step.details.empty()) return invalid_argument("details: what is to be noted?");
      from.clear();
      break;
    default:
      return invalid_argument("'" + action + "' is recorded by its own operation (receive, analyse, destroy)");
  }
  s.updated_at = now();
  ABIS_RETURN_IF_ERROR(tx->execute("UPDATE dna_specimens SET state = ?, storage_location = ?, holder = ?, "
                                   "updated_at = ? WHERE id = ?",
                                   {std::string(specimen_state_name(s.state)), s.storage_location, s.holder,
                                    s.updated_at, id})
                           .status());
  ABIS_RETURN_IF_ERROR(append_custody(*tx, id, s.updated_at, who, step.action, from, to, handed_to, step.details));
  AuditEvent event{"dna.specimen.custody", "specimen", id, AuditOutcome::kOk, action};
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return s;
}

Result<Specimen> DnaRegistry::get_specimen(const security::Principal& who, const std::string& id) {
  AuditEvent event{"dna.specimen.read", "specimen", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  Result<Specimen> s = [&]() -> Result<Specimen> {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    return load_specimen(*tx, id);
  }();
  if (!s) return audited(who, event, std::move(s));
  ABIS_RETURN_IF_ERROR(read_audit(who, event.action, "specimen", id));
  return s;
}

Result<std::vector<Specimen>> DnaRegistry::find_specimens(const security::Principal& who, const SpecimenQuery& q) {
  AuditEvent event{"dna.specimen.find", "specimen", "", AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  if (q.limit < 1 || q.limit > 1000) return invalid_argument("limit must be between 1 and 1000");
  std::string sql = std::string("SELECT ") + kSpecimenColumns + " FROM dna_specimens WHERE 1 = 1";
  std::vector<store::Value> params;
  if (q.state) {
    sql += " AND state = ?";
    params.emplace_back(std::string(specimen_state_name(*q.state)));
  }
  if (q.case_number) {
    sql += " AND case_number = ?";
    params.emplace_back(*q.case_number);
  }
  if (q.person_id) {
    sql += " AND person_id = ?";
    params.emplace_back(*q.person_id);
  }
  sql += " ORDER BY received_at DESC, id LIMIT ?";
  params.emplace_back(std::int64_t{q.limit});
  std::vector<Specimen> out;
  {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query(sql, params));
    for (const auto& row : rows) {
      ABIS_ASSIGN_OR_RETURN(Specimen s, specimen_from_row(row));
      out.push_back(std::move(s));
    }
  }
  ABIS_RETURN_IF_ERROR(read_audit(who, event.action, "specimen", "", std::to_string(out.size()) + " found"));
  return out;
}

Result<std::vector<CustodyEntry>> DnaRegistry::custody(const security::Principal& who, const std::string& id) {
  AuditEvent event{"dna.specimen.custody_read", "specimen", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  Result<std::vector<CustodyEntry>> entries = [&]() -> Result<std::vector<CustodyEntry>> {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_RETURN_IF_ERROR(load_specimen(*tx, id).status());
    return load_custody(*tx, id);
  }();
  if (!entries) return audited(who, event, std::move(entries));
  ABIS_RETURN_IF_ERROR(read_audit(who, event.action, "specimen", id));
  return entries;
}

Result<std::vector<Analysis>> DnaRegistry::analyses(const security::Principal& who, const std::string& id) {
  AuditEvent event{"dna.specimen.analyses_read", "specimen", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  Result<std::vector<Analysis>> list = [&]() -> Result<std::vector<Analysis>> {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_RETURN_IF_ERROR(load_specimen(*tx, id).status());
    return load_analyses(*tx, id);
  }();
  if (!list) return audited(who, event, std::move(list));
  ABIS_RETURN_IF_ERROR(read_audit(who, event.action, "specimen", id));
  return list;
}

Result<StoredProfile> DnaRegistry::analyse(const security::Principal& who, const std::string& id,
                                           const AnalysisRequest& request) {
  AuditEvent event{"dna.specimen.analyse", "specimen", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeProfile, event));
  return audited(who, event, analyse_unchecked(who, id, request));
}

Result<StoredProfile> DnaRegistry::store_profile(store::Transaction& tx, const security::Principal& who,
                                                 genome::Profile profile, IndexCategory category,
                                                 const std::string& specimen_id,
                                                 std::optional<std::string> person_id, core::Date collected_on,
                                                 std::vector<security::AuditReceipt>& receipts) {
  profile.category = category;
  ABIS_RETURN_IF_ERROR(genome::validate_for_index(profile, category));
  StoredProfile out;
  ProfileRecord& rec = out.record;
  rec.id = core::new_id(clock_);
  if (profile.id.empty()) profile.id = rec.id;
  rec.specimen_id = specimen_id;
  rec.person_id = person_id;
  rec.category = category;
  rec.state = ProfileState::kActive;
  rec.retention_until = collected_on.plus_years(settings_.storage_years);
  rec.created_at = now();
  rec.created_by = who.username;

  // Duplicate detection at upload: the same person registered twice.
  std::vector<std::uint64_t> dup_keys;
  {
    std::shared_lock lock(index_mutex_);
    if (index_) {
      genome::SearchRequest dup = genome::duplicate_search_request(category, profile);
      ABIS_ASSIGN_OR_RETURN(genome::SearchResult found, index_->search(profile, dup, 1));
      for (const auto& hit : found.hits) dup_keys.push_back(hit.key);
    }
  }
  for (std::uint64_t key : dup_keys) {
    ABIS_ASSIGN_OR_RETURN(auto row, tx.query_one("SELECT id FROM dna_profiles WHERE search_key = ?",
                                                 {static_cast<std::int64_t>(key)}));
    out.duplicates.push_back(row.get_text(0));
  }

  rec.profile = profile;
  ABIS_RETURN_IF_ERROR(
      tx.execute("INSERT INTO dna_profiles (id, specimen_id, person_id, category, state, profile, has_ystr, "
                 "retention_until, created_at, created_by) VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)",
                 {rec.id, specimen_id.empty() ? store::Value() : store::Value(specimen_id), optional_value(person_id),
                  std::string(genome::category_name(category)), genome::profile_to_json(profile),
                  std::int64_t{profile.ystr.empty() ? 0 : 1}, rec.retention_until.to_string(), rec.created_at,
                  rec.created_by})
          .status());
  ABIS_ASSIGN_OR_RETURN(auto key_row, tx.query_one("SELECT search_key FROM dna_profiles WHERE id = ?", {rec.id}));
  rec.search_key = static_cast<std::uint64_t>(key_row.get_int(0));
  std::string detail = std::to_string(profile.loci.size()) + " loci";
  if (!out.duplicates.empty()) detail += ", duplicate of " + out.duplicates[0];
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(tx, who, AuditEvent{"dna.profile.store", "profile", rec.id,
                                                                        AuditOutcome::kOk, detail}));
  receipts.push_back(receipt);
  return out;
}

Result<StoredProfile> DnaRegistry::analyse_unchecked(const security::Principal& who, const std::string& id,
                                                     const AnalysisRequest& request) {
  ABIS_ASSIGN_OR_RETURN(const genome::Kit* kit, genome::find_kit(request.kit));
  if (request.laboratory.empty()) return invalid_argument("laboratory: which laboratory typed the material?");
  if (request.analysed_on > today()) return unprocessable("analysed_on: the analysis date is in the future");
  ABIS_RETURN_IF_ERROR(ensure_index());
  genome::Profile profile = request.profile;
  profile.kit = std::string(kit->name);

  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(Specimen s, load_specimen(*tx, id));
  if (s.state == SpecimenState::kDestroyed)
    return failed_precondition("specimen " + id + " was destroyed; it cannot be analysed");
  if (request.analysed_on < s.receipt.collected_on)
    return unprocessable("analysed_on: before the material was collected (" + s.receipt.collected_on.to_string() + ")");
  profile.relationship = s.receipt.relationship;
  std::vector<security::AuditReceipt> receipts;
  ABIS_ASSIGN_OR_RETURN(StoredProfile stored,
                        store_profile(*tx, who, profile, s.receipt.category, id, s.receipt.person_id,
                                      s.receipt.collected_on, receipts));
  Analysis a;
  a.id = core::new_id(clock_);
  a.created_at = now();
  ABIS_RETURN_IF_ERROR(tx->execute("INSERT INTO dna_analyses (id, specimen_id, kit, laboratory, analysed_on, "
                                   "analyst, profile_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                   {a.id, id, std::string(kit->name), request.laboratory,
                                    request.analysed_on.to_string(), who.username, stored.record.id, a.created_at})
                           .status());
  ABIS_RETURN_IF_ERROR(append_custody(*tx, id, a.created_at, who, CustodyAction::kAnalysed, "", "", "",
                                      std::string(kit->name) + " at " + request.laboratory + ", profile " +
                                          stored.record.id));
  ABIS_RETURN_IF_ERROR(tx->execute("UPDATE dna_specimens SET updated_at = ? WHERE id = ?", {a.created_at, id}).status());
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, AuditEvent{"dna.specimen.analyse", "specimen", id,
                                                                         AuditOutcome::kOk,
                                                                         "profile " + stored.record.id}));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  index_added(stored.record.search_key, stored.record.category, stored.record.profile);
  return stored;
}

Result<InformationCard> DnaRegistry::destroy(const security::Principal& who, const std::string& id,
                                             const DestructionAct& act) {
  AuditEvent event{"dna.specimen.destroy", "specimen", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  return audited(who, event, destroy_unchecked(who, id, act));
}

Result<InformationCard> DnaRegistry::destroy_unchecked(const security::Principal& who, const std::string& id,
                                                       const DestructionAct& act) {
  if (act.act_number.empty()) return invalid_argument("act_number: the destruction act's number is required");
  if (act.reason.empty()) return invalid_argument("reason: why is the material destroyed?");
  if (act.destroyed_on > today()) return unprocessable("destroyed_on: the destruction date is in the future");
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(Specimen s, load_specimen(*tx, id));
  if (s.state == SpecimenState::kDestroyed) return failed_precondition("specimen " + id + " is already destroyed");
  if (act.destroyed_on < s.receipt.collected_on)
    return unprocessable("destroyed_on: before the material was collected (" + s.receipt.collected_on.to_string() + ")");
  const std::string at = now();
  ABIS_RETURN_IF_ERROR(append_custody(*tx, id, at, who, CustodyAction::kDestroyed,
                                      s.state == SpecimenState::kHandedOver ? s.holder : s.storage_location, "", "",
                                      "act " + act.act_number + ": " + act.reason +
                                          (act.witnesses.empty() ? "" : "; witnesses: " + act.witnesses)));
  s.state = SpecimenState::kDestroyed;
  s.updated_at = at;
  ABIS_RETURN_IF_ERROR(tx->execute("UPDATE dna_specimens SET state = 'destroyed', updated_at = ? WHERE id = ?",
                                   {at, id})
                           .status());
  // The card freezes what was known of the material, for as long as its genomic information is kept.
  ABIS_ASSIGN_OR_RETURN(auto custody_entries, load_custody(*tx, id));
  ABIS_ASSIGN_OR_RETURN(auto analysis_list, load_analyses(*tx, id));
  json content = {{"specimen", specimen_to_json(s)},
                  {"custody", json::array()},
                  {"analyses", json::array()},
                  {"destruction",
                   {{"act_number", act.act_number},
                    {"destroyed_on", act.destroyed_on.to_string()},
                    {"reason", act.reason},
                    {"witnesses", act.witnesses},
                    {"destroyed_by", who.username}}}};
  for (const auto& e : custody_entries) content["custody"].push_back(custody_entry_to_json(e));
  for (const auto& a : analysis_list) content["analyses"].push_back(analysis_to_json(a));
  InformationCard card;
  card.specimen_id = id;
  card.act_number = act.act_number;
  card.destroyed_on = act.destroyed_on;
  card.reason = act.reason;
  card.destroyed_by = who.username;
  card.collected_on = s.receipt.collected_on;
  card.keep_until = s.retention_until;
  card.created_at = at;
  card.content = content.dump();
  ABIS_RETURN_IF_ERROR(tx->execute(std::string("INSERT INTO dna_information_cards (") + kCardColumns +
                                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   {id, card.act_number, card.destroyed_on.to_string(), card.reason,
                                    card.destroyed_by, card.collected_on.to_string(), card.keep_until.to_string(),
                                    card.created_at, card.content})
                           .status());
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, AuditEvent{"dna.specimen.destroy", "specimen", id,
                                                                         AuditOutcome::kOk,
                                                                         "act " + act.act_number + ", card kept until " +
                                                                             card.keep_until.to_string()}));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return card;
}

Result<InformationCard> DnaRegistry::information_card(const security::Principal& who, const std::string& id) {
  AuditEvent event{"dna.card.read", "specimen", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  Result<InformationCard> card = [&]() -> Result<InformationCard> {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query(std::string("SELECT ") + kCardColumns +
                                                   " FROM dna_information_cards WHERE specimen_id = ?",
                                               {id}));
    if (rows.empty()) return not_found("no information card for specimen " + id);
    return card_from_row(rows[0]);
  }();
  if (!card) return audited(who, event, std::move(card));
  ABIS_RETURN_IF_ERROR(read_audit(who, event.action, "specimen", id));
  return card;
}

Result<std::vector<InformationCard>> DnaRegistry::information_cards(const security::Principal& who, int limit) {
  AuditEvent event{"dna.card.list", "specimen", "", AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSpecimen, event));
  if (limit < 1 || limit > 1000) return invalid_argument("limit must be between 1 and 1000");
  std::vector<InformationCard> out;
  {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query(std::string("SELECT ") + kCardColumns +
                                                   " FROM dna_information_cards ORDER BY destroyed_on DESC, "
                                                   "specimen_id LIMIT ?",
                                               {std::int64_t{limit}}));
    for (const auto& row : rows) {
      ABIS_ASSIGN_OR_RETURN(InformationCard c, card_from_row(row));
      out.push_back(std::move(c));
    }
  }
  ABIS_RETURN_IF_ERROR(read_audit(who, event.action, "specimen", "", std::to_string(out.size()) + " cards"));
  return out;
}

// --- Retention --------------------------------------------------------------------------------------

Result<RetentionReport> DnaRegistry::run_retention(const security::Principal& who, core::Date as_of) {
  AuditEvent event{"dna.retention", "retention", "", AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kSystemAdmin, event));
  return audited(who, event, retention_unchecked(who, as_of));
}

Result<RetentionReport> DnaRegistry::retention_unchecked(const security::Principal& who, core::Date as_of) {
  RetentionReport report;
  report.as_of = as_of;
  const std::string day = as_of.to_string();
  std::vector<std::uint64_t> expired_keys;
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  // The storage period ends on keep_until: from that day on the card is no longer kept.
  ABIS_ASSIGN_OR_RETURN(auto cards, tx->query("SELECT specimen_id, keep_until FROM dna_information_cards "
                                              "WHERE keep_until <= ? ORDER BY specimen_id",
                                              {day}));
  std::optional<security::AuditReceipt> last;
  for (const auto& row : cards) {
    const std::string specimen = row.get_text(0);
    ABIS_RETURN_IF_ERROR(
        tx->execute("DELETE FROM dna_information_cards WHERE specimen_id = ?", {specimen}).status());
    ABIS_ASSIGN_OR_RETURN(last, audit_.append(*tx, who, AuditEvent{"dna.card.remove", "specimen", specimen,
                                                                    AuditOutcome::kOk,
                                                                    "storage period ended " + row.get_text(1)}));
    report.cards_removed.push_back(specimen);
  }
  ABIS_ASSIGN_OR_RETURN(auto profiles, tx->query("SELECT search_key, id, retention_until FROM dna_profiles "
                                                 "WHERE state = 'active' AND retention_until <= ? ORDER BY search_key",
                                                 {day}));
  for (const auto& row : profiles) {
    const std::string id = row.get_text(1);
    ABIS_RETURN_IF_ERROR(tx->execute("UPDATE dna_profiles SET state = 'expired', profile = NULL WHERE id = ?", {id})
                             .status());
    ABIS_ASSIGN_OR_RETURN(last, audit_.append(*tx, who, AuditEvent{"dna.profile.expire", "profile", id,
                                                                    AuditOutcome::kOk,
                                                                    "storage period ended " + row.get_text(2)}));
    report.profiles_expired.push_back(id);
    expired_keys.push_back(static_cast<std::uint64_t>(row.get_int(0)));
  }
  ABIS_ASSIGN_OR_RETURN(auto overdue, tx->query("SELECT id FROM dna_specimens WHERE state <> 'destroyed' AND "
                                                "retention_until <= ? ORDER BY id",
                                                {day}));
  for (const auto& row : overdue) report.overdue_specimens.push_back(row.get_text(0));
  ABIS_ASSIGN_OR_RETURN(last, audit_.append(*tx, who, AuditEvent{"dna.retention", "retention", day, AuditOutcome::kOk,
                                                                 std::to_string(report.cards_removed.size()) +
                                                                     " cards removed, " +
                                                                     std::to_string(report.profiles_expired.size()) +
                                                                     " profiles expired, " +
                                                                     std::to_string(report.overdue_specimens.size()) +
                                                                     " specimens overdue for destruction"}));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(*last);
  for (std::uint64_t key : expired_keys) index_removed(key);
  return report;
}

// --- Profiles -----------------------------------------------------------------------------------------

Result<StoredProfile> DnaRegistry::import_profile(const security::Principal& who, const genome::Profile& profile,
                                                  IndexCategory category, std::optional<std::string> person_id,
                                                  core::Date collected_on) {
  AuditEvent event{"dna.profile.import", "profile", profile.id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeProfile, event));
  Result<StoredProfile> stored = [&]() -> Result<StoredProfile> {
    if (collected_on > today()) return unprocessable("collected_on: the collection date is in the future");
    ABIS_RETURN_IF_ERROR(ensure_index());
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
    if (person_id) {
      ABIS_ASSIGN_OR_RETURN(auto found, tx->query("SELECT id FROM persons WHERE id = ?", {*person_id}));
      if (found.empty()) return not_found("person_id: no person with id " + *person_id);
    }
    std::vector<security::AuditReceipt> receipts;
    ABIS_ASSIGN_OR_RETURN(StoredProfile s,
                          store_profile(*tx, who, profile, category, "", person_id, collected_on, receipts));
    ABIS_RETURN_IF_ERROR(tx->commit());
    audit_.note_committed(receipts.back());
    index_added(s.record.search_key, s.record.category, s.record.profile);
    return s;
  }();
  return audited(who, event, std::move(stored));
}

Result<std::vector<StoredProfile>> DnaRegistry::import_profiles(const security::Principal& who,
                                                                const std::vector<ImportItem>& items) {
  AuditEvent event{"dna.profile.import", "profile", "", AuditOutcome::kOk,
                   std::to_string(items.size()) + " profiles"};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeProfile, event));
  bool index_touched = false;
  Result<std::vector<StoredProfile>> stored = [&]() -> Result<std::vector<StoredProfile>> {
    ABIS_RETURN_IF_ERROR(ensure_index());
    const core::Date today_date = today();
    std::vector<StoredProfile> out;
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
    std::vector<security::AuditReceipt> receipts;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const ImportItem& item = items[i];
      const std::string where = "profile " + std::to_string(i + 1) +
                                (item.profile.id.empty() ? "" : " (" + item.profile.id + ")");
      if (item.collected_on > today_date)
        return unprocessable(where + ": collected_on is in the future");
      if (item.person_id) {
        ABIS_ASSIGN_OR_RETURN(auto found, tx->query("SELECT id FROM persons WHERE id = ?", {*item.person_id}));
        if (found.empty()) return not_found(where + ": no person with id " + *item.person_id);
      }
      Result<StoredProfile> s = store_profile(*tx, who, item.profile, item.category, "", item.person_id,
                                              item.collected_on, receipts);
      if (!s) return s.status().with_context(where);
      // Into the index at once, so that the rest of the batch is checked against it; undone
      // below if the batch fails.
      index_touched = true;
      index_added(s->record.search_key, s->record.category, s->record.profile);
      out.push_back(std::move(*s));
    }
    ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, event));
    ABIS_RETURN_IF_ERROR(tx->commit());
    audit_.note_committed(receipt);
    return out;
  }();
  if (!stored && index_touched) {
    // The rows were rolled back: forget the index, the next search reloads it from the store.
    std::unique_lock lock(index_mutex_);
    index_.reset();
    index_last_key_ = 0;
  }
  return audited(who, event, std::move(stored));
}

Result<ProfileRecord> DnaRegistry::get_profile(const security::Principal& who, const std::string& id) {
  AuditEvent event{"dna.profile.read", "profile", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeProfile, event));
  Result<ProfileRecord> rec = [&]() -> Result<ProfileRecord> {
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query(std::string("SELECT ") + kProfileColumns +
                                                   " FROM dna_profiles WHERE id = ?",
                                               {id}));
    if (rows.empty()) return not_found("no DNA profile with id " + id);
    return profile_from_row(rows[0]);
  }();
  if (!rec) return audited(who, event, std::move(rec));
  ABIS_RETURN_IF_ERROR(read_audit(who, event.action, "profile", id));
  return rec;
}

// --- The search index ---------------------------------------------------------------------------------

Status DnaRegistry::ensure_index() {
  {
    std::shared_lock lock(index_mutex_);
    if (index_) return Status::ok();
  }
  std::unique_lock lock(index_mutex_);
  if (index_) return Status::ok();
  auto index = std::make_unique<genome::SearchIndex>();
  std::uint64_t last = 0;
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
  ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT search_key, id, category, profile FROM dna_profiles "
                                             "WHERE state = 'active' ORDER BY search_key"));
  for (const auto& row : rows) {
    const std::string id = row.get_text(1);
    Result<IndexCategory> category = genome::parse_category(row.get_text(2));
    if (!category) return data_corrupt("stored profile " + id + " has an unknown category");
    ABIS_ASSIGN_OR_RETURN(genome::Profile p, stored_profile_json(row.get_text(3), id));
    last = static_cast<std::uint64_t>(row.get_int(0));
    ABIS_RETURN_IF_ERROR(index->add(last, *category, p));
  }
  index_ = std::move(index);
  index_last_key_ = last;
  return Status::ok();
}

void DnaRegistry::index_added(std::uint64_t key, IndexCategory category, const genome::Profile& profile) {
  std::unique_lock lock(index_mutex_);
  // Not loaded yet: the load will read the committed row. Already loaded with it: nothing to do.
  if (!index_ || key <= index_last_key_) return;
  if (index_->add(key, category, profile).is_ok()) index_last_key_ = key;
}

void DnaRegistry::index_removed(std::uint64_t key) {
  std::unique_lock lock(index_mutex_);
  if (index_) index_->remove(key);
}

Result<std::vector<std::string>> DnaRegistry::profile_ids_for_keys(const std::vector<std::uint64_t>& keys) {
  std::vector<std::string> out(keys.size());
  if (keys.empty()) return out;
  std::map<std::uint64_t, std::string> ids;
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
  constexpr std::size_t kChunk = 500;
  for (std::size_t start = 0; start < keys.size(); start += kChunk) {
    std::size_t n = std::min(kChunk, keys.size() - start);
    std::vector<store::Value> params;
    for (std::size_t i = 0; i < n; ++i) params.emplace_back(static_cast<std::int64_t>(keys[start + i]));
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT search_key, id FROM dna_profiles WHERE search_key IN (" +
                                                   placeholders(n) + ")",
                                               params));
    for (const auto& row : rows) ids[static_cast<std::uint64_t>(row.get_int(0))] = row.get_text(1);
  }
  for (std::size_t i = 0; i < keys.size(); ++i) out[i] = ids[keys[i]];
  return out;
}

// --- Searches -----------------------------------------------------------------------------------------

Result<DnaSearchOutcome> DnaRegistry::search(const security::Principal& who, const genome::Profile& target,
                                             IndexCategory category, const genome::MatchCriteria& criteria,
                                             std::size_t max_results) {
  AuditEvent event{"dna.search", "profile", target.id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSearch, event));
  Result<DnaSearchOutcome> outcome = [&]() -> Result<DnaSearchOutcome> {
    ABIS_RETURN_IF_ERROR(genome::validate_for_index(target, category));
    ABIS_RETURN_IF_ERROR(ensure_index());
    DnaSearchOutcome out;
    out.request.criteria = criteria;
    out.request.categories = genome::direct_search_mask(category);
    out.request.max_results = max_results;
    {
      std::shared_lock lock(index_mutex_);
      ABIS_ASSIGN_OR_RETURN(out.result, index_->search(target, out.request));
    }
    std::vector<std::uint64_t> keys;
    for (const auto& hit : out.result.hits) keys.push_back(hit.key);
    ABIS_ASSIGN_OR_RETURN(out.hit_profile_ids, profile_ids_for_keys(keys));
    return out;
  }();
  if (!outcome) return audited(who, event, std::move(outcome));
  event.detail = std::string(genome::category_name(category)) + ", " +
                 std::string(genome::stringency_name(criteria.stringency)) + ", " +
                 std::to_string(outcome->result.total_hits) + " hit(s)";
  ABIS_RETURN_IF_ERROR(audit_.record(db_, who, event));
  return outcome;
}

Result<genome::FrequencyTable> DnaRegistry::load_table(const std::string& population) {
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
  ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT csv FROM dna_frequency_tables WHERE population = ? "
                                             "ORDER BY version DESC LIMIT 1",
                                             {population}));
  if (rows.empty()) return not_found("no frequency table for population '" + population + "' (store one first)");
  ABIS_ASSIGN_OR_RETURN(genome::FrequencyDatabase db, genome::parse_frequency_csv(rows[0].get_text(0), population));
  const genome::FrequencyTable* t = db.find(population);
  if (t == nullptr) return data_corrupt("stored frequency table of '" + population + "' does not name it");
  return *t;
}

Result<NamedRelatives> DnaRegistry::search_relatives(const security::Principal& who, const genome::Profile& target,
                                                     IndexCategory category, const std::string& population,
                                                     const genome::RelativesSearchOptions& options) {
  AuditEvent event{"dna.relatives", "profile", target.id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSearch, event));
  Result<NamedRelatives> outcome = [&]() -> Result<NamedRelatives> {
    genome::CategoryMask mask = genome::kinship_search_mask(category);
    if (mask == 0)
      return failed_precondition("a " + std::string(genome::category_name(category)) +
                                 " profile is not compared with relatives (see the search table)");
    ABIS_ASSIGN_OR_RETURN(genome::FrequencyTable table, load_table(population));
    std::vector<store::Value> cats = category_values(mask);
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT search_key, id, profile FROM dna_profiles WHERE state = "
                                               "'active' AND category IN (" + placeholders(cats.size()) + ")",
                                               cats));
    std::vector<genome::Profile> profiles;
    std::vector<std::string> ids;
    profiles.reserve(rows.size());
    for (const auto& row : rows) {
      ABIS_ASSIGN_OR_RETURN(genome::Profile p, stored_profile_json(row.get_text(2), row.get_text(1)));
      profiles.push_back(std::move(p));
      ids.push_back(row.get_text(1));
    }
    // The relationship is the relative's: the candidate's when relatives are searched, the
    // target's in the reverse search (a new relative against the unidentified).
    std::vector<genome::KinshipCandidate> candidates;
    for (std::size_t i = 0; i < profiles.size(); ++i)
      candidates.push_back({i, &profiles[i],
                            category == IndexCategory::kMissingPersonRelative ? target.relationship
                                                                              : profiles[i].relationship});
    NamedRelatives out;
    ABIS_ASSIGN_OR_RETURN(out.result, genome::rank_relatives(target, candidates, table, options));
    for (const auto& r : out.result.ranked) out.profile_ids.push_back(ids[r.key]);
    return out;
  }();
  if (!outcome) return audited(who, event, std::move(outcome));
  event.detail = population + ", " + std::to_string(outcome->result.ranked.size()) + " ranked";
  ABIS_RETURN_IF_ERROR(audit_.record(db_, who, event));
  return outcome;
}

Result<NamedPaternal> DnaRegistry::search_paternal(const security::Principal& who, const genome::Profile& target,
                                                   IndexCategory category,
                                                   const genome::PaternalSearchOptions& options) {
  AuditEvent event{"dna.paternal", "profile", target.id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSearch, event));
  Result<NamedPaternal> outcome = [&]() -> Result<NamedPaternal> {
    genome::CategoryMask mask = genome::direct_search_mask(category) | genome::kinship_search_mask(category);
    std::vector<store::Value> cats = category_values(mask);
    if (cats.empty()) return failed_precondition("this index is not searched against any other");
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
    ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT id, profile FROM dna_profiles WHERE state = 'active' AND "
                                               "has_ystr = 1 AND category IN (" + placeholders(cats.size()) + ")",
                                               cats));
    std::vector<genome::Profile> profiles;
    std::vector<std::string> ids;
    for (const auto& row : rows) {
      ABIS_ASSIGN_OR_RETURN(genome::Profile p, stored_profile_json(row.get_text(1), row.get_text(0)));
      profiles.push_back(std::move(p));
      ids.push_back(row.get_text(0));
    }
    std::vector<genome::PaternalCandidate> candidates;
    for (std::size_t i = 0; i < profiles.size(); ++i) candidates.push_back({i, &profiles[i]});
    NamedPaternal out;
    ABIS_ASSIGN_OR_RETURN(out.result, genome::search_paternal_line(target, candidates, options));
    for (const auto& h : out.result.hits) out.profile_ids.push_back(ids[h.key]);
    return out;
  }();
  if (!outcome) return audited(who, event, std::move(outcome));
  event.detail = std::to_string(outcome->result.hits.size()) + " hit(s)";
  ABIS_RETURN_IF_ERROR(audit_.record(db_, who, event));
  return outcome;
}

Result<genome::MatchStatistics> DnaRegistry::statistics(const security::Principal& who, const genome::Profile& profile,
                                                        const std::string& population,
                                                        const genome::StatisticsOptions& options) {
  AuditEvent event{"dna.stats", "profile", profile.id, AuditOutcome::kOk, population};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSearch, event));
  Result<genome::MatchStatistics> stats = [&]() -> Result<genome::MatchStatistics> {
    ABIS_ASSIGN_OR_RETURN(genome::FrequencyTable table, load_table(population));
    return genome::random_match_probability(profile, table, options);
  }();
  if (!stats) return audited(who, event, std::move(stats));
  ABIS_RETURN_IF_ERROR(audit_.record(db_, who, event));
  return stats;
}

Result<genome::KinshipResult> DnaRegistry::kinship(const security::Principal& who, const genome::Profile& a,
                                                   const genome::Profile& b, genome::Kinship relation,
                                                   const std::string& population,
                                                   const genome::KinshipOptions& options) {
  AuditEvent event{"dna.kinship", "profile", a.id + "," + b.id, AuditOutcome::kOk,
                   std::string(genome::kinship_name(relation)) + ", " + population};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSearch, event));
  Result<genome::KinshipResult> result = [&]() -> Result<genome::KinshipResult> {
    ABIS_ASSIGN_OR_RETURN(genome::FrequencyTable table, load_table(population));
    return genome::kinship_index(a, b, relation, table, options);
  }();
  if (!result) return audited(who, event, std::move(result));
  ABIS_RETURN_IF_ERROR(audit_.record(db_, who, event));
  return result;
}

// --- Frequency tables ---------------------------------------------------------------------------------

Status DnaRegistry::store_frequency_table(const security::Principal& who, const genome::FrequencyTable& table,
                                          const std::string& source) {
  AuditEvent event{"dna.frequencies.store", "frequency_table", table.population, AuditOutcome::kOk, source};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeProfile, event));
  Result<bool> done = [&]() -> Result<bool> {
    if (table.population.empty()) return invalid_argument("population: a frequency table needs a name");
    if (table.loci.empty()) return invalid_argument("the frequency table has no locus");
    genome::FrequencyDatabase db;
    db.populations.push_back(table);
    ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
    ABIS_ASSIGN_OR_RETURN(auto row, tx->query_one("SELECT COALESCE(MAX(version), 0) + 1 FROM dna_frequency_tables "
                                                  "WHERE population = ?",
                                                  {table.population}));
    std::int64_t version = row.get_int(0);
    ABIS_RETURN_IF_ERROR(tx->execute("INSERT INTO dna_frequency_tables (population, version, source, csv, "
                                     "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                                     {table.population, version, source, genome::format_frequency_csv(db), now(),
                                      who.username})
                             .status());
    AuditEvent e = event;
    e.detail = "version " + std::to_string(version) + ", " + source;
    ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, e));
    ABIS_RETURN_IF_ERROR(tx->commit());
    audit_.note_committed(receipt);
    return true;
  }();
  return audited(who, event, std::move(done)).status();
}

Result<genome::FrequencyTable> DnaRegistry::compute_frequency_table(const security::Principal& who,
                                                                    const std::string& population,
                                                                    genome::CategoryMask categories) {
  AuditEvent event{"dna.frequencies.compute", "frequency_table", population, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeProfile, event));
  // Mixtures never contribute: their alleles are not one person's.
  categories &= static_cast<genome::CategoryMask>(~genome::category_bit(IndexCategory::kForensicMixture));
  Result<genome::FrequencyTable> table = [&]() -> Result<genome::FrequencyTable> {
    std::vector<store::Value> cats = category_values(categories);
    if (cats.empty()) return invalid_argument("no index to count alleles in");
    std::vector<genome::Profile> profiles;
    {
      ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
      ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT id, profile FROM dna_profiles WHERE state = 'active' "
                                                 "AND category IN (" + placeholders(cats.size()) + ")",
                                                 cats));
      for (const auto& row : rows) {
        ABIS_ASSIGN_OR_RETURN(genome::Profile p, stored_profile_json(row.get_text(1), row.get_text(0)));
        profiles.push_back(std::move(p));
      }
    }
    if (profiles.empty()) return failed_precondition("no stored profile in the chosen indexes");
    return genome::compute_frequency_table(profiles, population);
  }();
  if (!table) return audited(who, event, std::move(table));
  ABIS_RETURN_IF_ERROR(store_frequency_table(
      who, *table, "computed from " + std::to_string(static_cast<long long>(table->n_individuals)) + " stored profiles"));
  return table;
}

Result<genome::FrequencyTable> DnaRegistry::frequency_table(const security::Principal& who,
                                                            const std::string& population) {
  AuditEvent event{"dna.frequencies.read", "frequency_table", population, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSearch, event));
  Result<genome::FrequencyTable> t = load_table(population);
  if (!t) return audited(who, event, std::move(t));
  ABIS_RETURN_IF_ERROR(audit_.record(db_, who, event));
  return t;
}

Result<std::vector<std::string>> DnaRegistry::frequency_populations(const security::Principal& who) {
  AuditEvent event{"dna.frequencies.list", "frequency_table", "", AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kGenomeSearch, event));
  std::vector<std::string> out;
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kRead));
  ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT DISTINCT population FROM dna_frequency_tables ORDER BY population"));
  for (const auto& row : rows) out.push_back(row.get_text(0));
  return out;
}

}  // namespace abis::registry
