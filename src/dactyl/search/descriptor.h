// The fast-stage descriptor: a fixed-length bit string per finger, compared with AND + POPCNT, so
// that the first stage of a search touches kDescriptorBits / 8 bytes per gallery finger and spends
// a few nanoseconds on it.
//
// What the bits say: every pair of minutiae i, j at a distance d (kPairMinDistance..
// kPairMaxDistance) is described by (d, direction of i measured from the segment i->j, direction
// of j measured from the direction of i). These three numbers do not change when the print is
// rotated or moved, and change little under skin distortion because the pair is local (pairwise
// "minutia geometry" as in the indexing schemes of Germain et al. and of Bhanu and Tan). Each
// quantised triple is one cell, folded onto the kDescriptorBits bits by a multiplicative hash; the
// descriptor is the set of cells present. Both orders of a pair are entered, so the descriptor does
// not depend on the minutiae order.
//
// The similarity of a gallery finger G to a probe P is |G & P| / |G|^kGalleryCountExponent: the
// pairs they share, discounted for gallery prints with very many pairs (which share many by chance).
// Pure functions, thread-safe.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "dactyl/search/search_params.h"
#include "dactyl/template/template.h"

namespace abis::dactyl::search {

using DescriptorWords = std::array<std::uint64_t, params::kDescriptorWords>;

struct Descriptor {
  DescriptorWords bits{};
  std::uint32_t count = 0;  // bits set
};

// Version of the descriptor definition, written in gallery files: a file whose descriptors were
// computed by another definition has them recomputed on load.
constexpr std::uint16_t kDescriptorVersion = 2;

// The same definition serves gallery and probe (the matching is symmetric).
Descriptor make_descriptor(const Template& tpl);

// One ordered pair of minutiae: its descriptor bit and the direction of the segment i->j (image
// radians). The pose check (searcher.cpp) votes on how far the shared pairs' segments turned.
struct PairCell {
  std::uint16_t bit;
  float theta;
};
std::vector<PairCell> pair_cells(const Template& tpl);

// |a & b| over kDescriptorWords words.
inline std::uint32_t descriptor_overlap(const std::uint64_t* a, const std::uint64_t* b) {
  std::uint32_t n = 0;
  for (int w = 0; w < params::kDescriptorWords; ++w) n += static_cast<std::uint32_t>(std::popcount(a[w] & b[w]));
  return n;
}

// The weight 1 / count^kGalleryCountExponent of a gallery descriptor of `count` bits, tabulated:
// the scan looks it up instead of calling pow(). (Tried instead: a z-score against the chance
// overlap measured on a sample of the gallery; it ranked mates lower on synthetic galleries.)
extern const std::array<float, params::kDescriptorBits + 1> kGalleryWeights;
inline float gallery_weight(std::uint32_t count) {
  return kGalleryWeights[count < params::kDescriptorBits ? count : params::kDescriptorBits];
}

inline float descriptor_similarity(std::uint32_t overlap, std::uint32_t gallery_count) {
  return static_cast<float>(overlap) * gallery_weight(gallery_count);
}

}  // namespace abis::dactyl::search
