// Small text helpers shared by the genomic parsers. Pure functions; thread-safe.
#pragma once

#include <string_view>

namespace abis::genome {

// Without leading blanks and tabs, and without trailing blanks, tabs and carriage returns.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace abis::genome
