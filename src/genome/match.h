// Locus-by-locus comparison of two profiles at CODIS stringencies.
//
// At each locus typed in both profiles the allele sets are classified:
//   high      identical allele sets;
//   moderate  every allele of one profile is present in the other (a partial profile or a
//             mixture against a reference);
//   low       at least one allele shared;
//   mismatch  no allele shared;
// and a locus typed in only one profile is "not compared". A candidate matches at stringency S
// when at least min_compared_loci loci are compared and at most max_mismatches of them fall
// below S. Only autosomal STRs are compared (amelogenin and Y markers are not searched).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "genome/genotype.h"
#include "genome/parameters.h"
#include "genome/profile.h"

namespace abis::genome {

enum class Stringency : std::uint8_t { kHigh, kModerate, kLow };
std::string_view stringency_name(Stringency s);
Result<Stringency> parse_stringency(std::string_view text);

// Ordered from worst to best so that "at least moderate" is a comparison.
enum class LocusMatch : std::uint8_t {
  kNotCompared = 0,
  kMismatch = 1,
  kLow = 2,
  kModerate = 3,
  kHigh = 4,
};
std::string_view locus_match_name(LocusMatch m);

// The strongest class the two genotypes reach (both must be non-empty).
LocusMatch classify_locus(const Genotype& a, const Genotype& b);
// Does a compared locus of class m count as agreeing at stringency s?
bool meets(LocusMatch m, Stringency s);

struct MatchCriteria {
  Stringency stringency = Stringency::kModerate;
  int min_compared_loci = params::kDefaultMinComparedLoci;
  int max_mismatches = params::kDefaultMaxMismatches;
};
Status validate_criteria(const MatchCriteria& criteria);

struct LocusComparison {
  LocusId locus = 0;
  LocusMatch match = LocusMatch::kNotCompared;
};

struct ProfileComparison {
  std::vector<LocusComparison> loci;  // every autosomal locus typed in either profile
  int compared = 0;                   // loci typed in both
  int mismatches = 0;                 // compared loci below the stringency
  bool matches = false;
};

ProfileComparison compare_profiles(const Profile& target, const Profile& candidate,
                                   const MatchCriteria& criteria);

// A search cannot reach min_compared_loci with a target typed at fewer loci: say so instead of
// returning an empty list that reads like "no match".
Status check_searchable(const Profile& target, const MatchCriteria& criteria);

}  // namespace abis::genome
