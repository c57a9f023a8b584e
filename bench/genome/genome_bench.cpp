// Benchmarks of the genomic engine: indexed and brute-force search, locus classification,
// statistics, kinship and the parsers. Reference databases are synthetic 20-locus profiles drawn
// from the NIST 1036 "All" frequencies (shared data; $ABIS_TEST_DATA).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>

#include "core/file_io.h"
#include "genome/kinship.h"
#include "genome/kits.h"
#include "genome/match_statistics.h"
#include "genome/profile_csv.h"
#include "genome/profile_json.h"
#include "genome/search.h"
#include "genome/search_index.h"
#include "genome/synthetic.h"

namespace {

using namespace abis::genome;
namespace fs = std::filesystem;

fs::path data_dir() {
  const char* env = std::getenv("ABIS_TEST_DATA");
  return fs::path(env && *env ? env : ABIS_TEST_DATA_DEFAULT);
}

const FrequencyTable* nist_all() {
  static std::unique_ptr<FrequencyTable> table = [] {
    auto text = abis::core::read_text_file(data_dir() / "dna/nist1036/nist1036_allele_freqs_long.csv");
    if (!text) return std::unique_ptr<FrequencyTable>();
    auto db = parse_frequency_csv(*text);
    if (!db || !db->find("All")) return std::unique_ptr<FrequencyTable>();
    return std::make_unique<FrequencyTable>(*db->find("All"));
  }();
  return table.get();
}

// Indexes (and the same profiles for brute force) built once per size.
struct Database {
  SearchIndex index;
  std::vector<IndexedProfile> profiles;
  std::vector<Profile> queries;
};

const Database* database(std::size_t n, bool keep_profiles) {
  static std::map<std::pair<std::size_t, bool>, std::unique_ptr<Database>> cache;
  auto& slot = cache[{n, keep_profiles}];
  if (slot) return slot.get();
  if (!nist_all()) return nullptr;
  auto db = std::make_unique<Database>();
  auto gen = *SyntheticProfileGenerator::create(*nist_all(), codis_core_loci(), 1);
  db->index.reserve(n, codis_core_loci());
  Profile p;
  for (std::size_t i = 0; i < n; ++i) {
    gen.next(p);
    (void)db->index.add(i, IndexCategory::kConvictedOffender, p);
    if (keep_profiles) db->profiles.push_back({i, IndexCategory::kConvictedOffender, p});
  }
  for (int q = 0; q < 16; ++q)
    db->queries.push_back(q % 2 ? gen.next() : *db->index.stored_profile(std::size_t(q) * 7919 % n));
  slot = std::move(db);
  return slot.get();
}

void BM_IndexSearch(benchmark::State& state) {
  const Database* db = database(static_cast<std::size_t>(state.range(0)), false);
  if (!db) return state.SkipWithError("NIST 1036 frequencies not found (set ABIS_TEST_DATA)");
  SearchRequest request;
  request.criteria.stringency = static_cast<Stringency>(state.range(1));
  int threads = static_cast<int>(state.range(2));
  std::size_t q = 0;
  for (auto _ : state) {
    auto r = db->index.search(db->queries[q++ % db->queries.size()], request, threads);
    benchmark::DoNotOptimize(r);
  }
  state.counters["bytes_per_profile"] = double(db->index.memory_bytes()) / double(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_IndexSearch)
    ->ArgNames({"profiles", "stringency", "threads"})
    ->Args({100'000, 1, 1})
    ->Args({1'000'000, 0, 1})
    ->Args({1'000'000, 1, 1})
    ->Args({1'000'000, 2, 1})
    ->Args({1'000'000, 1, 2})
    ->Unit(benchmark::kMillisecond);

void BM_BruteForceSearch(benchmark::State& state) {
  const Database* db = database(static_cast<std::size_t>(state.range(0)), true);
  if (!db) return state.SkipWithError("NIST 1036 frequencies not found (set ABIS_TEST_DATA)");
  SearchRequest request;
  std::size_t q = 0;
  for (auto _ : state) {
    auto r = brute_force_search(db->queries[q++ % db->queries.size()], db->profiles, request);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BruteForceSearch)->ArgNames({"profiles"})->Arg(100'000)->Unit(benchmark::kMillisecond);

void BM_RandomMatchProbability(benchmark::State& state) {
  if (!nist_all()) return state.SkipWithError("NIST 1036 frequencies not found");
  auto gen = *SyntheticProfileGenerator::create(*nist_all(), codis_core_loci(), 3);
  Profile p = gen.next();
  for (auto _ : state) benchmark::DoNotOptimize(random_match_probability(p, *nist_all(), {}));
}
BENCHMARK(BM_RandomMatchProbability);

void BM_KinshipIndex(benchmark::State& state) {
  if (!nist_all()) return state.SkipWithError("NIST 1036 frequencies not found");
  auto gen = *SyntheticProfileGenerator::create(*nist_all(), codis_core_loci(), 4);
  Profile a = gen.next(), b = gen.next();
  for (auto _ : state)
    benchmark::DoNotOptimize(kinship_index(a, b, Kinship::kFullSibling, *nist_all(), {}));
}
BENCHMARK(BM_KinshipIndex);

void BM_ParseProfileJson(benchmark::State& state) {
  std::string text =
      R"({"id":"S1","kit":"GlobalFiler","loci":{"CSF1PO":["11","12"],"D10S1248":["14","14"],)"
      R"("D12S391":["17","21"],"D13S317":["11","12"],"D16S539":["11","11"],"D18S51":["17","18"],)"
      R"("D19S433":["14","14"],"D1S1656":["12","16.3"],"D21S11":["28","30"],"D22S1045":["11","15"],)"
      R"("D2S1338":["16","17"],"D2S441":["11","12"],"D3S1358":["16","16"],"D5S818":["11","12"],)"
      R"("D7S820":["10","11"],"D8S1179":["14","15"],"FGA":["23","24"],"TH01":["6","7"],)"
      R"("TPOX":["8","9"],"vWA":["17","17"],"AMEL":["X","Y"]}})";
  for (auto _ : state) benchmark::DoNotOptimize(parse_profile_json(text));
}
BENCHMARK(BM_ParseProfileJson);

void BM_ParseNist1036Csv(benchmark::State& state) {
  auto text = abis::core::read_text_file(data_dir() / "dna/nist1036/nist1036_genotypes_wide.csv");
  if (!text) return state.SkipWithError("NIST 1036 genotypes not found");
  for (auto _ : state) benchmark::DoNotOptimize(parse_profiles_csv(*text));
  state.SetItemsProcessed(state.iterations() * 1036);
}
BENCHMARK(BM_ParseNist1036Csv)->Unit(benchmark::kMillisecond);

}  // namespace
