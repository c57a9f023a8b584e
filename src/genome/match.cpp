#include "genome/match.h"

namespace abis::genome {

std::string_view stringency_name(Stringency s) {
  switch (s) {
    case Stringency::kHigh: return "high";
    case Stringency::kModerate: return "moderate";
    case Stringency::kLow: return "low";
  }
  return "moderate";
}

Result<Stringency> parse_stringency(std::string_view text) {
  if (text == "high") return Stringency::kHigh;
  if (text == "moderate") return Stringency::kModerate;
  if (text == "low") return Stringency::kLow;
  return invalid_argument("unknown stringency '" + std::string(text) +
                          "' (one of: high, moderate, low)");
}

std::string_view locus_match_name(LocusMatch m) {
  switch (m) {
    case LocusMatch::kNotCompared: return "not_compared";
    case LocusMatch::kMismatch: return "mismatch";
    case LocusMatch::kLow: return "low";
    case LocusMatch::kModerate: return "moderate";
    case LocusMatch::kHigh: return "high";
  }
  return "not_compared";
}

LocusMatch classify_locus(const Genotype& a, const Genotype& b) {
  if (a.empty() || b.empty()) return LocusMatch::kNotCompared;
  if (a == b) return LocusMatch::kHigh;
  if (a.is_subset_of(b) || b.is_subset_of(a)) return LocusMatch::kModerate;
  if (a.shared_with(b) > 0) return LocusMatch::kLow;
  return LocusMatch::kMismatch;
}

bool meets(LocusMatch m, Stringency s) {
  switch (s) {
    case Stringency::kHigh: return m == LocusMatch::kHigh;
    case Stringency::kModerate: return m >= LocusMatch::kModerate;
    case Stringency::kLow: return m >= LocusMatch::kLow;
  }
  return false;
}

Status validate_criteria(const MatchCriteria& criteria) {
  if (criteria.min_compared_loci < 1)
    return invalid_argument("the minimum number of compared loci must be at least 1");
  if (criteria.max_mismatches < 0)
    return invalid_argument("the allowed number of mismatching loci cannot be negative");
  return Status::ok();
}

ProfileComparison compare_profiles(const Profile& target, const Profile& candidate,
                                   const MatchCriteria& criteria) {
  ProfileComparison out;
  auto t = target.loci.begin(), c = candidate.loci.begin();
  while (t != target.loci.end() || c != candidate.loci.end()) {
    if (c == candidate.loci.end() || (t != target.loci.end() && t->locus < c->locus)) {
      out.loci.push_back({t->locus, LocusMatch::kNotCompared});
      ++t;
    } else if (t == target.loci.end() || c->locus < t->locus) {
      out.loci.push_back({c->locus, LocusMatch::kNotCompared});
      ++c;
    } else {
      LocusMatch m = classify_locus(t->genotype, c->genotype);
      out.loci.push_back({t->locus, m});
      if (m != LocusMatch::kNotCompared) {
        ++out.compared;
        if (!meets(m, criteria.stringency)) ++out.mismatches;
      }
      ++t;
      ++c;
    }
  }
  out.matches = out.compared >= criteria.min_compared_loci &&
                out.mismatches <= criteria.max_mismatches;
  return out;
}

Status check_searchable(const Profile& target, const MatchCriteria& criteria) {
  ABIS_RETURN_IF_ERROR(validate_criteria(criteria));
  int typed = static_cast<int>(target.loci.size());
  if (typed < criteria.min_compared_loci)
    return failed_precondition(
        (target.id.empty() ? std::string("the profile") : "profile " + target.id) + " has " +
        std::to_string(typed) + " autosomal loci; a search needs at least " +
        std::to_string(criteria.min_compared_loci) + " compared loci");
  return Status::ok();
}

}  // namespace abis::genome
