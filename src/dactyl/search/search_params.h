// Every tunable of 1:N search, in one place, each with what it trades. One configuration for every
// sensor and gallery size: nothing here may be chosen per database. Plain constants, thread-safe.
#pragma once

#include <cstddef>

namespace abis::dactyl::search::params {

// ---- Fast-stage descriptor (see descriptor.h) -------------------------------------------------
// The descriptor is a set of bits, one per cell of (distance, direction of the first minutia
// relative to the segment, direction of the second relative to the first) that some pair of nearby
// minutiae falls into. More bits are more distinctive (fewer cells share a bit) and cost memory and
// scan time (kDescriptorBits / 8 bytes per finger resident; one 64-bit AND + POPCNT per word and
// finger). 1024 bits lost 8 points of "mate in the first 10" on FVC2002 against 2048.
constexpr int kDescriptorBits = 2048;
constexpr int kDescriptorWords = kDescriptorBits / 64;
// Pairs of minutiae closer than kPairMinDistance are often one feature seen twice (noise), and
// pairs farther than kPairMaxDistance suffer too much from skin distortion and partial overlap.
constexpr double kPairMinDistance = 10.0;
constexpr double kPairMaxDistance = 138.0;
// Quantisation: distance bins of kDistanceStep pixels, kAngleBins direction bins per turn. Finer
// cells are more distinctive but a distorted pair leaves its cell more often; widening the probe's
// cells to their neighbours (tried) lost more by saturating the probe than it gained.
constexpr double kDistanceStep = 8.0;
constexpr int kAngleBins = 16;
// Similarity = |G & P| / |G|^kGalleryCountExponent: 1 would favour gallery prints with few pairs
// (partial prints), 0.5 (the cosine) those with many; 0.8 ranked mates best on FVC2002.
constexpr double kGalleryCountExponent = 0.8;

// ---- Search ------------------------------------------------------------------------------------
// Gallery fingers per probe finger kept by the fast stage and re-ranked by the full matcher.
// Longer finds more true mates ranked low by the descriptor, at about one 1:1 comparison (with
// template preparation, ~0.9 ms) per entry and probe finger.
constexpr int kDefaultShortlist = 200;
// The descriptor scan keeps this many times the short list for the pose check (searcher.h), which
// costs ~30 us a finger (unpacking and pairing its minutiae) against ~1.3 ms for re-ranking.
constexpr int kPoseCandidatesFactor = 5;
// Rotation bins of the pose check's vote (11.25 degrees each; the best two adjacent bins count).
constexpr int kPoseBins = 32;
constexpr int kDefaultTop = 10;

// ---- Gallery ------------------------------------------------------------------------------------
// Fingers per segment built by bulk loading, and per segment filled by single inserts. An insert
// copies the open (small) segment it lands in, so small insert segments keep writers fast.
constexpr std::size_t kBulkSegmentFingers = 65536;
constexpr std::size_t kInsertSegmentFingers = 1024;

}  // namespace abis::dactyl::search::params
