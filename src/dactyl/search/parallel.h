// Runs tasks 0..count-1 on `threads` threads (the calling one included). Tasks are handed out in
// order from a shared counter; callers make the result independent of which thread ran which task
// (each task writes only its own slot), so results never depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace abis::dactyl::search {

// The number of threads to use for `requested` (0 = every core).
inline int resolve_threads(int requested) {
  if (requested > 0) return requested;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

template <typename Task>
void parallel_for(std::size_t count, int threads, Task&& task) {
  threads = std::max(1, std::min<int>(threads, static_cast<int>(count)));
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) task(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& th : pool) th.join();
}

}  // namespace abis::dactyl::search
