#include "dactyl/extract/valley_minutiae.h"

#include "dactyl/extract/minutiae_filter.h"
#include "dactyl/extract/thinning.h"
#include "dactyl/parameters.h"

namespace abis::dactyl::extract {

std::vector<RawMinutia> valley_minutiae(const ByteMap& binary, const ByteMap& block_mask,
                                        const OrientationField& orientation, const BlockGrid& grid,
                                        const std::vector<RawMinutia>& ridge_candidates) {
  ByteMap valleys(binary.width, binary.height);
  for (int y = 0; y < binary.height; ++y) {
    const std::uint8_t* blocks =
        &block_mask.data[static_cast<std::size_t>(y / grid.size) * block_mask.width];
    for (int x = 0; x < binary.width; ++x)
      valleys.at(x, y) = static_cast<std::uint8_t>(!binary.at(x, y) && blocks[x / grid.size]);
  }
  const ByteMap skeleton = thin(valleys);
  SkeletonMinutiae found = detect_minutiae(skeleton, orientation, grid);
  filter_minutiae(found, skeleton, block_mask, grid);
  const double limit = params::kValleyMergeDistance * params::kValleyMergeDistance;
  std::vector<RawMinutia> out;
  for (RawMinutia m : found.minutiae) {
    if (m.removed) continue;
    bool seen = false;
    for (const RawMinutia& r : ridge_candidates) {
      if (r.removed) continue;
      const double dx = r.x - m.x, dy = r.y - m.y;
      if (dx * dx + dy * dy < limit) {
        seen = true;
        break;
      }
    }
    if (seen) continue;
    m.type = m.type == MinutiaType::kEnding ? MinutiaType::kBifurcation : MinutiaType::kEnding;
    out.push_back(m);
  }
  return out;
}

}  // namespace abis::dactyl::extract
