#include "dactyl/extract/binarization.h"

#include <vector>

namespace abis::dactyl::extract {
namespace {

// Regions of `value` with fewer pixels than this are flipped: a ridge island this small is a dot
// of dirt, a valley hole this small is a pore.
constexpr int kMinRegionPixels = 20;

void remove_small_regions(ByteMap& map, std::uint8_t value) {
  std::vector<int> labels(map.data.size(), -1);
  std::vector<int> stack, members;
  for (int start = 0; start < static_cast<int>(map.data.size()); ++start) {
    if (map.data[start] != value || labels[start] >= 0) continue;
    members.clear();
    stack.push_back(start);
    labels[start] = start;
    while (!stack.empty() && members.size() <= kMinRegionPixels) {
      const int cell = stack.back();
      stack.pop_back();
      members.push_back(cell);
      const int x = cell % map.width, y = cell / map.width;
      const int nx[4] = {x - 1, x + 1, x, x};
      const int ny[4] = {y, y, y - 1, y + 1};
      for (int k = 0; k < 4; ++k) {
        if (!map.inside(nx[k], ny[k])) continue;
        const int n = ny[k] * map.width + nx[k];
        if (map.data[n] == value && labels[n] < 0) {
          labels[n] = start;
          stack.push_back(n);
        }
      }
    }
    if (members.size() <= kMinRegionPixels && stack.empty()) {
      for (int m : members) map.data[m] = static_cast<std::uint8_t>(1 - value);
    } else {
      // Large region: finish labelling it so its pixels are not revisited.
      while (!stack.empty()) {
        const int cell = stack.back();
        stack.pop_back();
        const int x = cell % map.width, y = cell / map.width;
        const int nx[4] = {x - 1, x + 1, x, x};
        const int ny[4] = {y, y, y - 1, y + 1};
        for (int k = 0; k < 4; ++k) {
          if (!map.inside(nx[k], ny[k])) continue;
          const int n = ny[k] * map.width + nx[k];
          if (map.data[n] == value && labels[n] < 0) {
            labels[n] = start;
            stack.push_back(n);
          }
        }
      }
    }
  }
}

}  // namespace

ByteMap binarize(const FloatImage& enhanced, const ByteMap& block_mask, int block_size) {
  ByteMap out(enhanced.width, enhanced.height);
  for (int y = 0; y < enhanced.height; ++y) {
    for (int x = 0; x < enhanced.width; ++x) {
      if (block_mask.at(x / block_size, y / block_size) && enhanced.at(x, y) > 0) out.at(x, y) = 1;
    }
  }
  remove_small_regions(out, 1);
  remove_small_regions(out, 0);
  // Holes filled next to the background would grow ridges out of the print: keep background.
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x)
      if (!block_mask.at(x / block_size, y / block_size)) out.at(x, y) = 0;
  return out;
}

}  // namespace abis::dactyl::extract
