// libFuzzer target for the genomic parsers: allele designations, profile JSON, profile CSV (wide
// and long), frequency CSV (long and wide). The first byte picks the parser. Beyond "never
// crash, never read past the input", it checks the round trips the formats promise:
// a parsed allele prints and re-parses to itself; a parsed JSON profile prints to JSON that
// parses back to the same text; a parsed frequency table prints to CSV that parses back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "genome/allele.h"
#include "genome/frequency_table.h"
#include "genome/profile_csv.h"
#include "genome/profile_json.h"

using namespace abis::genome;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (selector % 5) {
    case 0: {
      auto a = Allele::parse(text);
      if (a.is_ok()) {
        auto b = Allele::parse(a->to_string());
        if (!b.is_ok() || !(*b == *a)) std::abort();
      }
      break;
    }
    case 1: {
      auto p = parse_profile_json(text);
      if (p.is_ok()) {
        std::string once = profile_to_json(*p);
        auto q = parse_profile_json(once);
        if (!q.is_ok() || profile_to_json(*q) != once) std::abort();
      }
      break;
    }
    case 2: {
      (void)parse_profiles_json(text);
      break;
    }
    case 3: {
      (void)parse_profiles_csv(text, {selector >= 128});
      break;
    }
    case 4: {
      auto db = parse_frequency_csv(text);
      if (db.is_ok()) {
        auto again = parse_frequency_csv(format_frequency_csv(*db));
        if (!again.is_ok()) std::abort();
      }
      break;
    }
  }
  return 0;
}
