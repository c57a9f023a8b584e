// The WSQ subband decomposition (spec Part 1, clause on the wavelet decomposition, Figure
// "64-subband decomposition"): where each of the 64 subbands lies in the transformed image and
// which 20 rectangles the 2-D filter bank splits, in the order the encoder applies them.
//
// A split of a rectangle yields four quarters (top-left, top-right, bottom-left, bottom-right).
// Splitting a part that came out of a highpass filter again mirrors its spectrum, so the spec
// inverts that split: the highpass half comes first. With the decomposition WSQ uses, a quarter's
// next split is inverted horizontally when it is a right quarter and vertically when it is a
// bottom quarter. An odd length splits into ceil(n/2) lowpass and floor(n/2) highpass samples.
// Plain values; thread-safe.
#pragma once

#include <array>

#include "image/wsq_params.h"

namespace abis::image::wsq {

struct Rect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
  long area() const { return static_cast<long>(width) * height; }
};

struct SplitNode {
  Rect rect;
  bool invert_x = false;  // highpass columns come first
  bool invert_y = false;  // highpass rows come first
};

struct Decomposition {
  std::array<SplitNode, kSplitNodeCount> nodes;  // analysis order: every parent before its parts
  std::array<Rect, kSubbandCount> subbands;
};

Decomposition build_decomposition(int width, int height);

}  // namespace abis::image::wsq
