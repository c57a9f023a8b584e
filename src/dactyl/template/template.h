// Template: the engine's native description of one fingerprint, the output of extraction and
// the input of matching. A plain value; safe to share read-only between threads.
//
// Coordinates are pixels at 500 ppi (the engine's working resolution) with the origin at the top
// left and y growing downwards. Directions follow ISO/IEC 19794-2 and ANSI INCITS 378 (checked
// against the MINEX-certified FingerJetFX templates shipped with the MINEX samples): counter-
// clockwise on the image from the axis pointing right, in units of 360/256 degrees; a ridge ending
// points back along its ridge, a bifurcation points away from its stem, between its two branches
// (along the valley that ends in the fork). So an ending that becomes a bifurcation under another
// pressure keeps its direction.
#pragma once

#include <cstdint>
#include <vector>

namespace abis::dactyl {

enum class MinutiaType : std::uint8_t { kEnding = 0, kBifurcation = 1, kOther = 2 };

struct Minutia {
  std::uint16_t x = 0;
  std::uint16_t y = 0;
  std::uint8_t angle = 0;  // 256 units per turn
  MinutiaType type = MinutiaType::kOther;
  std::uint8_t quality = 0;  // 1..100, 0 = unknown

  bool operator==(const Minutia&) const = default;
};

struct Template {
  // Size of the print at 500 ppi, bounding the minutiae coordinates.
  std::uint16_t width = 0;
  std::uint16_t height = 0;
  // Image quality 0..100 (see extract/quality.h); 0 when unknown (e.g. imported templates).
  std::uint8_t quality = 0;
  std::vector<Minutia> minutiae;

  bool operator==(const Template&) const = default;
};

// Radians, in image coordinates (y down, clockwise on screen), of a template angle, and back.
double angle_to_radians(std::uint8_t angle);
std::uint8_t radians_to_angle(double radians);

}  // namespace abis::dactyl
