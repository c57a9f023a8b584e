#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "core/file_io.h"
#include "genome/frequency_table.h"
#include "genome/kits.h"
#include "genome/profile_csv.h"
#include "genome/synthetic.h"
#include "support/test_support.h"

namespace abis::genome {
namespace {

std::string read(const std::string& relative) {
  auto text = core::read_text_file(testing::test_data_dir() / relative);
  EXPECT_TRUE(text.is_ok()) << relative;
  return text.is_ok() ? *text : std::string();
}

TEST(FrequencyCsv, LongFormatWithCountsAndTotals) {
  auto db = parse_frequency_csv(
      "population,n_individuals,locus,allele,count,n_alleles_at_locus,frequency\n"
      "KZ,50,TH01,6,30,100,0.3\n"
      "KZ,50,TH01,9.3,70,100,0.7\n"
      "KZ,50,VWA,16,100,100,1\n"
      "KZ,50,DYS391,10,50,50,1\n"
      "KZ,50,D99S1,10,50,50,1\n");
  ASSERT_TRUE(db.is_ok()) << db.status().message();
  const FrequencyTable* kz = db->find("KZ");
  ASSERT_NE(kz, nullptr);
  EXPECT_EQ(kz->n_individuals, 50);
  const LocusFrequencies* th01 = kz->locus(*find_locus("TH01"));
  ASSERT_NE(th01, nullptr);
  EXPECT_EQ(*th01->frequency(*Allele::parse("9.3")), 0.7);
  EXPECT_FALSE(th01->frequency(*Allele::parse("9")).has_value());
  EXPECT_DOUBLE_EQ(*kz->minimum_frequency(*find_locus("TH01")), 5.0 / 100.0);
  ASSERT_EQ(db->warnings.size(), 2u);  // the unknown locus and the Y marker are reported
  EXPECT_NE(db->warnings[0].find("D99S1"), std::string::npos);
  EXPECT_NE(db->warnings[1].find("DYS391"), std::string::npos);
}

TEST(FrequencyCsv, CountsOnlyAndNoSampleSize) {
  auto counts = parse_frequency_csv("population_sheet,locus,allele,count\nP,TH01,6,3\nP,TH01,7,1\n");
  ASSERT_TRUE(counts.is_ok()) << counts.status().message();
  const LocusFrequencies* lf = counts->populations[0].locus(*find_locus("TH01"));
  EXPECT_DOUBLE_EQ(*lf->frequency(Allele(6)), 0.75);
  EXPECT_DOUBLE_EQ(lf->allele_total, 4);
  auto bare = parse_frequency_csv("locus,allele,frequency\nTH01,6,0.5\nTH01,7,0.5\n", "norway");
  ASSERT_TRUE(bare.is_ok());
  EXPECT_EQ(bare->populations[0].population, "norway");
  EXPECT_FALSE(bare->populations[0].minimum_frequency(*find_locus("TH01")).has_value());
}

TEST(FrequencyCsv, RefusesBadTables) {
  auto expect_error = [](std::string_view text, std::string_view needle) {
    auto db = parse_frequency_csv(text);
    ASSERT_FALSE(db.is_ok()) << text;
    EXPECT_NE(db.status().message().find(needle), std::string::npos) << db.status().message();
  };
  expect_error("locus,allele,frequency\nTH01,6,1.5\n", "above 1");
  expect_error("locus,allele,frequency\nTH01,6,-0.1\n", "not a non-negative number");
  expect_error("locus,allele,frequency\nTH01,6,abc\n", "not a non-negative number");
  expect_error("locus,allele,frequency\nTH01,6,0.5\nTH01,6,0.5\n", "repeats line 2");
  expect_error("locus,frequency\nTH01,0.5\n", "no 'allele' column");
  expect_error("x,y\n1,2\n", "neither");
  // Found by the fuzzer: a wide table with a sample size but no locus column is not a table.
  expect_error("Allele,population,n,count\n6,A,10,5\n", "no usable rows");
  // An unreadable allele is skipped and reported, not silently turned into a number.
  auto db = parse_frequency_csv("locus,allele,frequency\nTH01,6,0.5\nTH01,9.3.1,0.5\n");
  ASSERT_TRUE(db.is_ok());
  bool reported = false;
  for (const auto& w : db->warnings) reported |= w.find("9.3.1") != std::string::npos;
  EXPECT_TRUE(reported);
}

TEST(FrequencyCsv, WideFormatAndRoundTrip) {
  auto db = parse_frequency_csv(
      "Allele,TH01,vWA,AMEL\n6,0.25,,\n9.3,0.75,,\n16,,1.0,\nX,,,0.5\n", "wide");
  ASSERT_TRUE(db.is_ok()) << db.status().message();
  const FrequencyTable& t = db->populations[0];
  EXPECT_EQ(t.population, "wide");
  EXPECT_DOUBLE_EQ(*t.locus(*find_locus("TH01"))->frequency(*Allele::parse("9.3")), 0.75);
  auto again = parse_frequency_csv(format_frequency_csv(*db));
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(format_frequency_csv(*again), format_frequency_csv(*db));
}

TEST(FrequencyCsv, ReadsEverySharedTable) {
  ABIS_REQUIRE_TEST_DATA();
  const char* files[] = {
      "dna/nist1036/nist1036_allele_freqs_long.csv",
      "dna/fbi2015_expanded_core/fbi2015_allele_freqs_long.csv",
      "dna/popstr_hgdp_and_strider2015/popstr_allele_freqs_long.csv",
      "dna/popstr_hgdp_and_strider2015/strider2015_allele_freqs_long.csv",
      "dna/uk_dna17/uk_dna17_allele_counts_long.csv",
      "dna/norstr/norstr_allele_freqs_long.csv",
      "dna/familias_norwegian/NorwegianFrequencies_long.csv",
      "dna/euroformix_examples/examples/ESX17_freq.csv",
      "dna/lrmixstudio_validation/model/splitdrop/validation/data/Allele frequencies to use in "
      "DyNAmix.csv",
      "dna/strvalidator_freqs/database.txt",
  };
  for (const char* f : files) {
    auto db = parse_frequency_csv(read(f));
    ASSERT_TRUE(db.is_ok()) << f << ": " << db.status().message();
    EXPECT_FALSE(db->populations.empty()) << f;
  }
}

TEST(FrequencyCsv, Nist1036SpotCheck) {
  ABIS_REQUIRE_TEST_DATA();
  auto db = parse_frequency_csv(read("dna/nist1036/nist1036_allele_freqs_long.csv"));
  ASSERT_TRUE(db.is_ok());
  EXPECT_EQ(db->population_names(), "AfAm, All, Asian, Cauc, Hisp");
  const FrequencyTable* afam = db->find("AfAm");
  ASSERT_NE(afam, nullptr);
  EXPECT_EQ(afam->n_individuals, 342);
  // MANIFEST: AfAm TH01 allele 5 = 3/684 = 0.004386.
  EXPECT_NEAR(*afam->locus(*find_locus("TH01"))->frequency(Allele(5)), 3.0 / 684, 1e-6);
  EXPECT_DOUBLE_EQ(*afam->minimum_frequency(*find_locus("TH01")), 5.0 / 684);
}

// The table computed from the 1036 genotypes must equal the published derived table.
TEST(ComputeFrequencies, Nist1036GenotypesGiveTheNistTable) {
  ABIS_REQUIRE_TEST_DATA();
  auto profiles = parse_profiles_csv(read("dna/nist1036/nist1036_genotypes_wide.csv"));
  ASSERT_TRUE(profiles.is_ok());
  auto published = parse_frequency_csv(read("dna/nist1036/nist1036_allele_freqs_long.csv"));
  ASSERT_TRUE(published.is_ok());
  std::vector<std::string> notes;
  FrequencyTable computed = compute_frequency_table(profiles->profiles, "All", &notes);
  EXPECT_TRUE(notes.empty());
  const FrequencyTable* all = published->find("All");
  ASSERT_EQ(computed.loci.size(), all->loci.size());
  for (const auto& [locus, lf] : all->loci) {
    const LocusFrequencies* mine = computed.locus(locus);
    ASSERT_NE(mine, nullptr) << locus_name(locus);
    EXPECT_EQ(mine->allele_total, lf.allele_total) << locus_name(locus);
    ASSERT_EQ(mine->alleles.size(), lf.alleles.size()) << locus_name(locus);
    for (std::size_t i = 0; i < lf.alleles.size(); ++i) {
      EXPECT_EQ(mine->alleles[i].first, lf.alleles[i].first);
      EXPECT_EQ(mine->counts[i], lf.counts[i]) << locus_name(locus) << " " << lf.alleles[i].first.to_string();
      EXPECT_NEAR(mine->alleles[i].second, lf.alleles[i].second, 5e-7);
    }
  }
}

// Synthetic profiles follow the table: allele shares of 100,000 draws within 4 standard errors.
TEST(SyntheticProfiles, FollowTheFrequencies) {
  auto db = parse_frequency_csv(
      "locus,allele,frequency\nTH01,6,0.5\nTH01,7,0.3\nTH01,9.3,0.15\nTH01,10,0.05\n"
      "vWA,16,0.999\nvWA,17,0.001\n", "t");
  ASSERT_TRUE(db.is_ok());
  std::vector<LocusId> loci = {*find_locus("TH01"), *find_locus("vWA")};
  auto gen = SyntheticProfileGenerator::create(db->populations[0], loci, 123);
  ASSERT_TRUE(gen.is_ok());
  std::map<std::string, double> seen;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    Profile p = gen->next();
    ASSERT_EQ(p.loci.size(), 2u);
    for (const LocusGenotype& lg : p.loci) {
      double per_allele = lg.genotype.size() == 1 ? 2.0 : 1.0;
      for (const Allele& a : lg.genotype)
        seen[std::string(locus_name(lg.locus)) + " " + a.to_string()] += per_allele;
    }
  }
  for (const auto& [locus, lf] : db->populations[0].loci)
    for (const auto& [allele, f] : lf.alleles) {
      double share = seen[std::string(locus_name(locus)) + " " + allele.to_string()] / (2.0 * n);
      EXPECT_NEAR(share, f, 4 * std::sqrt(f * (1 - f) / (2.0 * n)) + 1e-12)
          << locus_name(locus) << " " << allele.to_string();
    }
  std::vector<LocusId> missing = {*find_locus("FGA")};
  EXPECT_FALSE(SyntheticProfileGenerator::create(db->populations[0], missing, 1).is_ok());
}

}  // namespace
}  // namespace abis::genome
