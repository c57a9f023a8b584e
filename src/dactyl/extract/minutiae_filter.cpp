#include "dactyl/extract/minutiae_filter.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "dactyl/parameters.h"

namespace abis::dactyl::extract {
namespace {


struct Branch {
  int end = -1;
  int length = 0;
};

}  // namespace

double distance_to_background(const ByteMap& block_mask, const BlockGrid& grid, double x, double y,
                              double limit) {
  double best = std::min({limit, x + 0.5, y + 0.5, grid.image_width - x - 0.5, grid.image_height - y - 0.5});
  const int reach = static_cast<int>(std::ceil(limit / grid.size)) + 1;
  const int bx = static_cast<int>(x) / grid.size, by = static_cast<int>(y) / grid.size;
  for (int ny = by - reach; ny <= by + reach; ++ny) {
    for (int nx = bx - reach; nx <= bx + reach; ++nx) {
      if (!block_mask.inside(nx, ny) || block_mask.at(nx, ny)) continue;
      const double x0 = nx * grid.size, x1 = x0 + grid.size, y0 = ny * grid.size, y1 = y0 + grid.size;
      const double dx = std::max({x0 - x, 0.0, x - x1}), dy = std::max({y0 - y, 0.0, y - y1});
      best = std::min(best, std::sqrt(dx * dx + dy * dy));  // hypot's overflow care is not needed here
    }
  }
  return std::max(0.0, best);
}

void filter_minutiae(SkeletonMinutiae& found, const ByteMap& skeleton, const ByteMap& block_mask,
                     const BlockGrid& grid) {
  std::vector<RawMinutia>& ms = found.minutiae;
  const int n = static_cast<int>(ms.size());
  const int max_len = std::max({params::kMinRidgeLength, params::kMaxSpurLength,
                                params::kMaxBridgeLength, params::kMaxHoleLength});
  std::vector<Removal> drop(n, Removal::kNone);
  // The first reason found is kept.
  const auto mark = [&drop](int k, Removal why) {
    if (drop[k] == Removal::kNone) drop[k] = why;
  };
  for (int i = 0; i < n; ++i) {
    if (ms[i].removed) continue;
    std::vector<Branch> branches;
    for (auto [fx, fy] : branch_starts(skeleton, ms[i].x, ms[i].y)) {
      const TraceResult t = trace_curve(skeleton, found.minutia_at, ms[i].x, ms[i].y, fx, fy, max_len);
      branches.push_back({t.end_minutia, t.length});
    }
    for (std::size_t b = 0; b < branches.size(); ++b) {
      const int j = branches[b].end;
      const int len = branches[b].length;
      if (j < 0 || ms[j].removed) continue;
      const bool i_end = ms[i].type == MinutiaType::kEnding;
      const bool j_end = ms[j].type == MinutiaType::kEnding;
      if (j == i) {
        if (len < 2 * params::kMaxHoleLength) mark(i, Removal::kLoop);  // a small loop on itself
        continue;
      }
      if (i_end && j_end && len < params::kMinRidgeLength) mark(i, Removal::kShortRidge), mark(j, Removal::kShortRidge);
      if (i_end != j_end && len < params::kMaxSpurLength) mark(i, Removal::kSpur), mark(j, Removal::kSpur);
      if (!i_end && !j_end) {
        if (len < params::kMaxBridgeLength) mark(i, Removal::kBridge), mark(j, Removal::kBridge);
        for (std::size_t c = b + 1; c < branches.size(); ++c) {
          if (branches[c].end == j && len < params::kMaxHoleLength &&
              branches[c].length < params::kMaxHoleLength) {
            mark(i, Removal::kHole), mark(j, Removal::kHole);
          }
        }
      }
    }
  }
  // Broken ridges: two endings close together, each pointing at the other.
  for (int i = 0; i < n; ++i) {
    if (ms[i].removed || ms[i].type != MinutiaType::kEnding) continue;
    for (int j = i + 1; j < n; ++j) {
      if (ms[j].removed || ms[j].type != MinutiaType::kEnding) continue;
      const double dx = ms[j].x - ms[i].x, dy = ms[j].y - ms[i].y;
      const double d = std::hypot(dx, dy);
      if (d > params::kMaxGapDistance || d < 1e-9) continue;
      const double towards = std::atan2(dy, dx);
      if (std::abs(angle_difference(ms[i].angle, towards)) < params::kGapAngleTolerance &&
          std::abs(angle_difference(ms[j].angle, towards + std::numbers::pi)) < params::kGapAngleTolerance) {
        mark(i, Removal::kGap), mark(j, Removal::kGap);
      }
    }
  }
  for (int i = 0; i < n; ++i) {
    if (drop[i] != Removal::kNone) {
      ms[i].removed = true;
      ms[i].removed_by = drop[i];
    }
  }
  // Border of the print.
  for (RawMinutia& m : ms) {
    if (m.removed) continue;
    if (distance_to_background(block_mask, grid, m.x + 0.5, m.y + 0.5, params::kBorderMargin) <
        params::kBorderMargin) {
      m.removed = true;
      m.removed_by = Removal::kBorder;
    }
  }
  // Clusters: many minutiae in a small disc are noise, not ridge structure.
  std::vector<bool> crowded(n, false);
  for (int i = 0; i < n; ++i) {
    if (ms[i].removed) continue;
    int near = 0;
    for (int j = 0; j < n; ++j) {
      if (j == i || ms[j].removed) continue;
      const double dx = ms[j].x - ms[i].x, dy = ms[j].y - ms[i].y;
      if (dx * dx + dy * dy < params::kClusterRadius * params::kClusterRadius) ++near;
    }
    if (near > params::kClusterMaxCount) crowded[i] = true;
  }
  for (int i = 0; i < n; ++i) {
    if (crowded[i]) {
      ms[i].removed = true;
      ms[i].removed_by = Removal::kCluster;
    }
  }
}

}  // namespace abis::dactyl::extract
