// Extraction and comparison speed on FVC2002 DB1_B (one thread).
//   build/bench/dactyl/dactyl_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/file_io.h"
#include "dactyl/extract/extractor.h"
#include "dactyl/match/matcher.h"
#include "image/codecs.h"

namespace {

using namespace abis;

// The four FVC2002 B sets (DB2's scanner is 569 ppi); the benchmarks take the database number
// as their argument, so that the denser templates of some sensors are timed too.
constexpr int kDatabases = 4;

std::filesystem::path data_dir(int db) {
  const char* env = std::getenv("ABIS_TEST_DATA");
  return std::filesystem::path(env && *env ? env : ABIS_TEST_DATA_DEFAULT) / "fingerprints" /
         ("fvc2002-db" + std::to_string(db) + "_b");
}

int ppi_of(int db) { return db == 2 ? 569 : 500; }

// Thirty prints of each database: impressions 1, 4 and 7 of its ten fingers.
const std::vector<image::GrayImage>& images(int db) {
  static std::vector<image::GrayImage> all[kDatabases + 1];
  static bool loaded[kDatabases + 1] = {};
  if (!loaded[db]) {
    loaded[db] = true;
    for (int finger = 101; finger <= 110; ++finger) {
      for (int impression = 1; impression <= 8; impression += 3) {
        auto bytes =
            core::read_file(data_dir(db) / (std::to_string(finger) + "_" + std::to_string(impression) + ".tif"));
        if (!bytes.is_ok()) continue;
        auto img = image::decode_image(*bytes);
        if (!img.is_ok()) continue;
        img->ppi = ppi_of(db);
        all[db].push_back(std::move(*img));
      }
    }
  }
  return all[db];
}

const std::vector<dactyl::Template>& templates(int db) {
  static std::vector<dactyl::Template> all[kDatabases + 1];
  static bool extracted[kDatabases + 1] = {};
  if (!extracted[db]) {
    extracted[db] = true;
    for (const auto& img : images(db)) {
      auto tpl = dactyl::extract_template(img);
      if (tpl.is_ok()) all[db].push_back(std::move(*tpl));
    }
  }
  return all[db];
}

void BM_Extract(benchmark::State& state) {
  const auto& imgs = images(static_cast<int>(state.range(0)));
  if (imgs.empty()) return state.SkipWithError("FVC2002 B set not found (set ABIS_TEST_DATA)");
  std::size_t i = 0;
  for (auto _ : state) {
    auto tpl = dactyl::extract_template(imgs[i++ % imgs.size()]);
    benchmark::DoNotOptimize(tpl);
  }
}
BENCHMARK(BM_Extract)->DenseRange(1, kDatabases)->Unit(benchmark::kMillisecond);

void BM_Prepare(benchmark::State& state) {
  const auto& tpls = templates(static_cast<int>(state.range(0)));
  if (tpls.empty()) return state.SkipWithError("no templates");
  std::size_t i = 0;
  for (auto _ : state) {
    auto p = dactyl::prepare_template(tpls[i++ % tpls.size()]);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_Prepare)->DenseRange(1, kDatabases)->Unit(benchmark::kMicrosecond);

// Every ordered pair of the database's thirty prints in turn (mostly impostor pairs, as in a
// search).
void BM_Compare(benchmark::State& state) {
  const auto& tpls = templates(static_cast<int>(state.range(0)));
  if (tpls.size() < 2) return state.SkipWithError("no templates");
  std::vector<dactyl::PreparedTemplate> prepared;
  for (const auto& t : tpls) prepared.push_back(dactyl::prepare_template(t));
  std::size_t i = 0, j = 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize(dactyl::compare(prepared[i], prepared[j]));
    if (++j == prepared.size()) {
      j = 0;
      i = (i + 1) % prepared.size();
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Compare)->DenseRange(1, kDatabases)->Unit(benchmark::kMicrosecond);

}  // namespace
