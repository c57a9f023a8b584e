// libFuzzer target for the WSQ decoder (and, on what it decodes, the encoder): any input must give
// an image or a Status, never a crash, a leak or a read past the input.
// Run:  make fuzz && ./build-fuzz/fuzz/image/wsq_fuzzer fuzz/corpus/wsq -jobs=1 -workers=1
#include <cstddef>
#include <cstdint>
#include <span>

#include "image/wsq.h"

namespace {

// The decoder accepts images up to kMaxImagePixels; a fuzzer finds ten-byte inputs that claim
// that much and would spend its time and memory allocating it. Larger claims are only parsed.
constexpr std::uint64_t kFuzzMaxPixels = 1u << 22;
// Decoded images up to this size are encoded again and the result decoded: the encoder must
// accept whatever the decoder produces.
constexpr std::uint64_t kFuzzReencodePixels = 1u << 16;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> input(data, size);
  auto info = abis::image::read_wsq_info(input);
  if (!info.is_ok()) {
    (void)abis::image::decode_wsq(input);  // must fail the same way, without a crash
    return 0;
  }
  std::uint64_t pixels = static_cast<std::uint64_t>(info->width) * info->height;
  if (pixels > kFuzzMaxPixels) return 0;
  auto image = abis::image::decode_wsq(input);
  if (!image.is_ok() || pixels > kFuzzReencodePixels) return 0;
  abis::image::WsqEncodeOptions options;
  options.bitrate = 0.75 + (size % 7) * 0.25;
  auto encoded = abis::image::encode_wsq(*image, options);
  if (!encoded.is_ok()) __builtin_trap();  // the encoder refused a valid image
  auto again = abis::image::decode_wsq(*encoded);
  if (!again.is_ok() || again->width != image->width || again->height != image->height) {
    __builtin_trap();  // our own output did not decode
  }
  return 0;
}
