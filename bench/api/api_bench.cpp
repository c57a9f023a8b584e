// Request latency of the API over loopback on one keep-alive connection: the health check (no
// store write) and an audited person read (a write transaction for the audit entry), and the
// login (argon2id). Shows that small responses do not stall on delayed ACKs (TCP_NODELAY).
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <cstdlib>
#include <thread>

#include "api/server.h"
#include "core/ids.h"
#include "registry/system.h"

namespace {

struct Fixture {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("abis-bench-" + abis::core::new_id());
  std::unique_ptr<abis::registry::System> system;
  std::unique_ptr<abis::api::ApiServer> server;
  std::thread runner;
  int port = 0;
  std::string token, person_id;

  Fixture() {
    abis::registry::SystemOptions options;
    options.data_dir = dir;
    if (const char* sync = std::getenv("ABIS_STORE_SYNCHRONOUS")) (void)options.config.set("store.synchronous", sync);
    system = std::move(*abis::registry::System::open(options));
    (void)system->bootstrap("Bench-Passw0rd-1", "bench-console-key-0123456789");
    abis::api::ServerOptions so;
    so.port = 0;
    so.threads = 4;
    server = std::move(*abis::api::ApiServer::create(*system, so));
    port = *server->bind();
    runner = std::thread([this] { (void)server->run(); });
    auto ws = *system->access().register_workstation(abis::security::Principal::console(), "bench", "", "");
    (void)system->access().create_user(abis::security::Principal::console(),
                                       {"officer", "officer", {abis::security::Role::kMigrationOfficer},
                                        "Bench-Passw0rd-1", {"bench"}});
    httplib::Client c("127.0.0.1", port);
    auto r = c.Post("/api/v1/auth/login",
                    nlohmann::json{{"username", "officer"}, {"password", "Bench-Passw0rd-1"}, {"workstation", "bench"},
                                   {"workstation_key", ws.key}}
                        .dump(),
                    "application/json");
    token = nlohmann::json::parse(r->body)["token"];
    httplib::Headers h{{"Authorization", "Bearer " + token}};
    auto p = c.Post("/api/v1/persons", h,
                    R"({"name_latin":{"surname":"BENCH","given_name":"MARK"},"citizenship":"UZB","category":"foreigner"})",
                    "application/json");
    person_id = nlohmann::json::parse(p->body)["id"];
  }
  ~Fixture() {
    server->stop();
    runner.join();
    std::filesystem::remove_all(dir);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_Health(benchmark::State& state) {
  httplib::Client c("127.0.0.1", fixture().port);
  c.set_keep_alive(true);
  for (auto _ : state) {
    auto r = c.Get("/api/v1/health");
    if (!r || r->status != 200) state.SkipWithError("request failed");
  }
}
BENCHMARK(BM_Health)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_AuditedPersonRead(benchmark::State& state) {
  httplib::Client c("127.0.0.1", fixture().port);
  c.set_keep_alive(true);
  httplib::Headers h{{"Authorization", "Bearer " + fixture().token}};
  for (auto _ : state) {
    auto r = c.Get("/api/v1/persons/" + fixture().person_id, h);
    if (!r || r->status != 200) state.SkipWithError("request failed");
  }
}
BENCHMARK(BM_AuditedPersonRead)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
