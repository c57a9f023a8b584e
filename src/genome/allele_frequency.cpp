#include "genome/allele_frequency.h"

#include <cstdio>

namespace abis::genome {
namespace {

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

Result<ResolvedFrequency> resolve_allele_frequency(const FrequencyTable& table, LocusId locus,
                                                   const Allele& allele,
                                                   std::optional<double> min_override) {
  const std::string where = std::string(locus_name(locus)) + " allele " + allele.to_string();
  const LocusFrequencies* lf = table.locus(locus);
  std::optional<double> minimum = min_override ? min_override : table.minimum_frequency(locus);
  const std::string min_label = min_override ? "the minimum frequency given" : "5/2N";
  auto need_minimum = [&](const std::string& why) -> Result<ResolvedFrequency> {
    if (!minimum)
      return failed_precondition(where + ": " + why + ", and the table for '" +
                                 table.population +
                                 "' states no sample size to compute the minimum frequency "
                                 "5/2N from; give a minimum frequency explicitly");
    return ResolvedFrequency{*minimum, where + ": " + why + "; used the minimum frequency " +
                                           min_label + " = " + fmt(*minimum)};
  };
  if (lf == nullptr) return need_minimum("locus not in the frequency table");

  double value = 0;
  std::string note;
  if (std::optional<double> f = lf->frequency(allele)) {
    value = *f;
  } else if (allele.kind() == AlleleKind::kBelow || allele.kind() == AlleleKind::kAbove) {
    Allele bound(allele.repeats());
    bool below = allele.kind() == AlleleKind::kBelow;
    for (const auto& [a, f] : lf->alleles)
      if (a.is_sized() && (below ? a < bound : a > bound)) value += f;
    if (value <= 0) return need_minimum("no allele " + std::string(below ? "below " : "above ") +
                                        bound.to_string() + " in the table");
    note = where + ": sum of the frequencies of the table's alleles " +
           (below ? "below " : "above ") + bound.to_string() + " = " + fmt(value);
  } else if (allele.kind() == AlleleKind::kOffLadder) {
    return need_minimum("off-ladder allele without a size");
  } else {
    return need_minimum("allele not in the frequency table");
  }
  if (minimum && value < *minimum) {
    return ResolvedFrequency{*minimum, where + ": frequency " + fmt(value) +
                                           " is below the minimum " + min_label + " = " +
                                           fmt(*minimum) + "; the minimum is used"};
  }
  return ResolvedFrequency{value, note};
}

}  // namespace abis::genome
