#include "dactyl/extract/maps.h"

#include <cmath>
#include <numbers>

namespace abis::dactyl::extract {

int label_regions(const ByteMap& map, std::uint8_t value, std::vector<int>& labels,
                  std::vector<int>& sizes, std::vector<bool>& touches_edge) {
  labels.assign(map.data.size(), -1);
  sizes.clear();
  touches_edge.clear();
  std::vector<int> stack;
  for (int start = 0; start < static_cast<int>(map.data.size()); ++start) {
    if (map.data[start] != value || labels[start] >= 0) continue;
    const int label = static_cast<int>(sizes.size());
    sizes.push_back(0);
    touches_edge.push_back(false);
    stack.push_back(start);
    labels[start] = label;
    while (!stack.empty()) {
      const int cell = stack.back();
      stack.pop_back();
      ++sizes[label];
      const int x = cell % map.width, y = cell / map.width;
      if (x == 0 || y == 0 || x == map.width - 1 || y == map.height - 1) touches_edge[label] = true;
      const int nx[4] = {x - 1, x + 1, x, x};
      const int ny[4] = {y, y, y - 1, y + 1};
      for (int k = 0; k < 4; ++k) {
        if (!map.inside(nx[k], ny[k])) continue;
        const int n = ny[k] * map.width + nx[k];
        if (map.data[n] == value && labels[n] < 0) {
          labels[n] = label;
          stack.push_back(n);
        }
      }
    }
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
