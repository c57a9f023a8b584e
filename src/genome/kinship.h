// Kinship indices: how much more probable two profiles are if the persons are related as stated
// than if they are unrelated, per locus and combined (product over loci).
//
// With the identity-by-descent coefficients (k0, k1, k2) of the relationship — parent-child
// (0, 1, 0), full siblings (1/4, 1/2, 1/4), half siblings (1/2, 1/2, 0), the last shared by
// grandparent-grandchild and uncle-nephew — the index of genotypes A and B at a locus is
//   KI = k0 + k1 * P(B | A, one allele IBD) / P(B) + k2 * [A = B] / P(B),
// with P(B) the Hardy-Weinberg genotype frequency, and P(B | A, one IBD allele) = mean over the
// two alleles x of A of P(B | x passed on, other allele random). This gives the textbook tables,
// e.g. parent-child A = ab, B = ab: (p + q) / 4pq; full siblings A = B = ab:
// (1 + p + q + 2pq) / 8pq.
// Parent-child pairs may be inconsistent at a locus (a mutation): with a mutation rate mu > 0 the
// allele passed on is the parent's with probability 1 - mu and a random allele (population
// frequency) with probability mu; mu = 0 makes an inconsistent locus an exclusion (index 0).
// Coancestry (theta, NRC II 4.10): every allele not passed on by descent is drawn after the
// alleles already seen, by the Balding-Nichols sampling formula, so that sharing an allele counts
// less in a population where it is more common than its frequency says. b is drawn after a: for a
// parent-child pair aa / aa the index becomes (1 + 2 theta) / (3 theta + (1 - theta) p). theta = 0
// (the default, as in most kinship software) gives the tables above; the result states the theta.
// A mutated allele is drawn with its population frequency.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "genome/frequency_table.h"
#include "genome/parameters.h"
#include "genome/profile.h"

namespace abis::genome {

enum class Kinship : std::uint8_t { kParentChild, kFullSibling, kHalfSibling };
std::string_view kinship_name(Kinship k);  // "parent-child", "full-sibling", "half-sibling"
Result<Kinship> parse_kinship(std::string_view text);

struct KinshipOptions {
  double mutation_rate = params::kDefaultMutationRate;  // parent-child only
  std::optional<double> min_frequency;                  // replaces 5/2N when set
  double theta = 0;                                     // coancestry coefficient, [0, 1)
};

struct LocusKinship {
  LocusId locus = 0;
  double index = 1;
  bool inconsistent = false;  // parent-child pair sharing no allele
  std::vector<std::string> notes;
};

struct KinshipResult {
  Kinship relation = Kinship::kParentChild;
  std::vector<LocusKinship> loci;  // loci typed single-source in both profiles
  double combined = 1;             // product of the per-locus indices
  int inconsistent_loci = 0;
  double theta = 0;
  std::vector<std::string> notes;
};

// Per-locus index from two genotypes of at most two alleles each and their allele frequencies
// (resolved by the caller). Exposed for tests: freq(allele) must cover every allele of a and b.
double locus_kinship_index(Kinship relation, const Genotype& a, const Genotype& b,
                           double (*freq)(const Allele&, const void*), const void* ctx,
                           double mutation_rate, double theta = 0);

// The note every kinship result carries about its theta.
std::string theta_note(double theta);

Result<KinshipResult> kinship_index(const Profile& a, const Profile& b, Kinship relation,
                                    const FrequencyTable& table, const KinshipOptions& options);

}  // namespace abis::genome
