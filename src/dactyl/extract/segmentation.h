// Stage 1, foreground segmentation: which blocks of the image hold fingerprint ridges.
// Local contrast per block against the image's own contrast scale, cleaned by morphology and by
// dropping small regions. Pure function, thread-safe.
#pragma once

#include "dactyl/extract/maps.h"
#include "image/gray_image.h"

namespace abis::dactyl::extract {

struct Segmentation {
  ByteMap block_mask;             // per block: 1 = foreground
  std::vector<float> block_std;   // per block: gray-level standard deviation around the block
  std::vector<float> block_mean;  // per block: mean gray level around the block
};

Segmentation segment(const image::GrayImage& image, const BlockGrid& grid);

// Drops foreground blocks whose orientation coherence is too low to hold ridges, then cleans the
// mask again (morphology, small regions, holes).
void refine_mask_by_coherence(ByteMap& block_mask, const std::vector<float>& coherence);

// Per block: distance in pixels from the block centre to the nearest background block
// (or the image edge), used to drop minutiae on the border of the print.
std::vector<float> border_distance(const ByteMap& block_mask, int block_size);

}  // namespace abis::dactyl::extract
