#include <gtest/gtest.h>

#include "genome/profile.h"

namespace abis::genome {
namespace {

Status add(ProfileBuilder& b, std::string_view locus, std::vector<std::string> alleles) {
  return b.add_locus(locus, alleles);
}

// A 13-locus single-source profile (CODIS original 13) for the index rules.
ProfileBuilder thirteen_loci(std::string id = "P1") {
  ProfileBuilder b(std::move(id));
  const char* loci[] = {"CSF1PO", "D3S1358", "D5S818", "D7S820",  "D8S1179", "D13S317", "D16S539",
                        "D18S51", "D21S11",  "FGA",    "TH01",    "TPOX",    "vWA"};
  for (const char* l : loci) EXPECT_TRUE(add(b, l, {"10", "12"}).is_ok());
  return b;
}

TEST(ProfileBuilder, FoldsAliasesAndHomozygotes) {
  ProfileBuilder b("X");
  ASSERT_TRUE(add(b, "VWA", {"16", "16"}).is_ok());
  ASSERT_TRUE(add(b, "TH01", {"9.3", "6"}).is_ok());
  ASSERT_TRUE(add(b, "Amelogenin", {"X", "Y"}).is_ok());
  ASSERT_TRUE(add(b, "DYS391", {"10"}).is_ok());
  Profile p = *std::move(b).build();
  ASSERT_EQ(p.loci.size(), 2u);
  const Genotype* vwa = p.genotype(*find_locus("vWA"));
  ASSERT_NE(vwa, nullptr);
  EXPECT_EQ(vwa->size(), 1u);  // 16,16 is the one-allele set {16}
  EXPECT_EQ(p.genotype(*find_locus("TH01"))->to_string(), "6,9.3");
  EXPECT_TRUE(p.amelogenin.typed && p.amelogenin.x && p.amelogenin.y);
  EXPECT_EQ(p.ystr.size(), 1u);
}

TEST(ProfileBuilder, RefusesBadInput) {
  {
    ProfileBuilder b;
    Status s = add(b, "D99S1", {"10"});
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(s.message().find("unknown locus 'D99S1'"), std::string::npos);
  }
  for (const char* bad : {"9.3.1", "abc", "-2"}) {
    ProfileBuilder b;
    Status s = add(b, "TH01", {"9", bad});
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(s.message().find("locus TH01"), std::string::npos) << s.message();
    EXPECT_NE(s.message().find(bad), std::string::npos) << s.message();
  }
  {
    ProfileBuilder b;
    Status s = add(b, "TH01", {"9.4"});  // impossible for a 4-base repeat
    EXPECT_NE(s.message().find("4-base repeat"), std::string::npos) << s.message();
    EXPECT_TRUE(add(b, "Penta E", {"9.4"}).is_ok());  // fine for a 5-base repeat
  }
  {
    ProfileBuilder b;
    ASSERT_TRUE(add(b, "TH01", {"9"}).is_ok());
    Status s = add(b, "THO1", {"9"});
    EXPECT_NE(s.message().find("given twice"), std::string::npos);
  }
  {
    ProfileBuilder b;
    EXPECT_FALSE(add(b, "AMEL", {"Z"}).is_ok());
    EXPECT_FALSE(add(b, "Y indel", {"3"}).is_ok());
  }
  {
    ProfileBuilder b;
    EXPECT_FALSE(add(b, "TH01", {"5", "6", "7", "8", "9", "10", "11", "12", "13"}).is_ok());
  }
  {
    ProfileBuilder b;
    ASSERT_TRUE(b.mark_triallelic("TPOX").is_ok());
    EXPECT_FALSE(std::move(b).build().is_ok());  // marked but not typed
  }
}

TEST(ValidateForIndex, AllelesPerLocusFollowTheIndex) {
  ProfileBuilder b = thirteen_loci();
  ASSERT_TRUE(add(b, "D2S441", {"10", "11", "14"}).is_ok());
  Profile p = *std::move(b).build();
  Status s = validate_for_index(p, IndexCategory::kConvictedOffender);
  EXPECT_EQ(s.code(), StatusCode::kUnprocessable);
  EXPECT_NE(s.message().find("D2S441 has 3 alleles"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("tri-allelic"), std::string::npos) << s.message();
  EXPECT_TRUE(validate_for_index(p, IndexCategory::kForensicMixture).is_ok());

  ProfileBuilder t = thirteen_loci();
  ASSERT_TRUE(add(t, "D2S441", {"10", "11", "14"}).is_ok());
  ASSERT_TRUE(t.mark_triallelic("D2S441").is_ok());
  EXPECT_TRUE(validate_for_index(*std::move(t).build(), IndexCategory::kConvictedOffender).is_ok());

  ProfileBuilder m = thirteen_loci();
  ASSERT_TRUE(add(m, "D2S441", {"10", "11", "12", "13", "14"}).is_ok());
  Status ms = validate_for_index(*std::move(m).build(), IndexCategory::kForensicMixture);
  EXPECT_NE(ms.message().find("allows 4"), std::string::npos) << ms.message();
}

TEST(ValidateForIndex, TooFewLociForTheIndex) {
  ProfileBuilder b("partial");
  for (const char* l : {"D3S1358", "vWA", "FGA", "D8S1179", "D21S11", "D18S51", "TH01", "D16S539",
                        "D2S441"})
    ASSERT_TRUE(add(b, l, {"12", "13"}).is_ok());
  Profile p = *std::move(b).build();  // 9 loci
  EXPECT_TRUE(validate_for_index(p, IndexCategory::kForensicUnknown).is_ok());
  Status s = validate_for_index(p, IndexCategory::kConvictedOffender);
  EXPECT_EQ(s.code(), StatusCode::kUnprocessable);
  EXPECT_NE(s.message().find("9 autosomal loci"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("at least 12"), std::string::npos) << s.message();
}

TEST(ValidateForIndex, KitMustTypeEveryLocus) {
  ProfileBuilder b = thirteen_loci();
  Profile p = *std::move(b).build();
  p.kit = "GlobalFiler";
  EXPECT_TRUE(validate_for_index(p, IndexCategory::kConvictedOffender).is_ok());
  p.kit = "ESX 17";  // ESX 17 types neither CSF1PO nor TPOX
  Status s = validate_for_index(p, IndexCategory::kConvictedOffender);
  EXPECT_NE(s.message().find("not typed by ESX 17"), std::string::npos) << s.message();
  p.kit = "NoSuchKit";
  EXPECT_FALSE(validate_for_index(p, IndexCategory::kConvictedOffender).is_ok());
}

}  // namespace
}  // namespace abis::genome

#include "genome/text.h"

namespace abis::genome {
namespace {

TEST(Text, Utf8Validation) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("GT37019"));
  EXPECT_TRUE(is_valid_utf8("\xd0\x9a\xd0\xb0\xd0\xb7\xd0\xb0\xd2\x9b"));  // "Казақ"
  EXPECT_TRUE(is_valid_utf8("\xf0\x9f\x99\x82"));                        // U+1F642
  EXPECT_FALSE(is_valid_utf8("M\xfcller"));                              // Latin-1
  EXPECT_FALSE(is_valid_utf8("\xd0"));                                    // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));                                // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));                            // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));                        // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x9e"));                                    // lone continuation
}

}  // namespace
}  // namespace abis::genome
