#include "image/resample.h"

#include "image/codecs.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace abis::image {
namespace {

// One output sample of a 1-D resampling: the source indices it reads and their weights.
struct Tap {
  int first = 0;
  std::vector<float> weights;
};

// Weights for mapping src_len samples onto dst_len samples. Each output sample covers the source
// interval [i*s, (i+1)*s) with s = src_len/dst_len; when s > 1 (downscaling) it averages over that
// interval (a box of the footprint's width, exact for partial pixels); when s <= 1 it interpolates
// linearly between the two nearest source samples.
std::vector<Tap> make_taps(int src_len, int dst_len) {
  std::vector<Tap> taps(dst_len);
  const double scale = static_cast<double>(src_len) / dst_len;
  for (int i = 0; i < dst_len; ++i) {
    Tap& tap = taps[i];
    if (scale > 1.0) {
      const double lo = i * scale;
      const double hi = std::min<double>(src_len, (i + 1) * scale);
      const int first = static_cast<int>(std::floor(lo));
      const int last = std::min(src_len - 1, static_cast<int>(std::ceil(hi)) - 1);
      tap.first = first;
      double total = 0;
      for (int k = first; k <= last; ++k) {
        const double w = std::min<double>(hi, k + 1) - std::max<double>(lo, k);
        tap.weights.push_back(static_cast<float>(std::max(0.0, w)));
        total += std::max(0.0, w);
      }
      for (float& w : tap.weights) w = static_cast<float>(w / total);
    } else {
      const double center = (i + 0.5) * scale - 0.5;
      int left = static_cast<int>(std::floor(center));
      double frac = center - left;
      if (left < 0) {
        left = 0;
        frac = 0;
      }
      if (left >= src_len - 1) {
        left = src_len - 1;
        frac = 0;
      }
      tap.first = left;
      tap.weights.push_back(static_cast<float>(1.0 - frac));
      if (frac > 0) tap.weights.push_back(static_cast<float>(frac));
    }
  }
  return taps;
}

}  // namespace

Result<GrayImage> resample(const GrayImage& image, int width, int height) {
  if (image.empty()) return invalid_argument("cannot resample an empty image");
  ABIS_RETURN_IF_ERROR(check_dimensions(width, height, "resampled image"));
  const std::vector<Tap> xtaps = make_taps(image.width, width);
  const std::vector<Tap> ytaps = make_taps(image.height, height);
  // Horizontal pass into floats, then vertical pass into bytes.
  std::vector<float> rows(static_cast<std::size_t>(image.height) * width);
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* src = &image.pixels[static_cast<std::size_t>(y) * image.width];
    float* dst = &rows[static_cast<std::size_t>(y) * width];
    for (int x = 0; x < width; ++x) {
      const Tap& tap = xtaps[x];
      float sum = 0;
      for (std::size_t k = 0; k < tap.weights.size(); ++k) sum += tap.weights[k] * src[tap.first + k];
      dst[x] = sum;
    }
  }
  GrayImage out;
  out.width = width;
  out.height = height;
  out.ppi = image.ppi * static_cast<double>(width) / image.width;
  out.pixels.resize(static_cast<std::size_t>(width) * height);
  std::vector<float> acc(width);
  for (int y = 0; y < height; ++y) {
    const Tap& tap = ytaps[y];
    std::fill(acc.begin(), acc.end(), 0.0f);
    for (std::size_t k = 0; k < tap.weights.size(); ++k) {
      const float w = tap.weights[k];
      const float* src = &rows[static_cast<std::size_t>(tap.first + k) * width];
      for (int x = 0; x < width; ++x) acc[x] += w * src[x];
    }
    std::uint8_t* dst = &out.pixels[static_cast<std::size_t>(y) * width];
    for (int x = 0; x < width; ++x) {
      // Weights and pixels are non-negative: adding 0.5 and truncating rounds like lround, without
      // a library call per pixel.
      dst[x] = static_cast<std::uint8_t>(std::clamp(acc[x] + 0.5f, 0.0f, 255.0f));
    }
  }
  return out;
}

Result<GrayImage> resample_to_ppi(const GrayImage& image, double target_ppi) {
  if (image.empty()) return invalid_argument("cannot resample an empty image");
  if (!(image.ppi > 0)) {
    return invalid_argument("the image resolution is unknown: give it (e.g. --dpi 500)");
  }
  if (!(target_ppi > 0)) return invalid_argument("target resolution must be positive");
  const double ratio = target_ppi / image.ppi;
  if (std::abs(ratio - 1.0) < 0.005) {
    GrayImage same = image;
    same.ppi = target_ppi;
    return same;
  }
  const double w = std::round(image.width * ratio);
  const double h = std::round(image.height * ratio);
  if (w < 1 || h < 1 || w > kMaxImageSide || h > kMaxImageSide) {
    return invalid_argument("resampling " + std::to_string(image.width) + "x" +
                            std::to_string(image.height) + " from " +
                            std::to_string(static_cast<int>(image.ppi)) + " ppi to " +
                            std::to_string(static_cast<int>(target_ppi)) +
                            " ppi gives an unusable size");
  }
  ABIS_ASSIGN_OR_RETURN(GrayImage out, resample(image, static_cast<int>(w), static_cast<int>(h)));
  out.ppi = target_ppi;
  return out;
}

}  // namespace abis::image
