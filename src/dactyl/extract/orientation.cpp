#include "dactyl/extract/orientation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
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

// Zero-padded separable convolution of a w x h field (cells outside count as 0).
void convolve_separable(std::vector<float>& v, int w, int h, const std::vector<float>& k) {
  const int r = static_cast<int>(k.size() / 2);
  std::vector<float> row(static_cast<std::size_t>(w + 2 * r), 0.0f);
  std::vector<float> tmp(static_cast<std::size_t>(w) * (h + 2 * r), 0.0f);
  for (int y = 0; y < h; ++y) {
    std::copy_n(&v[static_cast<std::size_t>(y) * w], w, &row[r]);
    float* out = &tmp[static_cast<std::size_t>(y + r) * w];
    for (int i = 0; i <= 2 * r; ++i) {
      const float kv = k[i];
      const float* in = &row[i];
      for (int x = 0; x < w; ++x) out[x] += kv * in[x];
    }
  }
  for (int y = 0; y < h; ++y) {
    float* out = &v[static_cast<std::size_t>(y) * w];
    std::fill_n(out, w, 0.0f);
    for (int i = 0; i <= 2 * r; ++i) {
      const float kv = k[i];
      const float* in = &tmp[static_cast<std::size_t>(y + i) * w];
      for (int x = 0; x < w; ++x) out[x] += kv * in[x];
    }
  }
}

}  // namespace

void smooth_block_fields(std::initializer_list<std::vector<float>*> fields, const ByteMap& mask, double sigma) {
  const std::vector<float> k = gaussian_kernel(sigma);
  // The normalising weights (how much of the kernel falls on masked cells) are shared by all fields.
  std::vector<float> weights(mask.data.size());
  for (std::size_t i = 0; i < weights.size(); ++i) weights[i] = mask.data[i] ? 1.0f : 0.0f;
  convolve_separable(weights, mask.width, mask.height, k);
  for (std::vector<float>* values : fields) {
    std::vector<float> weighted(values->size());
    for (std::size_t i = 0; i < values->size(); ++i) weighted[i] = mask.data[i] ? (*values)[i] : 0.0f;
    convolve_separable(weighted, mask.width, mask.height, k);
    for (std::size_t i = 0; i < values->size(); ++i) {
      if (mask.data[i] && weights[i] > 1e-6f) (*values)[i] = weighted[i] / weights[i];
    }
  }
}

void smooth_block_field(std::vector<float>& values, const ByteMap& mask, double sigma) {
  smooth_block_fields({&values}, mask, sigma);
}

BlockGradients block_gradients(const image::GrayImage& image, const BlockGrid& grid) {
  const int w = image.width, h = image.height;
  // Gradients of a slightly blurred copy: pores and sensor speckle would otherwise dominate.
  // Separable Gaussian with replicated borders, rows first into a padded buffer.
  const std::vector<float> k = gaussian_kernel(params::kOrientationPreBlurSigma);
  const int r = static_cast<int>(k.size() / 2);
  float ksum = 0;
  for (float v : k) ksum += v;
  std::vector<float> kn(k.size());
  for (std::size_t i = 0; i < k.size(); ++i) kn[i] = k[i] / ksum;
  const int pw = w + 2 * r;
  std::vector<float> row(pw), tmp(static_cast<std::size_t>(w) * (h + 2 * r)), blurred(static_cast<std::size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* in = &image.pixels[static_cast<std::size_t>(y) * w];
    for (int x = 0; x < pw; ++x) row[x] = in[std::clamp(x - r, 0, w - 1)];
    float* out = &tmp[static_cast<std::size_t>(y + r) * w];
    for (int x = 0; x < w; ++x) {
      float acc = 0;
      for (int i = 0; i <= 2 * r; ++i) acc += kn[i] * row[x + i];
      out[x] = acc;
    }
  }
  for (int y = 0; y < r; ++y) {
    std::copy_n(&tmp[static_cast<std::size_t>(r) * w], w, &tmp[static_cast<std::size_t>(y) * w]);
    std::copy_n(&tmp[static_cast<std::size_t>(h + r - 1) * w], w, &tmp[static_cast<std::size_t>(h + r + y) * w]);
  }
  for (int y = 0; y < h; ++y) {
    float* out = &blurred[static_cast<std::size_t>(y) * w];
    std::fill_n(out, w, 0.0f);
    for (int i = 0; i <= 2 * r; ++i) {
      const float* in = &tmp[static_cast<std::size_t>(y + i) * w];
      const float kv = kn[i];
      for (int x = 0; x < w; ++x) out[x] += kv * in[x];
    }
  }

  // Sums of gxx - gyy, 2 gxy and gxx + gyy over square cells whose side divides both the block
  // and the offset of the window from the block: every window is then a whole number of cells.
  const int half = params::kOrientationWindow / 2;
  const int offset = half - grid.size / 2;  // window starts this far before the block
  const int cell = std::gcd(std::gcd(grid.size, std::abs(offset)), params::kOrientationWindow);
  const int cells_x = (w + cell - 1) / cell, cells_y = (h + cell - 1) / cell;
  std::vector<float> cxx(static_cast<std::size_t>(cells_x) * cells_y, 0.0f), cxy(cxx.size(), 0.0f),
      cee(cxx.size(), 0.0f);
  std::vector<float> rxx(w), rxy(w), ree(w);
  const float* p = blurred.data();
  for (int y = 1; y < h - 1; ++y) {
    const float* up = p + static_cast<std::size_t>(y - 1) * w;
    const float* mid = up + w;
    const float* dn = mid + w;
    for (int x = 1; x < w - 1; ++x) {
      const float gx = (up[x + 1] + 2.0f * mid[x + 1] + dn[x + 1]) - (up[x - 1] + 2.0f * mid[x - 1] + dn[x - 1]);
      const float gy = (dn[x - 1] + 2.0f * dn[x] + dn[x + 1]) - (up[x - 1] + 2.0f * up[x] + up[x + 1]);
      rxx[x] = gx * gx - gy * gy;
      rxy[x] = 2 * gx * gy;
      ree[x] = gx * gx + gy * gy;
    }
    rxx[0] = rxy[0] = ree[0] = rxx[w - 1] = rxy[w - 1] = ree[w - 1] = 0;
    const std::size_t crow = static_cast<std::size_t>(y / cell) * cells_x;
    for (int x = 0; x < w; ++x) {
      cxx[crow + x / cell] += rxx[x];
      cxy[crow + x / cell] += rxy[x];
      cee[crow + x / cell] += ree[x];
    }
  }

  BlockGradients field;
  field.width = grid.blocks_x;
  field.height = grid.blocks_y;
  const std::size_t n = static_cast<std::size_t>(grid.blocks_x) * grid.blocks_y;
  std::vector<float>& gc = field.gc;  // doubled gradient angle vector scaled by coherence
  std::vector<float>& gs = field.gs;
  gc.assign(n, 0.0f);
  gs.assign(n, 0.0f);
  field.coherence.assign(n, 0.0f);
  const int span = params::kOrientationWindow / cell, per_block = grid.size / cell, shift = offset / cell;
  for (int by = 0; by < grid.blocks_y; ++by) {
    for (int bx = 0; bx < grid.blocks_x; ++bx) {
      double sxx = 0, sxy = 0, see = 0;
      const int cx0 = bx * per_block - shift, cy0 = by * per_block - shift;
      for (int cy = std::max(0, cy0); cy < std::min(cells_y, cy0 + span); ++cy)
        for (int cx = std::max(0, cx0); cx < std::min(cells_x, cx0 + span); ++cx) {
          const std::size_t c = static_cast<std::size_t>(cy) * cells_x + cx;
          sxx += cxx[c];
          sxy += cxy[c];
          see += cee[c];
        }
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
  smooth_block_fields({&fc, &fs}, block_mask, params::kOrientationFineSigma);
  smooth_block_fields({&cc, &cs}, block_mask, params::kOrientationCoarseSigma);
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
