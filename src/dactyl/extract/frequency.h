// Stage 3, ridge frequency: the local ridge period per block, from the autocorrelation of the
// gray levels projected across the ridges (an oriented "x-signature"), with missing blocks filled
// from their neighbours and the field smoothed. Pure function, thread-safe.
#pragma once

#include "dactyl/extract/maps.h"
#include "image/gray_image.h"

namespace abis::dactyl::extract {

PeriodField estimate_period(const image::GrayImage& image, const BlockGrid& grid,
                            const ByteMap& block_mask, const OrientationField& orientation);

}  // namespace abis::dactyl::extract
