#include "genome/ystr.h"

#include <algorithm>

namespace abis::genome {

HaplotypeComparison compare_haplotypes(const Profile& a, const Profile& b) {
  HaplotypeComparison out;
  auto ia = a.ystr.begin(), ib = b.ystr.begin();
  while (ia != a.ystr.end() && ib != b.ystr.end()) {
    if (ia->locus < ib->locus) {
      ++ia;
    } else if (ib->locus < ia->locus) {
      ++ib;
    } else {
      ++out.compared;
      if (!(ia->genotype == ib->genotype)) {
        ++out.differences;
        out.differing.push_back(ia->locus);
      }
      ++ia;
      ++ib;
    }
  }
  return out;
}

Result<PaternalSearchResult> search_paternal_line(const Profile& target,
                                                  std::span<const PaternalCandidate> candidates,
                                                  const PaternalSearchOptions& options) {
  if (options.max_differences < 0 || options.min_compared < 1)
    return invalid_argument("paternal search: max differences must be >= 0 and min compared >= 1");
  const int typed = static_cast<int>(target.ystr.size());
  if (typed < options.min_compared)
    return failed_precondition("the target has " + std::to_string(typed) +
                               " Y markers; a paternal-line search needs at least " +
                               std::to_string(options.min_compared));
  PaternalSearchResult out;
  for (const PaternalCandidate& c : candidates) {
    if (c.profile == nullptr) return invalid_argument("paternal candidate without a profile");
    if (c.profile->ystr.empty()) continue;
    ++out.haplotypes_searched;
    HaplotypeComparison cmp = compare_haplotypes(target, *c.profile);
    if (cmp.compared == typed && cmp.differences == 0) ++out.exact_matches;
    if (cmp.compared >= options.min_compared && cmp.differences <= options.max_differences)
      out.hits.push_back({c.key, std::move(cmp)});
  }
  std::sort(out.hits.begin(), out.hits.end(), [](const PaternalHit& a, const PaternalHit& b) {
    if (a.comparison.differences != b.comparison.differences)
      return a.comparison.differences < b.comparison.differences;
    if (a.comparison.compared != b.comparison.compared)
      return a.comparison.compared > b.comparison.compared;
    return a.key < b.key;
  });
  if (out.hits.size() > options.max_results) out.hits.resize(options.max_results);
  return out;
}

}  // namespace abis::genome
