// WSQ decode and encode speed on an 804x752 rolled print (500 ppi), one thread.
// The print is the first WSQ image of NIST's ANSI/NIST-ITL reference file
// type-14-tpcard-nqm.an2 (shared test data), found by its SOI marker so that this benchmark does
// not depend on the ANSI/NIST parser. Run: ./build/bench_image
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/file_io.h"
#include "image/wsq.h"

namespace {

std::filesystem::path data_dir() {
  const char* env = std::getenv("ABIS_TEST_DATA");
  return env ? env : ABIS_TEST_DATA_DEFAULT;
}

// The WSQ stream inside the transaction: from its SOI marker (0xFFA0 followed by a marker).
std::vector<std::uint8_t> rolled_print_wsq() {
  auto file = abis::core::read_file(
      data_dir() / "formats/ansi-nist/nist-character-separated-reference-files/type-14-tpcard-nqm.an2");
  if (!file.is_ok()) return {};
  const std::uint8_t soi[] = {0xFF, 0xA0, 0xFF};
  auto it = std::search(file->begin(), file->end(), std::begin(soi), std::end(soi));
  return std::vector<std::uint8_t>(it, file->end());
}

void BM_WsqDecodeRolled804x752(benchmark::State& state) {
  auto wsq = rolled_print_wsq();
  if (wsq.empty()) {
    state.SkipWithError("shared test data not found (set ABIS_TEST_DATA)");
    return;
  }
  for (auto _ : state) {
    auto image = abis::image::decode_wsq(wsq);
    if (!image.is_ok()) state.SkipWithError(image.status().message().c_str());
    benchmark::DoNotOptimize(image);
  }
  state.SetLabel("804x752");
}
BENCHMARK(BM_WsqDecodeRolled804x752)->Unit(benchmark::kMillisecond);

void BM_WsqEncodeRolled804x752(benchmark::State& state) {
  auto wsq = rolled_print_wsq();
  auto image = abis::image::decode_wsq(wsq);
  if (!image.is_ok()) {
    state.SkipWithError("shared test data not found (set ABIS_TEST_DATA)");
    return;
  }
  abis::image::WsqEncodeOptions options;
  options.bitrate = state.range(0) / 100.0;
  for (auto _ : state) {
    auto encoded = abis::image::encode_wsq(*image, options);
    if (!encoded.is_ok()) state.SkipWithError(encoded.status().message().c_str());
    benchmark::DoNotOptimize(encoded);
  }
  state.SetLabel("804x752 at " + std::to_string(options.bitrate).substr(0, 4) + " bpp");
}
BENCHMARK(BM_WsqEncodeRolled804x752)->Arg(75)->Arg(225)->Unit(benchmark::kMillisecond);

}  // namespace
