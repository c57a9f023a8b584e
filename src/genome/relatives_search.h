// Ranked kinship search: a missing person's case (unidentified remains, an unidentified living
// person) against the relatives' index, or a new relative against the unidentified indexes.
//
// Each candidate is scored with the kinship index of its stated relationship (mother, father,
// child -> parent-child; sibling -> full siblings); when the relationship is "other" or not
// known, every hypothesis is computed and the largest is reported with its name. Spouses are not
// blood relatives and are not scored (their profile helps only to read a child's paternal
// alleles). Candidates are ranked by combined index, largest first.
// The relatives' index is small (thousands), so the scan is exhaustive.
// Pure function; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/status.h"
#include "genome/categories.h"
#include "genome/frequency_table.h"
#include "genome/kinship.h"
#include "genome/profile.h"

namespace abis::genome {

struct KinshipCandidate {
  std::uint64_t key = 0;
  const Profile* profile = nullptr;              // not owned; outlives the call
  std::optional<Relationship> relationship;      // the candidate's stated relationship
};

struct RankedRelative {
  std::uint64_t key = 0;
  std::optional<Relationship> relationship;
  Kinship hypothesis = Kinship::kParentChild;  // the relation the index was computed for
  double combined_index = 0;
  int loci_compared = 0;
  int inconsistent_loci = 0;
};

struct RelativesSearchOptions {
  KinshipOptions kinship;
  int min_loci = 8;             // candidates sharing fewer typed loci are not ranked
  double min_index = 1.0;       // candidates below this combined index are not listed
  std::size_t max_results = 50;
};

struct RelativesSearchResult {
  std::vector<RankedRelative> ranked;
  std::size_t candidates_scored = 0;
  std::vector<std::string> notes;
};

Result<RelativesSearchResult> rank_relatives(const Profile& target,
                                             std::span<const KinshipCandidate> candidates,
                                             const FrequencyTable& table,
                                             const RelativesSearchOptions& options);

}  // namespace abis::genome
