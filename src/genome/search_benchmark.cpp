#include "genome/search_benchmark.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <sys/resource.h>
#include <string>
#include <thread>

#include "genome/kits.h"
#include "genome/search_index.h"
#include "genome/synthetic.h"

namespace abis::genome {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t at = static_cast<std::size_t>(q * double(v.size() - 1) + 0.5);
  return v[std::min(at, v.size() - 1)];
}

double process_cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto ms = [](const timeval& t) { return double(t.tv_sec) * 1e3 + double(t.tv_usec) / 1e3; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

}  // namespace

std::size_t resident_set_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

Result<SearchBenchmarkReport> run_search_benchmark(const SearchBenchmarkOptions& options) {
  if (options.table == nullptr) return invalid_argument("bench-search needs a frequency table");
  if (options.profiles == 0) return invalid_argument("bench-search needs at least one profile");
  if (options.profiles >= 0xFFFFFFFFull) return too_large("at most 2^32 - 1 profiles");
  std::vector<LocusId> loci = options.loci;
  if (loci.empty()) loci.assign(codis_core_loci().begin(), codis_core_loci().end());
  ABIS_ASSIGN_OR_RETURN(SyntheticProfileGenerator gen,
                        SyntheticProfileGenerator::create(*options.table, loci, options.seed));

  SearchBenchmarkReport report;
  report.profiles = options.profiles;
  report.loci = loci.size();
  report.queries = options.queries;
  report.threads = options.threads > 0 ? options.threads
                                       : static_cast<int>(std::thread::hardware_concurrency());

  const std::size_t rss_before = resident_set_bytes();
  auto build_start = Clock::now();
  SearchIndex index;
  index.reserve(options.profiles, loci);
  Profile p;
  for (std::size_t i = 0; i < options.profiles; ++i) {
    gen.next(p);
    ABIS_RETURN_IF_ERROR(index.add(i, IndexCategory::kConvictedOffender, p));
  }
  report.build_seconds = ms_since(build_start) / 1000.0;
  const std::size_t rss_after = resident_set_bytes();
  report.bytes_per_profile = double(index.memory_bytes()) / double(options.profiles);
  if (rss_before && rss_after > rss_before)
    report.rss_bytes_per_profile = double(rss_after - rss_before) / double(options.profiles);

  SearchRequest request;
  request.criteria = options.criteria;
  request.categories = direct_search_mask(IndexCategory::kForensicUnknown);
  std::mt19937_64 pick(options.seed ^ 0x9E3779B97F4A7C15ull);
  std::vector<double> cpu_ms;
  for (std::size_t q = 0; q < options.queries; ++q) {
    Profile target;
    std::uint64_t planted_key = 0;
    bool planted = q % 2 == 0;
    if (planted) {
      planted_key = std::uniform_int_distribution<std::uint64_t>(0, options.profiles - 1)(pick);
      target = *index.stored_profile(planted_key);
    } else {
      target = gen.next();
    }
    target.id = "query-" + std::to_string(q);
    const double cpu_start = process_cpu_ms();
    auto start = Clock::now();
    ABIS_ASSIGN_OR_RETURN(SearchResult result, index.search(target, request, report.threads));
    report.search_ms.push_back(ms_since(start));
    cpu_ms.push_back(process_cpu_ms() - cpu_start);
    report.total_hits += result.total_hits;
    if (planted) {
      ++report.planted;
      for (const SearchHit& hit : result.hits)
        if (hit.key == planted_key) {
          ++report.planted_found;
          break;
        }
    }
  }
  report.search_ms_median = percentile(report.search_ms, 0.5);
  report.search_ms_p90 = percentile(report.search_ms, 0.9);
  report.search_cpu_ms_median = percentile(cpu_ms, 0.5);
  report.search_ms_max = report.search_ms.empty()
                             ? 0
                             : *std::max_element(report.search_ms.begin(), report.search_ms.end());
  return report;
}

}  // namespace abis::genome
