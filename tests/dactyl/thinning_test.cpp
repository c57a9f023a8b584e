// Thinning: the bit-parallel Zhang-Suen of thin() against the textbook one pixel at a time, on
// random ridge-like images of sizes around the 64-pixel word boundaries; and the properties of
// a skeleton.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <random>
#include <vector>

#include "dactyl/extract/thinning.h"

namespace abis::dactyl::extract {
namespace {

// Zhang-Suen as usually written: per sub-iteration, the set pixels whose neighbour code passes
// the rule are collected, then deleted; then the staircase pixels in raster order.
ByteMap reference_thin(const ByteMap& binary) {
  ByteMap img = binary;
  const int w = img.width, h = img.height;
  if (w < 3 || h < 3) return ByteMap(w, h);
  for (int x = 0; x < w; ++x) img.at(x, 0) = img.at(x, h - 1) = 0;
  for (int y = 0; y < h; ++y) img.at(0, y) = img.at(w - 1, y) = 0;
  for (auto& v : img.data) v = v != 0;
  auto rule = [](std::uint8_t code, int pass) {
    const int b = std::popcount(static_cast<unsigned>(code));
    int a = 0;
    for (int k = 0; k < 8; ++k)
      if (!(code >> k & 1) && (code >> ((k + 1) % 8) & 1)) ++a;
    const bool n = code & 1, e = code >> 2 & 1, s = code >> 4 & 1, west = code >> 6 & 1;
    if (!(b >= 2 && b <= 6 && a == 1)) return false;
    return pass == 0 ? !(n && e && s) && !(e && s && west) : !(n && e && west) && !(n && s && west);
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (int pass = 0; pass < 2; ++pass) {
      std::vector<std::size_t> gone;
      for (int y = 1; y + 1 < h; ++y)
        for (int x = 1; x + 1 < w; ++x)
          if (img.at(x, y) && rule(neighbour_code(img, x, y), pass)) gone.push_back(static_cast<std::size_t>(y) * w + x);
      for (std::size_t i : gone) img.data[i] = 0;
      changed |= !gone.empty();
    }
  }
  for (int y = 1; y + 1 < h; ++y)
    for (int x = 1; x + 1 < w; ++x) {
      if (!img.at(x, y)) continue;
      const std::uint8_t code = neighbour_code(img, x, y);
      if (std::popcount(static_cast<unsigned>(code)) >= 2 && neighbour_groups(code) == 1) img.at(x, y) = 0;
    }
  return img;
}

// Bands of a random period and direction, broken by noise: ridge-like shapes of 2-8 pixels.
ByteMap ridges(std::mt19937& rng, int w, int h) {
  std::uniform_real_distribution<double> angle(0, 3.14159), period(5, 14), noise(0, 1);
  const double a = angle(rng), p = period(rng), bend = noise(rng) * 0.02;
  ByteMap map(w, h);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const double u = x * std::cos(a) + y * std::sin(a) + bend * (x * x - y * y) / 10;
      map.at(x, y) = static_cast<std::uint8_t>((std::sin(2 * 3.14159 * u / p) > 0.1) != (noise(rng) < 0.04));
    }
  return map;
}

TEST(Thinning, MatchesTheTextbookAlgorithmPixelForPixel) {
  std::mt19937 rng(11);
  for (int w : {1, 2, 3, 5, 63, 64, 65, 66, 127, 128, 129, 200}) {
    for (int h : {1, 3, 4, 40, 97}) {
      const ByteMap in = ridges(rng, w, h);
      const ByteMap fast = thin(in), slow = reference_thin(in);
      ASSERT_EQ(fast.width, w);
      ASSERT_EQ(fast.height, h);
      ASSERT_EQ(fast.data, slow.data) << w << " x " << h;
    }
  }
}

TEST(Thinning, SkeletonIsOnePixelWideAndInsideTheInput) {
  std::mt19937 rng(3);
  const ByteMap in = ridges(rng, 150, 120);
  const ByteMap skeleton = thin(in);
  int set = 0;
  for (int y = 0; y < skeleton.height; ++y)
    for (int x = 0; x < skeleton.width; ++x) {
      if (!skeleton.at(x, y)) continue;
      ++set;
      EXPECT_TRUE(in.at(x, y)) << x << "," << y;
      // No 2x2 block of skeleton pixels: one pixel wide.
      if (x + 1 < skeleton.width && y + 1 < skeleton.height) {
        EXPECT_FALSE(skeleton.at(x + 1, y) && skeleton.at(x, y + 1) && skeleton.at(x + 1, y + 1)) << x << "," << y;
      }
    }
  EXPECT_GT(set, 500);
}

TEST(Thinning, NonzeroValuesCountAsSet) {
  ByteMap ones(20, 9), bytes(20, 9);
  for (int y = 3; y <= 5; ++y)
    for (int x = 2; x <= 17; ++x) {
      ones.at(x, y) = 1;
      bytes.at(x, y) = 255;
    }
  EXPECT_EQ(thin(ones).data, thin(bytes).data);
}

}  // namespace
}  // namespace abis::dactyl::extract
