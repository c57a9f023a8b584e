#include "dactyl/eval/accuracy.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace abis::dactyl::eval {

ErrorRates error_rates(std::vector<double> genuine, std::vector<double> impostor) {
  ErrorRates r;
  if (genuine.empty() || impostor.empty()) return r;
  std::sort(genuine.begin(), genuine.end());
  std::sort(impostor.begin(), impostor.end());
  // Candidate thresholds: every score, and one above all of them.
  std::vector<double> thresholds = genuine;
  thresholds.insert(thresholds.end(), impostor.begin(), impostor.end());
  std::sort(thresholds.begin(), thresholds.end());
  thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
  thresholds.push_back(std::numeric_limits<double>::infinity());
  const double ng = static_cast<double>(genuine.size()), ni = static_cast<double>(impostor.size());
  r.fmr100 = r.fmr1000 = r.zero_fmr = 1.0;
  double best_gap = 2.0;
  for (double t : thresholds) {
    // FNMR: genuine below t; FMR: impostor at or above t.
    const double fnmr = static_cast<double>(std::lower_bound(genuine.begin(), genuine.end(), t) - genuine.begin()) / ng;
    const double fmr = static_cast<double>(impostor.end() - std::lower_bound(impostor.begin(), impostor.end(), t)) / ni;
    if (fmr <= 0.01) r.fmr100 = std::min(r.fmr100, fnmr);
    if (fmr <= 0.001) r.fmr1000 = std::min(r.fmr1000, fnmr);
    if (fmr == 0) r.zero_fmr = std::min(r.zero_fmr, fnmr);
    const double gap = std::abs(fmr - fnmr);
    if (gap < best_gap) {
      best_gap = gap;
      r.eer = (fmr + fnmr) / 2;
      r.eer_threshold = t;
    }
  }
  return r;
}

}  // namespace abis::dactyl::eval
