// Stage 7, minutiae detection on the skeleton: curve ends are ridge endings, single pixels where
// three curves meet are bifurcations. Each minutia's direction comes from tracing its ridge (or
// the stem of its fork) and is refined with the orientation field where the two agree.
// Also the skeleton tracing that the false-minutiae filter uses. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "dactyl/extract/maps.h"
#include "dactyl/template/template.h"

namespace abis::dactyl::extract {

// Why a candidate minutia was discarded (kept = kNone); for diagnostics and examiners.
enum class Removal : std::uint8_t {
  kNone, kUntraceable, kLoop, kShortRidge, kSpur, kBridge, kHole, kGap, kBorder, kCluster
};

struct RawMinutia {
  int x = 0;
  int y = 0;
  double angle = 0;  // radians, image coordinates (y down); see template.h for the sense
  MinutiaType type = MinutiaType::kEnding;
  double quality = 0;  // 0..1
  bool removed = false;
  Removal removed_by = Removal::kNone;
};

// The result of walking along a skeleton curve from a minutia.
struct TraceResult {
  int end_minutia = -1;  // index of the minutia the walk reached, -1 if none within the limit
  int length = 0;        // pixels walked
  int x = 0, y = 0;      // last pixel reached
};

struct SkeletonMinutiae {
  std::vector<RawMinutia> minutiae;
  std::vector<int> minutia_at;  // per skeleton pixel: index into minutiae, or -1
};

SkeletonMinutiae detect_minutiae(const ByteMap& skeleton, const OrientationField& orientation,
                                 const BlockGrid& grid);

// First steps of every curve leaving (x, y): one neighbour per group of neighbours.
std::vector<std::pair<int, int>> branch_starts(const ByteMap& skeleton, int x, int y);

// Walks from (x, y) through (first_x, first_y) for at most max_length pixels, stopping at the
// first minutia pixel.
TraceResult trace_curve(const ByteMap& skeleton, const std::vector<int>& minutia_at, int x, int y,
                        int first_x, int first_y, int max_length);

}  // namespace abis::dactyl::extract
