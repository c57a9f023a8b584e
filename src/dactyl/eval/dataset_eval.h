// The accuracy report of `abis fp eval DIR`: every image of a folder named
// <finger>_<impression>.<ext> (the FVC naming) is extracted; every unordered pair of impressions
// of one finger is a genuine comparison, every unordered pair of impressions of different fingers
// an impostor comparison; a failed extraction scores below everything. Extraction and comparison
// run on one thread; the timings are that thread's CPU time (so per core, and not inflated by other
// processes sharing the machine).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "dactyl/eval/accuracy.h"

namespace abis::dactyl::eval {

struct DatasetReport {
  std::string folder;
  int images = 0;
  int failed_extractions = 0;
  std::vector<std::string> failures;  // "101_3.tif: <reason>"
  int genuine = 0;
  int impostor = 0;
  ErrorRates rates;
  double extract_ms_median = 0;
  double compares_per_s = 0;
  double mean_minutiae = 0;
  struct Comparison {
    std::string a, b;
    bool genuine;
    double score;
  };
  std::vector<Comparison> comparisons;
  std::vector<double> genuine_scores;
  std::vector<double> impostor_scores;
};

// fallback_ppi: resolution of images that carry none (FVC TIFFs do not; DB2 is 569 ppi).
Result<DatasetReport> evaluate_folder(const std::filesystem::path& folder, double fallback_ppi);

}  // namespace abis::dactyl::eval
