// libFuzzer target for JPEG 2000 decoding through OpenJPEG: any input must give an image or a
// Status. Run:  ./build-fuzz/fuzz/image/jpeg2000_fuzzer fuzz/corpus/jpeg2000 -jobs=1 -workers=1
#include <cstddef>
#include <cstdint>
#include <span>

#include "image/jpeg2000.h"

namespace {

// As in wsq_fuzzer: inputs whose SIZ marker claims more pixels than this are skipped, so that the
// fuzzer spends its time on the parser rather than on allocating huge planes.
constexpr std::uint64_t kFuzzMaxPixels = 1u << 22;

bool claims_huge_image(const std::uint8_t* d, std::size_t size) {
  for (std::size_t i = 0; i + 14 <= size; ++i) {
    if (d[i] == 0xFF && d[i + 1] == 0x51) {  // SIZ: Lsiz Rsiz Xsiz Ysiz ...
      auto be32 = [&](std::size_t p) {
        return (std::uint32_t(d[p]) << 24) | (std::uint32_t(d[p + 1]) << 16) |
               (std::uint32_t(d[p + 2]) << 8) | d[p + 3];
      };
      return std::uint64_t(be32(i + 6)) * be32(i + 10) > kFuzzMaxPixels;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (claims_huge_image(data, size)) return 0;
  (void)abis::image::decode_jpeg2000(std::span<const std::uint8_t>(data, size));
  return 0;
}
