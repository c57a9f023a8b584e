#include "dactyl/extract/frequency.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "dactyl/extract/orientation.h"
#include "dactyl/parameters.h"

namespace abis::dactyl::extract {
namespace {

constexpr float kDefaultPeriod = 9.0f;  // typical adult ridge period at 500 ppi

// Period of one block, or 0 when the signature has no clear periodicity.
float block_period(const image::GrayImage& image, double cx, double cy, double ridge_angle) {
  constexpr int kLength = params::kFrequencyWindowLength;
  const double nx = -std::sin(ridge_angle), ny = std::cos(ridge_angle);  // across the ridges
  const double dx = std::cos(ridge_angle), dy = std::sin(ridge_angle);   // along the ridges
  std::array<double, kLength> sig{};
  const int w = image.width, h = image.height;
  for (int t = 0; t < kLength; ++t) {
    const double tt = t - kLength / 2.0;
    double s = 0;
    int count = 0;
    for (int u = -params::kFrequencyWindowWidth / 2; u < params::kFrequencyWindowWidth / 2; u += 2) {
      // floor(v + 0.5): one instruction, where lround is a library call (this runs ~1e6 times).
      const int x = static_cast<int>(std::floor(cx + tt * nx + u * dx + 0.5));
      const int y = static_cast<int>(std::floor(cy + tt * ny + u * dy + 0.5));
      if (x < 0 || y < 0 || x >= w || y >= h) continue;
      s += image.pixels[static_cast<std::size_t>(y) * w + x];
      ++count;
    }
    if (count == 0) return 0;
    sig[t] = s / count;
  }
  double mean = 0;
  for (double v : sig) mean += v;
  mean /= kLength;
  double energy = 0;
  for (double& v : sig) {
    v -= mean;
    energy += v * v;
  }
  if (energy < 1e-6) return 0;
  const int min_lag = static_cast<int>(std::floor(params::kMinRidgePeriod));
  const int max_lag = static_cast<int>(std::ceil(params::kMaxRidgePeriod)) + 1;
  std::array<double, kLength> r{};
  for (int lag = min_lag - 1; lag <= max_lag + 1 && lag < kLength; ++lag) {
    double acc = 0;
    for (int t = 0; t + lag < kLength; ++t) acc += sig[t] * sig[t + lag];
    r[lag] = acc / energy * kLength / (kLength - lag);
  }
  int best = 0;
  for (int lag = min_lag; lag <= max_lag && lag + 1 < kLength; ++lag) {
    if (r[lag] > r[lag - 1] && r[lag] >= r[lag + 1] && (best == 0 || r[lag] > r[best])) best = lag;
  }
  if (best == 0 || r[best] < 0.15) return 0;
  // Parabolic refinement of the peak.
  const double a = r[best - 1], b = r[best], c = r[best + 1];
  const double denom = a - 2 * b + c;
  const double offset = std::abs(denom) > 1e-9 ? 0.5 * (a - c) / denom : 0.0;
  const double period = best + std::clamp(offset, -0.5, 0.5);
  if (period < params::kMinRidgePeriod || period > params::kMaxRidgePeriod) return 0;
  return static_cast<float>(period);
}

}  // namespace

PeriodField estimate_period(const image::GrayImage& image, const BlockGrid& grid,
                            const ByteMap& block_mask, const OrientationField& orientation) {
  PeriodField field;
  field.width = grid.blocks_x;
  field.height = grid.blocks_y;
  const std::size_t n = static_cast<std::size_t>(grid.blocks_x) * grid.blocks_y;
  field.period.assign(n, 0.0f);
  std::vector<float> valid_periods;
  for (int by = 0; by < grid.blocks_y; ++by) {
    for (int bx = 0; bx < grid.blocks_x; ++bx) {
      const std::size_t i = orientation.index(bx, by);
      if (!block_mask.data[i]) continue;
      const double cx = (bx + 0.5) * grid.size, cy = (by + 0.5) * grid.size;
      field.period[i] = block_period(image, cx, cy, orientation.angle(bx, by));
      if (field.period[i] > 0) valid_periods.push_back(field.period[i]);
    }
  }
  float fallback = kDefaultPeriod;
  if (!valid_periods.empty()) {
    std::nth_element(valid_periods.begin(), valid_periods.begin() + valid_periods.size() / 2,
                     valid_periods.end());
    fallback = valid_periods[valid_periods.size() / 2];
  }
  // Fill missing foreground blocks from valid neighbours, a ring at a time.
  ByteMap known(grid.blocks_x, grid.blocks_y);
  for (std::size_t i = 0; i < n; ++i) known.data[i] = field.period[i] > 0;
  for (int round = 0; round < 8; ++round) {
    bool changed = false;
    std::vector<float> next = field.period;
    ByteMap next_known = known;
    for (int by = 0; by < grid.blocks_y; ++by) {
      for (int bx = 0; bx < grid.blocks_x; ++bx) {
        const std::size_t i = orientation.index(bx, by);
        if (!block_mask.data[i] || known.data[i]) continue;
        double s = 0;
        int c = 0;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx)
            if (known.inside(bx + dx, by + dy) && known.at(bx + dx, by + dy)) {
              s += field.period[orientation.index(bx + dx, by + dy)];
              ++c;
            }
        if (c > 0) {
          next[i] = static_cast<float>(s / c);
          next_known.data[i] = 1;
          changed = true;
        }
      }
    }
    field.period.swap(next);
    known = next_known;
    if (!changed) break;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!known.data[i]) field.period[i] = fallback;
  }
  ByteMap all(grid.blocks_x, grid.blocks_y, 1);
  smooth_block_field(field.period, all, params::kFrequencySmoothSigma);
  for (float& p : field.period) {
    p = std::clamp(p, static_cast<float>(params::kMinRidgePeriod),
                   static_cast<float>(params::kMaxRidgePeriod));
  }
  return field;
}

}  // namespace abis::dactyl::extract
