// The genomic records through the registry: the life cycle of biological material (receipt,
// custody, analysis, destruction, the information card and its retention), profiles in the
// store and the search index, searches, statistics and kinship with stored frequency tables.
#include "registry/dna_registry.h"

#include <gtest/gtest.h>

#include "core/file_io.h"
#include "genome/profile_json.h"
#include "registry/system.h"
#include "support/test_support.h"

namespace abis::registry {
namespace {

using genome::IndexCategory;

genome::Profile profile_of(const std::string& json) {
  auto p = genome::parse_profile_json(json);
  EXPECT_TRUE(p.is_ok()) << p.status().message();
  return p.is_ok() ? *p : genome::Profile();
}

// A 13-locus reference profile; `th01` varies it.
genome::Profile reference(const std::string& id, const std::string& th01 = "6") {
  return profile_of(R"({"id": ")" + id + R"(", "loci": {"CSF1PO": ["10","12"], "D3S1358": ["15","16"],
    "D5S818": ["11","12"], "D7S820": ["8","10"], "D8S1179": ["13","14"], "D13S317": ["11","11"],
    "D16S539": ["9","12"], "D18S51": ["14","17"], "D21S11": ["29","30.2"], "FGA": ["21","24"],
    "TH01": [")" + th01 + R"(","9.3"], "TPOX": ["8","8"], "vWA": ["16","17"]}})");
}

class DnaRegistryTest : public ::testing::Test {
 protected:
  void SetUp() override { open(); }
  void open() {
    sys_.reset();
    SystemOptions options;
    options.data_dir = dir_.path() / "data";
    options.clock = &clock_;
    auto sys = System::open(options);
    ASSERT_TRUE(sys.is_ok()) << sys.status().to_string();
    sys_ = std::move(*sys);
  }
  DnaRegistry& dna() { return sys_->dna(); }

  SpecimenReceipt offender_receipt() {
    SpecimenReceipt r;
    r.category = IndexCategory::kConvictedOffender;
    r.material = "buccal_swab";
    r.collected_on = core::Date(2010, 3, 1);
    r.received_from = "IVS-1 Karaganda, officer Seitkali";
    r.laboratory_number = "KRG-2010-0001";
    r.penitentiary_record = "UIS-778812";
    return r;
  }

  std::vector<std::string> audit_actions() {
    auto entries = sys_->audit().list(sys_->db(), 0, 100000);
    EXPECT_TRUE(entries.is_ok());
    std::vector<std::string> out;
    for (const auto& e : *entries) out.push_back(e.action + ":" + e.outcome);
    return out;
  }
  bool audited(const std::string& action_outcome) {
    auto a = audit_actions();
    return std::find(a.begin(), a.end(), action_outcome) != a.end();
  }

  abis::testing::TempDir dir_;
  core::ManualClock clock_{1'764'000'000'000'000};  // 2025-11-24
  std::unique_ptr<System> sys_;
  security::Principal console_ = security::Principal::console();
};

TEST_F(DnaRegistryTest, SpecimenLifeCycleDestructionAndTheInformationCard) {
  auto s = dna().receive(console_, offender_receipt());
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  EXPECT_EQ(s->state, SpecimenState::kReceived);
  EXPECT_EQ(s->retention_until, core::Date(2035, 3, 1));  // 25 years from collection
  const std::string id = s->id;

  ASSERT_TRUE(dna().record_custody(console_, id, {CustodyAction::kStored, "Freezer 2, rack B", "", ""}).is_ok());
  ASSERT_TRUE(dna().record_custody(console_, id, {CustodyAction::kMoved, "Freezer 3, rack A", "", ""}).is_ok());
  auto handed = dna().record_custody(console_, id, {CustodyAction::kHandedOver, "", "DNA laboratory, analyst Omarova", ""});
  ASSERT_TRUE(handed.is_ok());
  EXPECT_EQ(handed->state, SpecimenState::kHandedOver);
  // Moving material someone else holds is refused: the chain of custody must stay true.
  EXPECT_EQ(dna().record_custody(console_, id, {CustodyAction::kMoved, "Shelf 1", "", ""}).status().code(),
            StatusCode::kFailedPrecondition);

  AnalysisRequest analysis{"GlobalFiler", "Central forensic laboratory", core::Date(2010, 3, 15), reference("lab-1")};
  auto stored = dna().analyse(console_, id, analysis);
  ASSERT_TRUE(stored.is_ok()) << stored.status().to_string();
  EXPECT_TRUE(stored->duplicates.empty());
  EXPECT_EQ(stored->record.category, IndexCategory::kConvictedOffender);
  EXPECT_EQ(stored->record.retention_until, core::Date(2035, 3, 1));

  ASSERT_TRUE(dna().record_custody(console_, id, {CustodyAction::kReturned, "Freezer 3, rack A", "", ""}).is_ok());
  ASSERT_TRUE(dna().record_custody(console_, id, {CustodyAction::kNote, "", "", "seal intact"}).is_ok());

  clock_.advance_seconds(86400);
  auto card = dna().destroy(console_, id, {"ACT-2025-17", core::Date(2025, 11, 24), "no longer needed", "Abenov, Li"});
  ASSERT_TRUE(card.is_ok()) << card.status().to_string();
  EXPECT_EQ(card->keep_until, core::Date(2035, 3, 1));
  EXPECT_NE(card->content.find("ACT-2025-17"), std::string::npos);
  EXPECT_NE(card->content.find("Freezer 2, rack B"), std::string::npos);  // custody frozen in the card
  EXPECT_NE(card->content.find("GlobalFiler"), std::string::npos);        // and the analysis

  auto custody = dna().custody(console_, id);
  ASSERT_TRUE(custody.is_ok());
  std::vector<std::string> steps;
  for (const auto& e : *custody) steps.push_back(std::string(custody_action_name(e.action)));
  EXPECT_EQ(steps, (std::vector<std::string>{"received", "store", "move", "hand_over", "analysed", "return",
                                              "note", "destroyed"}));
  EXPECT_EQ((*custody)[2].from_location, "Freezer 2, rack B");
  EXPECT_EQ((*custody)[2].to_location, "Freezer 3, rack A");

  // Destroyed material: no custody, no analysis, no second destruction.
  EXPECT_EQ(dna().record_custody(console_, id, {CustodyAction::kNote, "", "", "x"}).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(dna().analyse(console_, id, analysis).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(dna().destroy(console_, id, {"ACT-2", core::Date(2025, 11, 24), "again", ""}).status().code(),
            StatusCode::kFailedPrecondition);
  // The genomic information outlives the material until its storage period ends.
  EXPECT_EQ(dna().get_profile(console_, stored->record.id)->state, ProfileState::kActive);
  EXPECT_TRUE(dna().information_card(console_, id).is_ok());
  EXPECT_TRUE(audited("dna.specimen.destroy:ok"));
}

TEST_F(DnaRegistryTest, RetentionRemovesTheCardWhenTheStoragePeriodEnds) {
  auto s = dna().receive(console_, offender_receipt());
  ASSERT_TRUE(s.is_ok());
  auto stored = dna().analyse(console_, s->id, {"GlobalFiler", "lab", core::Date(2010, 3, 2), reference("r")});
  ASSERT_TRUE(stored.is_ok()) << stored.status().to_string();
  ASSERT_TRUE(dna().destroy(console_, s->id, {"ACT-1", core::Date(2012, 1, 1), "analysed", ""}).is_ok());
  // A second specimen never destroyed.
  auto kept = dna().receive(console_, [&] {
    auto r = offender_receipt();
    r.laboratory_number = "KRG-2010-0002";
    return r;
  }());
  ASSERT_TRUE(kept.is_ok());

  auto day_before = dna().run_retention(console_, core::Date(2035, 2, 28));
  ASSERT_TRUE(day_before.is_ok()) << day_before.status().to_string();
  EXPECT_TRUE(day_before->cards_removed.empty());
  EXPECT_TRUE(day_before->profiles_expired.empty());
  EXPECT_TRUE(dna().information_card(console_, s->id).is_ok());

  auto end = dna().run_retention(console_, core::Date(2035, 3, 1));
  ASSERT_TRUE(end.is_ok());
  EXPECT_EQ(end->cards_removed, std::vector<std::string>{s->id});
  EXPECT_EQ(end->profiles_expired, std::vector<std::string>{stored->record.id});
  EXPECT_EQ(end->overdue_specimens, std::vector<std::string>{kept->id});
  EXPECT_EQ(dna().information_card(console_, s->id).status().code(), StatusCode::kNotFound);
  auto expired = dna().get_profile(console_, stored->record.id);
  ASSERT_TRUE(expired.is_ok());
  EXPECT_EQ(expired->state, ProfileState::kExpired);
  EXPECT_TRUE(expired->profile.loci.empty());  // the genomic information itself is gone
  // The expired profile is no longer found by searches.
  auto search = dna().search(console_, reference("crime"), IndexCategory::kForensicUnknown, {}, 10);
  ASSERT_TRUE(search.is_ok());
  EXPECT_TRUE(search->result.hits.empty());
  // Every removal is in the (intact) audit trail.
  EXPECT_TRUE(audited("dna.card.remove:ok"));
  EXPECT_TRUE(audited("dna.profile.expire:ok"));
  EXPECT_TRUE(audited("dna.retention:ok"));
  auto verify = sys_->audit().verify(sys_->db());
  ASSERT_TRUE(verify.is_ok());
  EXPECT_TRUE(verify->ok());
  // A second run finds nothing more to do.
  auto again = dna().run_retention(console_, core::Date(2035, 3, 2));
  EXPECT_TRUE(again->cards_removed.empty() && again->profiles_expired.empty());
}

TEST_F(DnaRegistryTest, ReceiptRules) {
  auto expect = [&](SpecimenReceipt r, StatusCode code, const std::string& needle) {
    auto s = dna().receive(console_, r);
    ASSERT_FALSE(s.is_ok());
    EXPECT_EQ(s.status().code(), code) << s.status().to_string();
    EXPECT_NE(s.status().message().find(needle), std::string::npos) << s.status().message();
  };
  SpecimenReceipt relative = offender_receipt();
  relative.category = IndexCategory::kMissingPersonRelative;
  relative.penitentiary_record.reset();
  relative.laboratory_number = "MP-REL-1";
  expect(relative, StatusCode::kUnprocessable, "relationship");
  relative.relationship = genome::Relationship::kMother;
  expect(relative, StatusCode::kUnprocessable, "case_number");
  relative.case_number = "MP-2025-0042";
  expect(relative, StatusCode::kUnprocessable, "written consent");
  relative.consent_document = "Consent 42/2025";
  EXPECT_TRUE(dna().receive(console_, relative).is_ok());

  SpecimenReceipt bad = offender_receipt();
  bad.material = "plasma";
  expect(bad, StatusCode::kInvalidArgument, "material");
  bad = offender_receipt();
  bad.collected_on = core::Date(2030, 1, 1);
  expect(bad, StatusCode::kUnprocessable, "future");
  bad = offender_receipt();
  bad.person_id = "01JNOSUCHPERSON000000000000";
  expect(bad, StatusCode::kNotFound, "no person");
  bad = offender_receipt();
  bad.relationship = genome::Relationship::kFather;
  expect(bad, StatusCode::kUnprocessable, "only relatives");
  ASSERT_TRUE(dna().receive(console_, offender_receipt()).is_ok());
  expect(offender_receipt(), StatusCode::kAlreadyExists, "KRG-2010-0001");
  EXPECT_TRUE(audited("dna.specimen.receive:failed"));
}

TEST_F(DnaRegistryTest, AnalysisChecksTheProfileForItsIndexAndFindsDuplicates) {
  auto a = dna().receive(console_, offender_receipt());
  ASSERT_TRUE(a.is_ok());
  auto partial = profile_of(R"({"loci": {"TH01": ["6","9.3"], "vWA": ["16","17"], "FGA": ["21","24"]}})");
  auto refused = dna().analyse(console_, a->id, {"GlobalFiler", "lab", core::Date(2010, 3, 2), partial});
  EXPECT_EQ(refused.status().code(), StatusCode::kUnprocessable);
  EXPECT_NE(refused.status().message().find("at least 12"), std::string::npos) << refused.status().message();
  auto tri = reference("t");
  tri.loci[0].genotype = genome::Genotype::of_unchecked({genome::Allele(9), genome::Allele(10), genome::Allele(12)});
  EXPECT_EQ(dna().analyse(console_, a->id, {"GlobalFiler", "lab", core::Date(2010, 3, 2), tri}).status().code(),
            StatusCode::kUnprocessable);
  EXPECT_EQ(dna().analyse(console_, a->id, {"NoSuchKit", "lab", core::Date(2010, 3, 2), reference("x")})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  auto first = dna().analyse(console_, a->id, {"GlobalFiler", "lab", core::Date(2010, 3, 2), reference("x")});
  ASSERT_TRUE(first.is_ok()) << first.status().to_string();

  // The same person arrested again as a suspect: the duplicate is reported at upload.
  SpecimenReceipt suspect = offender_receipt();
  suspect.category = IndexCategory::kSuspect;
  suspect.laboratory_number = "KRG-2025-0100";
  suspect.collected_on = core::Date(2025, 1, 10);
  auto b = dna().receive(console_, suspect);
  ASSERT_TRUE(b.is_ok());
  auto second = dna().analyse(console_, b->id, {"ESX 17", "lab", core::Date(2025, 1, 11),
                                                profile_of(R"({"loci": {"D3S1358": ["15","16"], "D8S1179": ["13","14"],
      "D16S539": ["9","12"], "D18S51": ["14","17"], "D21S11": ["29","30.2"], "FGA": ["21","24"],
      "TH01": ["6","9.3"], "vWA": ["16","17"], "D1S1656": ["12","13"], "D2S441": ["10","11"],
      "D10S1248": ["13","14"], "D12S391": ["18","19"]}})")});
  ASSERT_TRUE(second.is_ok()) << second.status().to_string();
  EXPECT_EQ(second->duplicates, std::vector<std::string>{first->record.id});
}

TEST_F(DnaRegistryTest, SearchesNameStoredProfilesAndSurviveARestart) {
  ASSERT_TRUE(dna().import_profile(console_, reference("old-1"), IndexCategory::kConvictedOffender, std::nullopt,
                                   core::Date(2015, 6, 1)).is_ok());
  auto target_record = dna().import_profile(console_, reference("old-2", "7"), IndexCategory::kConvictedOffender,
                                            std::nullopt, core::Date(2015, 6, 1));
  ASSERT_TRUE(target_record.is_ok());
  auto relative = dna().import_profile(console_, [] {
    auto p = reference("rel", "7");
    p.relationship = genome::Relationship::kMother;
    return p;
  }(), IndexCategory::kMissingPersonRelative, std::nullopt, core::Date(2020, 1, 1));
  ASSERT_TRUE(relative.is_ok()) << relative.status().to_string();

  auto crime = profile_of(R"({"id": "scene-7", "loci": {"CSF1PO": ["10","12"], "D3S1358": ["15","16"],
    "D5S818": ["11","12"], "D7S820": ["8","10"], "D8S1179": ["13","14"], "D13S317": ["11"],
    "TH01": ["7","9.3"], "vWA": ["16"]}})");
  auto r = dna().search(console_, crime, IndexCategory::kForensicUnknown, {}, 10);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  // vWA 16 against 16,17 is a moderate match; the relative's identical alleles are never searched.
  ASSERT_EQ(r->result.hits.size(), 1u);
  EXPECT_EQ(r->hit_profile_ids[0], target_record->record.id);
  EXPECT_TRUE(audited("dna.search:ok"));

  // A profile with too few loci for its index is refused, not searched.
  auto weak = profile_of(R"({"loci": {"TH01": ["7","9.3"], "vWA": ["16"]}})");
  EXPECT_EQ(dna().search(console_, weak, IndexCategory::kForensicUnknown, {}, 10).status().code(),
            StatusCode::kUnprocessable);

  // A new process loads the index from the store.
  open();
  auto again = dna().search(console_, crime, IndexCategory::kForensicUnknown, {}, 10);
  ASSERT_TRUE(again.is_ok());
  ASSERT_EQ(again->result.hits.size(), 1u);
  EXPECT_EQ(again->hit_profile_ids[0], target_record->record.id);
}

TEST_F(DnaRegistryTest, StatisticsKinshipAndRelativesWithStoredTables) {
  ABIS_REQUIRE_TEST_DATA();
  auto text = core::read_text_file(abis::testing::test_data_dir() / "dna/nist1036/nist1036_allele_freqs_long.csv");
  ASSERT_TRUE(text.is_ok());
  auto db = genome::parse_frequency_csv(*text);
  ASSERT_TRUE(db.is_ok());
  ASSERT_TRUE(dna().store_frequency_table(console_, *db->find("Cauc"), "NIST 1036").is_ok());
  EXPECT_EQ(*dna().frequency_populations(console_), std::vector<std::string>{"Cauc"});

  auto stats = dna().statistics(console_, reference("x"), "Cauc", {});
  ASSERT_TRUE(stats.is_ok()) << stats.status().to_string();
  auto direct = genome::random_match_probability(reference("x"), *db->find("Cauc"), {});
  EXPECT_DOUBLE_EQ(stats->combined.nrc410, direct->combined.nrc410);  // the stored table is the table
  EXPECT_EQ(dna().statistics(console_, reference("x"), "Martian", {}).status().code(), StatusCode::kNotFound);

  auto ki = dna().kinship(console_, reference("a"), reference("b", "7"), genome::Kinship::kFullSibling, "Cauc", {});
  ASSERT_TRUE(ki.is_ok());
  EXPECT_GT(ki->combined, 1.0);

  auto mother = reference("mother", "7");
  mother.relationship = genome::Relationship::kMother;
  auto stored_mother = dna().import_profile(console_, mother, IndexCategory::kMissingPersonRelative, std::nullopt,
                                            core::Date(2024, 1, 1));
  ASSERT_TRUE(stored_mother.is_ok());
  auto remains = reference("remains", "7");
  auto ranked = dna().search_relatives(console_, remains, IndexCategory::kUnidentifiedRemains, "Cauc", {});
  ASSERT_TRUE(ranked.is_ok()) << ranked.status().to_string();
  ASSERT_EQ(ranked->result.ranked.size(), 1u);
  EXPECT_EQ(ranked->profile_ids[0], stored_mother->record.id);
  // Relatives are never searched from the criminal indexes.
  EXPECT_EQ(dna().search_relatives(console_, remains, IndexCategory::kForensicUnknown, "Cauc", {}).status().code(),
            StatusCode::kFailedPrecondition);

  // A table computed from the database itself (there is no published Kazakh table).
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(dna().import_profile(console_, reference("p" + std::to_string(i), i ? "8" : "6"),
                                     IndexCategory::kConvictedOffender, std::nullopt, core::Date(2020, 1, 1))
                    .is_ok());
  auto kz = dna().compute_frequency_table(console_, "KZ-test", genome::category_bit(IndexCategory::kConvictedOffender));
  ASSERT_TRUE(kz.is_ok()) << kz.status().to_string();
  EXPECT_EQ(kz->n_individuals, 3);
  auto th01 = kz->locus(*genome::find_locus("TH01"));
  ASSERT_NE(th01, nullptr);
  EXPECT_DOUBLE_EQ(*th01->frequency(genome::Allele(9, 3)), 0.5);  // 3 of 6 alleles
  EXPECT_TRUE(dna().frequency_table(console_, "KZ-test").is_ok());
}

TEST_F(DnaRegistryTest, BatchImportIsAllOrNothingAndFindsDuplicatesWithinTheBatch) {
  using Item = DnaRegistry::ImportItem;
  std::vector<Item> items = {{reference("a"), IndexCategory::kConvictedOffender, std::nullopt, core::Date(2015, 1, 1)},
                             {reference("b", "8"), IndexCategory::kConvictedOffender, std::nullopt, core::Date(2015, 1, 1)},
                             {reference("a-again"), IndexCategory::kSuspect, std::nullopt, core::Date(2016, 1, 1)}};
  auto stored = dna().import_profiles(console_, items);
  ASSERT_TRUE(stored.is_ok()) << stored.status().to_string();
  ASSERT_EQ(stored->size(), 3u);
  EXPECT_TRUE((*stored)[1].duplicates.empty());
  EXPECT_EQ((*stored)[2].duplicates, std::vector<std::string>{(*stored)[0].record.id});

  // One bad profile: nothing of the batch is stored, and searches still see only what is stored.
  std::vector<Item> bad = {{reference("c", "10"), IndexCategory::kConvictedOffender, std::nullopt, core::Date(2015, 1, 1)},
                           {profile_of(R"({"loci": {"TH01": ["6"]}})"), IndexCategory::kConvictedOffender,
                            std::nullopt, core::Date(2015, 1, 1)}};
  auto refused = dna().import_profiles(console_, bad);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_NE(refused.status().message().find("profile 2"), std::string::npos) << refused.status().message();
  auto crime = reference("scene", "10");
  auto search = dna().search(console_, crime, IndexCategory::kForensicUnknown, {}, 10);
  ASSERT_TRUE(search.is_ok()) << search.status().to_string();
  EXPECT_TRUE(search->result.hits.empty());  // "c" was rolled back
  auto after = dna().import_profiles(console_, {bad[0]});
  ASSERT_TRUE(after.is_ok());
  search = dna().search(console_, crime, IndexCategory::kForensicUnknown, {}, 10);
  ASSERT_EQ(search->result.hits.size(), 1u);
  EXPECT_EQ(search->hit_profile_ids[0], (*after)[0].record.id);
}

TEST_F(DnaRegistryTest, OnlyTheDnaOfficerWorksWithMaterial) {
  security::Principal examiner;
  examiner.username = "examiner1";
  examiner.roles = {security::Role::kFingerprintExaminer};
  auto refused = dna().receive(examiner, offender_receipt());
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  security::Principal officer;
  officer.username = "dna1";
  officer.roles = {security::Role::kDnaOfficer};
  auto s = dna().receive(officer, offender_receipt());
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  // The retention job is an administrative job.
  EXPECT_EQ(dna().run_retention(officer, core::Date(2030, 1, 1)).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(audited("dna.specimen.receive:denied"));
}

}  // namespace
}  // namespace abis::registry
