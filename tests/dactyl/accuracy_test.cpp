#include <gtest/gtest.h>

#include "dactyl/eval/accuracy.h"
#include "dactyl/match/calibration.h"

namespace abis::dactyl {
namespace {

TEST(Accuracy, SeparatedScoresHaveNoError) {
  const auto r = eval::error_rates({50, 60, 70}, {1, 2, 3, 4});
  EXPECT_DOUBLE_EQ(r.eer, 0);
  EXPECT_DOUBLE_EQ(r.fmr100, 0);
  EXPECT_DOUBLE_EQ(r.zero_fmr, 0);
}

TEST(Accuracy, OverlapGivesTheCrossingRate) {
  // 10 genuine 1..10, 10 impostor 0..9: at threshold 5 FNMR 4/10 and FMR 5/10, at 6 FNMR 5/10
  // and FMR 4/10: the rates cross at 0.45.
  std::vector<double> g, i;
  for (int k = 1; k <= 10; ++k) g.push_back(k);
  for (int k = 0; k < 10; ++k) i.push_back(k);
  const auto r = eval::error_rates(g, i);
  EXPECT_NEAR(r.eer, 0.45, 1e-9);
  EXPECT_DOUBLE_EQ(r.zero_fmr, 0.9);  // only the genuine 10 is above every impostor
}

TEST(Calibration, ScoreAndRateAreInverse) {
  EXPECT_NEAR(false_match_rate(kDefaultThreshold), 1e-4, 1e-12);
  EXPECT_NEAR(score_for_false_match_rate(1e-3), 30, 1e-9);
  for (double s = 0; s < 1.0; s += 0.01) EXPECT_LE(calibrated_score(s), calibrated_score(s + 0.01));
}

}  // namespace
}  // namespace abis::dactyl
