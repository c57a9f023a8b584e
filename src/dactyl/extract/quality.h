// Quality: a 0..100 score per print and per minutia, from how clearly the ridges flow
// (orientation coherence) and how much print there is. Not NFIQ 2: a cheap, monotone indicator
// used to refuse unusable images, to rank minutiae and to tell an operator to re-capture.
// Pure functions, thread-safe.
#pragma once

#include "dactyl/extract/maps.h"

namespace abis::dactyl::extract {

// 0..100 for the whole print.
int image_quality(const ByteMap& block_mask, const OrientationField& orientation, int block_size);

// 0..1 for one minutia: coherence around it, lowered near the border of the print.
double minutia_quality(const OrientationField& orientation, const BlockGrid& grid, int x, int y,
                       double border_distance);

}  // namespace abis::dactyl::extract
