// Stage 2, orientation field: the local ridge direction and its reliability per block, from
// averaged squared gradients (doubled angles), smoothed at two scales blended by coherence so that
// noisy regions borrow from their surroundings while cores and deltas keep their detail.
// Pure functions, thread-safe.
#pragma once

#include "dactyl/extract/maps.h"
#include "image/gray_image.h"

namespace abis::dactyl::extract {

// The raw coherence of every block is computed everywhere; smoothing uses foreground blocks only.
OrientationField estimate_orientation(const image::GrayImage& image, const BlockGrid& grid,
                                      const ByteMap& block_mask);

// Masked, separable Gaussian smoothing of a block field in place (values outside the mask are
// ignored and left as they were). Shared with the frequency stage.
void smooth_block_field(std::vector<float>& values, const ByteMap& mask, double sigma);

// Bilinear interpolation of the doubled-angle vector at a pixel; returns the ridge angle [0, pi).
double orientation_at(const OrientationField& field, const BlockGrid& grid, double x, double y);

}  // namespace abis::dactyl::extract
