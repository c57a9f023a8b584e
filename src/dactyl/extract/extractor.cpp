#include "dactyl/extract/extractor.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "dactyl/extract/binarization.h"
#include "dactyl/extract/enhancement.h"
#include "dactyl/extract/frequency.h"
#include "dactyl/extract/minutiae_detection.h"
#include "dactyl/extract/minutiae_filter.h"
#include "dactyl/extract/orientation.h"
#include "dactyl/extract/quality.h"
#include "dactyl/extract/segmentation.h"
#include "dactyl/extract/thinning.h"
#include "dactyl/extract/valley_minutiae.h"
#include "dactyl/parameters.h"
#include "image/resample.h"

namespace abis::dactyl {
namespace {

using extract::BlockGrid;
using extract::ByteMap;

image::GrayImage blank_like(const image::GrayImage& img, std::uint8_t value) {
  image::GrayImage out;
  out.width = img.width;
  out.height = img.height;
  out.ppi = img.ppi;
  out.pixels.assign(img.pixels.size(), value);
  return out;
}

// Pictures of the intermediate stages for an observer.
image::GrayImage draw_block_values(const image::GrayImage& like, const BlockGrid& grid,
                                   const std::vector<float>& values, double lo, double hi) {
  image::GrayImage out = blank_like(like, 0);
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const double v = values[(y / grid.size) * grid.blocks_x + x / grid.size];
      out.at(x, y) = static_cast<std::uint8_t>(std::clamp((v - lo) / (hi - lo), 0.0, 1.0) * 255);
    }
  return out;
}

image::GrayImage draw_orientation(const image::GrayImage& input, const BlockGrid& grid,
                                  const ByteMap& mask, const extract::OrientationField& field) {
  image::GrayImage out = input;
  for (std::uint8_t& p : out.pixels) p = static_cast<std::uint8_t>(128 + p / 2);
  for (int by = 0; by < grid.blocks_y; by += 2)
    for (int bx = 0; bx < grid.blocks_x; bx += 2) {
      if (!mask.at(bx, by)) continue;
      const double a = field.angle(bx, by);
      const double cx = (bx + 0.5) * grid.size, cy = (by + 0.5) * grid.size;
      for (int t = -6; t <= 6; ++t) {
        const int x = static_cast<int>(std::lround(cx + t * std::cos(a)));
        const int y = static_cast<int>(std::lround(cy + t * std::sin(a)));
        if (x >= 0 && y >= 0 && x < out.width && y < out.height) out.at(x, y) = 0;
      }
    }
  return out;
}

image::GrayImage draw_binary(const image::GrayImage& like, const ByteMap& map) {
  image::GrayImage out = blank_like(like, 255);
  for (std::size_t i = 0; i < map.data.size(); ++i)
    if (map.data[i]) out.pixels[i] = 0;
  return out;
}

image::GrayImage draw_minutiae(const image::GrayImage& like, const ByteMap& skeleton,
                               const std::vector<extract::RawMinutia>& ms, bool only_kept) {
  image::GrayImage out = draw_binary(like, skeleton);
  for (std::uint8_t& p : out.pixels) p = p ? 255 : 160;
  for (const auto& m : ms) {
    if (only_kept && m.removed) continue;
    const std::uint8_t ink = m.removed ? 200 : 0;
    for (int dy = -3; dy <= 3; ++dy)
      for (int dx = -3; dx <= 3; ++dx) {
        const int x = m.x + dx, y = m.y + dy;
        if ((std::abs(dx) == 3 || std::abs(dy) == 3) && x >= 0 && y >= 0 && x < out.width && y < out.height)
          out.at(x, y) = ink;
      }
    for (int t = 3; t <= 12; ++t) {
      const int x = static_cast<int>(std::lround(m.x + t * std::cos(m.angle)));
      const int y = static_cast<int>(std::lround(m.y + t * std::sin(m.angle)));
      if (x >= 0 && y >= 0 && x < out.width && y < out.height) out.at(x, y) = ink;
    }
  }
  return out;
}

}  // namespace

Result<Template> extract_template(const image::GrayImage& original, const ExtractOptions& options) {
  if (original.empty()) return invalid_argument("the image is empty (0 pixels)");
  if (original.pixels.size() != static_cast<std::size_t>(original.width) * original.height) {
    return invalid_argument("the image pixel buffer does not match its size");
  }
  image::GrayImage source = original;
  if (!(source.ppi > 0)) {
    if (!(options.fallback_ppi > 0)) {
      return invalid_argument("the image resolution is unknown: give it (e.g. --dpi 500)");
    }
    source.ppi = options.fallback_ppi;
  }
  if (source.ppi < 250 || source.ppi > 2000) {
    return invalid_argument("resolution " + std::to_string(static_cast<int>(source.ppi)) +
                            " ppi is outside the supported 250..2000 ppi");
  }
  ABIS_ASSIGN_OR_RETURN(image::GrayImage img, image::resample_to_ppi(source, params::kWorkingPpi));
  if (img.width < params::kMinSide || img.height < params::kMinSide) {
    return unprocessable("the print is too small: " + std::to_string(img.width) + "x" +
                         std::to_string(img.height) + " pixels at 500 ppi, need at least " +
                         std::to_string(params::kMinSide) + " on each side");
  }
  if (img.width > params::kMaxSide || img.height > params::kMaxSide) {
    return unprocessable("the image is " + std::to_string(img.width) + "x" + std::to_string(img.height) +
                         " pixels at 500 ppi, larger than one finger (" +
                         std::to_string(params::kMaxSide) + "): cut the card into fingers first");
  }
  ExtractionObserver* obs = options.observer;
  if (obs) obs->on_stage("input", img);

  const BlockGrid grid = BlockGrid::for_image(img.width, img.height, params::kBlockSize);
  // The gradients' coherence in each block's own window feeds segmentation (noise has contrast
  // but no common direction).
  const extract::BlockGradients gradients = extract::block_gradients(img, grid);
  extract::Segmentation seg = extract::segment(img, grid, gradients.coherence);
  int foreground = 0;
  for (std::uint8_t b : seg.block_mask.data) foreground += b;
  foreground *= grid.size * grid.size;
  if (obs) {
    std::vector<float> m(seg.block_mask.data.begin(), seg.block_mask.data.end());
    obs->on_stage("mask", draw_block_values(img, grid, m, 0, 1));
  }
  if (foreground < params::kMinForegroundPixels) {
    return unprocessable("no fingerprint found: " + std::to_string(foreground) +
                         " pixels of ridge area, need at least " +
                         std::to_string(params::kMinForegroundPixels) + " (blank or unusable image)");
  }
  // Orientation again on the final mask, so that background does not bleed into the smoothing.
  extract::OrientationField orientation = extract::smooth_orientation(gradients, seg.block_mask);
  if (obs) obs->on_stage("orientation", draw_orientation(img, grid, seg.block_mask, orientation));
  const extract::PeriodField period = extract::estimate_period(img, grid, seg.block_mask, orientation);
  if (obs) {
    obs->on_stage("period", draw_block_values(img, grid, period.period, params::kMinRidgePeriod,
                                              params::kMaxRidgePeriod));
  }
  extract::FloatImage enhanced = extract::enhance(img, grid, seg.block_mask, seg.block_std, orientation, period);
  // Second round: the orientation read from the enhanced ridges is far less disturbed by pores,
  // blotches and scars than the one read from the raw image; filter the raw image again with it.
  for (int round = 1; round < params::kEnhanceRounds; ++round) {
    image::GrayImage clean = blank_like(img, 128);
    for (std::size_t i = 0; i < clean.pixels.size(); ++i)
      clean.pixels[i] = static_cast<std::uint8_t>(std::clamp(128.0f - 60.0f * enhanced.data[i], 0.0f, 255.0f));
    const extract::OrientationField refined = extract::estimate_orientation(clean, grid, seg.block_mask);
    orientation.cos2 = refined.cos2;
    orientation.sin2 = refined.sin2;
    enhanced = extract::enhance(img, grid, seg.block_mask, seg.block_std, orientation, period);
  }
  if (obs) {
    image::GrayImage e = blank_like(img, 128);
    for (std::size_t i = 0; i < e.pixels.size(); ++i)
      e.pixels[i] = static_cast<std::uint8_t>(std::clamp(128.0f - 40.0f * enhanced.data[i], 0.0f, 255.0f));
    obs->on_stage("enhanced", e);
  }
  const ByteMap binary = extract::binarize(enhanced, seg.block_mask, grid.size);
  if (obs) obs->on_stage("binary", draw_binary(img, binary));
  const ByteMap skeleton = extract::thin(binary);
  if (obs) obs->on_stage("skeleton", draw_binary(img, skeleton));
  extract::SkeletonMinutiae found = extract::detect_minutiae(skeleton, orientation, grid);
  if (obs) obs->on_stage("minutiae-raw", draw_minutiae(img, skeleton, found.minutiae, false));
  extract::filter_minutiae(found, skeleton, seg.block_mask, grid);
  if (params::kValleyMinutiae) {
    for (const extract::RawMinutia& m :
         extract::valley_minutiae(binary, seg.block_mask, orientation, grid, found.minutiae)) {
      found.minutiae.push_back(m);
    }
  }
  if (obs) {
    obs->on_stage("minutiae", draw_minutiae(img, skeleton, found.minutiae, true));
    obs->on_candidates(found.minutiae, seg.block_mask, grid);
  }

  Template tpl;
  tpl.width = static_cast<std::uint16_t>(img.width);
  tpl.height = static_cast<std::uint16_t>(img.height);
  tpl.quality = static_cast<std::uint8_t>(extract::image_quality(seg.block_mask, orientation, grid.size));
  std::vector<std::pair<double, Minutia>> kept;
  for (const extract::RawMinutia& m : found.minutiae) {
    if (m.removed) continue;
    const double border = extract::distance_to_background(seg.block_mask, grid, m.x + 0.5, m.y + 0.5,
                                                          4 * params::kBorderMargin);
    const double q = extract::minutia_quality(orientation, grid, m.x, m.y, border);
    Minutia out;
    out.x = static_cast<std::uint16_t>(m.x);
    out.y = static_cast<std::uint16_t>(m.y);
    // The stages trace directions away from the ridge (ending) or into the stem (bifurcation);
    // ISO/IEC 19794-2 and the template point the other way.
    out.angle = radians_to_angle(m.angle + std::numbers::pi);
    out.type = m.type;
    out.quality = static_cast<std::uint8_t>(std::clamp(static_cast<int>(std::lround(q * 100)), 1, 100));
    kept.emplace_back(q, out);
  }
  if (static_cast<int>(kept.size()) < params::kMinMinutiae) {
    return unprocessable("no usable fingerprint: only " + std::to_string(kept.size()) +
                         " reliable minutiae found, need at least " + std::to_string(params::kMinMinutiae));
  }
  // Best first; ties broken by position so that the order is deterministic.
  std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (static_cast<int>(kept.size()) > params::kMaxMinutiae) kept.resize(params::kMaxMinutiae);
  for (const auto& [q, m] : kept) tpl.minutiae.push_back(m);
  return tpl;
}

}  // namespace abis::dactyl
