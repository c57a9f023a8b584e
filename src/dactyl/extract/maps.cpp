#include "dactyl/extract/maps.h"

#include <cmath>
#include <numbers>

namespace abis::dactyl::extract {

int label_regions(const ByteMap& map, std::uint8_t value, std::vector<int>& labels,
                  std::vector<int>& sizes, std::vector<bool>& touches_edge) {
  labels.assign(map.data.size(), -1);
  sizes.clear();
  touches_edge.clear();
  const int w = map.width, h = map.height;
  std::vector<int> stack;
  for (int start = 0; start < static_cast<int>(map.data.size()); ++start) {
    if (map.data[start] != value || labels[start] >= 0) continue;
    const int label = static_cast<int>(sizes.size());
    int size = 0;
    bool edge = false;
    stack.push_back(start);
    labels[start] = label;
    while (!stack.empty()) {
      const int cell = stack.back();
      stack.pop_back();
      ++size;
      const int x = cell % w, y = cell / w;
      if (x == 0 || y == 0 || x == w - 1 || y == h - 1) edge = true;
      auto visit = [&](int n) {
        if (map.data[n] == value && labels[n] < 0) {
          labels[n] = label;
          stack.push_back(n);
        }
      };
      if (x > 0) visit(cell - 1);
      if (x < w - 1) visit(cell + 1);
      if (y > 0) visit(cell - w);
      if (y < h - 1) visit(cell + w);
    }
    sizes.push_back(size);
    touches_edge.push_back(edge);
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
