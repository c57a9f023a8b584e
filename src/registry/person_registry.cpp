#include "registry/person_registry.h"

#include <nlohmann/json.hpp>

#include <set>

#include "core/ids.h"
#include "core/json_reader.h"
#include "registry/name_folding.h"
#include "registry/person_json.h"

namespace abis::registry {
namespace {

using security::AuditEvent;
using security::AuditOutcome;
using security::Permission;

constexpr int kMaxResults = 500;

std::optional<PersonState> state_from_name(const std::string& s) {
  if (s == "active") return PersonState::kActive;
  if (s == "blocked") return PersonState::kBlocked;
  if (s == "depersonalised") return PersonState::kDepersonalised;
  return std::nullopt;
}

Result<PersonData> data_from_stored(const std::string& text) {
  auto j = core::parse_json(text, 16 << 20);
  if (!j.is_ok()) return data_corrupt("stored person record is not valid JSON");
  auto data = person_data_from_json(*j);
  if (!data.is_ok()) return data_corrupt("stored person record does not parse: " + data.status().message());
  return data;
}

// "LIKE" pattern for a prefix, escaping the wildcard characters.
std::string like_prefix(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

PersonRegistry::PersonRegistry(store::Database& db, security::AuditLog& audit,
                               security::AccessControl& access, const core::Clock& clock)
    : db_(db), audit_(audit), access_(access), clock_(clock) {}

core::Date PersonRegistry::today() const {
  return core::Date::from_days(clock_.now_micros() / 1'000'000 / 86400);
}

Status PersonRegistry::write_search_keys(store::Transaction& tx, const std::string& id, const PersonData& p) {
  ABIS_RETURN_IF_ERROR(tx.execute("DELETE FROM person_names WHERE person_id = ?", {id}).status());
  std::set<std::string> keys;
  for (const PersonName* n : {&p.name_kk, &p.name_ru, &p.name_latin}) {
    if (n->empty()) continue;
    keys.insert(fold_name(n->surname));
    keys.insert(fold_name(n->given_name));
    keys.insert(fold_name(n->surname + " " + n->given_name + " " + n->patronymic));
  }
  keys.erase("");
  for (const auto& k : keys) {
    ABIS_RETURN_IF_ERROR(
        tx.execute("INSERT INTO person_names (person_id, name_folded) VALUES (?, ?)", {id, k}).status());
  }
  return Status::ok();
}

Result<PersonRecord> PersonRegistry::load(store::Transaction& tx, const std::string& id) {
  ABIS_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, current_version, state, data, created_at, updated_at "
                                            "FROM persons WHERE id = ?",
                                            {id}));
  if (rows.empty()) return not_found("no person with id " + id);
  PersonRecord rec;
  rec.id = rows[0].get_text(0);
  rec.version = static_cast<int>(rows[0].get_int(1));
  rec.state = state_from_name(rows[0].get_text(2)).value_or(PersonState::kActive);
  ABIS_ASSIGN_OR_RETURN(rec.data, data_from_stored(rows[0].get_text(3)));
  rec.created_at = rows[0].get_text(4);
  rec.updated_at = rows[0].get_text(5);
  return rec;
}

template <typename T>
Result<T> PersonRegistry::audit_refusal(const security::Principal& who, AuditEvent event, Result<T> result) {
  if (result.is_ok()) return result;
  event.outcome = AuditOutcome::kFailed;
  event.detail = result.status().message();
  Status logged = audit_.record(db_, who, event);
  if (!logged.is_ok()) return logged;
  return result;
}

Result<PersonRecord> PersonRegistry::create(const security::Principal& who, const PersonData& input,
                                            const std::string& reason) {
  AuditEvent event{"person.create", "person", "", AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kPersonWrite, event));
  return audit_refusal(who, event, create_unchecked(who, input, reason));
}

Result<PersonRecord> PersonRegistry::create_unchecked(const security::Principal& who, const PersonData& input,
                                                      const std::string& reason) {
  AuditEvent event{"person.create", "person", "", AuditOutcome::kOk, {}};
  PersonData data = input;
  if (data.iin && !data.birth_date) {
    if (auto info = parse_iin(*data.iin); info.is_ok()) data.birth_date = info->birth_date;
  }
  ABIS_RETURN_IF_ERROR(validate_person(data, today()));
  PersonRecord rec;
  rec.id = core::new_id(clock_);
  rec.version = 1;
  rec.created_at = rec.updated_at = core::format_utc(clock_.now_micros());
  rec.data = data;
  std::string text = person_data_to_json(data).dump();
  store::Value iin = data.iin ? store::Value(*data.iin) : store::Value();
  store::Value birth = data.birth_date ? store::Value(data.birth_date->to_string()) : store::Value();

  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  if (data.iin) {
    ABIS_ASSIGN_OR_RETURN(auto dup, tx->query("SELECT id FROM persons WHERE iin = ?", {*data.iin}));
    if (!dup.empty()) {
      return already_exists("a person with this IIN is already registered (person " + dup[0].get_text(0) + ")");
    }
  }
  ABIS_RETURN_IF_ERROR(tx->execute("INSERT INTO persons (id, iin, current_version, state, birth_date, data, "
                                   "created_at, updated_at) VALUES (?, ?, 1, 'active', ?, ?, ?, ?)",
                                   {rec.id, iin, birth, text, rec.created_at, rec.updated_at})
                           .status());
  ABIS_RETURN_IF_ERROR(tx->execute("INSERT INTO person_versions (person_id, version, data, changed_at, "
                                   "changed_by, workstation, reason) VALUES (?, 1, ?, ?, ?, ?, ?)",
                                   {rec.id, text, rec.created_at, who.username, who.workstation_name, reason})
                           .status());
  ABIS_RETURN_IF_ERROR(write_search_keys(*tx, rec.id, data));
  event.object_id = rec.id;
  event.detail = "version 1";
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return rec;
}

Result<PersonRecord> PersonRegistry::update(const security::Principal& who, const std::string& id,
                                            const PersonData& input, int expected_version,
                                            const std::string& reason) {
  AuditEvent event{"person.update", "person", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kPersonWrite, event));
  return audit_refusal(who, event, update_unchecked(who, id, input, expected_version, reason));
}

Result<PersonRecord> PersonRegistry::update_unchecked(const security::Principal& who, const std::string& id,
                                                      const PersonData& input, int expected_version,
                                                      const std::string& reason) {
  AuditEvent event{"person.update", "person", id, AuditOutcome::kOk, {}};
  PersonData data = input;
  if (data.iin && !data.birth_date) {
    if (auto info = parse_iin(*data.iin); info.is_ok()) data.birth_date = info->birth_date;
  }
  ABIS_RETURN_IF_ERROR(validate_person(data, today()));
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(PersonRecord rec, load(*tx, id));
  if (expected_version != 0 && expected_version != rec.version) {
    return failed_precondition("person " + id + " was changed meanwhile: you edited version " +
                               std::to_string(expected_version) + ", the current one is " +
                               std::to_string(rec.version) + "; reload and apply your change again");
  }
  if (rec.state != PersonState::kActive) {
    return failed_precondition("person " + id + " is " + std::string(person_state_name(rec.state)) +
                               " and cannot be changed");
  }
  if (rec.data == data) return rec;  // nothing changed: no new version
  if (data.iin && data.iin != rec.data.iin) {
    ABIS_ASSIGN_OR_RETURN(auto dup, tx->query("SELECT id FROM persons WHERE iin = ? AND id <> ?", {*data.iin, id}));
    if (!dup.empty()) {
      return already_exists("another person with this IIN is already registered (person " + dup[0].get_text(0) + ")");
    }
  }
  rec.version += 1;
  rec.updated_at = core::format_utc(clock_.now_micros());
  rec.data = data;
  std::string text = person_data_to_json(data).dump();
  store::Value iin = data.iin ? store::Value(*data.iin) : store::Value();
  store::Value birth = data.birth_date ? store::Value(data.birth_date->to_string()) : store::Value();
  ABIS_RETURN_IF_ERROR(tx->execute("UPDATE persons SET iin = ?, current_version = ?, birth_date = ?, data = ?, "
                                   "updated_at = ? WHERE id = ?",
                                   {iin, std::int64_t{rec.version}, birth, text, rec.updated_at, id})
                           .status());
  ABIS_RETURN_IF_ERROR(tx->execute("INSERT INTO person_versions (person_id, version, data, changed_at, "
                                   "changed_by, workstation, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   {id, std::int64_t{rec.version}, text, rec.updated_at, who.username,
                                    who.workstation_name, reason})
                           .status());
  ABIS_RETURN_IF_ERROR(write_search_keys(*tx, id, data));
  event.detail = "version " + std::to_string(rec.version);
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return rec;
}

Result<PersonRecord> PersonRegistry::get(const security::Principal& who, const std::string& id) {
  AuditEvent event{"person.read", "person", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kPersonRead, event));
  // Read and audit in one write transaction: the data is returned only if the read is recorded.
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  auto rec = load(*tx, id);
  if (!rec.is_ok()) {
    event.outcome = AuditOutcome::kFailed;
    event.detail = rec.status().message();
  } else {
    event.detail = "version " + std::to_string(rec->version);
  }
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return rec;
}

Result<std::vector<PersonVersion>> PersonRegistry::history(const security::Principal& who, const std::string& id) {
  AuditEvent event{"person.history", "person", id, AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kPersonRead, event));
  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(auto rows, tx->query("SELECT version, data, changed_at, changed_by, workstation, reason "
                                             "FROM person_versions WHERE person_id = ? ORDER BY version",
                                             {id}));
  std::vector<PersonVersion> out;
  for (const auto& r : rows) {
    PersonVersion v;
    v.version = static_cast<int>(r.get_int(0));
    ABIS_ASSIGN_OR_RETURN(v.data, data_from_stored(r.get_text(1)));
    v.changed_at = r.get_text(2);
    v.changed_by = r.get_text(3);
    v.workstation = r.get_text(4);
    v.reason = r.get_text(5);
    out.push_back(std::move(v));
  }
  Status result = out.empty() ? not_found("no person with id " + id) : Status::ok();
  event.outcome = result.is_ok() ? AuditOutcome::kOk : AuditOutcome::kFailed;
  event.detail = std::to_string(out.size()) + " versions";
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  if (!result.is_ok()) return result;
  return out;
}

Result<std::vector<PersonRecord>> PersonRegistry::find(const security::Principal& who, const PersonQuery& q) {
  AuditEvent event{"person.find", "person", "", AuditOutcome::kOk, {}};
  ABIS_RETURN_IF_ERROR(access_.require(who, Permission::kPersonRead, event));
  return audit_refusal(who, event, find_unchecked(who, q));
}

Result<std::vector<PersonRecord>> PersonRegistry::find_unchecked(const security::Principal& who,
                                                                 const PersonQuery& q) {
  AuditEvent event{"person.find", "person", "", AuditOutcome::kOk, {}};
  if (!q.iin && !q.name && !q.birth_date) {
    return invalid_argument("give at least one of iin, name, birth_date to search by");
  }
  if (q.limit < 1 || q.limit > kMaxResults) {
    return invalid_argument("limit must be 1 to " + std::to_string(kMaxResults));
  }
  std::string folded;
  if (q.name) {
    folded = fold_name(*q.name);
    if (folded.size() < 2) return invalid_argument("a name to search by needs at least 2 characters");
  }
  std::string sql = "SELECT DISTINCT p.id FROM persons p";
  std::vector<store::Value> params;
  std::vector<std::string> where;
  if (q.name) {
    sql += " JOIN person_names n ON n.person_id = p.id";
    where.push_back("n.name_folded LIKE ? ESCAPE '\\'");
    params.emplace_back(like_prefix(folded));
  }
  if (q.iin) {
    where.push_back("p.iin = ?");
    params.emplace_back(*q.iin);
  }
  if (q.birth_date) {
    where.push_back("p.birth_date = ?");
    params.emplace_back(q.birth_date->to_string());
  }
  for (std::size_t i = 0; i < where.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + where[i];
  sql += " ORDER BY p.id LIMIT ?";
  params.emplace_back(std::int64_t{q.limit});

  ABIS_ASSIGN_OR_RETURN(auto tx, db_.begin(store::TransactionMode::kWrite));
  ABIS_ASSIGN_OR_RETURN(auto rows, tx->query(sql, params));
  std::vector<PersonRecord> out;
  std::string ids;
  for (const auto& r : rows) {
    ABIS_ASSIGN_OR_RETURN(PersonRecord rec, load(*tx, r.get_text(0)));
    if (!ids.empty()) ids += ",";
    ids += rec.id;
    out.push_back(std::move(rec));
  }
  std::string criteria;
  if (q.iin) criteria += " iin";
  if (q.name) criteria += " name";
  if (q.birth_date) criteria += " birth_date";
  event.detail = "by" + criteria + "; " + std::to_string(out.size()) + " found" + (ids.empty() ? "" : ": " + ids);
  ABIS_ASSIGN_OR_RETURN(auto receipt, audit_.append(*tx, who, event));
  ABIS_RETURN_IF_ERROR(tx->commit());
  audit_.note_committed(receipt);
  return out;
}

}  // namespace abis::registry
