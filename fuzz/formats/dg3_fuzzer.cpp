// libFuzzer target for the ICAO DG3 reader (BER-TLV, CBEFF headers, ISO/IEC 19794-4 blocks).
// Run:  make fuzz && ./build-fuzz/fuzz/formats/dg3_fuzzer fuzz/corpus/dg3
#include <cstddef>
#include <cstdint>
#include <span>

#include "formats/icao_dg3.h"

namespace f = abis::formats;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> input(data, size);
  (void)f::parse_tlv(input);
  auto dg3 = f::read_dg3(input);
  if (!dg3.is_ok()) return 0;
  for (const auto& t : dg3->templates) {
    for (std::size_t i = 0; i < t.record.images.size(); ++i) {
      if (static_cast<long long>(t.record.images[i].width) * t.record.images[i].height > (1 << 22)) continue;
      (void)f::decode_finger_image(t.record, i);
    }
  }
  return 0;
}
