#include "dactyl/extract/quality.h"

#include <algorithm>
#include <cmath>

#include "dactyl/parameters.h"

namespace abis::dactyl::extract {
namespace {
// Coherence of clean ridges and of pure noise, and the print area that counts as "full"
// (0.4 x 0.4 inch at 500 ppi): the scale of the score.
constexpr double kCleanCoherence = 0.75;
constexpr double kNoiseCoherence = 0.15;
constexpr double kFullArea = 40000.0;
}  // namespace

int image_quality(const ByteMap& block_mask, const OrientationField& orientation, int block_size) {
  double sum = 0;
  int count = 0;
  for (std::size_t i = 0; i < block_mask.data.size(); ++i) {
    if (!block_mask.data[i]) continue;
    sum += orientation.coherence[i];
    ++count;
  }
  if (count == 0) return 0;
  const double clarity = std::clamp((sum / count - kNoiseCoherence) / (kCleanCoherence - kNoiseCoherence), 0.0, 1.0);
  const double area = std::min(1.0, count * block_size * block_size / kFullArea);
  return static_cast<int>(std::lround(100.0 * clarity * std::sqrt(area)));
}

double minutia_quality(const OrientationField& orientation, const BlockGrid& grid, int x, int y,
                       double border_distance) {
  const int bx = std::clamp(x / grid.size, 0, orientation.width - 1);
  const int by = std::clamp(y / grid.size, 0, orientation.height - 1);
  const double clarity = std::clamp(orientation.coherence[orientation.index(bx, by)] / kCleanCoherence, 0.0, 1.0);
  const double edge = std::clamp(border_distance / (3.0 * params::kBorderMargin), 0.0, 1.0);
  return clarity * (0.5 + 0.5 * edge);
}

}  // namespace abis::dactyl::extract
