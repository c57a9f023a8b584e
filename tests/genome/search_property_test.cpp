// The indexed search must return exactly what the brute-force scan returns, on random databases
// built to hit the corner cases: partial profiles, homozygotes, tri-allelic loci, mixtures,
// off-ladder alleles, removed rows, rows added before a locus first appeared, genotypes kept in
// the side table, truncated result lists, and 1 to 3 threads.
#include <gtest/gtest.h>

#include <random>

#include "genome/search.h"
#include "genome/search_index.h"

namespace abis::genome {
namespace {

class RandomProfiles {
 public:
  explicit RandomProfiles(std::uint64_t seed) : rng_(seed) {
    for (const char* name : {"CSF1PO", "D3S1358", "D5S818", "D7S820", "D8S1179", "D13S317",
                             "D16S539", "D18S51", "D21S11", "FGA", "TH01", "TPOX"})
      pool_.push_back(*find_locus(name));
  }

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  Allele allele() {
    int r = uniform(0, 99);
    if (r < 2) return Allele::off_ladder();
    if (r < 4) return Allele(uniform(5, 7), 0, AlleleKind::kBelow);
    if (r < 6) return Allele(uniform(13, 15), 0, AlleleKind::kAbove);
    // Few distinct values so that matches are frequent.
    return Allele(uniform(6, 12), chance(0.1) ? 3 : 0);
  }

  Genotype genotype(int max_alleles) {
    std::vector<Allele> a;
    int n = uniform(1, max_alleles);
    for (int i = 0; i < n; ++i) a.push_back(allele());
    return *Genotype::of(a);
  }

  Profile profile() {
    Profile p;
    int max_alleles = chance(0.15) ? 4 : (chance(0.05) ? 3 : 2);
    for (LocusId locus : pool_) {
      if (chance(0.25)) continue;  // untyped locus
      p.loci.push_back({locus, genotype(max_alleles), false});
    }
    return p;
  }

  // A variation on a stored profile: dropped loci, changed or added alleles.
  Profile variant(const Profile& base) {
    Profile p;
    for (const LocusGenotype& lg : base.loci) {
      if (chance(0.15)) continue;
      std::vector<Allele> a(lg.genotype.begin(), lg.genotype.end());
      if (chance(0.15)) a[static_cast<std::size_t>(uniform(0, int(a.size()) - 1))] = allele();
      if (chance(0.15) && a.size() < 4) a.push_back(allele());
      if (chance(0.1) && a.size() > 1) a.pop_back();
      p.loci.push_back({lg.locus, *Genotype::of(a), false});
    }
    return p;
  }

  IndexCategory category() { return static_cast<IndexCategory>(uniform(1, kIndexCategoryCount)); }

 private:
  std::mt19937_64 rng_;
  std::vector<LocusId> pool_;
};

void expect_same(const SearchResult& a, const SearchResult& b, const std::string& where) {
  ASSERT_EQ(a.hits.size(), b.hits.size()) << where;
  EXPECT_EQ(a.total_hits, b.total_hits) << where;
  EXPECT_EQ(a.truncated, b.truncated) << where;
  EXPECT_EQ(a.profiles_searched, b.profiles_searched) << where;
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    const SearchHit& x = a.hits[i];
    const SearchHit& y = b.hits[i];
    ASSERT_EQ(x.key, y.key) << where << " hit " << i;
    EXPECT_EQ(x.category, y.category) << where;
    EXPECT_EQ(x.compared, y.compared) << where;
    EXPECT_EQ(x.mismatches, y.mismatches) << where;
    ASSERT_EQ(x.loci.size(), y.loci.size()) << where;
    for (std::size_t j = 0; j < x.loci.size(); ++j) {
      EXPECT_EQ(x.loci[j].locus, y.loci[j].locus) << where;
      EXPECT_EQ(x.loci[j].match, y.loci[j].match) << where;
    }
  }
}

class SearchProperty : public ::testing::TestWithParam<int> {};

TEST_P(SearchProperty, IndexedSearchEqualsBruteForce) {
  const int seed = GetParam();
  RandomProfiles gen(static_cast<std::uint64_t>(seed) * 7919 + 1);
  // Small dictionaries on some seeds push genotypes into the side table.
  std::uint32_t max_codes = seed % 3 == 0 ? static_cast<std::uint32_t>(gen.uniform(1, 20))
                                          : params::kMaxGenotypeCodesPerLocus;
  SearchIndex index(max_codes);
  std::vector<IndexedProfile> database;
  const int rows = gen.uniform(1, 3000);
  for (int i = 0; i < rows; ++i) {
    // Some profiles are variants of earlier ones: near-duplicates are what searches find.
    Profile p = (i > 0 && gen.chance(0.3))
                    ? gen.variant(database[static_cast<std::size_t>(gen.uniform(0, int(database.size()) - 1))].profile)
                    : gen.profile();
    std::uint64_t key = static_cast<std::uint64_t>(i) * 3 + 10;
    IndexedProfile stored{key, gen.category(), p};
    ASSERT_TRUE(index.add(key, stored.category, p).is_ok());
    database.push_back(std::move(stored));
  }
  // Remove some rows from both.
  for (int i = 0; i < rows / 20; ++i) {
    std::size_t at = static_cast<std::size_t>(gen.uniform(0, int(database.size()) - 1));
    ASSERT_TRUE(index.remove(database[at].key));
    EXPECT_FALSE(index.remove(database[at].key));
    database.erase(database.begin() + static_cast<std::ptrdiff_t>(at));
  }
  ASSERT_EQ(index.size(), database.size());

  std::size_t hits_seen = 0, errors_seen = 0;
  for (int q = 0; q < 25; ++q) {
    Profile target = gen.chance(0.6) && !database.empty()
                         ? gen.variant(database[static_cast<std::size_t>(gen.uniform(0, int(database.size()) - 1))].profile)
                         : gen.profile();
    SearchRequest request;
    request.criteria.stringency = static_cast<Stringency>(gen.uniform(0, 2));
    request.criteria.min_compared_loci = gen.uniform(1, 9);
    request.criteria.max_mismatches = gen.uniform(0, 3);
    request.categories = gen.chance(0.5) ? kAllCategories
                                         : static_cast<CategoryMask>(gen.uniform(0, 0xFFFF));
    request.max_results = gen.chance(0.3) ? static_cast<std::size_t>(gen.uniform(0, 5)) : 100000;
    auto expected = brute_force_search(target, database, request);
    if (expected.is_ok()) hits_seen += expected->total_hits;
    else ++errors_seen;
    for (int threads : {1, 2, 3}) {
      auto got = index.search(target, request, threads);
      std::string where = "seed " + std::to_string(seed) + " query " + std::to_string(q) +
                          " threads " + std::to_string(threads);
      ASSERT_EQ(got.is_ok(), expected.is_ok()) << where;
      if (!got.is_ok()) {
        EXPECT_EQ(got.status().message(), expected.status().message());
        continue;
      }
      expect_same(*got, *expected, where);
    }
  }
  // The comparison means something only if the random queries do hit.
  if (database.size() > 500) EXPECT_GT(hits_seen, 0u) << "seed " << seed;
  RecordProperty("hits", static_cast<int>(hits_seen));
  RecordProperty("errors", static_cast<int>(errors_seen));
}

INSTANTIATE_TEST_SUITE_P(RandomDatabases, SearchProperty, ::testing::Range(0, 24));

}  // namespace
}  // namespace abis::genome
