// `abis fp gallery build`, `abis fp identify` and `abis fp bench-identify` end to end, with the
// errors an operator meets: an unknown finger position, a corrupt gallery file, no probe.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/test_support.h"

namespace abis::testing {
namespace {

namespace fs = std::filesystem;

fs::path fvc(const std::string& name) { return test_data_dir() / "fingerprints" / "fvc2002-db1_b" / (name + ".tif"); }

TEST(FpSearchCli, BuildThenIdentifyFindsTheSameFinger) {
  ABIS_REQUIRE_TEST_DATA();
  TempDir dir;
  fs::create_directories(dir.path() / "prints");
  // Persons A and B, fingers named PERSON_POSITION.
  for (auto [src, dst] : {std::pair{"101_1", "A_2"}, std::pair{"102_1", "A_7"}, std::pair{"103_1", "B_2"}})
    fs::copy_file(fvc(src), dir.path() / "prints" / (std::string(dst) + ".tif"));
  const std::string gallery = (dir.path() / "g.gallery").string();
  auto build = run_abis({"fp", "gallery", "build", (dir.path() / "prints").string(), "-o", gallery});
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_NE(build.out.find("3 fingers of 2 persons"), std::string::npos) << build.out;

  auto id = run_abis({"fp", "identify", fvc("102_3").string(), "--gallery", gallery, "--json"});
  ASSERT_EQ(id.exit_code, 0) << id.err;
  const auto j = nlohmann::json::parse(id.out);
  ASSERT_FALSE(j["candidates"].empty());
  EXPECT_EQ(j["candidates"][0]["person_id"], "A");
  EXPECT_EQ(j["candidates"][0]["finger"], 7);
  auto full = run_abis({"fp", "identify", fvc("102_3").string() + ":7", "--gallery", gallery, "--exhaustive"});
  ASSERT_EQ(full.exit_code, 0) << full.err;
  EXPECT_NE(full.out.find("  1  A "), std::string::npos) << full.out;

  // Bad input: a finger position out of range, a damaged gallery file, a folder not PERSON_POSITION.
  auto bad_pos = run_abis({"fp", "identify", fvc("102_3").string() + ":11", "--gallery", gallery});
  EXPECT_NE(bad_pos.exit_code, 0);
  EXPECT_NE(bad_pos.err.find("unknown finger position"), std::string::npos) << bad_pos.err;
  {
    std::fstream f(gallery, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    f.put('\x7f');
  }
  auto corrupt = run_abis({"fp", "identify", fvc("102_3").string(), "--gallery", gallery});
  EXPECT_NE(corrupt.exit_code, 0);
  EXPECT_NE(corrupt.err.find("gallery file, byte"), std::string::npos) << corrupt.err;
  fs::copy_file(fvc("104_1"), dir.path() / "prints" / "C_12.tif");
  auto bad_name = run_abis({"fp", "gallery", "build", (dir.path() / "prints").string(), "-o", gallery});
  EXPECT_NE(bad_name.exit_code, 0);
  EXPECT_NE(bad_name.err.find("unknown finger position '12'"), std::string::npos) << bad_name.err;
}

TEST(FpSearchCli, BenchIdentifyPrintsTheFiguresAsJson) {
  ABIS_REQUIRE_TEST_DATA();
  const auto seeds = (test_data_dir() / "fingerprints" / "fvc2002-db1_b").string();
  auto r = run_abis({"fp", "bench-identify", "--synthetic", "2000", "--probes", "5", "--seeds", seeds, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto last = r.out.substr(r.out.rfind('{'));
  const auto j = nlohmann::json::parse(last);
  for (const char* key : {"fingers", "search_ms_median", "fingers_per_s_per_core", "bytes_per_finger", "load_s", "hit_rate"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["fingers"], 2000);
  EXPECT_GT(j["hit_rate"].get<double>(), 0.5);
  EXPECT_LT(j["bytes_per_finger"].get<double>(), 1024);
}

}  // namespace
}  // namespace abis::testing
