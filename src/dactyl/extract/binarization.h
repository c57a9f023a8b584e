// Stage 5, binarisation: ridge pixels are where the enhanced image is positive inside the
// foreground; small islands and holes (pores, dust) are then removed so they cannot become dots
// or loops in the skeleton. Pure function, thread-safe.
#pragma once

#include "dactyl/extract/maps.h"

namespace abis::dactyl::extract {

ByteMap binarize(const FloatImage& enhanced, const ByteMap& block_mask, int block_size);

}  // namespace abis::dactyl::extract
