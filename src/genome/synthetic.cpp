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
    LocusDraw d{locus, {}, {}, {}};
    std::vector<double> weights;
    double sum = 0;
    for (const auto& [allele, f] : lf->alleles) {
      if (f <= 0) continue;
      sum += f;
      d.alleles.push_back(allele);
      weights.push_back(f);
    }
    // Vose's construction of the alias table.
    const std::size_t n = weights.size();
    d.keep.assign(n, 1.0);
    d.alias.assign(n, 0);
    std::vector<double> scaled(n);
    std::vector<std::uint32_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
      scaled[i] = weights[i] / sum * double(n);
      (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
    }
    while (!small.empty() && !large.empty()) {
      std::uint32_t s = small.back(), l = large.back();
      small.pop_back();
      d.keep[s] = scaled[s];
      d.alias[s] = l;
      scaled[l] -= 1.0 - scaled[s];
      if (scaled[l] < 1.0) {
        large.pop_back();
        small.push_back(l);
      }
    }
    draws.push_back(std::move(d));
  }
  return SyntheticProfileGenerator(std::move(draws), seed);
}

const Allele& SyntheticProfileGenerator::draw(const LocusDraw& d) {
  const std::uint64_t r = rng_();
  // High 32 bits pick the column (multiply-shift, unbiased to 2^-32), the low 32 bits the coin.
  const auto column = static_cast<std::size_t>(((r >> 32) * d.alleles.size()) >> 32);
  const double coin = double(r & 0xFFFFFFFFu) * (1.0 / 4294967296.0);
  return d.alleles[coin < d.keep[column] ? column : d.alias[column]];
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
