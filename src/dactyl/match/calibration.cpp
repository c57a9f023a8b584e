#include "dactyl/match/calibration.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace abis::dactyl {
namespace {

// (raw similarity, calibrated score) knots; linear in between, extrapolated on the last segment.
struct Knot {
  double similarity;
  double score;
};
constexpr std::array<Knot, 2> kKnots{{{0.0, 0.0}, {1.0, 100.0}}};

}  // namespace

double calibrated_score(double similarity) {
  if (!(similarity > kKnots.front().similarity)) return 0.0;
  for (std::size_t i = 1; i < kKnots.size(); ++i) {
    if (similarity <= kKnots[i].similarity || i + 1 == kKnots.size()) {
      const Knot& a = kKnots[i - 1];
      const Knot& b = kKnots[i];
      const double t = (similarity - a.similarity) / (b.similarity - a.similarity);
      return std::clamp(a.score + t * (b.score - a.score), 0.0, 100.0);
    }
  }
  return 100.0;
}

double false_match_rate(double score) { return std::pow(10.0, -std::max(0.0, score) / 10.0); }

double score_for_false_match_rate(double fmr) {
  return std::clamp(-10.0 * std::log10(std::clamp(fmr, 1e-10, 1.0)), 0.0, 100.0);
}

}  // namespace abis::dactyl
