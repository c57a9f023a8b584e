#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <random>

#include "core/file_io.h"
#include "genome/kinship.h"
#include "genome/kits.h"
#include "genome/relatives_search.h"
#include "genome/synthetic.h"
#include "genome/ystr.h"
#include "support/test_support.h"
#include "test_profiles.h"

namespace abis::genome {
namespace {

using test_util::g;
using test_util::make_profile;

// Frequencies for alleles a..d of the hand-computed tables.
constexpr double pa = 0.1, pb = 0.2, pc = 0.3, pd = 0.05;
double freq(const Allele& allele, const void*) {
  static const std::map<int, double> f = {{10, pa}, {11, pb}, {12, pc}, {13, pd}};
  return f.at(allele.repeats());
}
double ki(Kinship k, Genotype a, Genotype b, double mu = 0, double theta = 0) {
  return locus_kinship_index(k, a, b, freq, nullptr, mu, theta);
}
void expect_close(double got, double want, const char* what) {
  EXPECT_NEAR(got, want, std::fabs(want) * 1e-9 + 1e-15) << what;
}

// a = 10, b = 11, c = 12, d = 13
TEST(KinshipIndex, ParentChildTable) {
  const auto PC = Kinship::kParentChild;
  expect_close(ki(PC, g({"10"}), g({"10"})), 1 / pa, "aa/aa = 1/p");
  expect_close(ki(PC, g({"10", "11"}), g({"10"})), 1 / (2 * pa), "parent ab, child aa = 1/2p");
  expect_close(ki(PC, g({"10"}), g({"10", "11"})), 1 / (2 * pa), "parent aa, child ab = 1/2p");
  expect_close(ki(PC, g({"10", "11"}), g({"10", "11"})), (pa + pb) / (4 * pa * pb),
               "ab/ab = (p+q)/4pq");
  expect_close(ki(PC, g({"10", "12"}), g({"10", "11"})), 1 / (4 * pa), "parent ac, child ab = 1/4p");
  expect_close(ki(PC, g({"11", "12"}), g({"10", "11"})), 1 / (4 * pb), "parent bc, child ab = 1/4q");
  expect_close(ki(PC, g({"12", "13"}), g({"10", "11"})), 0.0, "exclusion");
  // With mutation (proportional model): parent aa, child bb -> index = mu.
  expect_close(ki(PC, g({"10"}), g({"11"}), 0.002), 0.002, "mutation aa -> bb");
}

TEST(KinshipIndex, FullSiblingTable) {
  const auto FS = Kinship::kFullSibling;
  expect_close(ki(FS, g({"10"}), g({"10"})), (1 + pa) * (1 + pa) / (4 * pa * pa), "aa/aa");
  expect_close(ki(FS, g({"10"}), g({"10", "11"})), (1 + pa) / (4 * pa), "aa/ab");
  expect_close(ki(FS, g({"10", "11"}), g({"10", "11"})),
               (1 + pa + pb + 2 * pa * pb) / (8 * pa * pb), "ab/ab");
  expect_close(ki(FS, g({"10", "11"}), g({"10", "12"})), (1 + 2 * pa) / (8 * pa), "ab/ac");
  expect_close(ki(FS, g({"10", "11"}), g({"12", "13"})), 0.25, "ab/cd");
  expect_close(ki(FS, g({"10"}), g({"11"})), 0.25, "aa/bb");
}

TEST(KinshipIndex, HalfSiblingTable) {
  const auto HS = Kinship::kHalfSibling;
  expect_close(ki(HS, g({"10"}), g({"10"})), (1 + pa) / (2 * pa), "aa/aa = 1/2 + 1/2p");
  expect_close(ki(HS, g({"10", "11"}), g({"10", "12"})), 0.5 + 1 / (8 * pa), "ab/ac");
  expect_close(ki(HS, g({"10", "11"}), g({"12", "13"})), 0.5, "ab/cd");
  expect_close(ki(HS, g({"10", "11"}), g({"10", "11"})), 0.5 + (pa + pb) / (8 * pa * pb), "ab/ab");
}

TEST(KinshipIndex, IsSymmetric) {
  std::vector<Genotype> gs = {g({"10"}), g({"11"}), g({"10", "11"}), g({"10", "12"}),
                              g({"12", "13"}), g({"13"})};
  for (Kinship k : {Kinship::kParentChild, Kinship::kFullSibling, Kinship::kHalfSibling})
    for (const auto& a : gs)
      for (const auto& b : gs) expect_close(ki(k, a, b), ki(k, b, a), "symmetry");
}

// Published duo (motherless) paternity indices with the coancestry correction (Balding-Nichols).
TEST(KinshipIndex, ParentChildWithTheta) {
  const auto PC = Kinship::kParentChild;
  for (double t : {0.01, 0.03, 0.2}) {
    expect_close(ki(PC, g({"10"}), g({"10"}), 0, t), (1 + 2 * t) / (3 * t + (1 - t) * pa), "aa/aa");
    const double a1 = t + (1 - t) * pa, b1 = t + (1 - t) * pb;
    expect_close(ki(PC, g({"10", "11"}), g({"10", "11"}), 0, t),
                 (1 + 2 * t) * (2 * t + (1 - t) * (pa + pb)) / (4 * a1 * b1), "ab/ab");
    expect_close(ki(PC, g({"12", "13"}), g({"10", "11"}), 0, t), 0.0, "still an exclusion");
  }
}

// Sharing an allele is weaker evidence when the population shares ancestry: every index of a pair
// sharing alleles falls as theta grows, and the index stays symmetric.
TEST(KinshipIndex, ThetaWeakensSharedAllelesAndKeepsSymmetry) {
  std::vector<Genotype> gs = {g({"10"}), g({"11"}), g({"10", "11"}), g({"10", "12"}), g({"12", "13"}), g({"13"})};
  for (Kinship k : {Kinship::kParentChild, Kinship::kFullSibling, Kinship::kHalfSibling}) {
    for (const auto& a : gs) {
      for (const auto& b : gs) {
        expect_close(ki(k, a, b, 0, 0.03), ki(k, b, a, 0, 0.03), "symmetry with theta");
        if (a == b) {
          EXPECT_LT(ki(k, a, b, 0, 0.03), ki(k, a, b)) << kinship_name(k);
        }
      }
    }
  }
}

FrequencyTable nist_all() {
  auto text = core::read_text_file(testing::test_data_dir() /
                                   "dna/nist1036/nist1036_allele_freqs_long.csv");
  auto db = parse_frequency_csv(*text);
  return *db->find("All");
}

// A child of two parents: one allele from each at every locus.
Profile child_of(const Profile& mother, const Profile& father, std::mt19937_64& rng, std::string id) {
  Profile c;
  c.id = std::move(id);
  for (std::size_t i = 0; i < mother.loci.size(); ++i) {
    const Genotype& m = mother.loci[i].genotype;
    const Genotype& f = father.loci[i].genotype;
    const Allele& from_m = m[std::uniform_int_distribution<std::size_t>(0, m.size() - 1)(rng)];
    const Allele& from_f = f[std::uniform_int_distribution<std::size_t>(0, f.size() - 1)(rng)];
    c.loci.push_back({mother.loci[i].locus, Genotype::of_unchecked({from_m, from_f}), false});
  }
  return c;
}

TEST(KinshipIndex, CombinedOverProfiles) {
  ABIS_REQUIRE_TEST_DATA();
  FrequencyTable all = nist_all();
  auto gen = SyntheticProfileGenerator::create(all, codis_core_loci(), 7);
  std::mt19937_64 rng(11);
  Profile mother = gen->next(), father = gen->next(), stranger = gen->next();
  Profile child = child_of(mother, father, rng, "child");
  auto pc = kinship_index(mother, child, Kinship::kParentChild, all, {});
  ASSERT_TRUE(pc.is_ok()) << pc.status().message();
  EXPECT_EQ(pc->loci.size(), 20u);
  EXPECT_EQ(pc->inconsistent_loci, 0);
  double product = 1;
  for (const auto& l : pc->loci) product *= l.index;
  EXPECT_DOUBLE_EQ(pc->combined, product);
  EXPECT_GT(pc->combined, 1e3);
  auto none = kinship_index(stranger, child, Kinship::kParentChild, all, {});
  ASSERT_TRUE(none.is_ok());
  EXPECT_GT(none->inconsistent_loci, 0);
  EXPECT_EQ(none->combined, 0.0);
  auto with_mu = kinship_index(stranger, child, Kinship::kParentChild, all, {0.002, std::nullopt});
  EXPECT_GT(with_mu->combined, 0.0);
  EXPECT_LT(with_mu->combined, 1.0);
  // The theta is applied, stated in the result, and checked.
  auto with_theta = kinship_index(mother, child, Kinship::kParentChild, all, {0, std::nullopt, 0.03});
  ASSERT_TRUE(with_theta.is_ok());
  EXPECT_EQ(with_theta->theta, 0.03);
  EXPECT_LT(with_theta->combined, pc->combined);
  EXPECT_EQ(with_theta->notes.front(), theta_note(0.03));
  EXPECT_EQ(pc->notes.front(), theta_note(0));
  for (double bad : {-0.01, 1.0, std::nan("")})
    EXPECT_FALSE(kinship_index(mother, child, Kinship::kParentChild, all, {0, std::nullopt, bad}).is_ok()) << bad;
}

TEST(RelativesSearch, RanksTheTrueRelativesFirst) {
  ABIS_REQUIRE_TEST_DATA();
  FrequencyTable all = nist_all();
  auto gen = SyntheticProfileGenerator::create(all, codis_core_loci(), 99);
  std::mt19937_64 rng(5);
  Profile mother = gen->next(), father = gen->next();
  Profile missing = child_of(mother, father, rng, "missing");
  Profile sibling = child_of(mother, father, rng, "sibling");
  std::vector<Profile> others;
  for (int i = 0; i < 300; ++i) others.push_back(gen->next());
  std::vector<KinshipCandidate> candidates;
  for (std::size_t i = 0; i < others.size(); ++i)
    candidates.push_back({1000 + i, &others[i], i % 2 ? Relationship::kMother : Relationship::kOther});
  candidates.push_back({1, &mother, Relationship::kMother});
  candidates.push_back({2, &father, Relationship::kFather});
  candidates.push_back({3, &sibling, Relationship::kSibling});
  candidates.push_back({4, &mother, Relationship::kSpouse});
  auto r = rank_relatives(missing, candidates, all, {});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_GE(r->ranked.size(), 3u);
  std::set<std::uint64_t> top = {r->ranked[0].key, r->ranked[1].key, r->ranked[2].key};
  EXPECT_EQ(top, (std::set<std::uint64_t>{1, 2, 3}));
  for (std::size_t i = 0; i < 3; ++i) {
    if (r->ranked[i].key == 3) EXPECT_EQ(r->ranked[i].hypothesis, Kinship::kFullSibling);
    else EXPECT_EQ(r->ranked[i].hypothesis, Kinship::kParentChild);
  }
  EXPECT_EQ(r->candidates_scored, 303u);
  EXPECT_NE(r->notes[0].find("spouse"), std::string::npos);
}

TEST(YStr, PaternalLineSearch) {
  auto hap = [](std::string id, const char* dys19, const char* dys385b) {
    return make_profile(std::move(id), {{"DYS19", {dys19}},
                                        {"DYS385", {"11", dys385b}},
                                        {"DYS389I", {"13"}},
                                        {"DYS389II", {"29"}},
                                        {"DYS390", {"24"}},
                                        {"DYS391", {"10"}},
                                        {"DYS392", {"11"}},
                                        {"DYS393", {"13"}},
                                        {"DYS437", {"14"}},
                                        {"DYS438", {"12"}},
                                        {"DYS439", {"12"}}});
  };
  Profile target = hap("t", "14", "14");
  Profile same = hap("same", "14", "14");
  Profile one_step = hap("uncle", "15", "14");
  Profile two = hap("far", "15", "15");
  Profile partial = make_profile("partial", {{"DYS19", {"14"}}, {"DYS391", {"10"}}});
  Profile no_y = make_profile("woman", {{"TH01", {"6"}}});
  std::vector<PaternalCandidate> c = {{1, &two}, {2, &one_step}, {3, &same}, {4, &partial}, {5, &no_y}};
  auto r = search_paternal_line(target, c, {});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_EQ(r->hits.size(), 2u);
  EXPECT_EQ(r->hits[0].key, 3u);
  EXPECT_EQ(r->hits[0].comparison.differences, 0);
  EXPECT_EQ(r->hits[1].key, 2u);
  EXPECT_EQ(r->hits[1].comparison.differing, std::vector<LocusId>{*find_locus("DYS19")});
  EXPECT_EQ(r->haplotypes_searched, 4u);
  EXPECT_EQ(r->exact_matches, 1u);
  EXPECT_FALSE(search_paternal_line(partial, c, {}).is_ok());  // 2 markers < 10
}

}  // namespace
}  // namespace abis::genome
