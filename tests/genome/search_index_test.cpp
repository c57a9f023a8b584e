#include <gtest/gtest.h>

#include "core/file_io.h"
#include "genome/frequency_table.h"
#include "genome/kits.h"
#include "genome/search_index.h"
#include "genome/synthetic.h"
#include "support/test_support.h"
#include "test_profiles.h"

namespace abis::genome {
namespace {

using test_util::make_profile;

Profile nine_loci(std::string id, const char* th01) {
  return make_profile(std::move(id), {{"D3S1358", {"15", "16"}},
                                      {"vWA", {"17", "18"}},
                                      {"FGA", {"21", "22"}},
                                      {"TH01", {th01, "9.3"}},
                                      {"D8S1179", {"13", "14"}},
                                      {"D21S11", {"29", "30"}},
                                      {"D18S51", {"12", "15"}},
                                      {"D16S539", {"11", "12"}},
                                      {"D2S441", {"10", "14"}}});
}

TEST(SearchIndex, FindsAndClassifiesAndRespectsIndexes) {
  SearchIndex index;
  ASSERT_TRUE(index.add(1, IndexCategory::kConvictedOffender, nine_loci("a", "6")).is_ok());
  ASSERT_TRUE(index.add(2, IndexCategory::kMissingPersonRelative, nine_loci("b", "6")).is_ok());
  ASSERT_TRUE(index.add(3, IndexCategory::kSuspect, nine_loci("c", "7")).is_ok());
  EXPECT_EQ(index.add(3, IndexCategory::kSuspect, nine_loci("c", "7")).code(),
            StatusCode::kAlreadyExists);

  Profile crime = nine_loci("crime", "6");
  SearchRequest request;
  request.categories = direct_search_mask(IndexCategory::kForensicUnknown);
  auto r = index.search(crime, request);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_EQ(r->hits.size(), 1u);  // the relative's profile is never searched
  EXPECT_EQ(r->hits[0].key, 1u);
  EXPECT_EQ(r->hits[0].compared, 9);
  EXPECT_EQ(r->profiles_searched, 2u);

  request.criteria.max_mismatches = 1;
  r = index.search(crime, request);
  ASSERT_EQ(r->hits.size(), 2u);
  EXPECT_EQ(r->hits[1].key, 3u);
  EXPECT_EQ(r->hits[1].mismatches, 1);

  ASSERT_TRUE(index.remove(1));
  EXPECT_FALSE(index.stored_profile(1).has_value());
  ASSERT_TRUE(index.stored_profile(3).has_value());
  EXPECT_EQ(index.stored_profile(3)->loci.size(), 9u);
  EXPECT_EQ(*index.category_of(3), IndexCategory::kSuspect);
  r = index.search(crime, request);
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].key, 3u);

  Profile weak = make_profile("w", {{"TH01", {"6"}}});
  EXPECT_EQ(index.search(weak, request).status().code(), StatusCode::kFailedPrecondition);
}

TEST(SearchIndex, DuplicateDetection) {
  SearchIndex index;
  ASSERT_TRUE(index.add(10, IndexCategory::kConvictedOffender, nine_loci("a", "6")).is_ok());
  ASSERT_TRUE(index.add(11, IndexCategory::kForensicUnknown, nine_loci("b", "6")).is_ok());
  Profile again = nine_loci("a-again", "6");
  SearchRequest dup = duplicate_search_request(IndexCategory::kSuspect, again);
  EXPECT_EQ(dup.criteria.stringency, Stringency::kHigh);
  auto r = index.search(again, dup);
  ASSERT_TRUE(r.is_ok());
  ASSERT_EQ(r->hits.size(), 1u);  // the offender, not the crime-scene profile
  EXPECT_EQ(r->hits[0].key, 10u);
  Profile other = nine_loci("other", "8");
  EXPECT_TRUE(index.search(other, duplicate_search_request(IndexCategory::kSuspect, other))
                  ->hits.empty());
}

TEST(SearchIndex, TwentyLocusProfilesFitIn64Bytes) {
  ABIS_REQUIRE_TEST_DATA();
  auto text = core::read_text_file(testing::test_data_dir() /
                                   "dna/nist1036/nist1036_allele_freqs_long.csv");
  ASSERT_TRUE(text.is_ok());
  auto db = parse_frequency_csv(*text);
  ASSERT_TRUE(db.is_ok()) << db.status().message();
  const FrequencyTable* all = db->find("All");
  ASSERT_NE(all, nullptr);
  auto gen = SyntheticProfileGenerator::create(*all, codis_core_loci(), 42);
  ASSERT_TRUE(gen.is_ok()) << gen.status().message();
  const std::size_t n = 200000;
  SearchIndex index;
  index.reserve(n, codis_core_loci());
  Profile p;
  for (std::size_t i = 0; i < n; ++i) {
    gen->next(p);
    ASSERT_TRUE(index.add(i, IndexCategory::kConvictedOffender, p).is_ok());
  }
  double per_profile = double(index.memory_bytes()) / double(n);
  EXPECT_LE(per_profile, 64.0);
  EXPECT_GE(per_profile, 49.0);  // 8 key + 1 category + 20 * 2 codes
  // A stored profile finds itself at high stringency.
  gen = SyntheticProfileGenerator::create(*all, codis_core_loci(), 42);
  Profile first = gen->next();
  SearchRequest request;
  request.criteria.stringency = Stringency::kHigh;
  auto r = index.search(first, request);
  ASSERT_TRUE(r.is_ok());
  ASSERT_GE(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].key, 0u);
  EXPECT_EQ(r->hits[0].compared, 20);
}

}  // namespace
}  // namespace abis::genome
