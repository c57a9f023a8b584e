#include "dactyl/extract/minutiae_detection.h"

#include <bit>
#include <cmath>
#include <numbers>

#include "dactyl/extract/orientation.h"
#include "dactyl/extract/thinning.h"
#include "dactyl/parameters.h"

namespace abis::dactyl::extract {
namespace {


bool adjacent(int x0, int y0, int x1, int y1) {
  return std::abs(x0 - x1) <= 1 && std::abs(y0 - y1) <= 1 && !(x0 == x1 && y0 == y1);
}

}  // namespace

std::vector<std::pair<int, int>> branch_starts(const ByteMap& skeleton, int x, int y) {
  const std::uint8_t code = neighbour_code(skeleton, x, y);
  int roots[8];
  neighbour_group_roots(code, roots);
  // One start per group: its side cell when it has one (the curve leaves through it).
  int chosen[8];
  for (int k = 0; k < 8; ++k) chosen[k] = -1;
  for (int k = 0; k < 8; ++k) {
    if (!(code >> k & 1)) continue;
    const int root = roots[k];
    if (chosen[root] < 0 || (chosen[root] % 2 == 1 && k % 2 == 0)) chosen[root] = k;
  }
  std::vector<std::pair<int, int>> starts;
  for (int k = 0; k < 8; ++k) {
    if (chosen[k] >= 0) starts.emplace_back(x + kNeighbourDx[chosen[k]], y + kNeighbourDy[chosen[k]]);
  }
  return starts;
}

TraceResult trace_curve(const ByteMap& skeleton, const std::vector<int>& minutia_at, int x, int y,
                        int first_x, int first_y, int max_length) {
  TraceResult r;
  int px = x, py = y, cx = first_x, cy = first_y;
  int ppx = x, ppy = y;
  r.length = 1;
  r.x = cx;
  r.y = cy;
  while (true) {
    const int here = minutia_at[static_cast<std::size_t>(cy) * skeleton.width + cx];
    if (here >= 0) {
      r.end_minutia = here;
      return r;
    }
    if (r.length >= max_length) return r;
    int best_x = -1, best_y = -1, best_rank = 3;
    for (int k = 0; k < 8; ++k) {
      const int nx = cx + kNeighbourDx[k], ny = cy + kNeighbourDy[k];
      if (!skeleton.inside(nx, ny) || !skeleton.at(nx, ny)) continue;
      if ((nx == px && ny == py) || (nx == ppx && ny == ppy)) continue;
      if (nx == x && ny == y && r.length < 3) continue;  // do not fall back into the start
      const bool is_minutia = minutia_at[static_cast<std::size_t>(ny) * skeleton.width + nx] >= 0;
      // Rank: a minutia pixel ends the walk; otherwise prefer cells not touching the previous
      // pixel (those are corner shortcuts), then side cells.
      int rank = is_minutia ? 0 : (adjacent(nx, ny, px, py) ? 2 : 1);
      if (rank < best_rank) {
        best_rank = rank;
        best_x = nx;
        best_y = ny;
      }
    }
    if (best_x < 0) return r;  // the curve ends without a minutia (cut by the mask)
    ppx = px;
    ppy = py;
    px = cx;
    py = cy;
    cx = best_x;
    cy = best_y;
    ++r.length;
    r.x = cx;
    r.y = cy;
  }
}

SkeletonMinutiae detect_minutiae(const ByteMap& skeleton, const OrientationField& orientation,
                                 const BlockGrid& grid) {
  SkeletonMinutiae out;
  out.minutia_at.assign(skeleton.data.size(), -1);
  for (int y = 1; y < skeleton.height - 1; ++y) {
    for (int x = 1; x < skeleton.width - 1; ++x) {
      if (!skeleton.at(x, y)) continue;
      const std::uint8_t code = neighbour_code(skeleton, x, y);
      const int count = std::popcount(static_cast<unsigned>(code));
      const int groups = neighbour_groups(code);
      RawMinutia m;
      m.x = x;
      m.y = y;
      if (count == 1 || (groups == 1 && count == 2)) {
        m.type = MinutiaType::kEnding;
      } else if (groups >= 3) {
        m.type = MinutiaType::kBifurcation;
      } else {
        continue;
      }
      out.minutia_at[static_cast<std::size_t>(y) * skeleton.width + x] = static_cast<int>(out.minutiae.size());
      out.minutiae.push_back(m);
    }
  }
  // Directions, traced on the skeleton with only this minutia marked so that nearby minutiae do
  // not cut the walk short.
  const int len = params::kDirectionTraceLength;
  std::vector<int> none(skeleton.data.size(), -1);
  for (RawMinutia& m : out.minutiae) {
    const auto starts = branch_starts(skeleton, m.x, m.y);
    double traced = 0;
    if (m.type == MinutiaType::kEnding) {
      if (starts.empty()) {
        m.removed = true;
        m.removed_by = Removal::kUntraceable;
        continue;
      }
      const TraceResult t = trace_curve(skeleton, none, m.x, m.y, starts[0].first, starts[0].second, len);
      traced = std::atan2(m.y - t.y, m.x - t.x);
    } else {
      if (starts.size() < 3) {
        m.removed = true;
        m.removed_by = Removal::kUntraceable;
        continue;
      }
      double angles[3];
      for (int k = 0; k < 3; ++k) {
        const TraceResult t = trace_curve(skeleton, none, m.x, m.y, starts[k].first, starts[k].second, len);
        angles[k] = std::atan2(t.y - m.y, t.x - m.x);
      }
      // The two branches closest in angle are the fork; the third is the stem.
      int stem = 0;
      double best = 1e9;
      for (int k = 0; k < 3; ++k) {
        const double d = std::abs(angle_difference(angles[(k + 1) % 3], angles[(k + 2) % 3]));
        if (d < best) {
          best = d;
          stem = k;
        }
      }
      const int a = (stem + 1) % 3, b = (stem + 2) % 3;
      const double fork = std::atan2(std::sin(angles[a]) + std::sin(angles[b]),
                                     std::cos(angles[a]) + std::cos(angles[b]));
      const double away = fork + std::numbers::pi;
      traced = std::atan2(std::sin(angles[stem]) + std::sin(away), std::cos(angles[stem]) + std::cos(away));
    }
    double field = orientation_at(orientation, grid, m.x + 0.5, m.y + 0.5);
    if (std::abs(angle_difference(field, traced)) > std::numbers::pi / 2) field += std::numbers::pi;
    const double d = angle_difference(field, traced);
    m.angle = std::abs(d) < params::kDirectionFieldAgreement ? traced + 0.5 * d : traced;
  }
  return out;
}

}  // namespace abis::dactyl::extract
