#include <gtest/gtest.h>

#include <cmath>

#include "core/file_io.h"
#include "genome/frequency_table.h"
#include "genome/match_statistics.h"
#include "genome/profile_csv.h"
#include "support/test_support.h"
#include "test_profiles.h"

namespace abis::genome {
namespace {

using test_util::make_profile;

// Relative agreement to better than 4 significant digits.
void expect_close(double got, double want, const std::string& what = "") {
  EXPECT_NEAR(got, want, std::fabs(want) * 1e-6) << what;
}

TEST(GenotypeProbabilities, HeterozygoteByHand) {
  // p = 0.1, q = 0.2, theta = 0.01
  // HWE = 2pq = 0.04; NRC II 4.1 leaves heterozygotes at 2pq = 0.04;
  // 4.10 = 2 (0.01 + 0.99*0.1)(0.01 + 0.99*0.2) / (1.01 * 1.02) = 2 * 0.109 * 0.208 / 1.0302
  //      = 0.045344 / 1.0302 = 0.0440147544...
  GenotypeProbabilities g = genotype_probabilities(false, 0.1, 0.2, 0.01);
  expect_close(g.hwe, 0.04);
  expect_close(g.nrc41, 0.04);
  expect_close(g.nrc410, 0.0440147544);
}

TEST(GenotypeProbabilities, HomozygoteByHand) {
  // p = 0.1, theta = 0.01: HWE = 0.01; 4.1 = 0.01 + 0.1*0.9*0.01 = 0.0109;
  // 4.10 = (0.02 + 0.099)(0.03 + 0.099) / 1.0302 = 0.119 * 0.129 / 1.0302 = 0.0149009901
  GenotypeProbabilities g = genotype_probabilities(true, 0.1, 0.1, 0.01);
  expect_close(g.hwe, 0.01);
  expect_close(g.nrc41, 0.0109);
  expect_close(g.nrc410, 0.0149009901);
  // p = 0.05, theta = 0.03 (small, isolated population): 4.1 = 0.0025 + 0.05*0.95*0.03
  // = 0.003925; 4.10 = (0.06 + 0.0485)(0.09 + 0.0485) / (1.03 * 1.06) = 0.01502725 / 1.0918
  // = 0.0137637388
  GenotypeProbabilities h = genotype_probabilities(true, 0.05, 0.05, 0.03);
  expect_close(h.hwe, 0.0025);
  expect_close(h.nrc41, 0.003925);
  expect_close(h.nrc410, 0.0137637388);
  // theta = 0: all three models agree.
  GenotypeProbabilities z = genotype_probabilities(true, 0.3, 0.3, 0.0);
  expect_close(z.nrc41, 0.09);
  expect_close(z.nrc410, 0.09);
}

FrequencyTable small_table() {
  auto db = parse_frequency_csv(
      "population,n_individuals,locus,allele,count,n_alleles_at_locus,frequency\n"
      "T,100,TH01,6,40,200,0.2\n"
      "T,100,TH01,9.3,60,200,0.3\n"
      "T,100,TH01,7,100,200,0.5\n"
      "T,100,vWA,16,20,200,0.1\n"
      "T,100,vWA,17,178,200,0.89\n"
      "T,100,vWA,18,2,200,0.01\n"
      "T,100,FGA,20,100,200,0.5\n"
      "T,100,FGA,28,60,200,0.3\n"
      "T,100,FGA,30,40,200,0.2\n");
  EXPECT_TRUE(db.is_ok()) << db.status().message();
  return db->populations[0];
}

TEST(RandomMatchProbability, ProductOverLoci) {
  Profile p = make_profile("P", {{"TH01", {"6", "9.3"}}, {"vWA", {"16", "16"}}});
  auto s = random_match_probability(p, small_table(), {0.01, std::nullopt});
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  // TH01 6,9.3: 2 * 0.2 * 0.3 = 0.12; vWA 16,16: 0.1^2 = 0.01 -> HWE product 0.0012
  expect_close(s->combined.hwe, 0.0012);
  // 4.1: 0.12 * (0.01 + 0.1*0.9*0.01) = 0.12 * 0.0109 = 0.001308
  expect_close(s->combined.nrc41, 0.001308);
  // 4.10: TH01 2(0.01+0.99*0.2)(0.01+0.99*0.3)/1.0302 = 2*0.208*0.307/1.0302 = 0.127712/1.0302
  //       vWA 0.0149009901 (above): product = 0.1239681615 * 0.0149009901 = 0.0018472483
  expect_close(s->combined.nrc410, (0.127712 / 1.0302) * (0.015351 / 1.0302));
  EXPECT_EQ(s->loci_used, 2);
  EXPECT_TRUE(s->notes.empty());
}

TEST(RandomMatchProbability, MinimumFrequencyIsAppliedAndSaid) {
  // vWA 18 was seen twice in 200 alleles (0.01 < 5/2N = 0.025): raised to 0.025.
  // TH01 8 is not in the table: 5/2N = 0.025, and the notes say so.
  Profile p = make_profile("P", {{"TH01", {"8", "7"}}, {"vWA", {"18", "17"}}});
  auto s = random_match_probability(p, small_table(), {0.0, std::nullopt});
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  // TH01 2 * 0.025 * 0.5 = 0.025; vWA 2 * 0.025 * 0.89 = 0.0445
  expect_close(s->combined.hwe, 0.025 * 0.0445);
  ASSERT_EQ(s->notes.size(), 2u);
  EXPECT_NE(s->notes[0].find("TH01 allele 8: allele not in the frequency table"), std::string::npos)
      << s->notes[0];
  EXPECT_NE(s->notes[0].find("5/2N = 0.025"), std::string::npos) << s->notes[0];
  EXPECT_NE(s->notes[1].find("below the minimum"), std::string::npos) << s->notes[1];

  auto with_min = random_match_probability(p, small_table(), {0.0, 0.001});
  ASSERT_TRUE(with_min.is_ok());
  // User's minimum 0.001: TH01 2*0.001*0.5 = 0.001; vWA 18 keeps 0.01: 2*0.01*0.89 = 0.0178.
  expect_close(with_min->combined.hwe, 0.001 * 0.0178);
}

TEST(RandomMatchProbability, NoSampleSizeMeansNoSilentMinimum) {
  auto db = parse_frequency_csv("locus,allele,frequency\nTH01,6,0.5\nTH01,7,0.5\n", "bare");
  Profile p = make_profile("P", {{"TH01", {"6", "8"}}});
  auto s = random_match_probability(p, db->populations[0], {});
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(s.status().message().find("states no sample size"), std::string::npos)
      << s.status().message();
  EXPECT_TRUE(random_match_probability(p, db->populations[0], {0.01, 0.002}).is_ok());
}

TEST(RandomMatchProbability, OffLadderTriAllelicAndMissingLoci) {
  Profile p = make_profile("P", {{"FGA", {">27", "20"}},
                                 {"TH01", {"6", "7", "9.3"}},
                                 {"D3S1358", {"15", "16"}},
                                 {"vWA", {"OL", "17"}}});
  auto s = random_match_probability(p, small_table(), {0.0, std::nullopt});
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  // FGA >27 = 0.3 + 0.2 (28 and 30): 2 * 0.5 * 0.5 = 0.5. vWA OL -> 0.025: 2*0.025*0.89.
  // TH01 (three alleles) and D3S1358 (not in the table) are left out.
  expect_close(s->combined.hwe, 0.5 * 2 * 0.025 * 0.89);
  EXPECT_EQ(s->loci_used, 2);
  std::string all;
  for (const auto& n : s->notes) all += n + "\n";
  EXPECT_NE(all.find("above 27"), std::string::npos) << all;
  EXPECT_NE(all.find("TH01: 3 alleles"), std::string::npos) << all;
  EXPECT_NE(all.find("D3S1358: locus not in the frequency table"), std::string::npos) << all;
  EXPECT_NE(all.find("off-ladder"), std::string::npos) << all;
}

TEST(RandomMatchProbability, BadOptions) {
  Profile p = make_profile("P", {{"TH01", {"6"}}});
  EXPECT_FALSE(random_match_probability(p, small_table(), {-0.1, std::nullopt}).is_ok());
  EXPECT_FALSE(random_match_probability(p, small_table(), {1.0, std::nullopt}).is_ok());
  EXPECT_FALSE(random_match_probability(p, small_table(), {0.01, 0.0}).is_ok());
  EXPECT_FALSE(random_match_probability(Profile(), small_table(), {}).is_ok());
}

// LRmix Studio's published validation: single-source cases without drop-out or drop-in, whose
// likelihood ratio is 1 / (conditional match probability) = 1 / NRC II 4.10 (4.10 at theta 0 is
// HWE). Expected per-locus denominators from Validation_data_LRMix_results_march2013_2.csv.
struct LrmixCase {
  const char* folder;
  const char* suspect;
  double theta;
  std::vector<std::pair<const char*, double>> denominators;
};

TEST(RandomMatchProbability, AgreesWithLrmixStudioValidation) {
  ABIS_REQUIRE_TEST_DATA();
  const auto base = testing::test_data_dir() /
                    "dna/lrmixstudio_validation/model/splitdrop/validation";
  auto freq_text = core::read_text_file(base / "data/Allele frequencies to use in DyNAmix.csv");
  ASSERT_TRUE(freq_text.is_ok());
  auto db = parse_frequency_csv(*freq_text, "DyNAmix");
  ASSERT_TRUE(db.is_ok()) << db.status().message();
  const LrmixCase cases[] = {
      {"case 1.1", "suspectDNA007.csv", 0.0,
       {{"D10S1248", 0.01403550542130000029772}, {"vWA", 0.04070504745209999747368},
        {"D16S539", 0.01689353552229999957945}, {"D2S1338", 0.02842180931270000057709},
        {"D8S1179", 0.10195527034500000140849}, {"D21S11", 0.03101886835720000026861},
        {"D18S51", 0.04489990741299999810199}, {"D22S1045", 0.10413194620700000347924},
        {"D19S433", 0.13400514122300000163790}, {"TH01", 0.12531327455399998704877},
        {"FGA", 0.01029091035630000025569}, {"D2S441", 0.02916515709979999870782},
        {"D3S1358", 0.11918223695400000095024}, {"D1S1656", 0.01363444496370000078023},
        {"D12S391", 0.03081414003900000142533}}},
      {"case 1.3", "suspectDNAXY5.csv", 0.05,
       {{"D10S1248", 0.14349154070000000316121}, {"vWA", 0.08850265588939999761298},
        {"D16S539", 0.09019747110100000131450}, {"D2S1338", 0.02399604225870000107079},
        {"D8S1179", 0.04789014036110000177571}, {"D21S11", 0.05002692591979999992002},
        {"D18S51", 0.05822541318459999865054}, {"D22S1045", 0.25014995008599999470889},
        {"D19S433", 0.17414145299799999033752}, {"TH01", 0.09575305776739999330527},
        {"FGA", 0.04532903982520000013556}, {"D2S441", 0.13065774855599998627298},
        {"D3S1358", 0.08069265563739999591597}, {"D1S1656", 0.04850031039629999762841},
        {"D12S391", 0.03720989721120000065513}}},
      {"case 1.4", "suspectDNAXY13.csv", 0.01,
       {{"D10S1248", 0.124578268379999995696394}, {"vWA", 0.044284679895799997084715},
        {"D16S539", 0.173156583676000008775731}, {"D2S1338", 0.040337371751499997984958},
        {"D8S1179", 0.128669433982000008809266}, {"D21S11", 0.001642586233669999931997},
        {"D18S51", 0.050910767476700001521461}, {"D22S1045", 0.003016356176899999842062},
        {"D19S433", 0.160042605875999999209824}, {"TH01", 0.079893723693400003904586},
        {"FGA", 0.054538475931099998639251}, {"D2S441", 0.133648238396000013095133},
        {"D3S1358", 0.122964325925999998223581}, {"D1S1656", 0.037338693894599997435968},
        {"D12S391", 0.016782114243299998956882}}},
  };
  for (const LrmixCase& c : cases) {
    auto text = core::read_text_file(base / "data" / c.folder / c.suspect);
    ASSERT_TRUE(text.is_ok()) << c.folder;
    auto profiles = parse_profiles_csv(*text);
    ASSERT_TRUE(profiles.is_ok()) << profiles.status().message();
    ASSERT_EQ(profiles->profiles.size(), 1u);
    // The LRmix frequencies are given without N; LRmix's rare-allele frequency is not needed
    // here (every allele is in the table), so any minimum works.
    auto s = random_match_probability(profiles->profiles[0], db->populations[0], {c.theta, 1e-9});
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    ASSERT_EQ(s->loci_used, 15) << c.folder;
    double product = 1;
    for (const auto& [locus, want] : c.denominators) {
      LocusId id = *find_locus(locus);
      bool found = false;
      for (const LocusStatistics& ls : s->loci) {
        if (ls.locus != id) continue;
        found = true;
        expect_close(ls.probability.nrc410, want, std::string(c.folder) + " " + locus);
        if (c.theta == 0) expect_close(ls.probability.hwe, want, std::string(c.folder) + " " + locus);
      }
      EXPECT_TRUE(found) << locus;
      product *= want;
    }
    expect_close(s->combined.nrc410, product, c.folder);
  }
}

}  // namespace
}  // namespace abis::genome
