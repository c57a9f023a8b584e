#include "dactyl/extract/enhancement.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "dactyl/parameters.h"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace abis::dactyl::extract {
namespace {

constexpr int kQ = params::kEnhanceOrientations;
constexpr int kR1 = params::kEnhanceAcrossRadius;
constexpr int kR2 = params::kEnhanceAlongRadius;
constexpr int kPad = std::max(kR1, kR2) + 1;
constexpr int kPeriodBins =
    static_cast<int>((params::kMaxRidgePeriod - params::kMinRidgePeriod) / params::kEnhancePeriodStep) + 1;

// Precomputed kernels: weights per (period bin, tap) across, per tap along, and the pixel offsets
// of the taps for each quantised orientation (nearest pixel on the line through the centre).
struct KernelBank {
  float across[kPeriodBins][2 * kR1 + 1];
  float along[2 * kR2 + 1];
  int across_dx[kQ][2 * kR1 + 1], across_dy[kQ][2 * kR1 + 1];
  int along_dx[kQ][2 * kR2 + 1], along_dy[kQ][2 * kR2 + 1];
  // The same taps as offsets into a padded row-major buffer of row length `stride`.
  int stride = -1;
  int across_off[kQ][2 * kR1 + 1], along_off[kQ][2 * kR2 + 1];

  void set_stride(int row) {
    if (row == stride) return;
    stride = row;
    for (int q = 0; q < kQ; ++q) {
      for (int t = 0; t < 2 * kR1 + 1; ++t) across_off[q][t] = across_dy[q][t] * row + across_dx[q][t];
      for (int s = 0; s < 2 * kR2 + 1; ++s) along_off[q][s] = along_dy[q][s] * row + along_dx[q][s];
    }
  }

  KernelBank() {
    for (int b = 0; b < kPeriodBins; ++b) {
      const double period = params::kMinRidgePeriod + b * params::kEnhancePeriodStep;
      const double sigma = params::kEnhanceAcrossSigmaRatio * period;
      double sum = 0, wsum = 0;
      for (int t = -kR1; t <= kR1; ++t) {
        const double env = std::exp(-0.5 * t * t / (sigma * sigma));
        across[b][t + kR1] = static_cast<float>(env * std::cos(2 * std::numbers::pi * t / period));
        sum += across[b][t + kR1];
        wsum += env;
      }
      // Remove the DC response so that flat areas give zero whatever their brightness.
      for (int t = -kR1; t <= kR1; ++t) {
        const double env = std::exp(-0.5 * t * t / (sigma * sigma));
        across[b][t + kR1] = static_cast<float>(across[b][t + kR1] - sum * env / wsum);
      }
    }
    double sum = 0;
    for (int s = -kR2; s <= kR2; ++s) {
      along[s + kR2] = static_cast<float>(
          std::exp(-0.5 * s * s / (params::kEnhanceAlongSigma * params::kEnhanceAlongSigma)));
      sum += along[s + kR2];
    }
    for (float& v : along) v = static_cast<float>(v / sum);
    for (int q = 0; q < kQ; ++q) {
      const double angle = q * std::numbers::pi / kQ;
      const double dx = std::cos(angle), dy = std::sin(angle);
      for (int t = -kR1; t <= kR1; ++t) {
        across_dx[q][t + kR1] = static_cast<int>(std::lround(-t * dy));
        across_dy[q][t + kR1] = static_cast<int>(std::lround(t * dx));
      }
      for (int s = -kR2; s <= kR2; ++s) {
        along_dx[q][s + kR2] = static_cast<int>(std::lround(s * dx));
        along_dy[q][s + kR2] = static_cast<int>(std::lround(s * dy));
      }
    }
  }
};

// One bank per thread: the tap offsets depend on the row length of the image being filtered.
KernelBank& kernels() {
  thread_local KernelBank bank;
  return bank;
}

// atan2 to about 0.002 rad, enough to pick one of kQ orientation bins (pi / kQ wide), at a
// fraction of the library's cost: this runs for every foreground pixel.
inline float fast_atan2(float y, float x) {
  const float ax = std::abs(x), ay = std::abs(y);
  const float mx = std::max(ax, ay), mn = std::min(ax, ay);
  if (mx <= 0.0f) return 0.0f;
  const float a = mn / mx, s = a * a;
  float r = ((-0.0464964749f * s + 0.15931422f) * s - 0.327622764f) * s * a + a;
  if (ay > ax) r = 1.57079637f - r;
  if (x < 0) r = 3.14159274f - r;
  return y < 0 ? -r : r;
}

// a * b + acc, fused where the processor has the instruction (as in the vector code, so that a
// pixel gets the same value on either path).
inline float multiply_add(float a, float b, float acc) {
#if defined(__FMA__)
  return std::fma(a, b, acc);
#else
  return a * b + acc;
#endif
}

#if defined(__AVX2__)
constexpr int kLanes = 8;

// The eight bins from p on, one per 32-bit lane.
inline __m256i load_bins(const std::uint8_t* p) {
  return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
}

// Eight neighbouring pixels filtered with their own kernels, `kernel` telling which (one value
// per lane). filter(lane) filters all eight with the kernel of that lane; it runs once per
// distinct kernel (orientation and period change slowly: mostly once or twice), and each pixel
// takes the result of its own. The same operations per pixel as the one-pixel code, so the same
// values.
template <typename Filter>
inline __m256 for_each_kernel(__m256i kernel, Filter filter) {
  __m256 result = _mm256_setzero_ps();
  unsigned left = 0xFF;
  alignas(32) std::int32_t keys[kLanes];
  _mm256_store_si256(reinterpret_cast<__m256i*>(keys), kernel);
  while (left != 0) {
    const int lane = std::countr_zero(left);
    const __m256i same = _mm256_cmpeq_epi32(kernel, _mm256_set1_epi32(keys[lane]));
    result = _mm256_blendv_ps(result, filter(lane), _mm256_castsi256_ps(same));
    left &= ~static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(same)));
  }
  return result;
}
#endif

}  // namespace

FloatImage enhance(const image::GrayImage& image, const BlockGrid& grid, const ByteMap& block_mask,
                   const std::vector<float>& block_std, const OrientationField& orientation,
                   const PeriodField& period) {
  KernelBank& bank = kernels();
  const int w = image.width, h = image.height;
  const int pw = w + 2 * kPad, ph = h + 2 * kPad;
  bank.set_stride(pw);
  // Inverted gray levels (ridges bright) with replicated borders.
  std::vector<float> src(static_cast<std::size_t>(pw) * ph);
  for (int y = 0; y < ph; ++y) {
    const int sy = std::clamp(y - kPad, 0, h - 1);
    for (int x = 0; x < pw; ++x) {
      const int sx = std::clamp(x - kPad, 0, w - 1);
      src[static_cast<std::size_t>(y) * pw + x] = 255.0f - image.pixels[static_cast<std::size_t>(sy) * w + sx];
    }
  }
  // The band-pass runs one block beyond the foreground so the second pass has data at the edge.
  ByteMap work(block_mask.width, block_mask.height);
  for (int by = 0; by < block_mask.height; ++by)
    for (int bx = 0; bx < block_mask.width; ++bx)
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          if (block_mask.inside(bx + dx, by + dy) && block_mask.at(bx + dx, by + dy)) work.at(bx, by) = 1;

  // Per pixel orientation bin and period bin, interpolated from the block fields. The
  // interpolation columns and weights depend on x only: computed once per column.
  std::vector<std::uint8_t> qbin(static_cast<std::size_t>(w) * h, 0), pbin(qbin.size(), 0);
  std::vector<int> col0(w), col1(w);
  std::vector<float> colw(w);
  for (int x = 0; x < w; ++x) {
    const double fx = std::clamp((x + 0.5) / grid.size - 0.5, 0.0, orientation.width - 1.0);
    col0[x] = static_cast<int>(fx);
    col1[x] = std::min(col0[x] + 1, orientation.width - 1);
    colw[x] = static_cast<float>(fx - col0[x]);
  }
  for (int y = 0; y < h; ++y) {
    const double fy = std::clamp((y + 0.5) / grid.size - 0.5, 0.0, orientation.height - 1.0);
    const int y0 = static_cast<int>(fy), y1 = std::min(y0 + 1, orientation.height - 1);
    const float ay = static_cast<float>(fy - y0);
    const std::uint8_t* work_row = &work.data[static_cast<std::size_t>(y / grid.size) * work.width];
    for (int x = 0; x < w; ++x) {
      if (!work_row[x / grid.size]) continue;
      const int x0 = col0[x], x1 = col1[x];
      const float ax = colw[x];
      const std::size_t i00 = orientation.index(x0, y0), i10 = orientation.index(x1, y0);
      const std::size_t i01 = orientation.index(x0, y1), i11 = orientation.index(x1, y1);
      auto mix = [&](const std::vector<float>& v) {
        return (1 - ay) * ((1 - ax) * v[i00] + ax * v[i10]) + ay * ((1 - ax) * v[i01] + ax * v[i11]);
      };
      // Doubled angle in (-pi, pi] to bin: q = round(angle * kQ / pi) mod kQ with angle = a2 / 2.
      const float a2 = fast_atan2(mix(orientation.sin2), mix(orientation.cos2));
      const float fq = a2 * static_cast<float>(kQ / (2 * std::numbers::pi));
      const int q = static_cast<int>(fq + (fq >= 0 ? 0.5f : -0.5f));
      const std::size_t i = static_cast<std::size_t>(y) * w + x;
      qbin[i] = static_cast<std::uint8_t>((q + kQ) % kQ);
      const float pb = (mix(period.period) - static_cast<float>(params::kMinRidgePeriod)) /
                       static_cast<float>(params::kEnhancePeriodStep);
      pbin[i] = static_cast<std::uint8_t>(std::clamp(static_cast<int>(pb + 0.5f), 0, kPeriodBins - 1));
    }
  }

  // Pass 1: band-pass across the ridges, normalised by the local contrast; block by block, only
  // where there is work.
  std::vector<float> mid(src.size(), 0.0f);
  for (int by = 0; by < grid.blocks_y; ++by) {
    for (int bx = 0; bx < grid.blocks_x; ++bx) {
      if (!work.at(bx, by)) continue;
      const float inv_contrast = 1.0f / std::max(4.0f, block_std[by * grid.blocks_x + bx]);
      for (int y = by * grid.size; y < std::min(h, (by + 1) * grid.size); ++y) {
        const int x_end = std::min(w, (bx + 1) * grid.size);
        int x = bx * grid.size;
#if defined(__AVX2__)
        // Eight pixels at a time, each distinct kernel among them once (see for_each_kernel):
        // each tap is then one load of eight neighbouring pixels. The same operations per pixel
        // as below, so the same results.
        for (; x + kLanes <= x_end; x += kLanes) {
          const std::size_t i = static_cast<std::size_t>(y) * w + x;
          const float* c = &src[static_cast<std::size_t>(y + kPad) * pw + x + kPad];
          // The kernel of each pixel: orientation and period bins.
          const __m256i kernel = _mm256_or_si256(load_bins(&qbin[i]), _mm256_slli_epi32(load_bins(&pbin[i]), 8));
          const __m256 filtered = for_each_kernel(kernel, [&](int lane) {
            const int* off = bank.across_off[qbin[i + lane]];
            const float* k = bank.across[pbin[i + lane]];
            __m256 acc = _mm256_setzero_ps();
            for (int t = 0; t < 2 * kR1 + 1; ++t) acc = _mm256_fmadd_ps(_mm256_set1_ps(k[t]), _mm256_loadu_ps(c + off[t]), acc);
            return acc;
          });
          _mm256_storeu_ps(&mid[static_cast<std::size_t>(y + kPad) * pw + x + kPad],
                           _mm256_mul_ps(filtered, _mm256_set1_ps(inv_contrast)));
        }
#endif
        for (; x < x_end; ++x) {
          const std::size_t i = static_cast<std::size_t>(y) * w + x;
          const int* off = bank.across_off[qbin[i]];
          const float* k = bank.across[pbin[i]];
          const float* c = &src[static_cast<std::size_t>(y + kPad) * pw + x + kPad];
          float acc = 0;
          for (int t = 0; t < 2 * kR1 + 1; ++t) acc = multiply_add(k[t], c[off[t]], acc);
          mid[static_cast<std::size_t>(y + kPad) * pw + x + kPad] = acc * inv_contrast;
        }
      }
    }
  }
  // Pass 2: smoothing along the ridges, inside the foreground.
  FloatImage out(w, h, 0.0f);
  for (int by = 0; by < grid.blocks_y; ++by) {
    for (int bx = 0; bx < grid.blocks_x; ++bx) {
      if (!block_mask.at(bx, by)) continue;
      for (int y = by * grid.size; y < std::min(h, (by + 1) * grid.size); ++y) {
        const int x_end = std::min(w, (bx + 1) * grid.size);
        int x = bx * grid.size;
#if defined(__AVX2__)
        for (; x + kLanes <= x_end; x += kLanes) {
          const std::size_t i = static_cast<std::size_t>(y) * w + x;
          const float* c = &mid[static_cast<std::size_t>(y + kPad) * pw + x + kPad];
          _mm256_storeu_ps(&out.data[i], for_each_kernel(load_bins(&qbin[i]), [&](int lane) {
                             const int* off = bank.along_off[qbin[i + lane]];
                             __m256 acc = _mm256_setzero_ps();
                             for (int s = 0; s < 2 * kR2 + 1; ++s)
                               acc = _mm256_fmadd_ps(_mm256_set1_ps(bank.along[s]), _mm256_loadu_ps(c + off[s]), acc);
                             return acc;
                           }));
        }
#endif
        for (; x < x_end; ++x) {
          const std::size_t i = static_cast<std::size_t>(y) * w + x;
          const int* off = bank.along_off[qbin[i]];
          const float* c = &mid[static_cast<std::size_t>(y + kPad) * pw + x + kPad];
          float acc = 0;
          for (int s = 0; s < 2 * kR2 + 1; ++s) acc = multiply_add(bank.along[s], c[off[s]], acc);
          out.data[i] = acc;
        }
      }
    }
  }
  return out;
}

}  // namespace abis::dactyl::extract
