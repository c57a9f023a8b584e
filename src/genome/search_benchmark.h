// The search benchmark behind `abis dna bench-search`: fills a SearchIndex with synthetic
// profiles drawn from an allele-frequency table, then times searches of single profiles.
// Half of the queries are stored profiles (so the search has something to find and the
// benchmark checks it finds them), half are fresh draws (the common "no hit" case).
// Memory is reported two ways: the index's own accounting and the growth of the process'
// resident set while the index was built. Not thread-safe (one benchmark at a time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "genome/frequency_table.h"
#include "genome/match.h"

namespace abis::genome {

struct SearchBenchmarkOptions {
  std::size_t profiles = 1'000'000;
  std::size_t queries = 21;
  int threads = 0;  // 0: one per hardware thread
  MatchCriteria criteria;
  std::uint64_t seed = 1;
  const FrequencyTable* table = nullptr;  // required
  std::vector<LocusId> loci;              // empty: the 20 CODIS core loci
};

struct SearchBenchmarkReport {
  std::size_t profiles = 0;
  std::size_t loci = 0;
  std::size_t queries = 0;
  int threads = 0;
  double build_seconds = 0;
  std::vector<double> search_ms;  // one per query, in query order
  double search_ms_median = 0;
  double search_ms_p90 = 0;
  double search_ms_max = 0;
  // Processor time of the whole process per search (all threads), median: what a search costs
  // when the machine is shared and wall-clock times are stretched by other work.
  double search_cpu_ms_median = 0;
  double bytes_per_profile = 0;      // SearchIndex::memory_bytes() / profiles
  double rss_bytes_per_profile = 0;  // resident-set growth during the build / profiles
  std::size_t planted = 0;           // queries that were stored profiles
  std::size_t planted_found = 0;     // ... and were found
  std::size_t total_hits = 0;
};

Result<SearchBenchmarkReport> run_search_benchmark(const SearchBenchmarkOptions& options);

// The process' resident set size in bytes (Linux /proc/self/status), 0 when unknown.
std::size_t resident_set_bytes();

}  // namespace abis::genome
