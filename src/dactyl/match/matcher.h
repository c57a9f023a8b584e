// The 1:1 matcher: how similar two fingerprints are, invariant to rotation and translation and
// tolerant of skin distortion and partial overlap.
//
// Two steps (after Cappelli, Ferrara and Maltoni, "Minutia Cylinder-Code", IEEE TPAMI 2010):
// local - every pair of minutiae is compared through their cylinders (bit-packed descriptors of
// the minutiae around each one, in its own frame); global - the most similar pairs are relaxed
// against each other (LSS-R: a pair gains support from pairs whose distances and angles agree
// with it and loses it otherwise), giving the LSS-R evidence; then the relaxed pairs that agree
// with the most others seed global alignments (the best refined by a least-squares refit), under
// which every minutia is paired with a tolerance growing away from the alignment centre, each pair
// weighing less the farther apart its minutiae lie. The score is the weighted share of paired
// minutiae among those in the common area of both prints, scaled by the LSS-R evidence.
// Distortion is tolerated because the relaxation checks pairs of pairs locally and the global
// pairing's tolerance grows with distance.
// Cost: 13-18 us per comparison of prepared FVC templates of 39-49 minutiae (BM_Compare; one
// allocation, for the result's pairs, once a thread is warm; AVX2 where the build allows it).
// Symmetric: compare(a, b) == compare(b, a) exactly (the pair is put in a canonical order). Thread-safe (pure functions).
#pragma once

#include <utility>
#include <vector>

#include "dactyl/match/prepared_template.h"

namespace abis::dactyl {

struct MatchDetails {
  double similarity = 0;  // 0..1, uncalibrated
  double score = 0;       // calibrated, see calibration.h
  // Corresponding minutiae (index in a, index in b) that made the score.
  std::vector<std::pair<int, int>> pairs;
};

// Calibrated score (see calibration.h); the usual entry point.
double compare(const PreparedTemplate& a, const PreparedTemplate& b);

// The raw similarity and the pairs behind it.
MatchDetails compare_details(const PreparedTemplate& a, const PreparedTemplate& b);

}  // namespace abis::dactyl
