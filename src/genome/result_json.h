// JSON renderings of the engine's results, shared by the CLI (`abis dna ... --json`) and the
// HTTP API so that both speak the same shapes (documented in docs/formats/dna_results.md).
// Each function returns one line of JSON. Thread-safe.
#pragma once

#include <functional>
#include <string>

#include "genome/kinship.h"
#include "genome/match_statistics.h"
#include "genome/relatives_search.h"
#include "genome/search.h"
#include "genome/ystr.h"

namespace abis::genome {

// Names a stored profile for output from its search key (the store's id, a file's row...).
using KeyName = std::function<std::string(std::uint64_t)>;

// {"target": id, "stringency": .., "min_compared_loci": .., "max_mismatches": ..,
//  "profiles_searched": .., "total_hits": .., "truncated": .., "hits": [{"id", "category",
//  "compared", "mismatches", "loci": {"TH01": "high", ...}}]}
std::string search_result_json(const Profile& target, const SearchRequest& request,
                               const SearchResult& result, const KeyName& name);

// {"population", "theta", "rmp": {"hwe", "nrc41", "nrc410"}, "inverse": {...},
//  "loci_used", "loci": [{"locus", "genotype", "used", "p", "q", "hwe", "nrc41", "nrc410",
//  "notes"}], "notes": [...]}
std::string statistics_json(const MatchStatistics& stats);

// {"relation", "combined_index", "log10_combined_index", "inconsistent_loci",
//  "loci": [{"locus", "index", "inconsistent"}], "notes"}
std::string kinship_json(const KinshipResult& result);

// {"candidates_scored", "ranked": [{"id", "relationship", "hypothesis", "combined_index",
//  "loci_compared", "inconsistent_loci"}], "notes"}
std::string relatives_json(const RelativesSearchResult& result, const KeyName& name);

// {"haplotypes_searched", "exact_matches", "hits": [{"id", "compared", "differences",
//  "differing": [...]}]}
std::string paternal_json(const PaternalSearchResult& result, const KeyName& name);

}  // namespace abis::genome
