#include "genome/match_statistics.h"

#include "genome/allele_frequency.h"

namespace abis::genome {

GenotypeProbabilities genotype_probabilities(bool homozygous, double p, double q, double theta) {
  GenotypeProbabilities out;
  const double denominator = (1 + theta) * (1 + 2 * theta);
  if (homozygous) {
    out.hwe = p * p;
    out.nrc41 = p * p + p * (1 - p) * theta;
    out.nrc410 = (2 * theta + (1 - theta) * p) * (3 * theta + (1 - theta) * p) / denominator;
  } else {
    out.hwe = 2 * p * q;
    out.nrc41 = 2 * p * q;
    out.nrc410 = 2 * (theta + (1 - theta) * p) * (theta + (1 - theta) * q) / denominator;
  }
  return out;
}

Result<MatchStatistics> random_match_probability(const Profile& profile,
                                                 const FrequencyTable& table,
                                                 const StatisticsOptions& options) {
  if (!(options.theta >= 0 && options.theta < 1))
    return invalid_argument("theta must be in [0, 1)");
  if (options.min_frequency && !(*options.min_frequency > 0 && *options.min_frequency <= 1))
    return invalid_argument("the minimum allele frequency must be in (0, 1]");
  if (profile.loci.empty()) return invalid_argument("the profile has no autosomal loci");

  MatchStatistics out;
  out.population = table.population;
  out.theta = options.theta;
  out.combined = {1.0, 1.0, 1.0};
  for (const LocusGenotype& lg : profile.loci) {
    LocusStatistics ls;
    ls.locus = lg.locus;
    ls.genotype = lg.genotype;
    const std::string name(locus_name(lg.locus));
    if (lg.genotype.size() > 2) {
      ls.notes.push_back(name + ": " + std::to_string(lg.genotype.size()) +
                         " alleles; no single-source formula applies, locus left out of the "
                         "product");
    } else if (table.locus(lg.locus) == nullptr) {
      ls.notes.push_back(name + ": locus not in the frequency table for '" + table.population +
                         "', left out of the product");
    } else {
      ABIS_ASSIGN_OR_RETURN(ResolvedFrequency fp,
                            resolve_allele_frequency(table, lg.locus, lg.genotype[0],
                                                     options.min_frequency));
      ResolvedFrequency fq = fp;
      if (lg.genotype.size() == 2) {
        ABIS_ASSIGN_OR_RETURN(fq, resolve_allele_frequency(table, lg.locus, lg.genotype[1],
                                                           options.min_frequency));
      }
      if (!fp.note.empty()) ls.notes.push_back(fp.note);
      if (lg.genotype.size() == 2 && !fq.note.empty()) ls.notes.push_back(fq.note);
      ls.used = true;
      ls.p = fp.value;
      ls.q = fq.value;
      ls.probability =
          genotype_probabilities(lg.genotype.size() == 1, ls.p, ls.q, options.theta);
      out.combined.hwe *= ls.probability.hwe;
      out.combined.nrc41 *= ls.probability.nrc41;
      out.combined.nrc410 *= ls.probability.nrc410;
      ++out.loci_used;
    }
    out.notes.insert(out.notes.end(), ls.notes.begin(), ls.notes.end());
    out.loci.push_back(std::move(ls));
  }
  if (out.loci_used == 0)
    return failed_precondition("no locus of the profile could be computed with the table for '" +
                               table.population + "'");
  return out;
}

}  // namespace abis::genome
