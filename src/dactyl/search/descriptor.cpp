#include "dactyl/search/descriptor.h"

#include <array>
#include <cmath>
#include <numbers>

namespace abis::dactyl::search {
namespace {

constexpr int kDistanceBins =
    static_cast<int>((params::kPairMaxDistance - params::kPairMinDistance) / params::kDistanceStep + 0.999);
constexpr int kCells = kDistanceBins * params::kAngleBins * params::kAngleBins;
constexpr double kTurn = 2 * std::numbers::pi;
constexpr double kMin2 = params::kPairMinDistance * params::kPairMinDistance;
constexpr double kMax2 = params::kPairMaxDistance * params::kPairMaxDistance;

// The bit of a cell: the cell itself when every cell has its own bit, otherwise a multiplicative
// (Fibonacci) hash folding the cells onto the bits.
inline int cell_bit(int d, int a1, int a2) {
  const unsigned cell = static_cast<unsigned>((d * params::kAngleBins + a1) * params::kAngleBins + a2);
  if constexpr (kCells <= params::kDescriptorBits) {
    return static_cast<int>(cell);
  } else {
    return static_cast<int>(((cell * 2654435761u) >> 7) % params::kDescriptorBits);
  }
}

// Angle in [0, 2 pi) to one of kAngleBins bins.
inline int angle_bin(double a) {
  a = std::fmod(a, kTurn);
  if (a < 0) a += kTurn;
  return static_cast<int>(a / kTurn * params::kAngleBins) % params::kAngleBins;
}

}  // namespace

std::vector<PairCell> pair_cells(const Template& tpl) {
  std::vector<PairCell> out;
  const auto& m = tpl.minutiae;
  std::vector<double> angle(m.size());
  for (std::size_t i = 0; i < m.size(); ++i) angle[i] = angle_to_radians(m[i].angle);
  for (std::size_t i = 0; i < m.size(); ++i) {
    for (std::size_t j = 0; j < m.size(); ++j) {
      if (i == j) continue;
      const double dx = double(m[j].x) - m[i].x, dy = double(m[j].y) - m[i].y;
      const double d2 = dx * dx + dy * dy;
      if (d2 < kMin2 || d2 >= kMax2) continue;
      const double d = std::sqrt(d2);
      const int dbin = std::min(static_cast<int>((d - params::kPairMinDistance) / params::kDistanceStep), kDistanceBins - 1);
      const double theta = std::atan2(dy, dx);
      const int bit = cell_bit(dbin, angle_bin(angle[i] - theta), angle_bin(angle[j] - angle[i]));
      out.push_back({static_cast<std::uint16_t>(bit), static_cast<float>(theta)});
    }
  }
  return out;
}

Descriptor make_descriptor(const Template& tpl) {
  Descriptor out;
  for (const PairCell& c : pair_cells(tpl)) out.bits[c.bit >> 6] |= std::uint64_t{1} << (c.bit & 63);
  for (auto w : out.bits) out.count += static_cast<std::uint32_t>(std::popcount(w));
  return out;
}

const std::array<float, params::kDescriptorBits + 1> kGalleryWeights = [] {
  std::array<float, params::kDescriptorBits + 1> t{};
  for (int c = 1; c <= params::kDescriptorBits; ++c)
    t[c] = static_cast<float>(1.0 / std::pow(static_cast<double>(c), params::kGalleryCountExponent));
  return t;
}();

}  // namespace abis::dactyl::search
