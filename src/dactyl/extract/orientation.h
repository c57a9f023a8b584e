// Stage 2, orientation field: the local ridge direction and its reliability per block, from
// averaged squared gradients (doubled angles), smoothed at two scales blended by coherence so that
// noisy regions borrow from their surroundings while cores and deltas keep their detail.
// Pure functions, thread-safe.
#pragma once

#include <initializer_list>

#include "dactyl/extract/maps.h"
#include "image/gray_image.h"

namespace abis::dactyl::extract {

// Averaged squared gradients per block, before smoothing: the expensive part, computed once.
struct BlockGradients {
  int width = 0;
  int height = 0;
  std::vector<float> gc, gs;     // doubled gradient angle, scaled by coherence
  std::vector<float> coherence;  // 0..1
};
BlockGradients block_gradients(const image::GrayImage& image, const BlockGrid& grid);

// The field smoothed over the foreground blocks (fine and coarse scale blended by coherence).
OrientationField smooth_orientation(const BlockGradients& raw, const ByteMap& block_mask);

// Both steps. The raw coherence of every block is kept; smoothing uses foreground blocks only.
OrientationField estimate_orientation(const image::GrayImage& image, const BlockGrid& grid,
                                      const ByteMap& block_mask);

// Masked, separable Gaussian smoothing of a block field in place (values outside the mask are
// ignored and left as they were). Shared with the frequency stage.
void smooth_block_field(std::vector<float>& values, const ByteMap& mask, double sigma);
// The same for several fields on one mask (the normalisation is computed once).
void smooth_block_fields(std::initializer_list<std::vector<float>*> fields, const ByteMap& mask, double sigma);

// Bilinear interpolation of the doubled-angle vector at a pixel; returns the ridge angle [0, pi).
double orientation_at(const OrientationField& field, const BlockGrid& grid, double x, double y);

}  // namespace abis::dactyl::extract
