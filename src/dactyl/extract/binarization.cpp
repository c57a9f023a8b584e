#include "dactyl/extract/binarization.h"

#include <vector>

namespace abis::dactyl::extract {
namespace {

// Regions of `value` with fewer pixels than this are flipped: a ridge island this small is a dot
// of dirt, a valley hole this small is a pore.
constexpr int kMinRegionPixels = 20;

void remove_small_regions(ByteMap& map, std::uint8_t value) {
  std::vector<int> labels, sizes;
  std::vector<bool> edge;
  label_regions(map, value, labels, sizes, edge);
  for (std::size_t i = 0; i < map.data.size(); ++i) {
    if (labels[i] >= 0 && sizes[labels[i]] <= kMinRegionPixels) map.data[i] = static_cast<std::uint8_t>(1 - value);
  }
}

}  // namespace

ByteMap binarize(const FloatImage& enhanced, const ByteMap& block_mask, int block_size) {
  ByteMap out(enhanced.width, enhanced.height);
  for (int y = 0; y < enhanced.height; ++y) {
    const std::uint8_t* blocks = &block_mask.data[static_cast<std::size_t>(y / block_size) * block_mask.width];
    const float* in = &enhanced.data[static_cast<std::size_t>(y) * enhanced.width];
    std::uint8_t* o = &out.data[static_cast<std::size_t>(y) * out.width];
    for (int x = 0; x < enhanced.width; ++x) o[x] = static_cast<std::uint8_t>(in[x] > 0 && blocks[x / block_size]);
  }
  remove_small_regions(out, 1);
  remove_small_regions(out, 0);
  // Holes filled next to the background would grow ridges out of the print: keep background.
  for (int y = 0; y < out.height; ++y) {
    const std::uint8_t* blocks = &block_mask.data[static_cast<std::size_t>(y / block_size) * block_mask.width];
    std::uint8_t* o = &out.data[static_cast<std::size_t>(y) * out.width];
    for (int x = 0; x < out.width; ++x) o[x] = static_cast<std::uint8_t>(o[x] && blocks[x / block_size]);
  }
  return out;
}

}  // namespace abis::dactyl::extract
