// Y-STR haplotypes: comparison marker by marker and the paternal-line search.
//
// Male relatives on the paternal line share the Y haplotype up to mutations, so a Y match names
// a family line, not a person. Markers typed in both haplotypes are compared as allele sets
// (multi-copy markers such as DYS385a/b as sets of copies); a candidate is listed when at least
// min_compared markers are compared and at most max_differences differ. The result also counts
// how often the target's haplotype occurs exactly in the searched set, the basis of a
// counting-method frequency. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "genome/parameters.h"
#include "genome/profile.h"

namespace abis::genome {

struct HaplotypeComparison {
  int compared = 0;
  int differences = 0;
  std::vector<LocusId> differing;  // markers typed in both with different alleles
};

HaplotypeComparison compare_haplotypes(const Profile& a, const Profile& b);

struct PaternalCandidate {
  std::uint64_t key = 0;
  const Profile* profile = nullptr;  // not owned
};

struct PaternalHit {
  std::uint64_t key = 0;
  HaplotypeComparison comparison;
};

struct PaternalSearchOptions {
  int max_differences = params::kDefaultYMaxDifferences;
  int min_compared = params::kDefaultYMinCompared;
  std::size_t max_results = params::kDefaultMaxSearchResults;
};

struct PaternalSearchResult {
  std::vector<PaternalHit> hits;  // fewest differences first, then most markers compared
  std::size_t haplotypes_searched = 0;  // candidates with a Y haplotype
  // Candidates typed at every marker of the target with identical alleles.
  std::size_t exact_matches = 0;
};

Result<PaternalSearchResult> search_paternal_line(const Profile& target,
                                                  std::span<const PaternalCandidate> candidates,
                                                  const PaternalSearchOptions& options);

}  // namespace abis::genome
