#include <gtest/gtest.h>

#include "genome/match.h"
#include "test_profiles.h"

namespace abis::genome {
namespace {

using test_util::g;
using test_util::make_profile;

// The CODIS stringency classes, locus by locus.
TEST(ClassifyLocus, WorkedCases) {
  struct Case {
    Genotype a, b;
    LocusMatch expected;
  };
  const Case cases[] = {
      // identical allele sets
      {g({"14", "15"}), g({"15", "14"}), LocusMatch::kHigh},
      {g({"9.3"}), g({"9.3", "9.3"}), LocusMatch::kHigh},
      // one set inside the other: partial profile (dropout) or mixture vs reference
      {g({"14"}), g({"14", "15"}), LocusMatch::kModerate},
      {g({"14", "15", "16", "17"}), g({"15", "17"}), LocusMatch::kModerate},
      {g({"8", "9", "11"}), g({"8", "9"}), LocusMatch::kModerate},  // tri-allelic reference
      // share something, neither inside the other
      {g({"14", "15"}), g({"15", "16"}), LocusMatch::kLow},
      {g({"14", "15", "16"}), g({"16", "17"}), LocusMatch::kLow},
      // nothing shared
      {g({"14", "15"}), g({"16", "17"}), LocusMatch::kMismatch},
      {g({"9"}), g({"9.3"}), LocusMatch::kMismatch},  // microvariants are distinct alleles
      {g({">27"}), g({"28"}), LocusMatch::kMismatch},  // designations compared as written
      {g({"OL", "12"}), g({"OL", "12"}), LocusMatch::kHigh},
      // an untyped locus is not compared
      {Genotype(), g({"14"}), LocusMatch::kNotCompared},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(classify_locus(c.a, c.b), c.expected) << c.a.to_string() << " vs " << c.b.to_string();
    EXPECT_EQ(classify_locus(c.b, c.a), c.expected) << "symmetry";
  }
}

TEST(Meets, StringencyLadder) {
  EXPECT_TRUE(meets(LocusMatch::kHigh, Stringency::kHigh));
  EXPECT_FALSE(meets(LocusMatch::kModerate, Stringency::kHigh));
  EXPECT_TRUE(meets(LocusMatch::kModerate, Stringency::kModerate));
  EXPECT_FALSE(meets(LocusMatch::kLow, Stringency::kModerate));
  EXPECT_TRUE(meets(LocusMatch::kLow, Stringency::kLow));
  EXPECT_FALSE(meets(LocusMatch::kMismatch, Stringency::kLow));
}

TEST(CompareProfiles, CountsComparedLociAndMismatches) {
  Profile target = make_profile("T", {{"D3S1358", {"15", "16"}},
                                      {"vWA", {"17"}},
                                      {"FGA", {"21", "22", "24"}},
                                      {"TH01", {"6", "9.3"}},
                                      {"D8S1179", {"13"}}});
  Profile cand = make_profile("C", {{"D3S1358", {"15", "16"}},  // high
                                    {"vWA", {"17", "18"}},      // moderate
                                    {"FGA", {"22", "25"}},      // low
                                    {"TH01", {"7", "8"}},       // mismatch
                                    {"D18S51", {"12"}}});       // only in candidate
  MatchCriteria crit{Stringency::kModerate, 4, 2};
  ProfileComparison cmp = compare_profiles(target, cand, crit);
  EXPECT_EQ(cmp.compared, 4);
  EXPECT_EQ(cmp.mismatches, 2);  // FGA (low) and TH01 (mismatch) are below moderate
  EXPECT_TRUE(cmp.matches);
  ASSERT_EQ(cmp.loci.size(), 6u);  // 4 compared + D8S1179 + D18S51 not compared
  auto cls = [&](const char* l) {
    for (auto& lc : cmp.loci)
      if (lc.locus == *find_locus(l)) return lc.match;
    return LocusMatch::kNotCompared;
  };
  EXPECT_EQ(cls("D3S1358"), LocusMatch::kHigh);
  EXPECT_EQ(cls("vWA"), LocusMatch::kModerate);
  EXPECT_EQ(cls("FGA"), LocusMatch::kLow);
  EXPECT_EQ(cls("TH01"), LocusMatch::kMismatch);
  EXPECT_EQ(cls("D18S51"), LocusMatch::kNotCompared);
  EXPECT_EQ(cls("D8S1179"), LocusMatch::kNotCompared);

  EXPECT_FALSE(compare_profiles(target, cand, {Stringency::kModerate, 4, 1}).matches);
  EXPECT_FALSE(compare_profiles(target, cand, {Stringency::kModerate, 5, 2}).matches);
  EXPECT_EQ(compare_profiles(target, cand, {Stringency::kHigh, 1, 9}).mismatches, 3);
  EXPECT_EQ(compare_profiles(target, cand, {Stringency::kLow, 1, 9}).mismatches, 1);
}

TEST(CheckSearchable, RefusesTooFewLoci) {
  Profile target = make_profile("T", {{"D3S1358", {"15", "16"}}, {"vWA", {"17"}}});
  Status s = check_searchable(target, MatchCriteria{});
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.message().find("2 autosomal loci"), std::string::npos);
  EXPECT_NE(s.message().find("at least 8"), std::string::npos);
  EXPECT_FALSE(validate_criteria({Stringency::kHigh, 0, 0}).is_ok());
  EXPECT_FALSE(validate_criteria({Stringency::kHigh, 8, -1}).is_ok());
}

}  // namespace
}  // namespace abis::genome
