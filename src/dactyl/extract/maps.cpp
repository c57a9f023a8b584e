#include "dactyl/extract/maps.h"

#include <cmath>
#include <numbers>
#include <utility>

namespace abis::dactyl::extract {

int label_regions(const ByteMap& map, std::uint8_t value, std::vector<int>& labels,
                  std::vector<int>& sizes, std::vector<bool>& touches_edge) {
  // Runs of equal cells per row, joined (union-find) with the overlapping runs of the row above:
  // a few thousand runs instead of a flood fill over every cell. Labels are numbered in the raster
  // order of each region's first cell.
  const int w = map.width, h = map.height;
  struct Run {
    int y, x0, x1;  // cells [x0, x1) of row y
  };
  std::vector<Run> runs;
  std::vector<int> parent;
  auto find = [&](int a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  };
  std::size_t prev_begin = 0, prev_end = 0;
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* row = &map.data[static_cast<std::size_t>(y) * w];
    const std::size_t row_begin = runs.size();
    std::size_t above = prev_begin;
    for (int x = 0; x < w;) {
      if (row[x] != value) {
        ++x;
        continue;
      }
      const int x0 = x;
      while (x < w && row[x] == value) ++x;
      const int id = static_cast<int>(runs.size());
      runs.push_back({y, x0, x});
      parent.push_back(id);
      // Runs of the row above that share a column with [x0, x).
      while (above < prev_end && runs[above].x1 <= x0) ++above;
      for (std::size_t a = above; a < prev_end && runs[a].x0 < x; ++a) {
        const int ra = find(static_cast<int>(a)), rb = find(id);
        if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
      }
    }
    prev_begin = row_begin;
    prev_end = runs.size();
  }
  labels.assign(map.data.size(), -1);
  sizes.clear();
  touches_edge.clear();
  std::vector<int> label_of(runs.size(), -1);
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const int root = find(static_cast<int>(r));
    if (label_of[root] < 0) {
      label_of[root] = static_cast<int>(sizes.size());
      sizes.push_back(0);
      touches_edge.push_back(false);
    }
    const int label = label_of[root];
    const Run& run = runs[r];
    sizes[label] += run.x1 - run.x0;
    if (run.y == 0 || run.y == h - 1 || run.x0 == 0 || run.x1 == w) touches_edge[label] = true;
    std::fill(labels.begin() + static_cast<std::ptrdiff_t>(run.y) * w + run.x0,
              labels.begin() + static_cast<std::ptrdiff_t>(run.y) * w + run.x1, label);
  }
  return static_cast<int>(sizes.size());
}

double angle_difference(double a, double b) {
  double d = std::fmod(a - b, 2 * std::numbers::pi);
  if (d > std::numbers::pi) d -= 2 * std::numbers::pi;
  if (d <= -std::numbers::pi) d += 2 * std::numbers::pi;
  return d;
}

}  // namespace abis::dactyl::extract
