// `abis dna ...` as a user runs it: the JSON last lines the issue fixes, exit codes on bad input,
// and the material life cycle on a data folder.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support/process.h"
#include "support/test_support.h"

namespace abis::testing {
namespace {

std::string last_line(const std::string& out) {
  std::string s = out;
  while (!s.empty() && s.back() == '\n') s.pop_back();
  auto at = s.rfind('\n');
  return at == std::string::npos ? s : s.substr(at + 1);
}

std::string write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
  return p.string();
}

const char* kProfile = R"({"id": "S1", "loci": {"CSF1PO": ["11","12"], "D10S1248": ["14","14"],
  "D12S391": ["17","21"], "D13S317": ["11","12"], "D16S539": ["11","11"], "D18S51": ["17","18"],
  "D19S433": ["14","14"], "D1S1656": ["12","16.3"], "D21S11": ["28","30"], "TH01": ["6","7"]}})";

TEST(DnaCli, StatsSearchAndKinshipEndWithTheJsonLine) {
  ABIS_REQUIRE_TEST_DATA();
  TempDir dir;
  std::string profile = write(dir.path() / "p.json", kProfile);
  std::string freqs = (test_data_dir() / "dna/nist1036/nist1036_allele_freqs_long.csv").string();
  auto stats = run_abis({"dna", "stats", profile, "--freqs", freqs, "--population", "AfAm", "--theta", "0.01", "--json"});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  auto j = nlohmann::json::parse(last_line(stats.out));
  for (const char* k : {"hwe", "nrc41", "nrc410"}) EXPECT_GT(j["rmp"][k].get<double>(), 0) << k;
  EXPECT_EQ(j["loci"].size(), 10u);

  auto search = run_abis({"dna", "search", profile, "--db",
                          (test_data_dir() / "dna/nist1036/nist1036_genotypes_wide.csv").string(), "--json"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  auto s = nlohmann::json::parse(last_line(search.out));
  ASSERT_EQ(s["hits"].size(), 1u);
  EXPECT_EQ(s["hits"][0]["id"], "GT37019");  // the NIST person the profile was copied from

  std::string b = write(dir.path() / "b.json", R"({"id": "B", "loci": {"CSF1PO": ["11","13"], "TH01": ["6","9.3"],
    "D13S317": ["12","12"]}})");
  auto kin = run_abis({"dna", "kinship", profile, b, "--relation", "parent-child", "--freqs", freqs,
                       "--population", "Cauc", "--json"});
  ASSERT_EQ(kin.exit_code, 0) << kin.err;
  auto k = nlohmann::json::parse(last_line(kin.out));
  EXPECT_EQ(k["relation"], "parent-child");
  EXPECT_EQ(k["loci"].size(), 3u);
}

TEST(DnaCli, BenchSearchJsonLine) {
  ABIS_REQUIRE_TEST_DATA();
  auto r = run_abis({"dna", "bench-search", "--synthetic", "20000", "--queries", "5", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(last_line(r.out));
  EXPECT_EQ(j["profiles"], 20000);
  EXPECT_GT(j["search_ms_median"].get<double>(), 0);
  EXPECT_LE(j["bytes_per_profile"].get<double>(), 64.0);
  EXPECT_EQ(j["planted_found"], j["planted"]);
}

TEST(DnaCli, BadInputExitsNonZeroAndSaysWhy) {
  ABIS_REQUIRE_TEST_DATA();
  TempDir dir;
  std::string freqs = (test_data_dir() / "dna/nist1036/nist1036_allele_freqs_long.csv").string();
  auto bad_allele = run_abis({"dna", "stats", write(dir.path() / "a.json", R"({"loci": {"TH01": ["9.3.1"]}})"),
                              "--freqs", freqs, "--population", "All"});
  EXPECT_EQ(bad_allele.exit_code, 2);
  EXPECT_NE(bad_allele.err.find("9.3.1"), std::string::npos) << bad_allele.err;
  auto unknown = run_abis({"dna", "stats", write(dir.path() / "u.json", R"({"loci": {"D99S1": ["9"]}})"),
                           "--freqs", freqs, "--population", "All"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown locus"), std::string::npos);
  auto population = run_abis({"dna", "stats", write(dir.path() / "p.json", kProfile), "--freqs", freqs,
                              "--population", "Kazakh"});
  EXPECT_EQ(population.exit_code, 3);
  EXPECT_NE(population.err.find("AfAm"), std::string::npos);  // names the populations it has
  auto weak = run_abis({"dna", "search", write(dir.path() / "w.json", R"({"loci": {"TH01": ["6","7"]}})"), "--db",
                        (test_data_dir() / "dna/nist1036/nist1036_genotypes_wide.csv").string()});
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.err.find("needs at least 8"), std::string::npos) << weak.err;
  // Missing allele: the minimum frequency is used and the output says so.
  auto rare = run_abis({"dna", "stats", write(dir.path() / "r.json", R"({"loci": {"TH01": ["6","13.3"]}})"),
                        "--freqs", freqs, "--population", "AfAm"});
  EXPECT_EQ(rare.exit_code, 0) << rare.err;
  EXPECT_NE(rare.out.find("minimum frequency 5/2N"), std::string::npos) << rare.out;
}

TEST(DnaCli, SpecimenLifeCycleOnADataFolder) {
  TempDir dir;
  std::string data = (dir.path() / "data").string();
  auto receive = run_abis({"dna", "specimen", "receive", "--data", data, "--category", "suspect", "--collected-on",
                           "2024-05-01", "--from", "Police dept 3", "--lab-number", "AST-77"});
  ASSERT_EQ(receive.exit_code, 0) << receive.err;
  auto at = receive.out.find("specimen   ");
  ASSERT_NE(at, std::string::npos);
  std::string id = receive.out.substr(at + 11, 26);
  EXPECT_EQ(run_abis({"dna", "specimen", "custody", "--data", data, id, "--action", "store", "--location", "F1"}).exit_code, 0);
  std::string p = write(dir.path() / "p.json", R"({"loci": {"CSF1PO": ["10","12"], "D3S1358": ["15","16"],
    "D5S818": ["11","12"], "D7S820": ["8","10"], "D8S1179": ["13","14"], "D13S317": ["11","11"],
    "D16S539": ["9","12"], "D18S51": ["14","17"], "D21S11": ["29","30.2"], "FGA": ["21","24"],
    "TH01": ["7","9.3"], "TPOX": ["8","8"], "vWA": ["16","17"]}})");
  auto analyse = run_abis({"dna", "specimen", "analyse", "--data", data, id, "--kit", "GlobalFiler", "--laboratory",
                           "Astana lab", "--analysed-on", "2024-05-03", "--profile", p});
  ASSERT_EQ(analyse.exit_code, 0) << analyse.err;
  auto search = run_abis({"dna", "search", p, "--data", data, "--category", "forensic_unknown", "--json"});
  ASSERT_EQ(search.exit_code, 0) << search.err;
  EXPECT_EQ(nlohmann::json::parse(last_line(search.out))["hits"].size(), 1u);
  auto destroy = run_abis({"dna", "specimen", "destroy", "--data", data, id, "--act", "A-1", "--destroyed-on",
                           "2024-06-01", "--reason", "typed"});
  ASSERT_EQ(destroy.exit_code, 0) << destroy.err;
  EXPECT_NE(destroy.out.find("2049-05-01"), std::string::npos) << destroy.out;
  auto card = run_abis({"dna", "specimen", "card", "--data", data, id});
  EXPECT_EQ(card.exit_code, 0);
  EXPECT_NE(card.out.find("A-1"), std::string::npos);
  auto again = run_abis({"dna", "specimen", "custody", "--data", data, id, "--action", "note", "--details", "x"});
  EXPECT_EQ(again.exit_code, 4);
  auto retention = run_abis({"dna", "specimen", "retention", "--data", data, "--json"});
  EXPECT_EQ(retention.exit_code, 0) << retention.err;
  auto verify = run_abis({"audit", "verify", "--data", data});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

}  // namespace
}  // namespace abis::testing
