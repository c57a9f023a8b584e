// DNA profiles in ANSI/NIST-ITL transactions over HTTP (Type-18 records, docs/formats/dna_type18.md):
// a transaction posted as the raw body is imported, and a stored profile is given back as one.
// The bodies are binary, not JSON, so these routes read and write the bytes themselves; the
// registry calls check the permissions and audit as for the JSON routes.
#include "api/routes.h"
#include "core/json_reader.h"
#include "genome/profile_nist.h"
#include "registry/dna_json.h"

namespace abis::api {
namespace {

using nlohmann::json;

constexpr const char* kImportAction = "dna.profile.import";

// The query parameters of an import, checked before the body is read.
struct ImportQuery {
  genome::IndexCategory category = genome::IndexCategory::kConvictedOffender;
  std::optional<std::string> person_id;
  core::Date collected_on;
};

Result<ImportQuery> read_import_query(const ApiRequest& req) {
  ImportQuery q;
  if (!req.has_query("category")) return invalid_argument("category: required query parameter");
  ABIS_ASSIGN_OR_RETURN(q.category, genome::parse_category(req.query_value("category")));
  if (!req.has_query("collected_on")) return invalid_argument("collected_on: required query parameter (YYYY-MM-DD)");
  auto date = core::Date::parse(req.query_value("collected_on"));
  if (!date) return invalid_argument("collected_on: " + date.status().message());
  q.collected_on = *date;
  if (req.has_query("person_id")) q.person_id = req.query_value("person_id");
  return q;
}

// Every Type-18 profile of the posted transaction, or the reason why none can be taken.
Result<genome::NistProfiles> read_transaction(ApiContext& ctx, const ApiRequest& req) {
  if (req.body.empty()) return invalid_argument("the body must be an ANSI/NIST-ITL transaction; it is empty");
  if (req.body.size() > ctx.max_body_bytes)
    return too_large("transaction of " + std::to_string(req.body.size()) + " bytes is over the limit of " +
                     std::to_string(ctx.max_body_bytes) + " (server.max_body_bytes)");
  if (!genome::looks_like_ansi_nist(req.body))
    return invalid_argument("the body is not an ANSI/NIST-ITL transaction (it must start with \"1.001:\")");
  return genome::read_profiles_ansi_nist(req.body, genome::AnsiNistLocusNumbers::builtin());
}

Result<ApiResponse> import_transaction(ApiContext& ctx, const ApiRequest& req, const security::Principal& who,
                                       bool& reached_registry) {
  ABIS_ASSIGN_OR_RETURN(ImportQuery q, read_import_query(req));
  ABIS_ASSIGN_OR_RETURN(genome::NistProfiles read, read_transaction(ctx, req));
  if (read.profiles.empty()) return invalid_argument("the transaction holds no STR profile in its Type-18 records");
  if (q.person_id && read.profiles.size() > 1)
    return invalid_argument("person_id names one person, but the transaction holds " +
                            std::to_string(read.profiles.size()) + " profiles");
  std::vector<registry::DnaRegistry::ImportItem> items;
  for (genome::Profile& p : read.profiles) items.push_back({std::move(p), q.category, q.person_id, q.collected_on});
  reached_registry = true;
  ABIS_ASSIGN_OR_RETURN(auto stored, ctx.system.dna().import_profiles(who, items));
  json out = {{"profiles", json::array()}, {"notes", read.notes}};
  for (const auto& s : stored) out["profiles"].push_back(registry::stored_profile_to_json(s));
  return json_response(201, out);
}

Result<ApiResponse> export_profile(ApiContext& ctx, const ApiRequest& req, const security::Principal& who) {
  const std::string& id = req.path_params.at("id");
  ABIS_ASSIGN_OR_RETURN(registry::ProfileRecord rec, ctx.system.dna().get_profile(who, id));
  if (rec.state != registry::ProfileState::kActive)
    return failed_precondition("profile " + id + " has expired: its storage period ended");
  genome::NistExportOptions options;
  const std::string skip = req.query_value("skip_unnumbered");
  if (!skip.empty() && skip != "true" && skip != "false")
    return invalid_argument("skip_unnumbered: true or false, not " + skip);
  options.type18.skip_unnumbered = skip == "true";
  rec.profile.id = rec.id;
  ABIS_ASSIGN_OR_RETURN(genome::NistExport written,
                        genome::write_profile_ansi_nist(rec.profile, genome::AnsiNistLocusNumbers::builtin(), options));
  ApiResponse r;
  r.body.assign(written.bytes.begin(), written.bytes.end());
  r.content_type = "application/octet-stream";
  return r;
}

}  // namespace

void add_dna_exchange_routes(Router& router, ApiContext& ctx) {
  router.add("POST", "/api/v1/dna/profiles/ansi-nist",
             {"Import the Type-18 DNA profiles of an ANSI/NIST-ITL transaction (the raw transaction as the body)",
              "dna", "genome.profile", "", "DnaNistImport", 201, {"category", "collected_on", "person_id"}},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               bool reached = false;
               Result<ApiResponse> out = import_transaction(ctx, req, who, reached);
               if (out.is_ok()) return *out;
               if (!reached) (void)audit_refusal(ctx, who, kImportAction, "", out.status());
               return error_response(out.status());
             }));
  router.add("GET", "/api/v1/dna/profiles/{id}/ansi-nist",
             {"A stored DNA profile as an ANSI/NIST-ITL transaction (Type-1 and Type-18), application/octet-stream",
              "dna", "genome.profile", "", "", 200, {"skip_unnumbered"}},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal& who) {
               Result<ApiResponse> out = export_profile(ctx, req, who);
               return out.is_ok() ? *out : error_response(out.status());
             }));
}

void add_dna_exchange_schemas(json& schemas) {
  schemas["DnaNistImport"] = {{"type", "object"},
                              {"properties", {{"profiles", {{"type", "array"}}}, {"notes", {{"type", "array"}}}}}};
}

}  // namespace abis::api
