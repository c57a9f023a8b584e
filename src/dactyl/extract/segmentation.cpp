#include "dactyl/extract/segmentation.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <vector>

#include "dactyl/extract/orientation.h"
#include "dactyl/parameters.h"

namespace abis::dactyl::extract {
namespace {

ByteMap dilate(const ByteMap& in) {
  ByteMap out(in.width, in.height);
  for (int y = 0; y < in.height; ++y) {
    for (int x = 0; x < in.width; ++x) {
      std::uint8_t v = 0;
      for (int dy = -1; dy <= 1 && !v; ++dy)
        for (int dx = -1; dx <= 1 && !v; ++dx)
          if (in.inside(x + dx, y + dy) && in.at(x + dx, y + dy)) v = 1;
      out.at(x, y) = v;
    }
  }
  return out;
}

ByteMap erode(const ByteMap& in) {
  ByteMap out(in.width, in.height);
  for (int y = 0; y < in.height; ++y) {
    for (int x = 0; x < in.width; ++x) {
      std::uint8_t v = in.at(x, y);
      for (int dy = -1; dy <= 1 && v; ++dy)
        for (int dx = -1; dx <= 1 && v; ++dx)
          if (in.inside(x + dx, y + dy) && !in.at(x + dx, y + dy)) v = 0;
      out.at(x, y) = v;
    }
  }
  return out;
}

// Closing then opening, small regions dropped, enclosed holes filled.
void clean_mask(ByteMap& mask) {
  mask = erode(dilate(mask));
  mask = dilate(erode(mask));
  std::vector<int> labels, sizes;
  std::vector<bool> edge;
  const int regions = label_regions(mask, 1, labels, sizes, edge);
  if (regions > 0) {
    const int largest = *std::max_element(sizes.begin(), sizes.end());
    for (std::size_t i = 0; i < mask.data.size(); ++i) {
      if (labels[i] >= 0 && sizes[labels[i]] < params::kSegmentationMinRegionShare * largest) {
        mask.data[i] = 0;
      }
    }
  }
  label_regions(mask, 0, labels, sizes, edge);
  for (std::size_t i = 0; i < mask.data.size(); ++i) {
    if (labels[i] >= 0 && !edge[labels[i]]) mask.data[i] = 1;
  }
}

}  // namespace

Segmentation segment(const image::GrayImage& image, const BlockGrid& grid,
                     const std::vector<float>& raw_coherence) {
  const int w = image.width, h = image.height;
  // Sums of gray level and its square over square cells whose side divides both the block and the
  // offset of the window from the block: every window is then a whole number of cells.
  const int half = params::kSegmentationWindow / 2;
  const int offset = half - grid.size / 2;
  const int cell = std::gcd(std::gcd(grid.size, std::abs(offset)), params::kSegmentationWindow);
  const int cells_x = (w + cell - 1) / cell, cells_y = (h + cell - 1) / cell;
  std::vector<double> csum(static_cast<std::size_t>(cells_x) * cells_y, 0.0), csq(csum.size(), 0.0);
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* row = &image.pixels[static_cast<std::size_t>(y) * w];
    const std::size_t crow = static_cast<std::size_t>(y / cell) * cells_x;
    for (int cx = 0; cx < cells_x; ++cx) {
      std::uint32_t s = 0, q = 0;
      for (int x = cx * cell; x < std::min(w, cx * cell + cell); ++x) {
        s += row[x];
        q += static_cast<std::uint32_t>(row[x]) * row[x];
      }
      csum[crow + cx] += s;
      csq[crow + cx] += q;
    }
  }

  Segmentation seg;
  seg.block_mask = ByteMap(grid.blocks_x, grid.blocks_y);
  seg.block_std.assign(seg.block_mask.data.size(), 0.0f);
  seg.block_mean.assign(seg.block_mask.data.size(), 0.0f);
  const int span = params::kSegmentationWindow / cell, per_block = grid.size / cell, shift = offset / cell;
  for (int by = 0; by < grid.blocks_y; ++by) {
    for (int bx = 0; bx < grid.blocks_x; ++bx) {
      const int cx = bx * grid.size + grid.size / 2, cy = by * grid.size + grid.size / 2;
      const int x0 = std::max(0, cx - half), x1 = std::min(w, cx + half);
      const int y0 = std::max(0, cy - half), y1 = std::min(h, cy + half);
      const double n = static_cast<double>(x1 - x0) * (y1 - y0);
      double total = 0, total_sq = 0;
      const int gx0 = bx * per_block - shift, gy0 = by * per_block - shift;
      for (int gy = std::max(0, gy0); gy < std::min(cells_y, gy0 + span); ++gy)
        for (int gx = std::max(0, gx0); gx < std::min(cells_x, gx0 + span); ++gx) {
          total += csum[static_cast<std::size_t>(gy) * cells_x + gx];
          total_sq += csq[static_cast<std::size_t>(gy) * cells_x + gx];
        }
      const double mean = total / n;
      const double var = std::max(0.0, total_sq / n - mean * mean);
      seg.block_std[by * grid.blocks_x + bx] = static_cast<float>(std::sqrt(var));
      seg.block_mean[by * grid.blocks_x + bx] = static_cast<float>(mean);
    }
  }
  std::vector<float> sorted = seg.block_std;
  const std::size_t p90 = sorted.size() * 9 / 10;
  std::nth_element(sorted.begin(), sorted.begin() + p90, sorted.end());
  const double threshold =
      std::max(params::kSegmentationAbsolute, params::kSegmentationRelative * sorted[p90]);
  // Both features smoothed over neighbouring blocks so that the mask has no ragged holes.
  std::vector<float> contrast = seg.block_std, coherence = raw_coherence;
  const ByteMap all(grid.blocks_x, grid.blocks_y, 1);
  smooth_block_fields({&contrast, &coherence}, all, params::kSegmentationSmoothSigma);
  for (std::size_t i = 0; i < seg.block_std.size(); ++i) {
    seg.block_mask.data[i] =
        contrast[i] > threshold && coherence[i] > params::kSegmentationMinCoherence ? 1 : 0;
  }
  clean_mask(seg.block_mask);
  return seg;
}

std::vector<float> border_distance(const ByteMap& block_mask, int block_size) {
  // Breadth-first distance in blocks (8-connected, chamfer-like) from background or the edge.
  const int w = block_mask.width, h = block_mask.height;
  std::vector<float> dist(block_mask.data.size(), 1e9f);
  std::queue<int> queue;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const int i = y * w + x;
      if (!block_mask.data[i]) {
        dist[i] = 0;
        queue.push(i);
      } else if (x == 0 || y == 0 || x == w - 1 || y == h - 1) {
        dist[i] = 0.5f;  // the image edge runs through the outer half of the block
        queue.push(i);
      }
    }
  }
  while (!queue.empty()) {
    const int i = queue.front();
    queue.pop();
    const int x = i % w, y = i / w;
    for (int dy = -1; dy <= 1; ++dy) {
      for (int dx = -1; dx <= 1; ++dx) {
        const int nx = x + dx, ny = y + dy;
        if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const float step = (dx != 0 && dy != 0) ? 1.414f : 1.0f;
        const int n = ny * w + nx;
        if (dist[i] + step < dist[n]) {
          dist[n] = dist[i] + step;
          queue.push(n);
        }
      }
    }
  }
  // A background block's centre is half a block away from its edge.
  for (float& d : dist) d = std::max(0.0f, (d - 0.5f)) * block_size;
  return dist;
}

}  // namespace abis::dactyl::extract
