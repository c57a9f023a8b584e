// Random match probability of a single-source profile: the chance that a person picked at random
// from the population has the same genotype, per locus and combined over loci (product rule).
//
// Three models, as NRC II (1996) gives them, with p and q the allele frequencies and theta the
// coancestry coefficient:
//   HWE (Hardy-Weinberg):       homozygote p^2                heterozygote 2pq
//   NRC II 4.1:                 homozygote p^2 + p(1-p)theta  heterozygote 2pq
//   NRC II 4.10 (Balding-Nichols conditional match probability):
//     homozygote  [2theta + (1-theta)p][3theta + (1-theta)p] / [(1+theta)(1+2theta)]
//     heterozygote 2[theta + (1-theta)p][theta + (1-theta)q] / [(1+theta)(1+2theta)]
// Allele frequencies go through resolve_allele_frequency() (minimum 5/2N and its notes). A locus
// that cannot be computed with a single-source formula (more than two alleles, or missing from
// the table) is left out of the product — which can only make the probability larger, i.e.
// more favourable to the defence — and the notes say so.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "genome/frequency_table.h"
#include "genome/parameters.h"
#include "genome/profile.h"

namespace abis::genome {

struct StatisticsOptions {
  double theta = params::kDefaultTheta;
  std::optional<double> min_frequency;  // replaces 5/2N when set
};

// The three genotype frequencies of one locus from its allele frequencies (q ignored for a
// homozygote). Exposed for tests and the kinship code.
struct GenotypeProbabilities {
  double hwe = 0;
  double nrc41 = 0;
  double nrc410 = 0;
};
GenotypeProbabilities genotype_probabilities(bool homozygous, double p, double q, double theta);

struct LocusStatistics {
  LocusId locus = 0;
  Genotype genotype;
  bool used = false;  // false: left out of the product (see notes)
  double p = 0;
  double q = 0;       // = p for a homozygote
  GenotypeProbabilities probability;
  std::vector<std::string> notes;
};

struct MatchStatistics {
  std::string population;
  double theta = 0;
  std::vector<LocusStatistics> loci;
  int loci_used = 0;
  GenotypeProbabilities combined;  // products over the used loci
  std::vector<std::string> notes;  // every assumption made, locus by locus
};

Result<MatchStatistics> random_match_probability(const Profile& profile,
                                                 const FrequencyTable& table,
                                                 const StatisticsOptions& options);

}  // namespace abis::genome
