// What a DNA database search asks and answers, shared by the indexed search (search_index.h)
// and the brute-force reference scan below, which must return the same result for the same
// database (tests/genome/search_property_test.cpp checks it on random databases).
// Plain values and a pure function; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "genome/categories.h"
#include "genome/match.h"
#include "genome/parameters.h"
#include "genome/profile.h"

namespace abis::genome {

inline constexpr CategoryMask kAllCategories = 0xFFFE;

struct SearchRequest {
  MatchCriteria criteria;
  // Which indexes to scan; usually direct_search_mask(target category).
  CategoryMask categories = kAllCategories;
  std::size_t max_results = params::kDefaultMaxSearchResults;
};

struct SearchHit {
  std::uint64_t key = 0;  // the caller's id of the stored profile
  IndexCategory category = IndexCategory::kConvictedOffender;
  int compared = 0;
  int mismatches = 0;
  std::vector<LocusComparison> loci;  // classification of every locus typed in either profile
};

struct SearchResult {
  std::vector<SearchHit> hits;  // best first: fewest mismatches, most loci compared, lowest key
  std::size_t profiles_searched = 0;  // stored profiles in the requested indexes
  std::size_t total_hits = 0;         // before max_results was applied
  bool truncated = false;
};

// The canonical order of hits (see SearchResult::hits).
bool hit_before(const SearchHit& a, const SearchHit& b);

// A stored profile as the brute-force scan sees it.
struct IndexedProfile {
  std::uint64_t key = 0;
  IndexCategory category = IndexCategory::kConvictedOffender;
  Profile profile;
};

// Compares the target with every stored profile, one by one (match.h). The reference semantics.
Result<SearchResult> brute_force_search(const Profile& target,
                                        std::span<const IndexedProfile> database,
                                        const SearchRequest& request);

// The indexes where "the same person registered twice" is looked for at upload, and the
// criteria: identical alleles at every compared locus.
CategoryMask duplicate_search_mask(IndexCategory category);
SearchRequest duplicate_search_request(IndexCategory category, const Profile& profile);

}  // namespace abis::genome
