// Stage 1, foreground segmentation: which blocks of the image hold fingerprint ridges.
// A block is foreground when both its contrast (against the image's own contrast scale) and the
// coherence of its gradients (ridges share a direction, noise does not) are high once smoothed
// over the neighbouring blocks; the mask is then cleaned by morphology, small regions are dropped
// and holes filled. Pure function, thread-safe.
#pragma once

#include "dactyl/extract/maps.h"
#include "image/gray_image.h"

namespace abis::dactyl::extract {

struct Segmentation {
  ByteMap block_mask;             // per block: 1 = foreground
  std::vector<float> block_std;   // per block: gray-level standard deviation around the block
  std::vector<float> block_mean;  // per block: mean gray level around the block
};

// raw_coherence: per block, from an orientation estimate over the whole image.
Segmentation segment(const image::GrayImage& image, const BlockGrid& grid,
                     const std::vector<float>& raw_coherence);

// Per block: distance in pixels from the block centre to the nearest background block
// (or the image edge), used to drop minutiae on the border of the print.
std::vector<float> border_distance(const ByteMap& block_mask, int block_size);

}  // namespace abis::dactyl::extract
