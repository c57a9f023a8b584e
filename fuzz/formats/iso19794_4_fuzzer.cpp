// libFuzzer target for the ISO/IEC 19794-4 finger image record reader, writer and image decoding.
// Run:  make fuzz && ./build-fuzz/fuzz/formats/iso19794_4_fuzzer fuzz/corpus/iso19794_4
#include <cstddef>
#include <cstdint>
#include <span>

#include "formats/iso19794_4.h"

namespace f = abis::formats;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto rec = f::read_finger_image_record(std::span<const std::uint8_t>(data, size));
  if (!rec.is_ok()) return 0;
  for (std::size_t i = 0; i < rec->images.size(); ++i) {
    if (static_cast<long long>(rec->images[i].width) * rec->images[i].height > (1 << 22)) continue;
    (void)f::decode_finger_image(*rec, i);
  }
  auto written = f::write_finger_image_record(*rec);
  if (!written.is_ok()) __builtin_trap();
  auto again = f::read_finger_image_record(*written);
  if (!again.is_ok() || again->images.size() != rec->images.size()) __builtin_trap();
  for (std::size_t i = 0; i < rec->images.size(); ++i) {
    if (again->images[i].data != rec->images[i].data) __builtin_trap();
  }
  return 0;
}
