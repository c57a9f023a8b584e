// libFuzzer target for the template parsers: any bytes into decode_native(); a template that
// parses must encode back to the same bytes and must be safe to prepare and compare.
//   make fuzz && build-fuzz/fuzz/dactyl/dactyl_template_fuzzer -jobs=1 -workers=1 -max_total_time=60
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "dactyl/match/matcher.h"
#include "dactyl/template/iso_conversion.h"
#include "dactyl/template/native_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace abis::dactyl;
  auto tpl = decode_native(std::span(data, size));
  if (!tpl.is_ok()) return 0;
  auto again = encode_native(*tpl);
  if (!again.is_ok() || again->size() != size || !std::equal(again->begin(), again->end(), data)) std::abort();
  const PreparedTemplate p = prepare_template(*tpl);
  (void)compare(p, p);
  // Through the interchange form and back: the ISO 256-unit angles map one to one.
  auto back = from_minutiae_record(to_minutiae_record(*tpl, abis::formats::MinutiaeStandard::kIso19794_2_2005));
  if (!back.is_ok() || back->minutiae != tpl->minutiae) std::abort();
  return 0;
}
