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

std::filesystem::path data_dir() {
  const char* env = std::getenv("ABIS_TEST_DATA");
  return std::filesystem::path(env && *env ? env : ABIS_TEST_DATA_DEFAULT) / "fingerprints" / "fvc2002-db1_b";
}

const std::vector<image::GrayImage>& images() {
  static const std::vector<image::GrayImage> all = [] {
    std::vector<image::GrayImage> out;
    for (int finger = 101; finger <= 110; ++finger) {
      for (int impression = 1; impression <= 8; impression += 3) {
        auto bytes = core::read_file(data_dir() / (std::to_string(finger) + "_" + std::to_string(impression) + ".tif"));
        if (!bytes.is_ok()) continue;
        auto img = image::decode_image(*bytes);
        if (!img.is_ok()) continue;
        img->ppi = 500;
        out.push_back(std::move(*img));
      }
    }
    return out;
  }();
  return all;
}

const std::vector<dactyl::Template>& templates() {
  static const std::vector<dactyl::Template> all = [] {
    std::vector<dactyl::Template> out;
    for (const auto& img : images()) {
      auto tpl = dactyl::extract_template(img);
      if (tpl.is_ok()) out.push_back(std::move(*tpl));
    }
    return out;
  }();
  return all;
}

void BM_Extract(benchmark::State& state) {
  const auto& imgs = images();
  if (imgs.empty()) return state.SkipWithError("FVC2002 DB1_B not found (set ABIS_TEST_DATA)");
  std::size_t i = 0;
  for (auto _ : state) {
    auto tpl = dactyl::extract_template(imgs[i++ % imgs.size()]);
    benchmark::DoNotOptimize(tpl);
  }
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

void BM_Prepare(benchmark::State& state) {
  const auto& tpls = templates();
  if (tpls.empty()) return state.SkipWithError("no templates");
  std::size_t i = 0;
  for (auto _ : state) {
    auto p = dactyl::prepare_template(tpls[i++ % tpls.size()]);
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_Prepare)->Unit(benchmark::kMicrosecond);

void BM_Compare(benchmark::State& state) {
  const auto& tpls = templates();
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
BENCHMARK(BM_Compare)->Unit(benchmark::kMicrosecond);

}  // namespace
