// Calibration: what a matcher score means. The score is 10 * -log10(FMR), the false match rate
// being the share of comparisons of different fingers that reach the score; so 40 means that one
// impostor comparison in 10,000 scores that high. The mapping from raw similarity was measured on
// impostor comparisons (see calibration.cpp and docs/BENCHMARKS.md, "Calibration") and is
// monotone; above 40 (FMR 1e-4, the resolution of the measurement) it is an extrapolation of the
// impostor tail. 100 is the cap (FMR 1e-10).
// Pure functions, thread-safe.
#pragma once

namespace abis::dactyl {

// The decision threshold used when the caller gives none: FMR 1e-4 (1 in 10,000).
constexpr double kDefaultThreshold = 40.0;

// Calibrated score 0..100 of a raw similarity 0..1.
double calibrated_score(double similarity);

// The false match rate a calibrated score stands for, and the score for a target rate.
double false_match_rate(double score);
double score_for_false_match_rate(double fmr);

}  // namespace abis::dactyl
