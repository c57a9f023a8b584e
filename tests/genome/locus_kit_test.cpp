#include <gtest/gtest.h>

#include <set>

#include "genome/categories.h"
#include "genome/kits.h"
#include "genome/locus.h"

namespace abis::genome {
namespace {

std::string_view name_of(std::string_view spelling) {
  auto id = find_locus(spelling);
  return id.is_ok() ? locus_name(*id) : std::string_view("?");
}

TEST(Locus, FoldsAliases) {
  EXPECT_EQ(name_of("vWA"), "vWA");
  EXPECT_EQ(name_of("VWA"), "vWA");
  EXPECT_EQ(name_of("Penta D"), "Penta D");
  EXPECT_EQ(name_of("PENTA_D"), "Penta D");
  EXPECT_EQ(name_of("PentaD"), "Penta D");
  EXPECT_EQ(name_of("Penta_C"), "Penta C");
  EXPECT_EQ(name_of("AMEL"), "AMEL");
  EXPECT_EQ(name_of("Amelogenin"), "AMEL");
  EXPECT_EQ(name_of("THO1"), "TH01");
  EXPECT_EQ(name_of("DYS385a/b"), "DYS385");
  EXPECT_EQ(name_of("Y-GATA-H4"), "YGATAH4");
  EXPECT_EQ(name_of("Y indel"), "Y indel");
  EXPECT_EQ(name_of("Yindel"), "Y indel");
  EXPECT_EQ(name_of("DYS389 II"), "DYS389II");
  EXPECT_EQ(name_of("fes/fps"), "FESFPS");
}

TEST(Locus, UnknownLocusIsAnError) {
  auto id = find_locus("D99S999");
  ASSERT_FALSE(id.is_ok());
  EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(id.status().message().find("unknown locus 'D99S999'"), std::string::npos);
}

TEST(Locus, TableHasUniqueFoldedNamesAndKinds) {
  std::set<std::string> keys;
  for (const LocusInfo& info : all_loci()) {
    EXPECT_TRUE(keys.insert(fold_locus_name(info.name)).second) << info.name;
    EXPECT_EQ(locus_name(*find_locus(info.name)), info.name);
  }
  EXPECT_EQ(locus_info(*find_locus("DYS391")).kind, LocusKind::kYSingleCopy);
  EXPECT_EQ(locus_info(*find_locus("DYS385")).kind, LocusKind::kYMultiCopy);
  EXPECT_EQ(locus_info(*find_locus("D22S1045")).repeat_unit, 3);
}

TEST(Kits, MarkerCountsMatchTheManufacturers) {
  auto count = [](std::string_view kit_name, LocusKind kind) {
    const Kit* kit = *find_kit(kit_name);
    int n = 0;
    for (LocusId id : kit->markers) n += locus_info(id).kind == kind;
    return n;
  };
  EXPECT_EQ(count("GlobalFiler", LocusKind::kAutosomal), 21);
  EXPECT_EQ(count("PowerPlex Fusion 6C", LocusKind::kAutosomal), 23);
  EXPECT_EQ(count("PowerPlex Fusion 6C", LocusKind::kYSingleCopy), 3);
  EXPECT_EQ(count("Investigator 24plex", LocusKind::kAutosomal), 21);
  EXPECT_EQ(count("VeriFiler Plus", LocusKind::kAutosomal), 23);
  EXPECT_EQ(count("NGM SElect", LocusKind::kAutosomal), 16);
  EXPECT_EQ(count("ESX 17", LocusKind::kAutosomal), 16);
  // Yfiler Plus: 27 loci counting the two copies of DYS385 and DYF387S1.
  EXPECT_EQ(count("Yfiler Plus", LocusKind::kYSingleCopy) +
                2 * count("Yfiler Plus", LocusKind::kYMultiCopy),
            27);
  EXPECT_TRUE(find_kit("globalfiler").is_ok());
  EXPECT_TRUE(find_kit("Fusion 6C").is_ok());
  EXPECT_TRUE(find_kit("ESX17").is_ok());
  EXPECT_FALSE(find_kit("Identifiler 2").is_ok());
  EXPECT_EQ(codis_core_loci().size(), 20u);
  EXPECT_EQ(european_standard_set().size(), 12u);
  for (LocusId id : codis_core_loci()) EXPECT_TRUE(locus_info(id).codis_core);
}

TEST(Categories, SearchTableIsSymmetric) {
  // If A is searched against B, B must be searched against A the same way: otherwise whether a
  // link is found would depend on which profile was uploaded first.
  for (IndexCategory a : all_categories())
    for (IndexCategory b : all_categories())
      EXPECT_EQ(search_kind(a, b), search_kind(b, a))
          << category_name(a) << " / " << category_name(b);
}

TEST(Categories, PolicyRows) {
  using C = IndexCategory;
  EXPECT_EQ(search_kind(C::kForensicUnknown, C::kConvictedOffender), SearchKind::kDirect);
  EXPECT_EQ(search_kind(C::kForensicMixture, C::kForensicMixture), SearchKind::kNone);
  EXPECT_EQ(search_kind(C::kMissingPersonRelative, C::kConvictedOffender), SearchKind::kNone);
  EXPECT_EQ(search_kind(C::kMissingPersonRelative, C::kForensicUnknown), SearchKind::kNone);
  EXPECT_EQ(search_kind(C::kMissingPersonRelative, C::kUnidentifiedRemains), SearchKind::kKinship);
  EXPECT_EQ(search_kind(C::kElimination, C::kConvictedOffender), SearchKind::kNone);
  EXPECT_EQ(search_kind(C::kElimination, C::kForensicUnknown), SearchKind::kDirect);
  EXPECT_TRUE(direct_search_mask(C::kForensicUnknown) & category_bit(C::kSuspect));
  EXPECT_FALSE(direct_search_mask(C::kConvictedOffender) & category_bit(C::kMissingPersonRelative));
  EXPECT_EQ(kinship_search_mask(C::kUnidentifiedRemains), category_bit(C::kMissingPersonRelative));
}

TEST(Categories, NamesRoundTrip) {
  for (IndexCategory c : all_categories()) EXPECT_EQ(*parse_category(category_name(c)), c);
  EXPECT_EQ(*parse_category("offender"), IndexCategory::kConvictedOffender);
  EXPECT_EQ(*parse_category("Forensic-Mixture"), IndexCategory::kForensicMixture);
  EXPECT_FALSE(parse_category("victim").is_ok());
  EXPECT_EQ(*parse_relationship("Mother"), Relationship::kMother);
  EXPECT_FALSE(parse_relationship("cousin").is_ok());
}

}  // namespace
}  // namespace abis::genome
