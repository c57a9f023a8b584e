// libFuzzer target for the ISO/IEC 19794-2 / ANSI INCITS 378 minutiae record reader and writer:
// any input gives a record or a Status; a record read must write, and read back the same.
// Run:  make fuzz && ./build-fuzz/fuzz/formats/iso19794_2_fuzzer fuzz/corpus/iso19794_2
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "formats/iso19794_2.h"

namespace f = abis::formats;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> warnings;
  auto rec = f::read_minutiae_record(std::span<const std::uint8_t>(data, size), {}, &warnings);
  if (!rec.is_ok()) return 0;
  auto written = f::write_minutiae_record(*rec);
  if (!written.is_ok()) __builtin_trap();  // whatever we read, we can write
  auto again = f::read_minutiae_record(*written, {rec->standard});
  if (!again.is_ok() || again->views.size() != rec->views.size()) __builtin_trap();
  for (std::size_t v = 0; v < rec->views.size(); ++v) {
    const auto& a = rec->views[v];
    const auto& b = again->views[v];
    if (a.minutiae.size() != b.minutiae.size() || a.extended_data != b.extended_data) __builtin_trap();
    for (std::size_t m = 0; m < a.minutiae.size(); ++m) {
      if (a.minutiae[m].x != b.minutiae[m].x || a.minutiae[m].y != b.minutiae[m].y ||
          a.minutiae[m].angle != b.minutiae[m].angle || a.minutiae[m].kind != b.minutiae[m].kind) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
