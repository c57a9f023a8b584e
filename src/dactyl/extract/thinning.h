// Stage 6, thinning: the binary ridges reduced to 8-connected curves one pixel wide (Zhang-Suen
// parallel thinning, then removal of the staircase pixels it leaves, so that every curve pixel has
// exactly two neighbours and every branch point is a single pixel). Pure function, thread-safe.
#pragma once

#include <cstdint>

#include "dactyl/extract/maps.h"

namespace abis::dactyl::extract {

ByteMap thin(const ByteMap& binary);

// Neighbour code of a pixel: bit k set when neighbour k is set, k = 0..7 going clockwise from
// north (N, NE, E, SE, S, SW, W, NW). Pixels outside the map count as unset.
std::uint8_t neighbour_code(const ByteMap& map, int x, int y);
// Number of 8-connected groups among the set neighbours of a code: 1 at a curve end, 2 inside a
// curve, 3 or more at a branch point.
int neighbour_groups(std::uint8_t code);
// For each ring cell k set in code, the representative (lowest joined cell) of its group; -1 for
// unset cells.
void neighbour_group_roots(std::uint8_t code, int roots[8]);
extern const int kNeighbourDx[8];
extern const int kNeighbourDy[8];

}  // namespace abis::dactyl::extract
