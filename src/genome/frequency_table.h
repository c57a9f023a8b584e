// Allele-frequency tables per population: read from the long CSV format of the shared data
// (population, n_individuals, locus, allele, count, n_alleles_at_locus, frequency; any subset
// that determines the frequencies), from the wide format of EuroForMix/LRmix (one "Allele"
// column, one column per locus), written back in the long format, and computed from profiles
// (there is no published machine-readable Kazakh table: the system makes its own).
//
// The minimum allele frequency of NRC II, 5/2N, needs N: it is taken from the locus' allele
// total (n_alleles_at_locus = 2N) or from n_individuals; a table that gives neither has no
// minimum and the caller must supply one. Format: docs/formats/dna_frequency_csv.md.
// Plain values; thread-safe for concurrent reads.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "genome/allele.h"
#include "genome/locus.h"
#include "genome/profile.h"

namespace abis::genome {

struct LocusFrequencies {
  std::vector<std::pair<Allele, double>> alleles;  // ladder order, frequencies in [0, 1]
  std::vector<double> counts;                      // same order; empty when the table has none
  double allele_total = 0;                         // 2N typed at this locus; 0 = unknown

  std::optional<double> frequency(const Allele& allele) const;
  double sum() const;
};

struct FrequencyTable {
  std::string population;
  double n_individuals = 0;  // 0 = not stated
  std::map<LocusId, LocusFrequencies> loci;

  const LocusFrequencies* locus(LocusId id) const;
  // NRC II minimum allele frequency 5/2N at the locus, or nullopt when N is unknown.
  std::optional<double> minimum_frequency(LocusId id) const;
};

struct FrequencyDatabase {
  std::vector<FrequencyTable> populations;
  // What the reader skipped or noticed (unknown loci, unreadable alleles, sums far from 1),
  // with line numbers. Shown to the user: nothing is dropped silently.
  std::vector<std::string> warnings;

  const FrequencyTable* find(std::string_view population) const;
  std::string population_names() const;
};

// Reads a long or wide frequency CSV. `default_population` names the table when the file has no
// population column (wide files, single-population long files).
Result<FrequencyDatabase> parse_frequency_csv(std::string_view text,
                                              std::string_view default_population = "default");

// The long format with every column: population,n_individuals,locus,allele,count,
// n_alleles_at_locus,frequency. Unknown counts and totals are left empty; frequencies are
// written with 10 significant digits.
std::string format_frequency_csv(const FrequencyDatabase& database);

// Allele counts and frequencies from profiles (one population). Each typed single-source locus
// adds its two alleles (a homozygote counts its allele twice); loci with more than two alleles
// (tri-allelic, mixtures) are left out and reported in `notes`.
FrequencyTable compute_frequency_table(std::span<const Profile> profiles, std::string population,
                                       std::vector<std::string>* notes = nullptr);

}  // namespace abis::genome
