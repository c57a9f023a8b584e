// Large galleries with known mates, made from real templates, to measure search speed and accuracy
// at 100,000 and 1,000,000 fingers when only a few hundred real prints are at hand.
//
// A synthetic finger ("identity") takes the shape and the ridge flow of a real seed template: its
// minutiae are placed near the seed's minutiae (so the print covers a realistic area with a
// realistic density) at new random positions, and point along the seed's local ridge orientation
// (interpolated from the nearest seed minutiae) in a random one of the two senses, so no two
// identities share local minutiae structures even when they share a seed. An impression of an
// identity is what a sensor would give on one pressing: a rotation (up to +-25 degrees) and a
// translation, a smooth non-linear distortion (a random stretch and a local displacement bump, as
// skin under uneven pressure), positional and directional noise, missing minutiae (15 %), spurious
// ones (10 %) and, for probes one time in two, a partial print (the finger beyond a random line
// 40-120 pixels from its centre cut off). Gallery impressions are whole: enrolment retakes a print
// that misses part of the finger, a search probe (a mark, a hurried flat) cannot be retaken.
// Deterministic for a given seed; pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dactyl/search/gallery.h"
#include "dactyl/search/searcher.h"
#include "dactyl/template/template.h"

namespace abis::dactyl::search {

struct SyntheticOptions {
  std::size_t fingers = 100000;  // gallery size; persons hold 10 fingers (positions 1..10)
  std::size_t probes = 100;      // probes, each another impression of one gallery finger
  std::uint64_t seed = 1;
  int threads = 0;
};

struct SyntheticSet {
  std::vector<FingerRecord> gallery;
  std::vector<Template> probes;
  std::vector<std::string> mate_person;  // per probe: the person whose finger it is
  std::vector<int> mate_position;        // and which finger
};

std::string synthetic_person_id(std::size_t person);

// `seeds`: real templates (at least one, each with 4 or more minutiae).
SyntheticSet generate_synthetic(const std::vector<Template>& seeds, const SyntheticOptions& options);

}  // namespace abis::dactyl::search
