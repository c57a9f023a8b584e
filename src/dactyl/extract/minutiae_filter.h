// Stage 8, removal of false minutiae, judged on the skeleton graph before anything is removed:
// short ridges (dots, fragments), spurs, bridges between ridges, holes (pores, loops), broken
// ridges (two endings facing each other), minutiae on the border of the print and noisy clusters.
// Pure function, thread-safe.
#pragma once

#include "dactyl/extract/maps.h"
#include "dactyl/extract/minutiae_detection.h"

namespace abis::dactyl::extract {

// Marks false minutiae as removed. block_mask: the foreground.
void filter_minutiae(SkeletonMinutiae& found, const ByteMap& skeleton, const ByteMap& block_mask,
                     const BlockGrid& grid);

// Distance in pixels from (x, y) to the nearest background block or the image edge, up to limit.
double distance_to_background(const ByteMap& block_mask, const BlockGrid& grid, double x, double y,
                              double limit);

}  // namespace abis::dactyl::extract
