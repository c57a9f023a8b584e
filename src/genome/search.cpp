#include "genome/search.h"

#include <algorithm>

namespace abis::genome {

bool hit_before(const SearchHit& a, const SearchHit& b) {
  if (a.mismatches != b.mismatches) return a.mismatches < b.mismatches;
  if (a.compared != b.compared) return a.compared > b.compared;
  return a.key < b.key;
}

Result<SearchResult> brute_force_search(const Profile& target,
                                        std::span<const IndexedProfile> database,
                                        const SearchRequest& request) {
  ABIS_RETURN_IF_ERROR(check_searchable(target, request.criteria));
  SearchResult result;
  for (const IndexedProfile& stored : database) {
    if (!(request.categories & category_bit(stored.category))) continue;
    ++result.profiles_searched;
    ProfileComparison cmp = compare_profiles(target, stored.profile, request.criteria);
    if (!cmp.matches) continue;
    result.hits.push_back(
        {stored.key, stored.category, cmp.compared, cmp.mismatches, std::move(cmp.loci)});
  }
  std::sort(result.hits.begin(), result.hits.end(), hit_before);
  result.total_hits = result.hits.size();
  if (result.hits.size() > request.max_results) {
    result.hits.resize(request.max_results);
    result.truncated = true;
  }
  return result;
}

CategoryMask duplicate_search_mask(IndexCategory category) {
  switch (category) {
    case IndexCategory::kConvictedOffender:
    case IndexCategory::kSuspect:
      // The same person arrested as a suspect and later convicted.
      return category_bit(IndexCategory::kConvictedOffender) |
             category_bit(IndexCategory::kSuspect);
    default:
      return category_bit(category);
  }
}

SearchRequest duplicate_search_request(IndexCategory category, const Profile& profile) {
  SearchRequest request;
  request.categories = duplicate_search_mask(category);
  request.criteria.stringency = Stringency::kHigh;
  request.criteria.max_mismatches = 0;
  // As many compared loci as a search needs: profiles typed with different kits (GlobalFiler
  // and ESX 17 share 15 loci, the original CODIS 13 and ESX 17 only 8) must still meet.
  (void)profile;
  request.criteria.min_compared_loci = params::kDefaultMinComparedLoci;
  return request;
}

}  // namespace abis::genome
