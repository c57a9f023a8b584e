// Genotype: the set of alleles typed at one locus of one profile.
//
// Kept as a sorted set of distinct alleles, inline (no heap), so that {11, 12} and {12, 11} are
// the same value and a homozygote 11,11 is the one-allele set {11}: CODIS compares allele sets.
// How many alleles a locus may hold depends on the index and the locus (profile_rules.h); the
// hard ceiling here is params::kMaxAllelesPerLocus. A plain value; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/status.h"
#include "genome/allele.h"
#include "genome/parameters.h"

namespace abis::genome {

class Genotype {
 public:
  Genotype() = default;

  // The set of the given alleles (duplicates fold). Refuses more than kMaxAllelesPerLocus
  // distinct alleles.
  static Result<Genotype> of(std::span<const Allele> alleles);
  // For code that already holds at most kMaxAllelesPerLocus alleles (tests, generators).
  static Genotype of_unchecked(std::initializer_list<Allele> alleles);

  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  bool is_homozygous() const { return count_ == 1; }
  const Allele& operator[](std::size_t i) const { return alleles_[i]; }
  const Allele* begin() const { return alleles_.data(); }
  const Allele* end() const { return alleles_.data() + count_; }
  bool contains(const Allele& allele) const;

  // True when every allele of this genotype is also in `other`.
  bool is_subset_of(const Genotype& other) const;
  // Number of alleles present in both.
  std::size_t shared_with(const Genotype& other) const;

  // "9.3,10" (comma-separated, ladder order).
  std::string to_string() const;
  std::uint64_t hash() const;

  friend bool operator==(const Genotype& a, const Genotype& b) {
    if (a.count_ != b.count_) return false;
    for (std::size_t i = 0; i < a.count_; ++i)
      if (!(a.alleles_[i] == b.alleles_[i])) return false;
    return true;
  }

 private:
  // Inserts keeping order; false when full.
  bool insert(const Allele& allele);

  std::array<Allele, params::kMaxAllelesPerLocus> alleles_{};
  std::uint8_t count_ = 0;
};

struct GenotypeHash {
  std::size_t operator()(const Genotype& g) const { return static_cast<std::size_t>(g.hash()); }
};

}  // namespace abis::genome
