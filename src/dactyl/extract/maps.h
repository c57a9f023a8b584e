// The intermediate maps the extraction stages hand to each other: float images, block masks and
// block fields (orientation, ridge period). Internal to extract/; plain values.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace abis::dactyl::extract {

struct FloatImage {
  int width = 0;
  int height = 0;
  std::vector<float> data;

  FloatImage() = default;
  FloatImage(int w, int h, float fill = 0.0f)
      : width(w), height(h), data(static_cast<std::size_t>(w) * h, fill) {}
  float& at(int x, int y) { return data[static_cast<std::size_t>(y) * width + x]; }
  float at(int x, int y) const { return data[static_cast<std::size_t>(y) * width + x]; }
};

// One byte per pixel or per block: 1 = set.
struct ByteMap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> data;

  ByteMap() = default;
  ByteMap(int w, int h, std::uint8_t fill = 0)
      : width(w), height(h), data(static_cast<std::size_t>(w) * h, fill) {}
  std::uint8_t& at(int x, int y) { return data[static_cast<std::size_t>(y) * width + x]; }
  std::uint8_t at(int x, int y) const { return data[static_cast<std::size_t>(y) * width + x]; }
  bool inside(int x, int y) const { return x >= 0 && y >= 0 && x < width && y < height; }
};

// The geometry of the block grid laid over an image: block (bx, by) covers pixels
// [bx*size, bx*size+size) x [by*size, by*size+size); its centre is at (bx+0.5)*size.
struct BlockGrid {
  int size = 8;
  int blocks_x = 0;
  int blocks_y = 0;
  int image_width = 0;
  int image_height = 0;

  static BlockGrid for_image(int width, int height, int size) {
    return BlockGrid{size, (width + size - 1) / size, (height + size - 1) / size, width, height};
  }
};

// Ridge orientation per block as the doubled-angle unit vector (cos 2t, sin 2t), where t is the
// ridge direction in image coordinates (y down), modulo pi; plus the coherence 0..1 of the
// gradients around the block (1 = perfectly parallel ridges).
struct OrientationField {
  int width = 0;
  int height = 0;
  std::vector<float> cos2;
  std::vector<float> sin2;
  std::vector<float> coherence;
  // Coherence of the gradients in each block's own window, before any smoothing (segmentation
  // uses it: noise has high contrast but no common direction).
  std::vector<float> raw_coherence;

  std::size_t index(int bx, int by) const { return static_cast<std::size_t>(by) * width + bx; }
  double angle(int bx, int by) const {  // ridge direction in [0, pi)
    double a = 0.5 * std::atan2(sin2[index(bx, by)], cos2[index(bx, by)]);
    return a < 0 ? a + 3.14159265358979323846 : a;
  }
};

// Smoothed ridge period (pixels) per block.
struct PeriodField {
  int width = 0;
  int height = 0;
  std::vector<float> period;
};

// Labels the 4-connected regions of cells equal to `value`: labels[i] is the region of cell i (-1
// for other cells); sizes and touches_edge describe each region.
int label_regions(const ByteMap& map, std::uint8_t value, std::vector<int>& labels, std::vector<int>& sizes,
                  std::vector<bool>& touches_edge);

// Signed difference a - b of two directions, in (-pi, pi].
double angle_difference(double a, double b);

}  // namespace abis::dactyl::extract
