// Faults: tampering with the audit trail behind the server's back, crashes mid-write, TLS,
// concurrent clients.
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <set>
#include <thread>

#include "api_fixture.h"

namespace abis::testing {
namespace {

class ApiFaults : public ApiFixture {};

TEST_F(ApiFaults, AuditVerifyCatchesARowEditedBehindTheServersBack) {
  ASSERT_EQ(officer_->post("/api/v1/persons", foreigner()).status, 201);
  auto before = auditor_->get("/api/v1/audit/verify");
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(before.body["ok"].get<bool>());

  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open((server_->data_dir() / "abis.db").c_str(), &raw), SQLITE_OK);
  sqlite3_busy_timeout(raw, 10000);
  ASSERT_EQ(sqlite3_exec(raw, "UPDATE audit_log SET user = 'somebody-else' WHERE action = 'person.create'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  int edited_seq = 0;
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw, "SELECT seq FROM audit_log WHERE action = 'person.create'", -1, &stmt, nullptr);
  if (sqlite3_step(stmt) == SQLITE_ROW) edited_seq = sqlite3_column_int(stmt, 0);
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
  ASSERT_GT(edited_seq, 0);

  auto after = auditor_->get("/api/v1/audit/verify");
  ASSERT_EQ(after.status, 200);
  EXPECT_FALSE(after.body["ok"].get<bool>());
  EXPECT_EQ(after.body["problems"][0]["seq"], edited_seq);

  auto cli = run_abis({"audit", "verify", "--data", server_->data_dir().string()});
  EXPECT_NE(cli.exit_code, 0);
  EXPECT_NE(cli.out.find("entry " + std::to_string(edited_seq)), std::string::npos) << cli.out;
}

TEST_F(ApiFaults, ConcurrentClientsAreSafe) {
  constexpr int kThreads = 4, kEach = 8;
  std::atomic<int> created{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ApiClient c(server_->port());
      c.set_token(officer_->token());
      for (int i = 0; i < kEach; ++i) {
        created += c.post("/api/v1/persons", foreigner("CONC" + std::to_string(t * 100 + i))).status == 201;
        (void)c.get("/api/v1/persons?name=conc");
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), kThreads * kEach);
  EXPECT_EQ(officer_->get("/api/v1/persons?name=conc&limit=500").body["persons"].size(),
            static_cast<std::size_t>(kThreads * kEach));
  EXPECT_TRUE(auditor_->get("/api/v1/audit/verify").body["ok"].get<bool>());
}

TEST_F(ApiFaults, KillingTheServerMidWriteLosesNothingCommittedAndLeavesNoPartialRecord) {
  std::mutex mu;
  std::set<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int t = 0; t < 3; ++t) {
    writers.emplace_back([&, t] {
      ApiClient c(server_->port());
      c.set_token(officer_->token());
      for (int i = 0; !stop; ++i) {
        auto r = c.post("/api/v1/persons", foreigner("CRASH" + std::to_string(t * 10000 + i)));
        if (r.status == 201) {
          std::lock_guard lock(mu);
          acknowledged.insert(r.body["id"].get<std::string>());
        } else if (r.status == 0) {
          return;  // the server is gone
        }
      }
    });
  }
  while (true) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::lock_guard lock(mu);
    if (acknowledged.size() >= 20) break;
  }
  server_->kill_hard();
  stop = true;
  for (auto& w : writers) w.join();

  ASSERT_TRUE(server_->start()) << server_->log();
  ApiClient officer(server_->port());
  ASSERT_EQ(officer.login("officer", kPassword, "desk-7", ws_key_), 200);
  for (const auto& id : acknowledged) {
    auto r = officer.get("/api/v1/persons/" + id);
    EXPECT_EQ(r.status, 200) << "acknowledged person " << id << " is lost";
  }
  // No partial records: every person has exactly its version row, its search keys, and an audit entry.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open((server_->data_dir() / "abis.db").c_str(), &raw), SQLITE_OK);
  auto count = [&](const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(raw, sql, -1, &stmt, nullptr);
    int n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : -1;
    sqlite3_finalize(stmt);
    return n;
  };
  EXPECT_EQ(count("SELECT COUNT(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM person_versions v WHERE "
                  "v.person_id = p.id AND v.version = p.current_version)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE "
                  "a.object_id = p.id AND a.action = 'person.create')"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM persons"), count("SELECT COUNT(DISTINCT object_id) FROM audit_log WHERE "
                                                         "action = 'person.create' AND outcome = 'ok'"));
  sqlite3_close(raw);
  auto verify = run_abis({"audit", "verify", "--data", server_->data_dir().string()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST(ApiTls, ServesHttpsWhenACertificateIsConfigured) {
  TempDir dir;
  std::string cert = (dir.path() / "cert.pem").string(), key = (dir.path() / "key.pem").string();
  std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1 -keyout " + key +
                    " -out " + cert + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl is needed to make a test certificate";
  ServerProcess server(dir.path() / "data", {"--set", "server.tls_cert=" + cert, "--set", "server.tls_key=" + key});
  ASSERT_TRUE(server.start()) << server.log();
  EXPECT_NE(server.log().find("https://"), std::string::npos);
  ApiClient client(server.port(), /*tls=*/true);
  auto health = client.get("/api/v1/health");
  EXPECT_EQ(health.status, 200) << health.raw;
  ApiClient plain(server.port(), false);
  EXPECT_NE(plain.get("/api/v1/health").status, 200);

  ServerProcess broken(dir.path() / "data2", {"--set", "server.tls_cert=" + cert, "--set", "server.tls_key=/nope"});
  EXPECT_FALSE(broken.start());
  EXPECT_NE(broken.log().find("TLS"), std::string::npos) << broken.log();
}

}  // namespace
}  // namespace abis::testing
