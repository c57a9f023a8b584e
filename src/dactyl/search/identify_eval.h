// The identification report of `abis fp eval-identify DIR`: is accuracy kept by the fast stage?
// Every print of a folder of FVC-named images (<finger>_<impression>.<ext>) is searched against a
// gallery of all the others (leave-one-out); it is identified at rank 1 when the best candidate is
// another impression of the same finger. The same searches run exhaustively (full matcher on every
// gallery finger) and with the fast stage keeping `shortlist` fingers, so the two rank-1 rates
// differ only by what the fast stage lost.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace abis::dactyl::search {

struct IdentifyEvalReport {
  std::string folder;
  int prints = 0;             // extracted prints (each one probe, and gallery for the others)
  int shortlist = 0;          // fingers kept by the fast stage
  double rank1_exhaustive = 0;  // share 0..1
  double rank1_fast = 0;        // fast stage + re-ranking
  double rank1_descriptor = 0;  // the fast stage's own best finger
  double mate_in_shortlist = 0; // share of probes with a mate among the kept fingers
  double fast_ms_median = 0;    // per search
  double exhaustive_ms_median = 0;
  std::vector<std::string> failures;
};

Result<IdentifyEvalReport> evaluate_identification(const std::filesystem::path& folder, double fallback_ppi,
                                                   int shortlist, int threads);

}  // namespace abis::dactyl::search
