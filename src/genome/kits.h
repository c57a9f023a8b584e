// Kits: the commercial STR multiplexes, as data (name and the markers each one types), and the
// standard marker sets (CODIS 20 core loci, European Standard Set).
//
// A kit tells which loci a complete profile typed with it has, so that an import can refuse a
// locus the kit does not type (a transcription error) and a report can say which loci are
// missing. Constant data; thread-safe.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "genome/locus.h"

namespace abis::genome {

struct Kit {
  std::string_view name;          // canonical name
  std::string_view manufacturer;
  std::vector<LocusId> markers;   // every marker the kit types (autosomal, AMEL, Y)
};

std::span<const Kit> all_kits();
// Finds a kit by name, ignoring case and separators ("globalfiler", "PowerPlex Fusion 6C",
// "Fusion6C", "ESX17").
Result<const Kit*> find_kit(std::string_view name);
bool kit_types(const Kit& kit, LocusId locus);

// The 20 CODIS core loci (since 1 January 2017).
std::span<const LocusId> codis_core_loci();
// The 12 loci of the European Standard Set (ESS, 2009).
std::span<const LocusId> european_standard_set();

}  // namespace abis::genome
