// Scalar quantisation of the wavelet subbands (spec Part 1, clause on quantisation) and the
// encoder's bit allocation (spec Part 3, encoder number two: subband variances over central
// windows, bin widths for a target bit rate).
//
// The quantised coefficients of all transmitted subbands (Q_k != 0) form one stream, subband by
// subband in order 0..63, each in raster order; that is the order the blocks carry them in.
// Stateless functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "image/wsq_segments.h"
#include "image/wsq_tree.h"

namespace abis::image::wsq {

// Number of coefficients the stream holds for these bin widths.
std::size_t coefficient_count(const Decomposition& tree, const QuantizationTable& table);

// Writes dequantised values into the subband areas of image (width columns); subbands that are
// not transmitted become 0. coefficients holds coefficient_count() values.
void dequantize(const Decomposition& tree, const QuantizationTable& table,
                std::span<const std::int32_t> coefficients, float* image, int width);

// The variance of each of subbands 0..59 (spec Part 3: over a central window of each subband,
// or over whole subbands when the first four are nearly flat).
std::array<double, 64> subband_variances(const Decomposition& tree, const float* image, int width);

// Bin widths for the target bit rate (bits per pixel), from the variances. The widths are exact:
// the encoder quantises with them and the stream stores them rounded to 5 significant digits,
// as the reference encoder does (the decoder's bins then differ by at most 0.005 %).
QuantizationTable allocate_bins(const std::array<double, 64>& variances, double bit_rate);

// Raises the bin widths of subbands whose largest coefficient would otherwise get an index beyond
// the 16 bits the stream carries. The spec's allocation asks for that only on degenerate images
// (nearly all energy in a few tiny subbands at a high bit rate, where q grows as 2^(r/S) with S
// the small share of the image left); the certification images never reach it.
void limit_bins_to_stream_range(const Decomposition& tree, const float* image, int width,
                                QuantizationTable& table);

// Quantises every transmitted subband, in stream order.
Result<std::vector<std::int32_t>> quantize(const Decomposition& tree, const QuantizationTable& table,
                                           const float* image, int width);

}  // namespace abis::image::wsq
