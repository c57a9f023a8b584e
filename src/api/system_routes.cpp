// Health, the OpenAPI document, and the working-day calendar.
#include "api/routes.h"
#include "core/clock.h"

namespace abis::api {

void add_system_routes(Router& router, ApiContext& ctx) {
  router.add("GET", "/api/v1/health", {"Liveness and store check", "system", "", "", "Health"},
             [&ctx](const ApiRequest&) {
               auto tx = ctx.system.db().begin(store::TransactionMode::kRead);
               Status store = tx.is_ok() ? (*tx)->query("SELECT 1").status() : tx.status();
               nlohmann::json body = {{"status", store.is_ok() ? "ok" : "degraded"},
                                      {"version", ctx.version},
                                      {"store", ctx.system.db().backend_name()},
                                      {"time", core::format_utc(ctx.system.clock().now_micros())}};
               if (!store.is_ok()) body["problem"] = store.message();
               return json_response(store.is_ok() ? 200 : 503, body);
             });
  const Router* table = &router;
  router.add("GET", "/api/v1/openapi.json", {"This API's OpenAPI 3.0 document", "system", "", "", ""},
             [&ctx, table](const ApiRequest&) { return json_response(200, openapi_document(*table, ctx.version)); });
  router.add("GET", "/api/v1/calendar/working-days",
             {"The date a number of working days after a date (Kazakhstan calendar)", "system", "session", "",
              "WorkingDays", 200, {"from", "days"}},
             with_session(ctx, [&ctx](const ApiRequest& req, const security::Principal&) {
               auto from = core::Date::parse(req.query_value("from"));
               if (!from.is_ok()) return error_response(from.status().with_context("from"));
               int days = 0;
               try {
                 std::size_t used = 0;
                 days = std::stoi(req.query_value("days"), &used);
                 if (used != req.query_value("days").size()) throw std::invalid_argument("days");
               } catch (...) {
                 return error_response(invalid_argument("days must be a whole number"));
               }
               if (days < 0 || days > 3650) return error_response(invalid_argument("days must be 0 to 3650"));
               core::Date date = ctx.system.calendar().add_working_days(*from, days);
               nlohmann::json body = {{"from", from->to_string()}, {"days", days}, {"date", date.to_string()}};
               if (!ctx.system.calendar().covers_year(date.year()) || !ctx.system.calendar().covers_year(from->year())) {
                 body["warning"] = "the calendar file has no transfers or lunar holidays entered for this year";
               }
               return json_response(200, body);
             }));
}

}  // namespace abis::api
