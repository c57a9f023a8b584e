#include "dactyl/extract/maps.h"

#include <cmath>
#include <numbers>
#include <utility>

namespace abis::dactyl::extract {

int label_regions(const ByteMap& map, std::uint8_t value, std::vector<int>& labels,
                  std::vector<int>& sizes, std::vector<bool>& touches_edge) {
  labels.assign(map.data.size(), -1);
  sizes.clear();
  touches_edge.clear();
  const int w = map.width, h = map.height;
  std::vector<std::pair<int, int>> stack;  // (x, y): no division per visited cell
  for (int start = 0; start < static_cast<int>(map.data.size()); ++start) {
    if (map.data[start] != value || labels[start] >= 0) continue;
    const int label = static_cast<int>(sizes.size());
    int size = 0;
    bool edge = false;
    stack.emplace_back(start % w, start / w);
    labels[start] = label;
    while (!stack.empty()) {
      const auto [x, y] = stack.back();
      stack.pop_back();
      ++size;
      if (x == 0 || y == 0 || x == w - 1 || y == h - 1) edge = true;
      const int cell = y * w + x;
      auto visit = [&](int n, int nx, int ny) {
        if (map.data[n] == value && labels[n] < 0) {
          labels[n] = label;
          stack.emplace_back(nx, ny);
        }
      };
      if (x > 0) visit(cell - 1, x - 1, y);
      if (x < w - 1) visit(cell + 1, x + 1, y);
      if (y > 0) visit(cell - w, x, y - 1);
      if (y < h - 1) visit(cell + w, x, y + 1);
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
