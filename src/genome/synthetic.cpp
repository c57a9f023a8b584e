#include "genome/synthetic.h"

#include <algorithm>

namespace abis::genome {

Result<SyntheticProfileGenerator> SyntheticProfileGenerator::create(const FrequencyTable& table,
                                                                    std::span<const LocusId> loci,
                                                                    std::uint64_t seed) {
  std::vector<LocusId> sorted(loci.begin(), loci.end());
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  std::vector<LocusDraw> draws;
  for (LocusId locus : sorted) {
    const LocusFrequencies* lf = table.locus(locus);
    if (lf == nullptr || lf->alleles.empty())
      return failed_precondition("locus " + std::string(locus_name(locus)) +
                                 " is not in the frequency table for '" + table.population + "'");
    LocusDraw d{locus, {}, {}};
    double sum = 0;
    for (const auto& [allele, f] : lf->alleles) {
      if (f <= 0) continue;
      sum += f;
      d.alleles.push_back(allele);
      d.cumulative.push_back(sum);
    }
    for (double& c : d.cumulative) c /= sum;
    d.cumulative.back() = 1.0;
    draws.push_back(std::move(d));
  }
  return SyntheticProfileGenerator(std::move(draws), seed);
}

const Allele& SyntheticProfileGenerator::draw(const LocusDraw& d) {
  double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  auto it = std::upper_bound(d.cumulative.begin(), d.cumulative.end(), u);
  if (it == d.cumulative.end()) --it;
  return d.alleles[static_cast<std::size_t>(it - d.cumulative.begin())];
}

void SyntheticProfileGenerator::next(Profile& profile) {
  profile.loci.resize(draws_.size());
  for (std::size_t i = 0; i < draws_.size(); ++i) {
    const Allele& a = draw(draws_[i]);
    const Allele& b = draw(draws_[i]);
    profile.loci[i].locus = draws_[i].locus;
    profile.loci[i].genotype = Genotype::of_unchecked({a, b});
    profile.loci[i].triallelic = false;
  }
}

Profile SyntheticProfileGenerator::next() {
  Profile p;
  next(p);
  return p;
}

}  // namespace abis::genome
