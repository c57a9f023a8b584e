#include "dactyl/match/calibration.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace abis::dactyl {
namespace {

// (raw similarity, calibrated score) knots, measured with
//   abis fp calibrate fvc2002-db1_b fvc2002-db2_b:569 fvc2002-db3_b fvc2002-db4_b
// on 49,920 impostor comparisons (320 prints, every pair of different fingers, within and across
// the four databases): the similarity reached by a share 10^(-score/10) of impostor comparisons.
// Linear in between. Beyond the last measured knot (FMR 1e-4) the impostor tail is extrapolated by
// the exponential fitted to the top 1 % of impostor similarities: log10 FMR = -0.8590 - 44.23 s,
// i.e. 442.3 score points per unit of similarity. Re-derived 2026-12-06 for the engine with the
// valley minutiae, the relaxation floor and at most 36 relaxed candidates.
struct Knot {
  double similarity;
  double score;
};
constexpr std::array<Knot, 8> kKnots{{{0.0, 0.0},
                                      {0.01561, 10.0},
                                      {0.02199, 15.23},
                                      {0.02819, 20.0},
                                      {0.03564, 25.23},
                                      {0.04446, 30.0},
                                      {0.05864, 35.23},
                                      {0.07709, 40.0}}};
constexpr double kTailSlope = 442.3;

}  // namespace

double calibrated_score(double similarity) {
  if (!(similarity > 0)) return 0.0;
  for (std::size_t i = 1; i < kKnots.size(); ++i) {
    if (similarity <= kKnots[i].similarity) {
      const Knot& a = kKnots[i - 1];
      const Knot& b = kKnots[i];
      return a.score + (similarity - a.similarity) / (b.similarity - a.similarity) * (b.score - a.score);
    }
  }
  return std::min(100.0, kKnots.back().score + (similarity - kKnots.back().similarity) * kTailSlope);
}

double false_match_rate(double score) { return std::pow(10.0, -std::max(0.0, score) / 10.0); }

double score_for_false_match_rate(double fmr) {
  return std::clamp(-10.0 * std::log10(std::clamp(fmr, 1e-10, 1.0)), 0.0, 100.0);
}

}  // namespace abis::dactyl
