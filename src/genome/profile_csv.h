// Profiles from CSV files, in the two layouts laboratories and data sets use:
// - wide: one row per person, an id column (sample, id, SampleName, specimenId), optionally a
//   population column (pop, population), then <locus>_1, <locus>_2, ... columns (the NIST 1036
//   genotype file, CODIS-style database exports). Empty, "NA" and "NULL" cells are untyped.
// - long: one row per person and locus, GeneMapper/LRmix style: SampleName, Marker, Allele1,
//   Allele2, ... (Height/Size/Dye columns are analysis data and are ignored).
// The layout is recognised from the header. Every error names the line and column.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "genome/profile.h"

namespace abis::genome {

struct CsvImportOptions {
  // false: the first bad row fails the import. true: bad rows are skipped and listed in
  // CsvImport::errors.
  bool skip_bad_rows = false;
};

struct CsvImport {
  std::vector<Profile> profiles;
  std::vector<std::string> errors;  // only with skip_bad_rows
};

Result<CsvImport> parse_profiles_csv(std::string_view text, const CsvImportOptions& options = {});

}  // namespace abis::genome
