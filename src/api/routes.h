// Each file of routes adds its part of the API to the router. One function per area; the server
// calls them all (server.cpp).
#pragma once

#include "api/api_context.h"
#include "api/router.h"

namespace abis::api {

void add_system_routes(Router& router, ApiContext& ctx);       // health, openapi, calendar
void add_auth_routes(Router& router, ApiContext& ctx);         // login, logout, me
void add_admin_routes(Router& router, ApiContext& ctx);        // users, workstations
void add_person_routes(Router& router, ApiContext& ctx);       // the person registry
void add_audit_routes(Router& router, ApiContext& ctx);        // the audit trail
void add_dna_routes(Router& router, ApiContext& ctx);          // the genomic subsystem
// The component schemas of the DNA routes, added to the OpenAPI document.
void add_dna_schemas(nlohmann::json& schemas);
void add_dna_exchange_routes(Router& router, ApiContext& ctx);  // Type-18 transactions in and out
void add_dna_exchange_schemas(nlohmann::json& schemas);
void add_dactyl_routes(Router& router, ApiContext& ctx);       // 1:N fingerprint identification
void add_dactyl_schemas(nlohmann::json& schemas);

}  // namespace abis::api
