// Accuracy figures of a verification experiment from its genuine and impostor scores, as FVC
// reports them: EER, FMR100 / FMR1000 (the lowest FNMR at FMR <= 1 % / 0.1 %) and ZeroFMR (the
// lowest FNMR with no false match). Rates are fractions. Pure function, thread-safe.
#pragma once

#include <vector>

namespace abis::dactyl::eval {

struct ErrorRates {
  double eer = 0;
  double fmr100 = 0;
  double fmr1000 = 0;
  double zero_fmr = 0;
  double eer_threshold = 0;
};

// Higher scores mean more similar; a comparison "matches" at threshold t when score >= t.
ErrorRates error_rates(std::vector<double> genuine, std::vector<double> impostor);

}  // namespace abis::dactyl::eval
