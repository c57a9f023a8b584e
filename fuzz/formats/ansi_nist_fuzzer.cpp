// libFuzzer target for the ANSI/NIST-ITL reader, validator, image decoding and writer: any input
// gives a transaction or a Status, never a crash, a leak or a read past the input; what was read
// must write and read back to the same records.
// Run:  make fuzz && ./build-fuzz/fuzz/formats/ansi_nist_fuzzer fuzz/corpus/ansi_nist
#include <cstddef>
#include <cstdint>
#include <span>

#include "formats/ansi_nist.h"
#include "formats/ansi_nist_images.h"
#include "formats/ansi_nist_validate.h"

namespace an = abis::formats::ansi_nist;

namespace {
// Images claiming more pixels are only described, not decoded: a ten-byte header can claim a
// gigapixel and the fuzzer would spend its time allocating.
constexpr long long kFuzzMaxPixels = 1 << 22;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> input(data, size);
  auto read = an::read_transaction(input);
  if (!read.is_ok()) return 0;
  const an::Transaction& tx = read->transaction;
  an::ValidationOptions options;
  options.decode_images = false;
  (void)an::validate_transaction(tx, options);
  for (std::size_t i = 0; i < tx.records.size(); ++i) {
    auto info = an::describe_image(tx, i);
    if (!info || static_cast<long long>(info->width) * info->height > kFuzzMaxPixels) continue;
    (void)an::decode_record_image(tx, i);
  }
  auto written = an::write_transaction(tx);
  if (!written.is_ok()) return 0;  // e.g. a binary-record field out of range, a GS inside a value
  auto again = an::read_transaction(*written);
  if (!again.is_ok() || !an::same_content(tx, again->transaction)) __builtin_trap();
  return 0;
}
