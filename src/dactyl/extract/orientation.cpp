#include "dactyl/extract/orientation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "dactyl/parameters.h"

namespace abis::dactyl::extract {
namespace {

std::vector<float> gaussian_kernel(double sigma) {
  const int radius = std::max(1, static_cast<int>(std::ceil(3 * sigma)));
  std::vector<float> k(2 * radius + 1);
  for (int i = -radius; i <= radius; ++i) {
    k[i + radius] = static_cast<float>(std::exp(-0.5 * i * i / (sigma * sigma)));
  }
  return k;
}

void convolve_separable(std::vector<float>& v, int w, int h, const std::vector<float>& k) {
  const int r = static_cast<int>(k.size() / 2);
  std::vector<float> tmp(v.size());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      float s = 0;
      for (int i = -r; i <= r; ++i) {
        const int xx = x + i;
        if (xx >= 0 && xx < w) s += k[i + r] * v[y * w + xx];
      }
      tmp[y * w + x] = s;
    }
  }
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      float s = 0;
      for (int i = -r; i <= r; ++i) {
        const int yy = y + i;
        if (yy >= 0 && yy < h) s += k[i + r] * tmp[yy * w + x];
      }
      v[y * w + x] = s;
    }
  }
}

}  // namespace

void smooth_block_field(std::vector<float>& values, const ByteMap& mask, double sigma) {
  const int w = mask.width, h = mask.height;
  std::vector<float> weighted(values.size()), weights(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    weights[i] = mask.data[i] ? 1.0f : 0.0f;
    weighted[i] = mask.data[i] ? values[i] : 0.0f;
  }
  const std::vector<float> k = gaussian_kernel(sigma);
  convolve_separable(weighted, w, h, k);
  convolve_separable(weights, w, h, k);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (mask.data[i] && weights[i] > 1e-6f) values[i] = weighted[i] / weights[i];
  }
}

BlockGradients block_gradients(const image::GrayImage& image, const BlockGrid& grid) {
  const int w = image.width, h = image.height;
  // Sobel gradients, then integral images of gxx - gyy, 2 gxy and gxx + gyy.
  const std::size_t stride = static_cast<std::size_t>(w + 1);
  std::vector<double> ixx(stride * (h + 1), 0.0), ixy(ixx.size(), 0.0), iee(ixx.size(), 0.0);
  // Gradients of a slightly blurred copy: pores and sensor speckle would otherwise dominate.
  std::vector<float> blurred(static_cast<std::size_t>(w) * h), tmp(blurred.size());
  {
    const std::vector<float> k = gaussian_kernel(params::kOrientationPreBlurSigma);
    const int r = static_cast<int>(k.size() / 2);
    float ksum = 0;
    for (float v : k) ksum += v;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        float acc = 0;
        for (int i = -r; i <= r; ++i) acc += k[i + r] * image.pixels[static_cast<std::size_t>(y) * w + std::clamp(x + i, 0, w - 1)];
        tmp[static_cast<std::size_t>(y) * w + x] = acc / ksum;
      }
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        float acc = 0;
        for (int i = -r; i <= r; ++i) acc += k[i + r] * tmp[static_cast<std::size_t>(std::clamp(y + i, 0, h - 1)) * w + x];
        blurred[static_cast<std::size_t>(y) * w + x] = acc / ksum;
      }
  }
  const float* p = blurred.data();
  for (int y = 0; y < h; ++y) {
    double rxx = 0, rxy = 0, ree = 0;
    for (int x = 0; x < w; ++x) {
      double gx = 0, gy = 0;
      if (x > 0 && y > 0 && x < w - 1 && y < h - 1) {
        const float* c = p + static_cast<std::size_t>(y) * w + x;
        gx = (c[-w + 1] + 2.0 * c[1] + c[w + 1]) - (c[-w - 1] + 2.0 * c[-1] + c[w - 1]);
        gy = (c[w - 1] + 2.0 * c[w] + c[w + 1]) - (c[-w - 1] + 2.0 * c[-w] + c[-w + 1]);
      }
      rxx += gx * gx - gy * gy;
      rxy += 2 * gx * gy;
      ree += gx * gx + gy * gy;
      const std::size_t i = (y + 1) * stride + x + 1;
      ixx[i] = ixx[i - stride] + rxx;
      ixy[i] = ixy[i - stride] + rxy;
      iee[i] = iee[i - stride] + ree;
    }
  }
  auto box = [&](const std::vector<double>& t, int x0, int y0, int x1, int y1) {
    return t[y1 * stride + x1] - t[y0 * stride + x1] - t[y1 * stride + x0] + t[y0 * stride + x0];
  };

  BlockGradients field;
  field.width = grid.blocks_x;
  field.height = grid.blocks_y;
  const std::size_t n = static_cast<std::size_t>(grid.blocks_x) * grid.blocks_y;
  std::vector<float>& gc = field.gc;  // doubled gradient angle vector scaled by coherence
  std::vector<float>& gs = field.gs;
  gc.assign(n, 0.0f);
  gs.assign(n, 0.0f);
  field.coherence.assign(n, 0.0f);
  const int half = params::kOrientationWindow / 2;
  for (int by = 0; by < grid.blocks_y; ++by) {
    for (int bx = 0; bx < grid.blocks_x; ++bx) {
      const int cx = bx * grid.size + grid.size / 2, cy = by * grid.size + grid.size / 2;
      const int x0 = std::max(0, cx - half), x1 = std::min(w, cx + half);
      const int y0 = std::max(0, cy - half), y1 = std::min(h, cy + half);
      const double sxx = box(ixx, x0, y0, x1, y1), sxy = box(ixy, x0, y0, x1, y1);
      const double see = box(iee, x0, y0, x1, y1);
      const std::size_t i = static_cast<std::size_t>(by) * grid.blocks_x + bx;
      if (see > 1e-9) {
        gc[i] = static_cast<float>(sxx / see);
        gs[i] = static_cast<float>(sxy / see);
        field.coherence[i] = static_cast<float>(std::hypot(sxx, sxy) / see);
      }
    }
  }
  return field;
}

OrientationField smooth_orientation(const BlockGradients& raw, const ByteMap& block_mask) {
  OrientationField field;
  field.width = raw.width;
  field.height = raw.height;
  const std::size_t n = raw.gc.size();
  const std::vector<float>& gc = raw.gc;
  const std::vector<float>& gs = raw.gs;
  field.coherence = raw.coherence;
  field.raw_coherence = raw.coherence;
  // Two scales; the fine one where it is coherent, the coarse one where it is not.
  std::vector<float> fc = gc, fs = gs, cc = gc, cs = gs;
  smooth_block_field(fc, block_mask, params::kOrientationFineSigma);
  smooth_block_field(fs, block_mask, params::kOrientationFineSigma);
  smooth_block_field(cc, block_mask, params::kOrientationCoarseSigma);
  smooth_block_field(cs, block_mask, params::kOrientationCoarseSigma);
  field.cos2.assign(n, 1.0f);
  field.sin2.assign(n, 0.0f);
  const double c0 = params::kOrientationBlendCoherence;
  for (std::size_t i = 0; i < n; ++i) {
    const double fine = std::hypot(fc[i], fs[i]);
    const double coarse = std::hypot(cc[i], cs[i]);
    const double weight = fine * fine / (fine * fine + c0 * c0);
    double vx = 0, vy = 0;
    if (fine > 1e-9) {
      vx += weight * fc[i] / fine;
      vy += weight * fs[i] / fine;
    }
    if (coarse > 1e-9) {
      vx += (1 - weight) * cc[i] / coarse;
      vy += (1 - weight) * cs[i] / coarse;
    }
    const double len = std::hypot(vx, vy);
    if (len > 1e-9) {
      // The ridge runs perpendicular to the gradient: doubled angle + pi.
      field.cos2[i] = static_cast<float>(-vx / len);
      field.sin2[i] = static_cast<float>(-vy / len);
    }
    field.coherence[i] = static_cast<float>(block_mask.data[i] ? fine : field.coherence[i]);
  }
  return field;
}

OrientationField estimate_orientation(const image::GrayImage& image, const BlockGrid& grid,
                                      const ByteMap& block_mask) {
  return smooth_orientation(block_gradients(image, grid), block_mask);
}

double orientation_at(const OrientationField& field, const BlockGrid& grid, double x, double y) {
  const double fx = std::clamp(x / grid.size - 0.5, 0.0, field.width - 1.0);
  const double fy = std::clamp(y / grid.size - 0.5, 0.0, field.height - 1.0);
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  const int x1 = std::min(x0 + 1, field.width - 1), y1 = std::min(y0 + 1, field.height - 1);
  const double ax = fx - x0, ay = fy - y0;
  auto mix = [&](const std::vector<float>& v) {
    return (1 - ay) * ((1 - ax) * v[field.index(x0, y0)] + ax * v[field.index(x1, y0)]) +
           ay * ((1 - ax) * v[field.index(x0, y1)] + ax * v[field.index(x1, y1)]);
  };
  double a = 0.5 * std::atan2(mix(field.sin2), mix(field.cos2));
  if (a < 0) a += std::numbers::pi;
  return a;
}

}  // namespace abis::dactyl::extract
