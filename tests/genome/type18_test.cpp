// Type-18 DNA record <-> profile mapping (genome/type18.h). The record's fields are handed over
// as subfields of items; the first tests use the items of NIST's own sample transaction
// (all-supported-types.an2, SRM 2391b 9947A typed with Identifiler).
#include <gtest/gtest.h>

#include "genome/profile_nist.h"
#include "genome/type18.h"

namespace abis::genome {
namespace {

std::vector<std::string> str_items(const std::string& number, const std::string& a1,
                                   const std::string& a2, const std::string& a3 = "") {
  return {"0", number, "1", "1", "1", a1, a2, a3, "", "", "?", "8", "Identifiler",
          "Life Technologies", ""};
}

// Field 18.016 of NIST's sample, item for item.
std::vector<Type18Field> nist_sample_fields() {
  Type18Field str{16, {}};
  const char* rows[][3] = {{"48", "13", "13"},  {"24", "30", "30"}, {"45", "10", "11"},
                           {"3", "10", "12"},   {"31", "14", "15"}, {"62", "8", "9.3"},
                           {"10", "11", "11"},  {"12", "11", "12"}, {"27", "19", "23"},
                           {"17", "14", "15"},  {"64", "17", "18"}, {"63", "8", "8"},
                           {"15", "15", "19"},  {"1", "1.1", "99.9"}, {"40", "11", "11"},
                           {"54", "23", "24"}};
  for (const auto& r : rows) str.subfields.push_back(str_items(r[0], r[1], r[2]));
  return {Type18Field{2, {{"13"}}},
          Type18Field{15, {{"0", "", "NIST_SRM2391b_9947A", "", "anonymous sample"}}}, str};
}

TEST(Type18, ReadsNistSampleAsThe9947AGenotype) {
  auto r = profile_from_type18(nist_sample_fields(), AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const Profile& p = r->profile;
  EXPECT_EQ(p.id, "NIST_SRM2391b_9947A");
  EXPECT_EQ(p.kit, "Identifiler");
  EXPECT_EQ(p.loci.size(), 15u);
  // The published 9947A genotype, locus by locus.
  EXPECT_EQ(p.genotype(*find_locus("D8S1179"))->to_string(), "13");
  EXPECT_EQ(p.genotype(*find_locus("TH01"))->to_string(), "8,9.3");
  EXPECT_EQ(p.genotype(*find_locus("vWA"))->to_string(), "17,18");
  EXPECT_EQ(p.genotype(*find_locus("FGA"))->to_string(), "23,24");
  EXPECT_EQ(p.genotype(*find_locus("D2S1338"))->to_string(), "19,23");
  // The sample's amelogenin calls (1.1, 99.9) are not X/Y: reported, not guessed.
  EXPECT_FALSE(p.amelogenin.typed);
  ASSERT_EQ(r->notes.size(), 1u);
  EXPECT_NE(r->notes[0].find("amelogenin"), std::string::npos);
}

TEST(Type18, UnknownLocusNumbersAreReportedNotGuessed) {
  auto fields = nist_sample_fields();
  fields[2].subfields.push_back(str_items("999", "12", "13"));
  auto r = profile_from_type18(fields, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->profile.loci.size(), 15u);
  bool reported = false;
  for (const auto& n : r->notes) reported = reported || n.find("number 999") != std::string::npos;
  EXPECT_TRUE(reported);
}

TEST(Type18, MalformedInputNamesTheItem) {
  auto fields = nist_sample_fields();
  fields[2].subfields[5][5] = "9.3.1";
  auto r = profile_from_type18(fields, AnsiNistLocusNumbers::builtin());
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("subfield 6 item 6"), std::string::npos) << r.status().message();

  fields = nist_sample_fields();
  fields[2].subfields[0] = {"0", "48"};
  r = profile_from_type18(fields, AnsiNistLocusNumbers::builtin());
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("at least 5 items"), std::string::npos);

  fields = nist_sample_fields();
  fields[2].subfields[0][1] = "D8";
  EXPECT_FALSE(profile_from_type18(fields, AnsiNistLocusNumbers::builtin()).is_ok());

  EXPECT_FALSE(profile_from_type18(std::vector<Type18Field>{{2, {{"1"}}}},
                                   AnsiNistLocusNumbers::builtin())
                   .is_ok());
}

TEST(Type18, ExportThenImportKeepsTheProfile) {
  auto in = profile_from_type18(nist_sample_fields(), AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(in.is_ok());
  Profile p = in->profile;
  p.amelogenin = {true, true, false};
  auto out = profile_to_type18(p, 3, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(out.is_ok()) << out.status().message();
  EXPECT_EQ(out->fields[0].number, 2);
  auto back = profile_from_type18(out->fields, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_TRUE(back->notes.empty());
  EXPECT_EQ(back->profile.id, p.id);
  EXPECT_EQ(back->profile.kit, p.kit);
  ASSERT_EQ(back->profile.loci.size(), p.loci.size());
  for (std::size_t i = 0; i < p.loci.size(); ++i) {
    EXPECT_EQ(back->profile.loci[i].locus, p.loci[i].locus);
    EXPECT_EQ(back->profile.loci[i].genotype, p.loci[i].genotype);
  }
  EXPECT_EQ(back->profile.amelogenin.to_string(), "X");
}

TEST(Type18, ExportRefusesLociWithoutANumberUnlessAskedToSkip) {
  ProfileBuilder b("P1");
  std::vector<std::string> a{"12", "13"};
  ASSERT_TRUE(b.add_locus("D1S1656", a).is_ok());
  ASSERT_TRUE(b.add_locus("TH01", a).is_ok());
  auto p = std::move(b).build();
  ASSERT_TRUE(p.is_ok());
  auto refused = profile_to_type18(*p, 1, AnsiNistLocusNumbers::builtin());
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.status().message().find("D1S1656"), std::string::npos);
  auto skipped = profile_to_type18(*p, 1, AnsiNistLocusNumbers::builtin(), {.skip_unnumbered = true});
  ASSERT_TRUE(skipped.is_ok());
  ASSERT_EQ(skipped->notes.size(), 1u);
  EXPECT_EQ(skipped->fields.back().subfields.size(), 1u);
}

// Found by the genome parsers fuzzer: three calls with a repeat ("1", "17", "17") are two
// alleles, not a tri-allelic locus, and must survive export and import unchanged.
TEST(Type18, RepeatedCallIsNotTriallelic) {
  auto fields = nist_sample_fields();
  fields[2].subfields[10] = str_items("64", "1", "17", "17");
  auto r = profile_from_type18(fields, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  const LocusGenotype* vwa = r->profile.find(*find_locus("vWA"));
  ASSERT_NE(vwa, nullptr);
  EXPECT_EQ(vwa->genotype.to_string(), "1,17");
  EXPECT_FALSE(vwa->triallelic);

  fields[2].subfields[10] = str_items("64", "16", "17", "18");
  r = profile_from_type18(fields, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_TRUE(r->profile.find(*find_locus("vWA"))->triallelic);
}

// Found by the genome parsers fuzzer: an id that is not UTF-8 crashed the JSON output later; it
// is refused when the profile is built, whatever the file it came from.
TEST(Type18, IdThatIsNotUtf8IsRefused) {
  auto fields = nist_sample_fields();
  fields[1].subfields[0][2] = "NIST\x9e";
  auto r = profile_from_type18(fields, AnsiNistLocusNumbers::builtin());
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("UTF-8"), std::string::npos) << r.status().message();
  fields[1].subfields[0][2] = "\xd0\x9f\xd0\xa0-1";  // Cyrillic is fine
  EXPECT_TRUE(profile_from_type18(fields, AnsiNistLocusNumbers::builtin()).is_ok());
}

// Found by the genome parsers fuzzer: a record without a profile id took its IDC as the id, so an
// exported and re-read profile changed its id. A missing id stays missing.
TEST(Type18, MissingIdIsNotTakenFromTheIdc) {
  auto fields = nist_sample_fields();
  fields[1].subfields[0][2] = "";
  auto r = profile_from_type18(fields, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  EXPECT_EQ(r->profile.id, "");
  auto written = write_profile_ansi_nist(r->profile, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(written.is_ok());
  auto back = read_profiles_ansi_nist(std::string(written->bytes.begin(), written->bytes.end()),
                                      AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(back->profiles.at(0).id, "");
}

TEST(Type18, LocusNumberTableFromText) {
  auto t = AnsiNistLocusNumbers::parse("# number locus\n3 CSF1PO\n70\tD1S1656  # added\n\n");
  ASSERT_TRUE(t.is_ok()) << t.status().message();
  EXPECT_EQ(t->locus(70), find_locus("D1S1656").value());
  EXPECT_EQ(t->number(*find_locus("CSF1PO")), 3);
  EXPECT_FALSE(t->locus(48).has_value());
  auto dup = AnsiNistLocusNumbers::parse("3 CSF1PO\n3 TH01\n");
  ASSERT_FALSE(dup.is_ok());
  EXPECT_NE(dup.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(AnsiNistLocusNumbers::parse("x CSF1PO\n").is_ok());
  EXPECT_FALSE(AnsiNistLocusNumbers::parse("5 NOTALOCUS\n").is_ok());
}

}  // namespace
}  // namespace abis::genome

// Through the transaction layer: the real NIST file, and write -> read.
#include "genome/profile_files.h"
#include "genome/profile_nist.h"
#include "support/test_support.h"

namespace abis::genome {
namespace {

TEST(ProfileNist, ReadsTheType18OfNistsSampleTransaction) {
  ABIS_REQUIRE_TEST_DATA();
  auto read = read_profiles_file(abis::testing::test_data_dir() /
                                 "formats/ansi-nist/nist-biocts-2011-samples/all-supported-types.an2");
  ASSERT_TRUE(read.is_ok()) << read.status().message();
  ASSERT_EQ(read->profiles.size(), 1u);
  const Profile& p = read->profiles[0];
  EXPECT_EQ(p.id, "NIST_SRM2391b_9947A");
  EXPECT_EQ(p.loci.size(), 15u);
  EXPECT_EQ(p.genotype(*find_locus("D21S11"))->to_string(), "30");
  ASSERT_EQ(read->errors.size(), 1u);  // the amelogenin note, naming the record
  EXPECT_NE(read->errors[0].find("record 12 (Type-18)"), std::string::npos) << read->errors[0];
}

TEST(ProfileNist, WrittenTransactionReadsBack) {
  auto in = profile_from_type18(nist_sample_fields(), AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(in.is_ok());
  auto bytes = write_profile_ansi_nist(in->profile, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(bytes.is_ok()) << bytes.status().message();
  std::string text(bytes->bytes.begin(), bytes->bytes.end());
  ASSERT_TRUE(looks_like_ansi_nist(text));
  auto back = read_profiles_ansi_nist(text, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  ASSERT_EQ(back->profiles.size(), 1u);
  EXPECT_EQ(back->profiles[0].id, in->profile.id);
  EXPECT_EQ(back->profiles[0].loci.size(), in->profile.loci.size());
  EXPECT_TRUE(back->notes.empty());
}

TEST(ProfileNist, TransactionsWithoutDnaOrTruncatedAreRefused) {
  auto in = profile_from_type18(nist_sample_fields(), AnsiNistLocusNumbers::builtin());
  auto bytes = write_profile_ansi_nist(in->profile, AnsiNistLocusNumbers::builtin());
  ASSERT_TRUE(bytes.is_ok());
  std::string text(bytes->bytes.begin(), bytes->bytes.end());
  EXPECT_FALSE(read_profiles_ansi_nist(text.substr(0, text.size() / 2), AnsiNistLocusNumbers::builtin()).is_ok());
  std::string type1_only = text.substr(0, text.find('\x1c') + 1);
  auto none = read_profiles_ansi_nist(type1_only, AnsiNistLocusNumbers::builtin());
  EXPECT_FALSE(none.is_ok());
}

}  // namespace
}  // namespace abis::genome
