// Stage 4, contextual enhancement: an oriented Gabor filter tuned per pixel to the local ridge
// orientation and period, applied as two 1-D passes in the ridge's own frame (a band-pass across
// the ridges, then a Gaussian along them), which is exact for the separable Gabor kernel and
// about six times cheaper than the 2-D filter. Output: ridges positive, valleys negative, zero
// outside the foreground. Pure function, thread-safe.
#pragma once

#include "dactyl/extract/maps.h"
#include "image/gray_image.h"

namespace abis::dactyl::extract {

FloatImage enhance(const image::GrayImage& image, const BlockGrid& grid, const ByteMap& block_mask,
                   const std::vector<float>& block_std, const OrientationField& orientation,
                   const PeriodField& period);

}  // namespace abis::dactyl::extract
