// Helpers for the genome tests: terse profile construction.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "genome/profile.h"

namespace abis::genome::test_util {

// make_profile("id", {{"TH01", {"9.3", "6"}}, {"vWA", {"16"}}})
inline Profile make_profile(std::string id,
                            std::initializer_list<std::pair<const char*, std::vector<std::string>>> loci) {
  ProfileBuilder b(std::move(id));
  for (const auto& [locus, alleles] : loci) {
    Status s = b.add_locus(locus, alleles);
    EXPECT_TRUE(s.is_ok()) << s.message();
  }
  return *std::move(b).build();
}

inline Genotype g(std::initializer_list<const char*> alleles) {
  std::vector<Allele> v;
  for (const char* a : alleles) v.push_back(*Allele::parse(a));
  return *Genotype::of(v);
}

}  // namespace abis::genome::test_util
