// libFuzzer target for the genomic parsers: allele designations, profile JSON, profile CSV (wide
// and long), frequency CSV (long and wide), Type-18 records of ANSI/NIST transactions. The first byte picks the parser. Beyond "never
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
#include "genome/profile_nist.h"

using namespace abis::genome;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (selector % 6) {
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
    case 5: {
      // A profile read from a transaction is written back and must read back the same.
      auto read = read_profiles_ansi_nist(text, AnsiNistLocusNumbers::builtin());
      if (read.is_ok()) {
        for (const Profile& p : read->profiles) {
          // An id holding separators cannot survive as one item; the reader already split it.
          if (p.id.find_first_of("\x1c\x1d\x1e\x1f") != std::string::npos) continue;
          auto written = write_profile_ansi_nist(p, AnsiNistLocusNumbers::builtin(),
                                                 {.type18 = {.skip_unnumbered = true}});
          if (!written.is_ok()) continue;  // e.g. an id the Type-18 text cannot hold
          std::string bytes(written->bytes.begin(), written->bytes.end());
          auto back = read_profiles_ansi_nist(bytes, AnsiNistLocusNumbers::builtin());
          if (!back.is_ok() || back->profiles.size() != 1 ||
              profile_to_json(back->profiles[0]) != profile_to_json(p))
            std::abort();
        }
      }
      break;
    }
  }
  return 0;
}
