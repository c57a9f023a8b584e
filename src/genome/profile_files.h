// Reading profiles from files by their layout: .json (one object, an array) and .jsonl (JSON
// lines) through profile_json.h, ANSI/NIST-ITL transactions (recognised by their "1.001:" start)
// through profile_nist.h (their Type-18 records), anything else as CSV through profile_csv.h (wide
// or long layout, recognised from the header). File access goes through core/file_io.h (size-limited).
// Thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"
#include "genome/profile.h"
#include "genome/profile_csv.h"

namespace abis::genome {

struct ProfileFileRead {
  std::vector<Profile> profiles;
  std::vector<std::string> errors;  // rows skipped (CSV with skip_bad_rows), Type-18 loci not read
};

Result<ProfileFileRead> read_profiles_file(const std::filesystem::path& path,
                                           const CsvImportOptions& options = {});

// Exactly one profile (the target of a search, a statistics or kinship request).
Result<Profile> read_single_profile(const std::filesystem::path& path);

}  // namespace abis::genome
