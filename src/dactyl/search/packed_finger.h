// The resident form of a gallery finger's minutiae: 32 bits each (x 11 bits, y 11 bits, direction
// 8 bits, type 2 bits) instead of the Template's 8 bytes, so that a finger with the extractor's
// maximum of 96 minutiae still fits the gallery's memory budget. Minutia quality is not kept (the
// matcher does not use it). Coordinates above 2047 pixels (4 inches at 500 ppi) cannot be packed.
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "dactyl/template/template.h"

namespace abis::dactyl::search {

constexpr int kPackedMaxCoordinate = 2047;
// A finger keeps at most this many minutiae (the extractor keeps 96; imported templates with more
// are refused rather than silently cut).
constexpr std::size_t kPackedMaxMinutiae = 255;

inline std::uint32_t pack_minutia(const Minutia& m) {
  return std::uint32_t{m.x} | (std::uint32_t{m.y} << 11) | (std::uint32_t{m.angle} << 22) |
         (static_cast<std::uint32_t>(m.type) << 30);
}

inline Minutia unpack_minutia(std::uint32_t v) {
  Minutia m;
  m.x = static_cast<std::uint16_t>(v & 0x7ff);
  m.y = static_cast<std::uint16_t>((v >> 11) & 0x7ff);
  m.angle = static_cast<std::uint8_t>((v >> 22) & 0xff);
  const std::uint32_t t = v >> 30;
  m.type = t == 0 ? MinutiaType::kEnding : t == 1 ? MinutiaType::kBifurcation : MinutiaType::kOther;
  return m;
}

// kInvalidArgument naming the minutia when a coordinate or the count cannot be packed.
Status check_packable(const Template& tpl);

// The template as the gallery holds it: quality dropped, everything else kept.
Template packed_form(const Template& tpl);

}  // namespace abis::dactyl::search
