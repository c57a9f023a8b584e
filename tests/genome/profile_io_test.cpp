#include <gtest/gtest.h>

#include "core/file_io.h"
#include "genome/profile_csv.h"
#include "genome/profile_json.h"
#include "support/test_support.h"

namespace abis::genome {
namespace {

TEST(ProfileJson, ParsesTheIssueForm) {
  auto p = parse_profile_json(
      R"({"id": "S1", "category": "forensic_unknown", "kit": "GlobalFiler",
          "loci": {"CSF1PO": ["11", "12"], "TH01": ["9.3", "9.3"], "AMEL": ["X", "Y"],
                   "DYS391": ["10"], "Penta D": []},
          "ystr": {"DYS385a/b": ["11", "14"]}})");
  ASSERT_TRUE(p.is_ok()) << p.status().message();
  EXPECT_EQ(p->id, "S1");
  EXPECT_EQ(*p->category, IndexCategory::kForensicUnknown);
  EXPECT_EQ(p->loci.size(), 2u);
  EXPECT_EQ(p->genotype(*find_locus("TH01"))->to_string(), "9.3");
  EXPECT_EQ(p->ystr.size(), 2u);  // DYS391 from "loci", DYS385 from "ystr"
  EXPECT_EQ(p->amelogenin.to_string(), "X,Y");
}

TEST(ProfileJson, NumbersKeepTheirDecimalText) {
  auto p = parse_profile_json(R"({"id": "N", "loci": {"TH01": [9.3, 10], "D21S11": [30.2, 32.2]}})");
  ASSERT_TRUE(p.is_ok()) << p.status().message();
  EXPECT_EQ(p->genotype(*find_locus("TH01"))->to_string(), "9.3,10");
  EXPECT_EQ(p->genotype(*find_locus("D21S11"))->to_string(), "30.2,32.2");
}

TEST(ProfileJson, RoundTrips) {
  auto p = parse_profile_json(
      R"({"id": "R", "category": "missing_person_relative", "relationship": "mother",
          "loci": {"vWA": ["16", "17"], "FGA": [">27", "22"], "TPOX": ["8", "9", "11"],
                   "D5S818": ["OL", "12"], "AMEL": ["X", "X"]},
          "triallelic": ["TPOX"], "ystr": {}})");
  ASSERT_TRUE(p.is_ok()) << p.status().message();
  std::string text = profile_to_json(*p);
  auto q = parse_profile_json(text);
  ASSERT_TRUE(q.is_ok()) << q.status().message() << "\n" << text;
  EXPECT_EQ(profile_to_json(*q), text);
  EXPECT_EQ(*q->relationship, Relationship::kMother);
  EXPECT_TRUE(q->find(*find_locus("TPOX"))->triallelic);
  EXPECT_NE(text.find(R"("FGA":["22",">27"])"), std::string::npos) << text;
}

TEST(ProfileJson, RefusesBadInput) {
  auto expect_error = [](std::string_view text, std::string_view needle) {
    auto p = parse_profile_json(text);
    ASSERT_FALSE(p.is_ok()) << text;
    EXPECT_NE(p.status().message().find(needle), std::string::npos) << p.status().message();
  };
  expect_error(R"({"id": "a", "loci": {"D99S1": ["1"]}})", "unknown locus 'D99S1'");
  expect_error(R"({"id": "a", "loci": {"TH01": ["9.3.1"]}})", "9.3.1");
  expect_error(R"({"id": "a", "loci": {"TH01": ["abc"]}})", "abc");
  expect_error(R"({"id": "a", "loci": {"TH01": ["-1"]}})", "negative");
  expect_error(R"({"id": "a", "loci": {"TH01": [true]}})", "must be a string");
  expect_error(R"({"id": "a", "locus": {}})", "unknown field \"locus\"");
  expect_error(R"({"id": "a"})", "needs \"loci\"");
  expect_error(R"({"id": "a", "category": "victim", "loci": {}})", "unknown index category");
  expect_error(R"({"id": "a", "loci": {"TH01": ["9"]})", "not valid JSON");
  expect_error(R"([1,2])", "must be a JSON object");
}

TEST(ProfileJson, ReadsArraysAndJsonLines) {
  auto lines = parse_profiles_json("{\"id\":\"a\",\"loci\":{\"TH01\":[\"9\"]}}\n\n"
                                   "{\"id\":\"b\",\"loci\":{\"TH01\":[\"6\"]}}\n");
  ASSERT_TRUE(lines.is_ok()) << lines.status().message();
  EXPECT_EQ(lines->size(), 2u);
  auto bad_line = parse_profiles_json("{\"id\":\"a\",\"loci\":{}}\n{\"id\":\"b\",\"loci\":{\"X\":[]}}\n");
  ASSERT_FALSE(bad_line.is_ok());
  EXPECT_NE(bad_line.status().message().find("line 2"), std::string::npos);
  auto array = parse_profiles_json(R"([{"id":"a","loci":{}},{"id":"b","loci":{}}])");
  ASSERT_TRUE(array.is_ok());
  EXPECT_EQ(array->size(), 2u);
}

TEST(ProfileCsv, WideLayoutWithNullCells) {
  auto r = parse_profiles_csv(
      "specimenId,TH01_1,TH01_2,TH01_3,Penta_D_1,Penta_D_2\n"
      "A#1,6,9.3,NULL,9,13\n"
      "B#2,7,7,NULL,NULL,NULL\n");
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_EQ(r->profiles.size(), 2u);
  EXPECT_EQ(r->profiles[0].id, "A#1");
  EXPECT_EQ(r->profiles[0].loci.size(), 2u);
  EXPECT_EQ(r->profiles[1].loci.size(), 1u);
}

TEST(ProfileCsv, ErrorsNameLineAndColumn) {
  auto r = parse_profiles_csv("sample,TH01_1,TH01_2\nA,6,9\nB,6,9.3.1\n");
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("line 3"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("profile B"), std::string::npos) << r.status().message();
  auto skipped = parse_profiles_csv("sample,TH01_1,TH01_2\nA,6,9\nB,6,abc\n", {true});
  ASSERT_TRUE(skipped.is_ok());
  EXPECT_EQ(skipped->profiles.size(), 1u);
  ASSERT_EQ(skipped->errors.size(), 1u);
  auto unknown = parse_profiles_csv("sample,XYZ_1\nA,6\n");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_NE(unknown.status().message().find("unknown locus 'XYZ'"), std::string::npos);
  auto broken = parse_profiles_csv("sample,TH01_1\n\"A,6\n");
  ASSERT_FALSE(broken.is_ok());
  EXPECT_NE(broken.status().message().find("never closed"), std::string::npos);
}

// A Latin-1 id (not UTF-8) cannot be printed as JSON: refused at reading, naming the line.
TEST(ProfileCsv, IdThatIsNotUtf8IsRefused) {
  auto r = parse_profiles_csv("sample,TH01_1,TH01_2\nA,6,9\nM\xfcller,6,9\n");
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("UTF-8"), std::string::npos) << r.status().message();
}

TEST(ProfileCsv, ReadsTheNist1036GenotypeFile) {
  ABIS_REQUIRE_TEST_DATA();
  auto text = core::read_text_file(testing::test_data_dir() / "dna/nist1036/nist1036_genotypes_wide.csv");
  ASSERT_TRUE(text.is_ok());
  auto r = parse_profiles_csv(*text);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_EQ(r->profiles.size(), 1036u);
  const Profile& first = r->profiles[0];
  EXPECT_EQ(first.id, "GT37019");
  EXPECT_EQ(first.population, "AfAm");
  EXPECT_EQ(first.loci.size(), 29u);
  // GT37019: D1S1656 12,16.3; Penta D 2.2,11; SE33 14,23.2; vWA 17,17
  EXPECT_EQ(first.genotype(*find_locus("D1S1656"))->to_string(), "12,16.3");
  EXPECT_EQ(first.genotype(*find_locus("Penta D"))->to_string(), "2.2,11");
  EXPECT_EQ(first.genotype(*find_locus("SE33"))->to_string(), "14,23.2");
  EXPECT_EQ(first.genotype(*find_locus("vWA"))->to_string(), "17");
  for (const Profile& p : r->profiles)
    EXPECT_TRUE(validate_for_index(p, IndexCategory::kConvictedOffender).is_ok()) << p.id;
}

TEST(ProfileCsv, ReadsTheLongGeneMapperLayout) {
  ABIS_REQUIRE_TEST_DATA();
  auto text = core::read_text_file(testing::test_data_dir() /
                                   "dna/euroformix_examples/examples/ESX17_refs.csv");
  ASSERT_TRUE(text.is_ok());
  auto r = parse_profiles_csv(*text);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_GE(r->profiles.size(), 1u);
  EXPECT_EQ(r->profiles[0].id, "ref1");
  EXPECT_EQ(r->profiles[0].genotype(*find_locus("TH01"))->to_string(), "9,9.3");
  EXPECT_EQ(r->profiles[0].loci.size(), 16u);
}

}  // namespace
}  // namespace abis::genome
