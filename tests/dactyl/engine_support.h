// Shared by the engine tests: loading the shared test images and templates.
#pragma once

#include <cmath>
#include <string>

#include "core/file_io.h"
#include "dactyl/extract/extractor.h"
#include "dactyl/match/matcher.h"
#include "image/codecs.h"
#include "support/test_support.h"

namespace abis::dactyl::testing {

inline image::GrayImage load_image(const std::string& relative, double ppi = 0) {
  auto bytes = core::read_file(abis::testing::test_data_dir() / "fingerprints" / relative);
  if (!bytes.is_ok()) return {};
  auto img = image::decode_image(*bytes);
  if (!img.is_ok()) return {};
  if (ppi > 0) img->ppi = ppi;
  return *img;
}

inline Template extract_or_empty(const image::GrayImage& img) {
  auto tpl = extract_template(img);
  return tpl.is_ok() ? *tpl : Template{};
}

inline Template fvc(int db, const std::string& name) {
  return extract_or_empty(load_image("fvc2002-db" + std::to_string(db) + "_b/" + name + ".tif", db == 2 ? 569 : 500));
}

// The image rotated by `degrees` about its centre onto a canvas that holds all of it, then shifted
// by (dx, dy); uncovered pixels are white.
inline image::GrayImage rotate_and_shift(const image::GrayImage& in, double degrees, int dx, int dy) {
  const double a = degrees * 3.14159265358979 / 180, c = std::cos(a), s = std::sin(a);
  image::GrayImage out;
  out.width = static_cast<int>(std::ceil(std::abs(in.width * c) + std::abs(in.height * s))) + std::abs(dx);
  out.height = static_cast<int>(std::ceil(std::abs(in.width * s) + std::abs(in.height * c))) + std::abs(dy);
  out.ppi = in.ppi;
  out.pixels.assign(static_cast<std::size_t>(out.width) * out.height, 255);
  const double icx = in.width / 2.0, icy = in.height / 2.0, ocx = out.width / 2.0 + dx / 2.0, ocy = out.height / 2.0 + dy / 2.0;
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) {
      const double u = x - ocx, v = y - ocy;
      const double sx = c * u + s * v + icx, sy = -s * u + c * v + icy;
      const int x0 = static_cast<int>(std::floor(sx)), y0 = static_cast<int>(std::floor(sy));
      if (x0 < 0 || y0 < 0 || x0 + 1 >= in.width || y0 + 1 >= in.height) continue;
      const double fx = sx - x0, fy = sy - y0;
      const double v00 = in.at(x0, y0), v10 = in.at(x0 + 1, y0), v01 = in.at(x0, y0 + 1), v11 = in.at(x0 + 1, y0 + 1);
      out.at(x, y) = static_cast<std::uint8_t>(std::lround((1 - fy) * ((1 - fx) * v00 + fx * v10) + fy * ((1 - fx) * v01 + fx * v11)));
    }
  return out;
}

}  // namespace abis::dactyl::testing
