// The WSQ two-channel filter bank (spec Part 1, clause on the discrete wavelet transform and
// Annex on symmetric extension), built from whatever analysis filters a file's DTT carries.
//
// Analysis of a line of N samples gives ceil(N/2) lowpass and floor(N/2) highpass samples.
// Odd-length filters (the 9/7 pair) extend the line whole-sample symmetrically and centre the
// lowpass outputs on even samples, the highpass ones on odd samples. Even-length filters (10/6,
// 10/10...) extend it half-sample symmetrically and centre both on sample pairs; their highpass is
// antisymmetric. Synthesis uses the dual filters, the analysis filters modulated by (-1)^k with
// the sign that gives each channel positive gain, and extends the subbands with the
// symmetries the analysis gave them, so that synthesis(analysis(x)) == x for every length, to
// float precision for a perfect-reconstruction pair such as 9/7. An inverted split puts the
// highpass half first.
//
// A FilterBank is immutable after make_filter_bank; analyze/synthesize only read it, so one bank
// may serve several threads, each with its own image.
#pragma once

#include <vector>

#include "core/status.h"
#include "image/wsq_segments.h"
#include "image/wsq_tree.h"

namespace abis::image::wsq {

struct FilterTap {
  int shift;     // relative index into a phase or subband sequence
  float weight;
};

struct FilterBank {
  bool half_sample = false;      // even-length filters
  std::vector<float> lowpass;    // analysis lowpass as applied
  std::vector<float> highpass;   // analysis highpass as applied (negated for even lengths)
  int lowpass_offset = 0;        // L[n] = sum_k lowpass[k] x[2n + k - lowpass_offset]
  int highpass_offset = 0;       // H[n] = sum_k highpass[k] x[2n + k - highpass_offset]
  // Analysis in polyphase form: taps on the even (x[2i]) and odd (x[2i+1]) samples.
  std::vector<FilterTap> low_even, low_odd, high_even, high_odd;
  // Synthesis in polyphase form: output sample 2m + r takes L[m + shift] and H[m + shift].
  std::vector<FilterTap> synth_low[2], synth_high[2];
  int margin = 0;  // samples of extension every side needs
};

// Fails when the filters cannot form a perfect-reconstruction pair (mixed parity, or duals that
// would need a division by zero).
Result<FilterBank> make_filter_bank(const TransformTable& table);

// In-place forward transform of the 20 splits of the decomposition (encoder). scratch holds at
// least width * height floats; its contents are overwritten.
void analyze(const FilterBank& bank, const Decomposition& tree, float* image, int width,
             float* scratch);
// In-place inverse transform (decoder), with the same scratch.
void synthesize(const FilterBank& bank, const Decomposition& tree, float* image, int width,
                float* scratch);

// One split of a region, exposed for tests: rows then columns (analysis), or columns then rows
// (synthesis).
void analyze_split(const FilterBank& bank, const SplitNode& node, float* image, int stride);
void synthesize_split(const FilterBank& bank, const SplitNode& node, float* image, int stride);

}  // namespace abis::image::wsq
