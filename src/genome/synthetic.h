// Synthetic profiles drawn from an allele-frequency table: for benchmarks and property tests.
//
// Each locus draws two alleles independently from the table's frequencies (Hardy-Weinberg, no
// linkage), so the genotype distribution is that of the population the table describes.
// Deterministic for a given seed. Not thread-safe: one generator per thread.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "core/status.h"
#include "genome/frequency_table.h"
#include "genome/profile.h"

namespace abis::genome {

class SyntheticProfileGenerator {
 public:
  // Fails when a locus is not in the table.
  static Result<SyntheticProfileGenerator> create(const FrequencyTable& table,
                                                  std::span<const LocusId> loci,
                                                  std::uint64_t seed);

  // Overwrites `profile.loci` with a fresh draw (keeps the vector's capacity).
  void next(Profile& profile);
  Profile next();

 private:
  // Walker's alias method: one uniform draw picks a column, a second decides between the
  // column's allele and its alias. Exact for the table's frequencies, O(1) per allele.
  struct LocusDraw {
    LocusId locus;
    std::vector<Allele> alleles;
    std::vector<double> keep;          // probability of keeping column i's own allele
    std::vector<std::uint32_t> alias;  // the other allele of column i
  };
  SyntheticProfileGenerator(std::vector<LocusDraw> draws, std::uint64_t seed)
      : draws_(std::move(draws)), rng_(seed) {}
  const Allele& draw(const LocusDraw& d);

  std::vector<LocusDraw> draws_;
  std::mt19937_64 rng_;
};

}  // namespace abis::genome
