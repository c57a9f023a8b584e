#include "genome/categories.h"

#include <algorithm>
#include <array>

#include "genome/parameters.h"

namespace abis::genome {
namespace {

constexpr IndexCategory kAll[] = {
    IndexCategory::kConvictedOffender,   IndexCategory::kSuspect,
    IndexCategory::kForensicUnknown,     IndexCategory::kForensicMixture,
    IndexCategory::kUnidentifiedLiving,  IndexCategory::kUnidentifiedRemains,
    IndexCategory::kMissingPerson,       IndexCategory::kMissingPersonRelative,
    IndexCategory::kElimination,
};

struct CategoryName {
  IndexCategory category;
  std::string_view name;
};
constexpr CategoryName kNames[] = {
    {IndexCategory::kConvictedOffender, "convicted_offender"},
    {IndexCategory::kSuspect, "suspect"},
    {IndexCategory::kForensicUnknown, "forensic_unknown"},
    {IndexCategory::kForensicMixture, "forensic_mixture"},
    {IndexCategory::kUnidentifiedLiving, "unidentified_living"},
    {IndexCategory::kUnidentifiedRemains, "unidentified_remains"},
    {IndexCategory::kMissingPerson, "missing_person"},
    {IndexCategory::kMissingPersonRelative, "missing_person_relative"},
    {IndexCategory::kElimination, "elimination"},
};
constexpr CategoryName kSynonyms[] = {
    {IndexCategory::kConvictedOffender, "offender"},
    {IndexCategory::kConvictedOffender, "convicted"},
    {IndexCategory::kForensicUnknown, "forensic"},
    {IndexCategory::kForensicMixture, "mixture"},
    {IndexCategory::kUnidentifiedRemains, "uhr"},
    {IndexCategory::kUnidentifiedRemains, "remains"},
    {IndexCategory::kUnidentifiedLiving, "unidentified_person"},
    {IndexCategory::kMissingPersonRelative, "relative"},
    {IndexCategory::kElimination, "staff"},
};

constexpr std::size_t index_of(IndexCategory c) { return static_cast<std::size_t>(c) - 1; }

// The search table: row = the index of the profile being searched, column = the index scanned.
// Modelled on the NDIS configuration:
// - Crime-scene profiles (unknown, mixture) are searched against every index of known or
//   unidentified persons and against each other (case-to-case links); mixtures are not searched
//   against other mixtures (two mixtures share alleles by chance far too often).
// - Offender and suspect profiles are searched against the crime-scene indexes (the reason they
//   are taken), against each other (duplicates: the same person registered twice) and against
//   unidentified remains and living persons.
// - Unidentified remains and unidentified living persons are searched against everything that
//   could name them, and kinship-compared with the relatives' index.
// - Direct references of missing persons are searched against the unidentified indexes and the
//   crime-scene indexes (a missing person may be a victim).
// - Relatives gave their sample, with written consent, only to find their missing relative: they
//   are kinship-compared with unidentified persons and remains and never searched against the
//   criminal indexes (purpose limitation).
// - Staff elimination profiles are searched only against crime-scene profiles, to detect
//   contamination, and are not searched against the criminal indexes.
using Row = std::array<SearchKind, kIndexCategoryCount>;
constexpr SearchKind N = SearchKind::kNone;
constexpr SearchKind D = SearchKind::kDirect;
constexpr SearchKind R = SearchKind::kKinship;
// Columns: offender, suspect, forensic, mixture, unid_living, unid_remains, missing, relative,
// elimination.
constexpr std::array<Row, kIndexCategoryCount> kTable = {{
    /* convicted_offender      */ {D, D, D, D, D, D, N, N, N},
    /* suspect                 */ {D, D, D, D, D, D, N, N, N},
    /* forensic_unknown        */ {D, D, D, D, D, D, D, N, D},
    /* forensic_mixture        */ {D, D, D, N, D, D, D, N, D},
    /* unidentified_living     */ {D, D, D, D, D, D, D, R, N},
    /* unidentified_remains    */ {D, D, D, D, D, D, D, R, N},
    /* missing_person          */ {N, N, D, D, D, D, D, N, N},
    /* missing_person_relative */ {N, N, N, N, R, R, N, N, N},
    /* elimination             */ {N, N, D, D, N, N, N, N, D},
}};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    if (c == '-' || c == ' ') c = '_';
  }
  return out;
}

struct RelationshipName {
  Relationship relationship;
  std::string_view name;
};
constexpr RelationshipName kRelationships[] = {
    {Relationship::kMother, "mother"}, {Relationship::kFather, "father"},
    {Relationship::kChild, "child"},   {Relationship::kSibling, "sibling"},
    {Relationship::kSpouse, "spouse"}, {Relationship::kOther, "other"},
};

}  // namespace

std::span<const IndexCategory> all_categories() { return kAll; }

std::string_view category_name(IndexCategory category) {
  for (const auto& entry : kNames)
    if (entry.category == category) return entry.name;
  return "unknown";
}

Result<IndexCategory> parse_category(std::string_view text) {
  std::string key = lower(text);
  for (const auto& entry : kNames)
    if (entry.name == key) return entry.category;
  for (const auto& entry : kSynonyms)
    if (entry.name == key) return entry.category;
  std::string names;
  for (const auto& entry : kNames) names += (names.empty() ? "" : ", ") + std::string(entry.name);
  return invalid_argument("unknown index category '" + std::string(text) + "' (one of: " + names +
                          ")");
}

bool is_mixture_category(IndexCategory category) {
  return category == IndexCategory::kForensicMixture;
}

int min_loci_for_category(IndexCategory category) {
  switch (category) {
    case IndexCategory::kForensicUnknown:
    case IndexCategory::kForensicMixture:
    case IndexCategory::kUnidentifiedRemains:
      return params::kMinLociForensicIndex;
    default:
      return params::kMinLociReferenceIndex;
  }
}

std::string_view relationship_name(Relationship relationship) {
  for (const auto& entry : kRelationships)
    if (entry.relationship == relationship) return entry.name;
  return "unknown";
}

Result<Relationship> parse_relationship(std::string_view text) {
  std::string key = lower(text);
  for (const auto& entry : kRelationships)
    if (entry.name == key) return entry.relationship;
  return invalid_argument("unknown relationship '" + std::string(text) +
                          "' (one of: mother, father, child, sibling, spouse, other)");
}

SearchKind search_kind(IndexCategory target, IndexCategory candidate) {
  return kTable[index_of(target)][index_of(candidate)];
}

CategoryMask direct_search_mask(IndexCategory target) {
  CategoryMask mask = 0;
  for (IndexCategory c : kAll)
    if (search_kind(target, c) == SearchKind::kDirect) mask |= category_bit(c);
  return mask;
}

CategoryMask kinship_search_mask(IndexCategory target) {
  CategoryMask mask = 0;
  for (IndexCategory c : kAll)
    if (search_kind(target, c) == SearchKind::kKinship) mask |= category_bit(c);
  return mask;
}

}  // namespace abis::genome
