// The first stage of 1:N search: descriptors of a synthetic gallery scanned with AND + POPCNT.
// Items per second = gallery fingers per second on one thread.
//   build/bench/dactyl/dactyl_search_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <random>

#include "dactyl/search/gallery.h"
#include "dactyl/search/searcher.h"
#include "dactyl/search/synthetic.h"

namespace {

using namespace abis::dactyl;

// Random seed prints (no shared data needed): the first stage's speed does not depend on them.
std::vector<Template> seeds() {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> x(20, 300), y(20, 400), a(0, 255);
  std::vector<Template> out(16);
  for (auto& t : out) {
    t.width = 320;
    t.height = 420;
    for (int k = 0; k < 40; ++k)
      t.minutiae.push_back({static_cast<std::uint16_t>(x(rng)), static_cast<std::uint16_t>(y(rng)),
                            static_cast<std::uint8_t>(a(rng)), MinutiaType::kEnding, 50});
  }
  return out;
}

struct Fixture {
  search::Gallery gallery;
  std::vector<search::Descriptor> probes;
  Fixture() {
    search::SyntheticOptions o;
    o.fingers = 200000;
    o.probes = 8;
    auto set = search::generate_synthetic(seeds(), o);
    (void)gallery.add_bulk(set.gallery, 0);
    for (const auto& p : set.probes) probes.push_back(search::make_descriptor(p));
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_FastStageOneThread(benchmark::State& state) {
  auto& f = fixture();
  const auto snap = f.gallery.snapshot();
  std::size_t k = 0;
  for (auto _ : state) {
    auto list = search::fast_stage(*snap, f.probes[k++ % f.probes.size()], 0, 200, 1);
    benchmark::DoNotOptimize(list.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * snap->live_fingers));
}
BENCHMARK(BM_FastStageOneThread)->Unit(benchmark::kMillisecond);

}  // namespace
