// libFuzzer target for the gallery file loader: any bytes into decode_gallery(); a file that loads
// must re-encode to the same bytes, fill a gallery and be searchable.
//   build-fuzz/fuzz/dactyl/gallery_fuzzer fuzz/corpus/gallery -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "dactyl/search/gallery_file.h"
#include "dactyl/search/searcher.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace abis::dactyl::search;
  auto segments = decode_gallery(std::span(data, size), 1);
  if (!segments.is_ok()) return 0;
  Gallery gallery;
  if (!gallery.add_segments(std::move(*segments)).is_ok()) return 0;  // duplicate keys: refused
  const auto snap = gallery.snapshot();
  const auto again = encode_gallery(*snap);
  // Descriptors of another definition are recomputed on load, so only same-version files round-trip.
  if (size >= 8 && data[6] == (kDescriptorVersion & 0xff) && data[7] == (kDescriptorVersion >> 8) &&
      (again.size() != size || !std::equal(again.begin(), again.end(), data)))
    std::abort();
  if (snap->live_fingers > 0 && snap->live_fingers < 64) {
    const auto& seg = *snap->segments[0].data;
    const ProbeFinger probe[1] = {{seg.finger_template(0), 0}};
    SearchOptions options;
    options.threads = 1;
    options.shortlist = 4;
    if (!search(*snap, probe, options).is_ok()) std::abort();
  }
  return 0;
}
