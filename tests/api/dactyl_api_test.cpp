// 1:N identification over HTTP: a real server searching a gallery file (dactyl.gallery), jobs that
// finish with the mate first, the permission of the role table, audit entries, and bad input.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "dactyl/search/gallery.h"
#include "dactyl/search/gallery_file.h"
#include "dactyl/search/synthetic.h"
#include "support/api_client.h"
#include "support/process.h"
#include "support/test_support.h"

namespace abis::testing {
namespace {

namespace ds = dactyl::search;
constexpr const char* kPassword = "Examiner-Passw0rd";

nlohmann::json finger_json(const dactyl::Template& tpl, int position) {
  nlohmann::json minutiae = nlohmann::json::array();
  for (const auto& m : tpl.minutiae)
    minutiae.push_back({{"x", m.x}, {"y", m.y}, {"angle_deg", m.angle * 360.0 / 256.0},
                        {"type", m.type == dactyl::MinutiaType::kEnding ? "ending" : "bifurcation"}});
  return {{"position", position}, {"width", tpl.width}, {"height", tpl.height}, {"minutiae", minutiae}};
}

class DactylApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> x(20, 300), y(20, 400), a(0, 255);
    std::vector<dactyl::Template> seeds(6);
    for (auto& t : seeds) {
      t.width = 320;
      t.height = 420;
      for (int k = 0; k < 35; ++k)
        t.minutiae.push_back({static_cast<std::uint16_t>(x(rng)), static_cast<std::uint16_t>(y(rng)),
                              static_cast<std::uint8_t>(a(rng)), dactyl::MinutiaType::kEnding, 50});
    }
    ds::SyntheticOptions o;
    o.fingers = 200;
    o.probes = 1;
    set_ = ds::generate_synthetic(seeds, o);
    ds::Gallery g;
    ASSERT_TRUE(g.add_bulk(set_.gallery, 1).is_ok());
    gallery_ = dir_.path() / "fingers.gallery";
    ASSERT_TRUE(ds::save_gallery(*g.snapshot(), gallery_).is_ok());
    server_ = std::make_unique<ServerProcess>(dir_.path() / "data",
                                              std::vector<std::string>{"--set", "dactyl.gallery=" + gallery_.string()});
    ASSERT_TRUE(server_->start()) << server_->log();
    admin_ = std::make_unique<ApiClient>(server_->port());
    ASSERT_EQ(admin_->login("admin", ServerProcess::kAdminPassword, "console", ServerProcess::kConsoleKey), 200);
    auto ws = admin_->post("/api/v1/workstations", {{"name", "lab-1"}, {"location", "forensic lab"}});
    ASSERT_EQ(ws.status, 201) << ws.raw;
    const std::string key = ws.body["key"].get<std::string>();
    for (auto [name, role] : {std::pair{"examiner", "fingerprint_examiner"}, std::pair{"dna", "dna_officer"},
                              std::pair{"officer", "migration_officer"}, std::pair{"auditor", "auditor"}}) {
      auto u = admin_->post("/api/v1/users", {{"username", name}, {"display_name", name}, {"roles", {role}},
                                              {"password", kPassword}, {"workstations", {"lab-1"}}});
      ASSERT_EQ(u.status, 201) << u.raw;
    }
    examiner_ = std::make_unique<ApiClient>(server_->port());
    ASSERT_EQ(examiner_->login("examiner", kPassword, "lab-1", key), 200);
    dna_ = std::make_unique<ApiClient>(server_->port());
    ASSERT_EQ(dna_->login("dna", kPassword, "lab-1", key), 200);
    officer_ = std::make_unique<ApiClient>(server_->port());
    ASSERT_EQ(officer_->login("officer", kPassword, "lab-1", key), 200);
    auditor_ = std::make_unique<ApiClient>(server_->port());
    ASSERT_EQ(auditor_->login("auditor", kPassword, "lab-1", key), 200);
  }

  TempDir dir_;
  ds::SyntheticSet set_;
  std::filesystem::path gallery_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<ApiClient> admin_, examiner_, dna_, officer_, auditor_;
};

TEST_F(DactylApiTest, AnIdentifyJobFindsTheMateAndIsAudited) {
  auto start = examiner_->post("/api/v1/dactyl/identify", {{"fingers", {finger_json(set_.probes[0], 0)}}, {"top", 5}});
  ASSERT_EQ(start.status, 202) << start.raw;
  const std::string id = start.body["id"].get<std::string>();
  HttpResult job;
  for (int i = 0; i < 300; ++i) {
    job = examiner_->get("/api/v1/dactyl/identify/" + id);
    ASSERT_EQ(job.status, 200) << job.raw;
    if (job.body["state"] == "done" || job.body["state"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(job.body["state"], "done") << job.raw;
  ASSERT_FALSE(job.body["candidates"].empty());
  EXPECT_EQ(job.body["candidates"][0]["person_id"], set_.mate_person[0]);
  EXPECT_EQ(job.body["candidates"][0]["fingers"][0]["position"], set_.mate_position[0]);
  EXPECT_LE(job.body["candidates"].size(), 5u);
  // Another searcher does not see the job, a user without the permission is refused; the audit
  // trail holds the search.
  EXPECT_EQ(officer_->get("/api/v1/dactyl/identify/" + id).status, 404);
  EXPECT_EQ(admin_->get("/api/v1/dactyl/identify/" + id).status, 403);
  auto audit = auditor_->get("/api/v1/audit?limit=1000");
  int searches = 0;
  for (const auto& e : audit.body["entries"]) searches += e["action"] == "dactyl.identify" && e["object_id"] == id;
  EXPECT_EQ(searches, 1) << audit.raw;
}

TEST_F(DactylApiTest, PermissionAndBadInputAreRefused) {
  auto denied = dna_->post("/api/v1/dactyl/identify", {{"fingers", {finger_json(set_.probes[0], 0)}}});
  EXPECT_EQ(denied.status, 403) << denied.raw;
  auto empty = examiner_->post("/api/v1/dactyl/identify", {{"fingers", nlohmann::json::array()}});
  EXPECT_EQ(empty.status, 400) << empty.raw;
  EXPECT_NE(empty.raw.find("empty probe"), std::string::npos) << empty.raw;
  auto position = examiner_->post("/api/v1/dactyl/identify", {{"fingers", {finger_json(set_.probes[0], 12)}}});
  EXPECT_EQ(position.status, 400) << position.raw;
  EXPECT_NE(position.raw.find("unknown finger position"), std::string::npos) << position.raw;
  EXPECT_EQ(examiner_->get("/api/v1/dactyl/identify/no-such-job").status, 404);
}

}  // namespace
}  // namespace abis::testing
