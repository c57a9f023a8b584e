// The genomic subsystem over HTTP: biological material and its custody, profiles, searches,
// statistics, kinship, frequency tables and the retention job. Each route maps JSON to one
// DnaRegistry call (which checks the DNA officer's permissions and audits); shapes are in
// docs/formats/dna_records.md and docs/formats/dna_results.md.
#include <map>

#include "api/routes.h"
#include "core/json_reader.h"
#include "genome/result_json.h"
#include "registry/dna_json.h"

namespace abis::api {
namespace {

using nlohmann::json;
using registry::DnaRegistry;

ApiResponse created(const json& body) { return json_response(201, body); }

// The profile a request names: inline ("profile": {...}) or stored ("profile_id": "...").
struct Target {
  genome::Profile profile;
  std::optional<genome::IndexCategory> category;  // from the stored record or the inline profile
};

Result<Target> read_target(ApiContext& ctx, const security::Principal& who, core::JsonObjectReader& r,
                           const char* object_key, const char* id_key) {
  const json* inline_profile = r.optional_object(object_key);
  std::optional<std::string> id = r.optional_string(id_key, 64);
  if (!r.status().is_ok()) return r.status();
  if ((inline_profile == nullptr) == !id)
    return invalid_argument(std::string("give either ") + object_key + " or " + id_key);
  Target t;
  if (inline_profile) {
    ABIS_ASSIGN_OR_RETURN(t.profile, registry::profile_from_json(*inline_profile));
    t.category = t.profile.category;
    return t;
  }
  ABIS_ASSIGN_OR_RETURN(registry::ProfileRecord rec, ctx.system.dna().get_profile(who, *id));
  if (rec.state != registry::ProfileState::kActive)
    return failed_precondition("profile " + *id + " has expired: its storage period ended");
  t.profile = rec.profile;
  t.profile.id = rec.id;
  t.category = rec.category;
  return t;
}

Result<genome::IndexCategory> category_of(core::JsonObjectReader& r, const Target& t,
                                          genome::IndexCategory fallback) {
  std::optional<std::string> name = r.optional_string("category", 64);
  if (name) return genome::parse_category(*name);
  return t.category.value_or(fallback);
}

// Runs a handler that reads one JSON body, turning every error into a response; input errors
// the registry never saw are audited under `action`.
template <typename F>
ApiResponse with_body(ApiContext& ctx, const ApiRequest& req, const security::Principal& who,
                      const std::string& action, const std::string& object_id, F&& f) {
  auto body = read_json_body(ctx, req, who, action);
  if (!body.is_ok()) return error_response(body.status());
  core::JsonObjectReader r(*body, "");
  bool reached_registry = false;
  Result<ApiResponse> out = f(r, reached_registry);
  if (out.is_ok()) return *out;
  if (!reached_registry) (void)audit_refusal(ctx, who, action, object_id, out.status());
  return error_response(out.status());
}

genome::KeyName names_from(const std::vector<std::uint64_t>& keys, const std::vector<std::string>& ids) {
  auto table = std::make_shared<std::map<std::uint64_t, std::string>>();
  for (std::size_t i = 0; i < keys.size() && i < ids.size(); ++i) (*table)[keys[i]] = ids[i];
  return [table](std::uint64_t key) {
    auto it = table->find(key);
    return it == table->end() ? std::to_string(key) : it->second;
  };
}

int query_limit(const ApiRequest& req, int fallback) {
  if (!req.has_query("limit")) return fallback;
  try {
    return std::stoi(req.query_value("limit"));
  } catch (...) {
    return -1;  // refused by the registry's range check
  }
}

}  // namespace

void add_dna_schemas(nlohmann::json& schemas) {
  auto object = [](std::initializer_list<const char*> fields) {
    json props = json::object();
    for (const char* f : fields) props[f] = json::object();
    return json{{"type", "object"}, {"properties", props}};
  };
  schemas["SpecimenReceipt"] = object({"category", "material", "collected_on", "received_from", "laboratory_number",
                                       "person_id", "case_number", "scene", "consent_document", "relationship",
                                       "penitentiary_record", "description"});
  schemas["Specimen"] = object({"specimen"});
  schemas["SpecimenDetail"] = object({"specimen", "custody", "analyses"});
  schemas["SpecimenList"] = object({"specimens"});
  schemas["CustodyStep"] = object({"action", "location", "handed_to", "details"});
  schemas["AnalysisRequest"] = object({"kit", "laboratory", "analysed_on", "profile"});
  schemas["StoredProfile"] = object({"profile", "duplicates"});
  schemas["ProfileImport"] = object({"profile", "category", "person_id", "collected_on"});
  schemas["DnaProfile"] = object({"id", "specimen_id", "person_id", "category", "state", "retention_until",
                                  "profile"});
  schemas["DestructionAct"] = object({"act_number", "destroyed_on", "reason", "witnesses"});
  schemas["InformationCard"] = object({"specimen_id", "act_number", "destroyed_on", "reason", "destroyed_by",
                                       "collected_on", "keep_until", "content"});
  schemas["InformationCardList"] = object({"cards"});
  schemas["RetentionReport"] = object({"as_of", "cards_removed", "profiles_expired", "overdue_specimens"});
  schemas["DnaSearchRequest"] = object({"profile", "profile_id", "category", "stringency", "min_loci",
                                        "max_mismatches", "max_results"});
  schemas["DnaSearchResult"] = object({"target", "stringency", "profiles_searched", "total_hits", "truncated",
                                       "hits"});
  schemas["DnaStatsRequest"] = object({"profile", "profile_id", "population", "theta", "min_frequency"});
  schemas["DnaStats"] = object({"population", "theta", "rmp", "inverse", "loci", "notes"});
  schemas["DnaKinshipRequest"] = object({"a", "a_id", "b", "b_id", "relation", "population", "mutation_rate", "theta"});
  schemas["DnaKinship"] = object({"relation", "combined_index", "theta", "loci", "notes"});
  schemas["DnaRelativesRequest"] = object({"profile", "profile_id", "category", "population", "min_index",
                                           "max_results", "theta"});
  schemas["DnaRelatives"] = object({"candidates_scored", "ranked", "notes"});
  schemas["DnaPaternalRequest"] = object({"profile", "profile_id", "category", "max_differences", "min_markers"});
  schemas["DnaPaternal"] = object({"haplotypes_searched", "exact_matches", "hits"});
  schemas["FrequencyTableRequest"] = object({"population", "csv", "compute_from"});
  schemas["FrequencyTableStored"] = object({"population", "loci", "n_individuals"});
  schemas["PopulationList"] = object({"populations"});
}

void add_dna_routes(Router& router, ApiContext& ctx) {
  // --- Biological material ---
  router.add("POST", "/api/v1/dna/specimens",
             {"Receive biological material (first custody entry)", "dna", "genome.specimen", "SpecimenReceipt",
              "Specimen", 201},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto body = read_json_body(ctx, req, who, "dna.specimen.receive");
               if (!body.is_ok()) return error_response(body.status());
               auto receipt = registry::specimen_receipt_from_json(*body);
               if (!receipt.is_ok()) {
                 (void)audit_refusal(ctx, who, "dna.specimen.receive", "", receipt.status());
                 return error_response(receipt.status());
               }
               auto s = ctx.system.dna().receive(who, *receipt);
               if (!s.is_ok()) return error_response(s.status());
               return created({{"specimen", registry::specimen_to_json(*s)}});
             }));
  router.add("GET", "/api/v1/dna/specimens",
             {"Find biological material by state, case or donor", "dna", "genome.specimen", "", "SpecimenList", 200,
              {"state", "case_number", "person_id", "limit"}},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               registry::SpecimenQuery q;
               if (req.has_query("state")) {
                 q.state = registry::specimen_state_from_name(req.query_value("state"));
                 if (!q.state)
                   return error_response(invalid_argument("state: one of received, stored, handed_over, destroyed"));
               }
               if (req.has_query("case_number")) q.case_number = req.query_value("case_number");
               if (req.has_query("person_id")) q.person_id = req.query_value("person_id");
               q.limit = query_limit(req, 100);
               auto found = ctx.system.dna().find_specimens(who, q);
               if (!found.is_ok()) return error_response(found.status());
               json list = json::array();
               for (const auto& s : *found) list.push_back(registry::specimen_to_json(s));
               return json_response(200, {{"specimens", list}});
             }));
  router.add("GET", "/api/v1/dna/specimens/{id}",
             {"A specimen with its chain of custody and analyses", "dna", "genome.specimen", "", "SpecimenDetail"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               const std::string& id = req.path_params.at("id");
               auto s = ctx.system.dna().get_specimen(who, id);
               if (!s.is_ok()) return error_response(s.status());
               auto custody = ctx.system.dna().custody(who, id);
               if (!custody.is_ok()) return error_response(custody.status());
               auto analyses = ctx.system.dna().analyses(who, id);
               if (!analyses.is_ok()) return error_response(analyses.status());
               json c = json::array(), a = json::array();
               for (const auto& e : *custody) c.push_back(registry::custody_entry_to_json(e));
               for (const auto& x : *analyses) a.push_back(registry::analysis_to_json(x));
               return json_response(200, {{"specimen", registry::specimen_to_json(*s)}, {"custody", c}, {"analyses", a}});
             }));
  router.add("POST", "/api/v1/dna/specimens/{id}/custody",
             {"Record a custody step: store, move, hand_over, return, note", "dna", "genome.specimen", "CustodyStep",
              "Specimen"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               const std::string& id = req.path_params.at("id");
               auto body = read_json_body(ctx, req, who, "dna.specimen.custody");
               if (!body.is_ok()) return error_response(body.status());
               auto step = registry::custody_step_from_json(*body);
               if (!step.is_ok()) {
                 (void)audit_refusal(ctx, who, "dna.specimen.custody", id, step.status());
                 return error_response(step.status());
               }
               auto s = ctx.system.dna().record_custody(who, id, *step);
               if (!s.is_ok()) return error_response(s.status());
               return json_response(200, {{"specimen", registry::specimen_to_json(*s)}});
             }));
  router.add("POST", "/api/v1/dna/specimens/{id}/analyses",
             {"Record an analysis and store its profile (duplicates are reported)", "dna", "genome.profile",
              "AnalysisRequest", "StoredProfile", 201},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               const std::string& id = req.path_params.at("id");
               auto body = read_json_body(ctx, req, who, "dna.specimen.analyse");
               if (!body.is_ok()) return error_response(body.status());
               auto request = registry::analysis_request_from_json(*body);
               if (!request.is_ok()) {
                 (void)audit_refusal(ctx, who, "dna.specimen.analyse", id, request.status());
                 return error_response(request.status());
               }
               auto stored = ctx.system.dna().analyse(who, id, *request);
               if (!stored.is_ok()) return error_response(stored.status());
               return created(registry::stored_profile_to_json(*stored));
             }));
  router.add("POST", "/api/v1/dna/specimens/{id}/destruction",
             {"Destroy the material; its information card is kept until the storage period ends", "dna",
              "genome.specimen", "DestructionAct", "InformationCard", 201},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               const std::string& id = req.path_params.at("id");
               auto body = read_json_body(ctx, req, who, "dna.specimen.destroy");
               if (!body.is_ok()) return error_response(body.status());
               auto act = registry::destruction_act_from_json(*body);
               if (!act.is_ok()) {
                 (void)audit_refusal(ctx, who, "dna.specimen.destroy", id, act.status());
                 return error_response(act.status());
               }
               auto card = ctx.system.dna().destroy(who, id, *act);
               if (!card.is_ok()) return error_response(card.status());
               return created(registry::information_card_to_json(*card));
             }));
  router.add("GET", "/api/v1/dna/cards", {"Information cards of destroyed material", "dna", "genome.specimen", "",
                                          "InformationCardList", 200, {"limit"}},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto cards = ctx.system.dna().information_cards(who, query_limit(req, 100));
               if (!cards.is_ok()) return error_response(cards.status());
               json list = json::array();
               for (const auto& c : *cards) list.push_back(registry::information_card_to_json(c));
               return json_response(200, {{"cards", list}});
             }));
  router.add("GET", "/api/v1/dna/cards/{specimen_id}",
             {"The information card of destroyed material", "dna", "genome.specimen", "", "InformationCard"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto card = ctx.system.dna().information_card(who, req.path_params.at("specimen_id"));
               if (!card.is_ok()) return error_response(card.status());
               return json_response(200, registry::information_card_to_json(*card));
             }));
  router.add("POST", "/api/v1/dna/retention",
             {"Run the retention job: remove information cards and expire profiles whose storage period ended",
              "dna", "system.admin", "", "RetentionReport"},
             with_session(ctx, [&ctx](const ApiRequest&, const security::Principal& who) {
               const core::Clock& clock = ctx.system.clock();
               auto today = core::Date::from_days(clock.now_micros() / 1'000'000 / 86400);
               auto report = ctx.system.dna().run_retention(who, today);
               if (!report.is_ok()) return error_response(report.status());
               return json_response(200, registry::retention_report_to_json(*report));
             }));

  // --- Profiles ---
  router.add("POST", "/api/v1/dna/profiles",
             {"Import a profile without material (from an earlier system)", "dna", "genome.profile",
              "ProfileImport", "StoredProfile", 201},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               return with_body(ctx, req, who, "dna.profile.import", "",
                                [&](core::JsonObjectReader& r, bool& reached) -> Result<ApiResponse> {
                 const json* p = r.optional_object("profile");
                 std::optional<std::string> category = r.optional_string("category", 64);
                 std::optional<std::string> person = r.optional_string("person_id", 64);
                 std::optional<core::Date> collected = r.optional_date("collected_on");
                 ABIS_RETURN_IF_ERROR(r.finish());
                 if (!p) return invalid_argument("profile: required");
                 if (!collected) return invalid_argument("collected_on: required (YYYY-MM-DD)");
                 ABIS_ASSIGN_OR_RETURN(genome::Profile profile, registry::profile_from_json(*p));
                 genome::IndexCategory cat;
                 if (category) {
                   ABIS_ASSIGN_OR_RETURN(cat, genome::parse_category(*category));
                 } else if (profile.category) {
                   cat = *profile.category;
                 } else {
                   return invalid_argument("category: required (or give it in the profile)");
                 }
                 reached = true;
                 ABIS_ASSIGN_OR_RETURN(auto stored, ctx.system.dna().import_profile(who, profile, cat, person, *collected));
                 return created(registry::stored_profile_to_json(stored));
               });
             }));
  router.add("GET", "/api/v1/dna/profiles/{id}", {"A stored DNA profile", "dna", "genome.profile", "", "DnaProfile"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               auto rec = ctx.system.dna().get_profile(who, req.path_params.at("id"));
               if (!rec.is_ok()) return error_response(rec.status());
               return json_response(200, registry::profile_record_to_json(*rec));
             }));

  // --- Searches ---
  router.add("POST", "/api/v1/dna/search",
             {"CODIS-style search of the indexes the profile's index is searched against", "dna", "genome.search",
              "DnaSearchRequest", "DnaSearchResult"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               return with_body(ctx, req, who, "dna.search", "",
                                [&](core::JsonObjectReader& r, bool& reached) -> Result<ApiResponse> {
                 ABIS_ASSIGN_OR_RETURN(Target t, read_target(ctx, who, r, "profile", "profile_id"));
                 ABIS_ASSIGN_OR_RETURN(genome::IndexCategory cat,
                                       category_of(r, t, genome::IndexCategory::kForensicUnknown));
                 genome::MatchCriteria criteria;
                 std::optional<std::string> stringency = r.optional_string("stringency", 16);
                 criteria.min_compared_loci =
                     static_cast<int>(r.optional_int("min_loci", 1, 99).value_or(criteria.min_compared_loci));
                 criteria.max_mismatches =
                     static_cast<int>(r.optional_int("max_mismatches", 0, 99).value_or(criteria.max_mismatches));
                 auto max_results = static_cast<std::size_t>(
                     r.optional_int("max_results", 1, 100000).value_or(genome::params::kDefaultMaxSearchResults));
                 ABIS_RETURN_IF_ERROR(r.finish());
                 if (stringency) {
                   ABIS_ASSIGN_OR_RETURN(criteria.stringency, genome::parse_stringency(*stringency));
                 }
                 reached = true;
                 ABIS_ASSIGN_OR_RETURN(auto outcome, ctx.system.dna().search(who, t.profile, cat, criteria, max_results));
                 std::vector<std::uint64_t> keys;
                 for (const auto& h : outcome.result.hits) keys.push_back(h.key);
                 std::string text = genome::search_result_json(t.profile, outcome.request, outcome.result,
                                                               names_from(keys, outcome.hit_profile_ids));
                 return ApiResponse{200, text, "application/json"};
               });
             }));
  router.add("POST", "/api/v1/dna/stats",
             {"Random match probability (HWE, NRC II 4.1, 4.10) with a stored frequency table", "dna",
              "genome.search", "DnaStatsRequest", "DnaStats"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               return with_body(ctx, req, who, "dna.stats", "",
                                [&](core::JsonObjectReader& r, bool& reached) -> Result<ApiResponse> {
                 ABIS_ASSIGN_OR_RETURN(Target t, read_target(ctx, who, r, "profile", "profile_id"));
                 std::string population = r.required_string("population", 200);
                 genome::StatisticsOptions options;
                 options.theta = r.optional_number("theta").value_or(options.theta);
                 options.min_frequency = r.optional_number("min_frequency");
                 ABIS_RETURN_IF_ERROR(r.finish());
                 reached = true;
                 ABIS_ASSIGN_OR_RETURN(auto stats, ctx.system.dna().statistics(who, t.profile, population, options));
                 return ApiResponse{200, genome::statistics_json(stats), "application/json"};
               });
             }));
  router.add("POST", "/api/v1/dna/kinship",
             {"Kinship index of two profiles (parent-child, full-sibling, half-sibling)", "dna", "genome.search",
              "DnaKinshipRequest", "DnaKinship"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               return with_body(ctx, req, who, "dna.kinship", "",
                                [&](core::JsonObjectReader& r, bool& reached) -> Result<ApiResponse> {
                 ABIS_ASSIGN_OR_RETURN(Target a, read_target(ctx, who, r, "a", "a_id"));
                 ABIS_ASSIGN_OR_RETURN(Target b, read_target(ctx, who, r, "b", "b_id"));
                 std::string relation = r.required_string("relation", 32);
                 std::string population = r.required_string("population", 200);
                 genome::KinshipOptions options;
                 options.mutation_rate = r.optional_number("mutation_rate").value_or(options.mutation_rate);
                 options.theta = r.optional_number("theta").value_or(options.theta);
                 ABIS_RETURN_IF_ERROR(r.finish());
                 ABIS_ASSIGN_OR_RETURN(genome::Kinship k, genome::parse_kinship(relation));
                 reached = true;
                 ABIS_ASSIGN_OR_RETURN(auto result,
                                       ctx.system.dna().kinship(who, a.profile, b.profile, k, population, options));
                 return ApiResponse{200, genome::kinship_json(result), "application/json"};
               });
             }));
  router.add("POST", "/api/v1/dna/relatives",
             {"Ranked kinship search of the relatives' index (or, for a relative, of the unidentified)", "dna",
              "genome.search", "DnaRelativesRequest", "DnaRelatives"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               return with_body(ctx, req, who, "dna.relatives", "",
                                [&](core::JsonObjectReader& r, bool& reached) -> Result<ApiResponse> {
                 ABIS_ASSIGN_OR_RETURN(Target t, read_target(ctx, who, r, "profile", "profile_id"));
                 ABIS_ASSIGN_OR_RETURN(genome::IndexCategory cat,
                                       category_of(r, t, genome::IndexCategory::kUnidentifiedRemains));
                 std::string population = r.required_string("population", 200);
                 genome::RelativesSearchOptions options;
                 options.min_index = r.optional_number("min_index").value_or(options.min_index);
                 options.max_results = static_cast<std::size_t>(
                     r.optional_int("max_results", 1, 10000).value_or(static_cast<std::int64_t>(options.max_results)));
                 options.kinship.theta = r.optional_number("theta").value_or(options.kinship.theta);
                 ABIS_RETURN_IF_ERROR(r.finish());
                 reached = true;
                 ABIS_ASSIGN_OR_RETURN(auto named, ctx.system.dna().search_relatives(who, t.profile, cat, population, options));
                 std::vector<std::uint64_t> keys;
                 for (const auto& x : named.result.ranked) keys.push_back(x.key);
                 return ApiResponse{200, genome::relatives_json(named.result, names_from(keys, named.profile_ids)),
                                    "application/json"};
               });
             }));
  router.add("POST", "/api/v1/dna/paternal",
             {"Y-STR haplotype search for the paternal line", "dna", "genome.search", "DnaPaternalRequest",
              "DnaPaternal"},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               return with_body(ctx, req, who, "dna.paternal", "",
                                [&](core::JsonObjectReader& r, bool& reached) -> Result<ApiResponse> {
                 ABIS_ASSIGN_OR_RETURN(Target t, read_target(ctx, who, r, "profile", "profile_id"));
                 ABIS_ASSIGN_OR_RETURN(genome::IndexCategory cat,
                                       category_of(r, t, genome::IndexCategory::kForensicUnknown));
                 genome::PaternalSearchOptions options;
                 options.max_differences = static_cast<int>(
                     r.optional_int("max_differences", 0, 50).value_or(options.max_differences));
                 options.min_compared =
                     static_cast<int>(r.optional_int("min_markers", 1, 100).value_or(options.min_compared));
                 ABIS_RETURN_IF_ERROR(r.finish());
                 reached = true;
                 ABIS_ASSIGN_OR_RETURN(auto named, ctx.system.dna().search_paternal(who, t.profile, cat, options));
                 std::vector<std::uint64_t> keys;
                 for (const auto& h : named.result.hits) keys.push_back(h.key);
                 return ApiResponse{200, genome::paternal_json(named.result, names_from(keys, named.profile_ids)),
                                    "application/json"};
               });
             }));

  // --- Frequency tables ---
  router.add("GET", "/api/v1/dna/frequencies", {"Populations with a stored frequency table", "dna", "genome.search",
                                                "", "PopulationList"},
             with_session(ctx, [&ctx](const ApiRequest&, const security::Principal& who) {
               auto list = ctx.system.dna().frequency_populations(who);
               if (!list.is_ok()) return error_response(list.status());
               return json_response(200, {{"populations", *list}});
             }));
  router.add("POST", "/api/v1/dna/frequencies",
             {"Store a population's frequency table (long or wide CSV), or compute one from stored profiles", "dna",
              "genome.profile", "FrequencyTableRequest", "FrequencyTableStored", 201},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               return with_body(ctx, req, who, "dna.frequencies.store", "",
                                [&](core::JsonObjectReader& r, bool& reached) -> Result<ApiResponse> {
                 std::string population = r.required_string("population", 200);
                 std::optional<std::string> csv = r.optional_string("csv", 8 << 20);
                 const json* from = r.optional_array("compute_from", 16);
                 ABIS_RETURN_IF_ERROR(r.finish());
                 if (!csv == !from) return invalid_argument("give either csv or compute_from");
                 genome::FrequencyTable table;
                 json warnings = json::array();
                 if (csv) {
                   ABIS_ASSIGN_OR_RETURN(genome::FrequencyDatabase db, genome::parse_frequency_csv(*csv, population));
                   const genome::FrequencyTable* t = db.find(population);
                   if (t == nullptr)
                     return not_found("population '" + population + "' is not in the CSV (it has: " +
                                      db.population_names() + ")");
                   for (const auto& w : db.warnings) warnings.push_back(w);
                   reached = true;
                   ABIS_RETURN_IF_ERROR(ctx.system.dna().store_frequency_table(who, *t, "uploaded CSV"));
                   table = *t;
                 } else {
                   genome::CategoryMask mask = 0;
                   for (const auto& item : *from) {
                     if (!item.is_string()) return invalid_argument("compute_from: a list of index names");
                     ABIS_ASSIGN_OR_RETURN(auto c, genome::parse_category(item.get<std::string>()));
                     mask |= genome::category_bit(c);
                   }
                   reached = true;
                   ABIS_ASSIGN_OR_RETURN(table, ctx.system.dna().compute_frequency_table(who, population, mask));
                 }
                 return created({{"population", table.population},
                                 {"loci", table.loci.size()},
                                 {"n_individuals", table.n_individuals},
                                 {"warnings", warnings}});
               });
             }));
}

}  // namespace abis::api
