#include "dactyl/template/template.h"

#include <cmath>
#include <numbers>

namespace abis::dactyl {

// ISO angles are counter-clockwise on screen; with y pointing down that is the negative of the
// mathematical angle atan2(dy, dx) computed on pixel coordinates.
double angle_to_radians(std::uint8_t angle) {
  double r = -static_cast<double>(angle) * (2.0 * std::numbers::pi / 256.0);
  if (r < 0) r += 2.0 * std::numbers::pi;
  return r;
}

std::uint8_t radians_to_angle(double radians) {
  const double units = -radians * (256.0 / (2.0 * std::numbers::pi));
  long rounded = std::lround(units) % 256;
  if (rounded < 0) rounded += 256;
  return static_cast<std::uint8_t>(rounded);
}

}  // namespace abis::dactyl
