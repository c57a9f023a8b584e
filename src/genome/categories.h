// Registration categories (the indexes of the DNA database) and which index is searched against
// which, as CODIS does it.
//
// A profile is registered in exactly one index. When a profile is searched, only the indexes its
// own index may be compared with are scanned, and the kind of comparison is fixed per pair:
// a direct match (same person) or a kinship comparison (a relative). The table is in
// categories.cpp with the reason for each row. Constant data; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace abis::genome {

enum class IndexCategory : std::uint8_t {
  kConvictedOffender = 1,      // convicted person (linked to the penitentiary record when present)
  kSuspect = 2,                // suspect, known person
  kForensicUnknown = 3,        // crime scene, single source, donor unknown
  kForensicMixture = 4,        // crime scene, mixture of two persons
  kUnidentifiedLiving = 5,     // living person who cannot or will not say who they are
  kUnidentifiedRemains = 6,    // unidentified human remains
  kMissingPerson = 7,          // direct reference of a missing person (belongings, medical sample)
  kMissingPersonRelative = 8,  // biological relative of a missing person (voluntary, consent)
  kElimination = 9,            // staff and others who handle evidence
};
inline constexpr int kIndexCategoryCount = 9;

std::span<const IndexCategory> all_categories();
// Stable snake_case names used in JSON, the CLI and storage: "convicted_offender", ...
std::string_view category_name(IndexCategory category);
// Accepts the names above and common synonyms ("offender", "forensic", "mixture", "staff",
// "uhr", "relative"), case-insensitive.
Result<IndexCategory> parse_category(std::string_view text);

// Mixture index: more than two alleles per locus are expected and allowed.
bool is_mixture_category(IndexCategory category);
// Minimum autosomal loci for a profile to be registered in this index (parameters.h).
int min_loci_for_category(IndexCategory category);

// A relative's relationship to the missing person (Rules: mother, father, child, sibling,
// spouse, other).
enum class Relationship : std::uint8_t {
  kMother = 1,
  kFather = 2,
  kChild = 3,
  kSibling = 4,
  kSpouse = 5,
  kOther = 6,
};
std::string_view relationship_name(Relationship relationship);
Result<Relationship> parse_relationship(std::string_view text);

enum class SearchKind : std::uint8_t {
  kNone = 0,     // never compared (policy: consent, purpose limitation)
  kDirect = 1,   // same-person match at the chosen stringency
  kKinship = 2,  // kinship indices (relatives of missing persons)
};

// How a profile registered in `target` is compared with the profiles of `candidate`.
SearchKind search_kind(IndexCategory target, IndexCategory candidate);

// Bit i set = category with value i. Used to filter rows by index in a search.
using CategoryMask = std::uint16_t;
inline constexpr CategoryMask category_bit(IndexCategory c) {
  return CategoryMask(1u << static_cast<unsigned>(c));
}
// The indexes a profile of `target` is matched against directly.
CategoryMask direct_search_mask(IndexCategory target);
// The indexes a profile of `target` is compared with for kinship.
CategoryMask kinship_search_mask(IndexCategory target);

}  // namespace abis::genome
