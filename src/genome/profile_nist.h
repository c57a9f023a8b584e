// Profiles in ANSI/NIST-ITL transactions (issue 6, exchange): every Type-18 DNA record of a
// transaction read as a profile, and a transaction written for a profile. The transaction layer
// (separators, LEN, CNT) is src/formats; the meaning of the Type-18 fields is type18.h.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "genome/profile.h"
#include "genome/type18.h"

namespace abis::genome {

// True when the bytes start like an ANSI/NIST-ITL transaction ("1.001:" or the old "1.01:").
bool looks_like_ansi_nist(std::string_view bytes);

struct NistProfiles {
  std::vector<Profile> profiles;     // one per Type-18 record with an STR profile, in file order
  std::vector<std::string> notes;    // what was read but not taken, naming the record
};

// The profiles of a transaction. A transaction without any Type-18 record is an error; a Type-18
// record that cannot be read is an error naming the record (index in the file) and the field.
Result<NistProfiles> read_profiles_ansi_nist(std::string_view bytes,
                                             const AnsiNistLocusNumbers& numbers);

struct NistExportOptions {
  std::string originating_agency = "ABIS";   // 1.008 ORI
  std::string destination_agency = "ABIS";   // 1.007 DAI
  std::string control_number;                // 1.009 TCN; the profile id when empty
  Type18ExportOptions type18;
};

struct NistExport {
  std::vector<std::uint8_t> bytes;
  std::vector<std::string> notes;
};

// A VER 0502 transaction holding the Type-1 and one Type-18 record for the profile.
Result<NistExport> write_profile_ansi_nist(const Profile& profile,
                                           const AnsiNistLocusNumbers& numbers,
                                           const NistExportOptions& options = {});

}  // namespace abis::genome
