#include "image/wsq_quantizer.h"

#include <algorithm>
#include <cmath>

#include "image/wsq_params.h"

namespace abis::image::wsq {

std::size_t coefficient_count(const Decomposition& tree, const QuantizationTable& table) {
  std::size_t count = 0;
  for (int k = 0; k < kSubbandCount; ++k) {
    if (table.bin_width[k] != 0.0) count += static_cast<std::size_t>(tree.subbands[k].area());
  }
  return count;
}

void dequantize(const Decomposition& tree, const QuantizationTable& table,
                std::span<const std::int32_t> coefficients, float* image, int width) {
  const float center = static_cast<float>(table.bin_center);
  std::size_t pos = 0;
  for (int k = 0; k < kSubbandCount; ++k) {
    const Rect& r = tree.subbands[k];
    if (table.bin_width[k] == 0.0) {
      for (int y = 0; y < r.height; ++y) {
        std::fill_n(image + static_cast<long>(r.y + y) * width + r.x, r.width, 0.0f);
      }
      continue;
    }
    // spec: a = Q (p - C) + Z/2 for p > 0, Q (p + C) - Z/2 for p < 0, 0 for p = 0.
    const float q = static_cast<float>(table.bin_width[k]);
    const float half_zero = static_cast<float>(table.zero_bin_width[k] / 2.0);
    // Branch-free form of the same arithmetic: with s = sign(p), a = Q (p - s C) + s Z/2.
    for (int y = 0; y < r.height; ++y) {
      float* row = image + static_cast<long>(r.y + y) * width + r.x;
      const std::int32_t* in = coefficients.data() + pos;
      for (int x = 0; x < r.width; ++x) {
        const float p = static_cast<float>(in[x]);
        const float sign = static_cast<float>((in[x] > 0) - (in[x] < 0));
        row[x] = q * (p - sign * center) + sign * half_zero;
      }
      pos += static_cast<std::size_t>(r.width);
    }
  }
}

namespace {

double window_variance(const float* image, int width, int x0, int y0, int w, int h) {
  if (static_cast<long>(w) * h < 2) return 0.0;  // no spread to measure
  double sum = 0, sum_sq = 0;
  for (int y = 0; y < h; ++y) {
    const float* row = image + static_cast<long>(y0 + y) * width + x0;
    for (int x = 0; x < w; ++x) {
      double v = row[x];
      sum += v;
      sum_sq += v * v;
    }
  }
  double n = static_cast<double>(w) * h;
  return (sum_sq - sum * sum / n) / (n - 1.0);
}

// spec Part 3: the window skips 1/8 of the width on the left and 9/32 of the height at the
// top, and covers 3/4 of the width and 7/16 of the height (integer arithmetic).
double central_variance(const float* image, int width, const Rect& r) {
  int skip_x = r.width / 8;
  int skip_y = (9 * r.height) / 32;
  int w = (3 * r.width) / 4;
  int h = (7 * r.height) / 16;
  return window_variance(image, width, r.x + skip_x, r.y + skip_y, w, h);
}

}  // namespace

std::array<double, 64> subband_variances(const Decomposition& tree, const float* image,
                                         int width) {
  std::array<double, 64> var{};
  double low_sum = 0;
  for (int k = 0; k < 4; ++k) {
    var[k] = central_variance(image, width, tree.subbands[k]);
    low_sum += var[k];
  }
  bool whole = low_sum < kWindowedVarianceFloor;
  for (int k = whole ? 0 : 4; k < kCodedSubbandCount; ++k) {
    const Rect& r = tree.subbands[k];
    var[k] = whole ? window_variance(image, width, r.x, r.y, r.width, r.height)
                   : central_variance(image, width, r);
  }
  return var;
}

QuantizationTable allocate_bins(const std::array<double, 64>& var, double bit_rate) {
  // spec Part 3: relative bin widths Q'_k, then the q that meets the bit rate, found by dropping
  // the subbands whose bins would be wider than 5 standard deviations until none is left.
  std::array<double, 64> relative{};
  std::array<double, 64> sigma{};
  std::vector<int> kept;  // K
  std::array<bool, 64> transmitted{};
  for (int k = 0; k < kCodedSubbandCount; ++k) {
    if (var[k] < kVarianceThreshold) continue;
    relative[k] = k < 4 ? kLowBandsFirstBinWidth
                        : kBinWidthNumerator / (subband_weight(k) * std::log(var[k]));
    sigma[k] = std::sqrt(var[k]);
    kept.push_back(k);
    transmitted[k] = true;
  }
  double q = 1.0;
  while (!kept.empty()) {
    double share = 0;    // S: sum of 1/m_k over K
    double log_product = 0;  // log of P = prod (sigma_k / Q'_k)^(1/m_k)
    for (int k : kept) {
      share += subband_area_share(k);
      log_product += subband_area_share(k) * std::log(sigma[k] / relative[k]);
    }
    q = std::pow(2.0, bit_rate / share - 1.0) / kBitRateDivisor / std::exp(log_product / share);
    std::vector<int> next;
    for (int k : kept) {
      if (relative[k] / q < kMaxBinWidthInSigmas * sigma[k]) next.push_back(k);
    }
    if (next.size() == kept.size()) break;
    kept.swap(next);
  }
  QuantizationTable table;
  table.bin_center = kBinCenter;
  for (int k = 0; k < kCodedSubbandCount; ++k) {
    if (!transmitted[k]) continue;
    double width = relative[k] / q;
    table.bin_width[k] = width;
    table.zero_bin_width[k] = kZeroBinRatio * width;
  }
  return table;
}

void limit_bins_to_stream_range(const Decomposition& tree, const float* image, int width,
                                QuantizationTable& table) {
  // p = floor((|a| - Z/2) / Q) + 1 <= 65535 holds when Q >= |a| / 65000 (Z/2 = 0.6 Q > 0).
  constexpr double kLargestIndex = 65000.0;
  for (int k = 0; k < kSubbandCount; ++k) {
    if (table.bin_width[k] == 0.0) continue;
    const Rect& r = tree.subbands[k];
    float largest = 0.0f;
    for (int y = 0; y < r.height; ++y) {
      const float* row = image + static_cast<long>(r.y + y) * width + r.x;
      for (int x = 0; x < r.width; ++x) largest = std::max(largest, std::fabs(row[x]));
    }
    double floor_width = largest / kLargestIndex;
    if (table.bin_width[k] < floor_width) {
      table.bin_width[k] = floor_width;
      table.zero_bin_width[k] = kZeroBinRatio * floor_width;
    }
  }
}

Result<std::vector<std::int32_t>> quantize(const Decomposition& tree,
                                           const QuantizationTable& table, const float* image,
                                           int width) {
  std::vector<std::int32_t> out(coefficient_count(tree, table));
  std::size_t pos = 0;
  for (int k = 0; k < kSubbandCount; ++k) {
    if (table.bin_width[k] == 0.0) continue;
    const Rect& r = tree.subbands[k];
    const double q = table.bin_width[k];
    const double half_zero = table.zero_bin_width[k] / 2.0;
    // spec: p = 0 inside the zero bin, else floor((|a| - Z/2) / Q) + 1 with the sign of a.
    // (|a| - Z/2) / Q is positive there, so truncation is the floor.
    for (int y = 0; y < r.height; ++y) {
      const float* row = image + static_cast<long>(r.y + y) * width + r.x;
      std::int32_t* dst = out.data() + pos;
      bool overflow = false;
      for (int x = 0; x < r.width; ++x) {
        double a = row[x];
        double magnitude = std::fabs(a);
        double t = (magnitude - half_zero) / q;
        overflow |= t >= 65535.0;
        std::int32_t p = magnitude > half_zero ? static_cast<std::int32_t>(t) + 1 : 0;
        dst[x] = a < 0 ? -p : p;
      }
      if (overflow) {
        return internal_error("WSQ encoder: subband " + std::to_string(k) +
                              " has a coefficient beyond the 16-bit range of the stream");
      }
      pos += static_cast<std::size_t>(r.width);
    }
  }
  return out;
}

}  // namespace abis::image::wsq
