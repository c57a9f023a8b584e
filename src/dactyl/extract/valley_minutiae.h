// Stage 7b, minutiae read from the valleys: where a ridge ends, the two valleys beside it merge
// (a valley fork), and where a ridge forks, a valley ends. Thinning the valleys gives a second,
// independent reading of the same minutiae, which finds some that the ridge skeleton misses (a
// ridge ending bridged, a fork smoothed over by the enhancement). Pure function, thread-safe.
#pragma once

#include <vector>

#include "dactyl/extract/maps.h"
#include "dactyl/extract/minutiae_detection.h"

namespace abis::dactyl::extract {

// The valley minutiae (types swapped to the ridge's: a valley ending is a ridge bifurcation),
// after the same false-minutiae filter as the ridges (on the valley skeleton), that have no kept
// ridge minutia within params::kValleyMergeDistance. Each reading is judged by its own filter: a
// ridge candidate removed as, say, a spur does not veto a valley minutia that passed.
// binary: the ridge map (1 = ridge) inside the foreground.
std::vector<RawMinutia> valley_minutiae(const ByteMap& binary, const ByteMap& block_mask,
                                        const OrientationField& orientation, const BlockGrid& grid,
                                        const std::vector<RawMinutia>& ridge_candidates);

}  // namespace abis::dactyl::extract
