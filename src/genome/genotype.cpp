#include "genome/genotype.h"

#include <algorithm>

namespace abis::genome {

bool Genotype::insert(const Allele& allele) {
  Allele* first = alleles_.data();
  Allele* last = first + count_;
  Allele* at = std::lower_bound(first, last, allele);
  if (at != last && *at == allele) return true;
  if (count_ == alleles_.size()) return false;
  std::move_backward(at, last, last + 1);
  *at = allele;
  ++count_;
  return true;
}

Result<Genotype> Genotype::of(std::span<const Allele> alleles) {
  Genotype g;
  for (const Allele& a : alleles)
    if (!g.insert(a))
      return invalid_argument("more than " + std::to_string(params::kMaxAllelesPerLocus) +
                              " distinct alleles at one locus");
  return g;
}

Genotype Genotype::of_unchecked(std::initializer_list<Allele> alleles) {
  Genotype g;
  for (const Allele& a : alleles) g.insert(a);
  return g;
}

bool Genotype::contains(const Allele& allele) const {
  return std::binary_search(begin(), end(), allele);
}

bool Genotype::is_subset_of(const Genotype& other) const {
  return std::includes(other.begin(), other.end(), begin(), end());
}

std::size_t Genotype::shared_with(const Genotype& other) const {
  std::size_t shared = 0;
  const Allele *a = begin(), *b = other.begin();
  while (a != end() && b != other.end()) {
    if (*a == *b) {
      ++shared;
      ++a;
      ++b;
    } else if (*a < *b) {
      ++a;
    } else {
      ++b;
    }
  }
  return shared;
}

std::string Genotype::to_string() const {
  std::string out;
  for (std::size_t i = 0; i < count_; ++i) {
    if (i) out += ',';
    out += alleles_[i].to_string();
  }
  return out;
}

std::uint64_t Genotype::hash() const {
  // FNV-1a over the packed alleles.
  std::uint64_t h = 1469598103934665603ull ^ count_;
  for (std::size_t i = 0; i < count_; ++i) {
    h ^= alleles_[i].packed();
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace abis::genome
