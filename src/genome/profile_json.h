// The JSON form of a profile (docs/formats/dna_profile.md):
//   {"id": "GT37019", "category": "convicted_offender", "kit": "GlobalFiler",
//    "loci": {"CSF1PO": ["11", "12"], "TH01": ["9.3", "9.3"], "AMEL": ["X", "Y"],
//             "DYS391": ["10"]},
//    "triallelic": ["TPOX"], "ystr": {"DYS19": ["14"], "DYS385": ["11", "14"]}}
// Alleles are strings (numbers are accepted and read by their decimal text, so 9.3 stays 9.3).
// Y markers and amelogenin may appear in "loci" (as kits report them) or "ystr"; they are put in
// their place either way. Unknown fields are refused so that a misspelt key is not ignored.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "genome/profile.h"

namespace abis::genome {

// One profile object.
Result<Profile> parse_profile_json(std::string_view text);
// A JSON array of profiles, a single object, or JSON lines (one object per line).
Result<std::vector<Profile>> parse_profiles_json(std::string_view text);

// One line of JSON, keys in a fixed order, loci by canonical name in locus-table order.
std::string profile_to_json(const Profile& profile);

}  // namespace abis::genome
