// Resampling of a GrayImage to another resolution, used to bring every print to the 500 ppi the
// dactyloscopic engine works at (FVC2002 DB2 is 569 ppi, tenprint card scans are 1000 ppi).
// Downscaling averages over the source footprint of each output pixel (no aliasing of the ridge
// pattern); upscaling interpolates bilinearly. Pure functions, thread-safe.
#pragma once

#include "core/status.h"
#include "image/gray_image.h"

namespace abis::image {

// Scales both axes by target_ppi / image.ppi. Fails when image.ppi is unknown (0) or the ratio
// would make a side smaller than 1 pixel or larger than kMaxImageSide. The result has
// ppi == target_ppi. An image already within 0.5 % of the target is returned unchanged.
Result<GrayImage> resample_to_ppi(const GrayImage& image, double target_ppi);

// Scales to an explicit size (each output pixel averages its footprint in the source).
Result<GrayImage> resample(const GrayImage& image, int width, int height);

}  // namespace abis::image
