// GrayImage: the one raster type of the system, 8-bit grayscale, row-major, no padding.
// Fingerprint, palm and latent images all travel as this type between codecs and engines.
// A plain value; safe to share read-only between threads.
#pragma once

#include <cstdint>
#include <vector>

namespace abis::image {

// Largest side we accept from any decoder. A 1000 ppi full palm is about 5,000 x 8,000 pixels;
// anything far beyond that is a hostile or broken header, refused before allocating.
constexpr int kMaxImageSide = 16384;
constexpr std::uint64_t kMaxImagePixels = 120'000'000;

struct GrayImage {
  int width = 0;
  int height = 0;
  // Pixels per inch of the scan, 0 when unknown (the caller then supplies --dpi).
  double ppi = 0;
  std::vector<std::uint8_t> pixels;  // width * height bytes, 0 = black, 255 = white

  bool empty() const { return width == 0 || height == 0; }
  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
  std::uint8_t& at(int x, int y) { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

}  // namespace abis::image
