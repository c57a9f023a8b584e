#include "genome/relatives_search.h"

#include <algorithm>

namespace abis::genome {
namespace {

std::vector<Kinship> hypotheses(std::optional<Relationship> r) {
  if (!r) return {Kinship::kParentChild, Kinship::kFullSibling, Kinship::kHalfSibling};
  switch (*r) {
    case Relationship::kMother:
    case Relationship::kFather:
    case Relationship::kChild:
      return {Kinship::kParentChild};
    case Relationship::kSibling:
      return {Kinship::kFullSibling};
    case Relationship::kSpouse:
      return {};
    case Relationship::kOther:
      return {Kinship::kParentChild, Kinship::kFullSibling, Kinship::kHalfSibling};
  }
  return {};
}

// Loci typed single-source in both profiles: what a kinship index can use.
int shared_loci(const Profile& a, const Profile& b) {
  int n = 0;
  for (const LocusGenotype& lg : a.loci) {
    const Genotype* g = b.genotype(lg.locus);
    if (g && lg.genotype.size() <= 2 && g->size() <= 2) ++n;
  }
  return n;
}

}  // namespace

Result<RelativesSearchResult> rank_relatives(const Profile& target,
                                             std::span<const KinshipCandidate> candidates,
                                             const FrequencyTable& table,
                                             const RelativesSearchOptions& options) {
  RelativesSearchResult out;
  std::size_t spouses = 0, too_few = 0;
  for (const KinshipCandidate& c : candidates) {
    if (c.profile == nullptr) return invalid_argument("kinship candidate without a profile");
    std::vector<Kinship> tested = hypotheses(c.relationship);
    if (tested.empty()) {
      ++spouses;
      continue;
    }
    std::optional<RankedRelative> best;
    if (shared_loci(target, *c.profile) < std::max(1, options.min_loci)) {
      ++too_few;
      continue;
    }
    for (Kinship k : tested) {
      Result<KinshipResult> r = kinship_index(target, *c.profile, k, table, options.kinship);
      if (!r) return r.status().with_context("candidate " + std::to_string(c.key));
      if (static_cast<int>(r->loci.size()) < options.min_loci) break;
      if (!best || r->combined > best->combined_index)
        best = RankedRelative{c.key, c.relationship, k, r->combined,
                              static_cast<int>(r->loci.size()), r->inconsistent_loci};
    }
    if (!best) {
      ++too_few;
      continue;
    }
    ++out.candidates_scored;
    if (best->combined_index >= options.min_index) out.ranked.push_back(*best);
  }
  std::sort(out.ranked.begin(), out.ranked.end(), [](const RankedRelative& a, const RankedRelative& b) {
    if (a.combined_index != b.combined_index) return a.combined_index > b.combined_index;
    return a.key < b.key;
  });
  if (out.ranked.size() > options.max_results) out.ranked.resize(options.max_results);
  if (spouses) out.notes.push_back(std::to_string(spouses) + " spouse profile(s) not scored");
  if (too_few)
    out.notes.push_back(std::to_string(too_few) + " candidate(s) share fewer than " +
                        std::to_string(options.min_loci) + " loci with the target; not scored");
  out.notes.push_back(theta_note(options.kinship.theta));
  return out;
}

}  // namespace abis::genome
