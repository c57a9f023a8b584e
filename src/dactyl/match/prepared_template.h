// PreparedTemplate: a Template expanded for fast 1:1 comparison - every minutia's local
// descriptor (a bit-packed Minutia Cylinder, after Cappelli, Ferrara and Maltoni's MCC) and the
// pairwise geometry the global consolidation needs. Built once per template by
// prepare_template() (0.42-0.57 ms on FVC prints, BM_Prepare; some thirty comparisons: callers comparing one template
// many times, e.g. a 1:N gallery, should keep the prepared form), then compared many times.
//
// Layout (all arrays indexed by minutia, in the template's order):
//   x, y, angle      position (pixels at 500 ppi) and direction (radians, image coordinates)
//   cylinders        kCylinderLayers 64-bit words (one bit per spatial cell and direction
//                    layer) plus one 64-bit word of valid cells; `usable` false when the
//                    neighbourhood is too empty to describe the minutia
//   distance, radial n*n matrices (row-major): distance between minutiae i and j, and the angle
//                    between minutia i's direction and the line from j to i
// Memory: about 300 bytes + 8 n bytes per minutia, plus a few KB of look-up tables and coverage
// raster (measured with memory_bytes(): 29.6-30.0 KB for the FVC templates of 39 minutiae on
// average, 39.7 KB for DB2's of 49); the 1:N gallery
// keeps the compact Template (6 bytes per minutia, see docs/formats/template.md) resident and
// prepares on demand (preparation then bounds the search speed). A plain value: immutable after preparation, safe to share between threads.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "dactyl/parameters.h"
#include "dactyl/template/template.h"

namespace abis::dactyl {

struct Cylinder {
  std::array<std::uint64_t, params::kCylinderLayers> bits{};
  std::uint64_t valid = 0;
  // Per cell, the number of layers set, bit-sliced: bit s of a cell's count in word s.
  std::array<std::uint64_t, 3> layer_count{};
  static_assert(params::kCylinderLayers < 8, "three slices hold counts up to 7");
  bool usable = false;
};

struct PreparedTemplate {
  int count = 0;
  // Hash of the minutiae: the matcher puts the template with the smaller key first, so that
  // compare(a, b) and compare(b, a) run the very same computation (exact symmetry).
  std::uint64_t key = 0;
  std::vector<float> x, y, angle;
  std::vector<float> dir_x, dir_y;  // cos and sin of angle
  std::vector<Cylinder> cylinders;
  std::vector<float> distance;  // count * count
  std::vector<float> radial;    // count * count
  // Minutiae ordered by y (indices, and their y): the global pairing looks only at the band of
  // rows within its tolerance instead of at every minutia.
  std::vector<int> by_y;
  // Their y, x and direction in that order, each followed by kBandPadding entries that never
  // pair (far away, no direction), so that the pairing can read the band in groups of eight.
  std::vector<float> sorted_y, sorted_x, sorted_dir_x, sorted_dir_y;
  static constexpr int kBandPadding = 8;
  // first_row[t] = number of minutiae with y < t (t = 0 .. max y + 1): where the band of rows from
  // t on starts in sorted_y, without a search (coordinates are whole pixels).
  std::vector<std::uint16_t> first_row;
  // The minutiae with a usable cylinder ordered by direction (the template's units of 1/256
  // turn), listed three times (as units u, u + 256 and u + 512), and first_direction[w] = the
  // first entry of that list with unit >= w (w = 0 .. 768): the minutiae whose direction lies
  // within a range of less than a turn are one run of it, found by two look-ups.
  std::vector<std::uint8_t> direction_unit;    // per minutia
  std::vector<std::uint16_t> by_direction;     // minutia indices
  std::vector<std::uint16_t> first_direction;  // 769 entries
  // The cylinders along by_direction's first two copies, stored word by word: plane k holds word
  // k of every cylinder (layers, the valid mask, then the layer count slices) at
  // k * plane_stride, so that the matcher
  // loads four cylinders of a run as one vector; four zero cylinders pad each plane.
  std::vector<std::uint64_t> planes;
  int plane_stride = 0;
  // Convex hull of the minutiae (x0, y0, x1, y1, ...), counter-clockwise: the area the template
  // covers, for counting the minutiae a partner could have matched.
  std::vector<float> hull;
  // The hull widened by kOverlapMargin, rasterised: one byte per kOverlapCell x kOverlapCell
  // pixels, 1 = covered, then three bytes of padding. Answers "could this template have a
  // minutia here" in O(1).
  int cover_width = 0;
  int cover_height = 0;
  std::vector<std::uint8_t> cover;
  bool covers(float px, float py) const {
    // Without branches (the matcher asks for every minutia under every alignment): a point
    // outside the raster reads cell 0 and the answer is masked.
    const int cx = static_cast<int>(px) >> kCoverShift, cy = static_cast<int>(py) >> kCoverShift;
    const bool inside = (px >= 0) & (py >= 0) & (cx < cover_width) & (cy < cover_height) & !cover.empty();
    const std::size_t at = inside ? static_cast<std::size_t>(cy) * cover_width + cx : 0;
    return inside & (cover.empty() ? false : cover[at] != 0);
  }
  static constexpr int kCoverShift = 3;  // 8-pixel cells

  std::size_t memory_bytes() const;
};

PreparedTemplate prepare_template(const Template& tpl);

// Distance from (x, y) to a hull stored as in PreparedTemplate::hull; 0 inside.
float hull_distance(const std::vector<float>& hull, float x, float y);

}  // namespace abis::dactyl
