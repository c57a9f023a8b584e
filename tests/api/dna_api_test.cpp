// The genomic subsystem over HTTP, with a real server: the DNA officer's material life cycle,
// searches and statistics; other roles refused and every refusal audited.
#include "api_fixture.h"
#include "core/file_io.h"

namespace abis::testing {
namespace {

class DnaApiTest : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    if (HasFatalFailure()) return;
    auto u = admin_->post("/api/v1/users", {{"username", "dna1"}, {"display_name", "DNA officer"},
                                            {"roles", {"dna_officer"}}, {"password", kPassword},
                                            {"workstations", {"desk-7"}}});
    ASSERT_EQ(u.status, 201) << u.raw;
    dna_ = std::make_unique<ApiClient>(server_->port());
    ASSERT_EQ(dna_->login("dna1", kPassword, "desk-7", ws_key_), 200);
  }

  static nlohmann::json reference_loci(const std::string& th01) {
    return {{"CSF1PO", {"10", "12"}}, {"D3S1358", {"15", "16"}}, {"D5S818", {"11", "12"}},
            {"D7S820", {"8", "10"}},  {"D8S1179", {"13", "14"}}, {"D13S317", {"11", "11"}},
            {"D16S539", {"9", "12"}}, {"D18S51", {"14", "17"}},  {"D21S11", {"29", "30.2"}},
            {"FGA", {"21", "24"}},    {"TH01", {th01, "9.3"}},   {"TPOX", {"8", "8"}},
            {"vWA", {"16", "17"}}};
  }

  std::unique_ptr<ApiClient> dna_;
};

TEST_F(DnaApiTest, MaterialLifeCycleSearchAndDestruction) {
  auto s = dna_->post("/api/v1/dna/specimens", {{"category", "convicted_offender"},
                                                {"material", "buccal_swab"},
                                                {"collected_on", "2024-02-01"},
                                                {"received_from", "IVS-1 Karaganda"},
                                                {"laboratory_number", "KRG-1"},
                                                {"penitentiary_record", "UIS-1"}});
  ASSERT_EQ(s.status, 201) << s.raw;
  std::string id = s.body["specimen"]["id"];
  EXPECT_EQ(s.body["specimen"]["retention_until"], "2049-02-01");
  auto stored = dna_->post("/api/v1/dna/specimens/" + id + "/custody", {{"action", "store"}, {"location", "Freezer 1"}});
  ASSERT_EQ(stored.status, 200) << stored.raw;
  EXPECT_EQ(stored.body["specimen"]["state"], "stored");
  auto analysed = dna_->post("/api/v1/dna/specimens/" + id + "/analyses",
                             {{"kit", "GlobalFiler"}, {"laboratory", "Central lab"}, {"analysed_on", "2024-02-05"},
                              {"profile", {{"id", "KRG-1"}, {"loci", reference_loci("7")}}}});
  ASSERT_EQ(analysed.status, 201) << analysed.raw;
  std::string profile_id = analysed.body["profile"]["id"];

  // A crime-scene profile is searched against the offender index.
  nlohmann::json crime = {{"id", "scene-1"},
                          {"loci", {{"CSF1PO", {"10", "12"}}, {"D3S1358", {"15", "16"}}, {"D5S818", {"11", "12"}},
                                    {"D7S820", {"8", "10"}}, {"D8S1179", {"13", "14"}}, {"D13S317", {"11"}},
                                    {"TH01", {"7", "9.3"}}, {"vWA", {"16"}}}}};
  auto search = dna_->post("/api/v1/dna/search", {{"profile", crime}, {"stringency", "moderate"}});
  ASSERT_EQ(search.status, 200) << search.raw;
  ASSERT_EQ(search.body["hits"].size(), 1u);
  EXPECT_EQ(search.body["hits"][0]["id"], profile_id);
  EXPECT_EQ(search.body["hits"][0]["loci"]["vWA"], "moderate");
  EXPECT_EQ(search.body["hits"][0]["loci"]["TH01"], "high");
  auto high = dna_->post("/api/v1/dna/search", {{"profile", crime}, {"stringency", "high"}});
  EXPECT_EQ(high.body["hits"].size(), 0u);
  // Too few loci for the index: refused with 422, not an empty list.
  auto weak = dna_->post("/api/v1/dna/search",
                         {{"profile", {{"loci", {{"TH01", {"7", "9.3"}}}}}}});
  EXPECT_EQ(weak.status, 422) << weak.raw;
  auto malformed = dna_->post("/api/v1/dna/search", {{"profile", {{"loci", {{"TH01", {"9.3.1"}}}}}}});
  EXPECT_EQ(malformed.status, 400) << malformed.raw;
  EXPECT_NE(malformed.raw.find("9.3.1"), std::string::npos);

  auto detail = dna_->get("/api/v1/dna/specimens/" + id);
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.body["custody"].size(), 3u);  // received, store, analysed
  EXPECT_EQ(detail.body["analyses"][0]["profile_id"], profile_id);

  auto destroyed = dna_->post("/api/v1/dna/specimens/" + id + "/destruction",
                              {{"act_number", "ACT-9"}, {"destroyed_on", "2024-03-01"}, {"reason", "typed"}});
  ASSERT_EQ(destroyed.status, 201) << destroyed.raw;
  EXPECT_EQ(destroyed.body["keep_until"], "2049-02-01");
  auto card = dna_->get("/api/v1/dna/cards/" + id);
  ASSERT_EQ(card.status, 200);
  EXPECT_EQ(card.body["content"]["destruction"]["act_number"], "ACT-9");
  auto again = dna_->post("/api/v1/dna/specimens/" + id + "/destruction",
                          {{"act_number", "ACT-10"}, {"destroyed_on", "2024-03-02"}, {"reason", "x"}});
  EXPECT_EQ(again.status, 409);

  // The retention job is the administrator's; nothing is due yet.
  EXPECT_EQ(dna_->post("/api/v1/dna/retention", nlohmann::json::object()).status, 403);
  auto retention = admin_->post("/api/v1/dna/retention", nlohmann::json::object());
  ASSERT_EQ(retention.status, 200) << retention.raw;
  EXPECT_TRUE(retention.body["cards_removed"].empty());
  EXPECT_GE(count_audit("dna.retention", "ok"), 1);
  EXPECT_GE(count_audit("dna.search", "ok"), 2);
}

TEST_F(DnaApiTest, OtherRolesAreRefusedAndAudited) {
  auto s = officer_->post("/api/v1/dna/specimens", {{"category", "suspect"}, {"collected_on", "2024-02-01"},
                                                    {"received_from", "x"}});
  EXPECT_EQ(s.status, 403) << s.raw;
  EXPECT_EQ(officer_->post("/api/v1/dna/search", {{"profile", {{"loci", reference_loci("6")}}}}).status, 403);
  EXPECT_GE(count_audit("dna.specimen.receive", "denied"), 1);
  EXPECT_GE(count_audit("dna.search", "denied"), 1);
  // Unknown fields are refused and the refusal is audited too.
  auto bad = dna_->post("/api/v1/dna/specimens", {{"category", "suspect"}, {"collected_on", "2024-02-01"},
                                                  {"received_from", "x"}, {"colour", "red"}});
  EXPECT_EQ(bad.status, 400) << bad.raw;
}

TEST_F(DnaApiTest, StatisticsWithAnUploadedTable) {
  ABIS_REQUIRE_TEST_DATA();
  auto csv = core::read_text_file(test_data_dir() / "dna/nist1036/nist1036_allele_freqs_long.csv");
  ASSERT_TRUE(csv.is_ok());
  auto up = dna_->post("/api/v1/dna/frequencies", {{"population", "Cauc"}, {"csv", *csv}});
  ASSERT_EQ(up.status, 201) << up.raw;
  EXPECT_EQ(up.body["loci"], 29);
  auto stats = dna_->post("/api/v1/dna/stats", {{"profile", {{"loci", reference_loci("6")}}},
                                                {"population", "Cauc"}, {"theta", 0.01}});
  ASSERT_EQ(stats.status, 200) << stats.raw;
  EXPECT_GT(stats.body["rmp"]["nrc410"].get<double>(), stats.body["rmp"]["hwe"].get<double>());
  EXPECT_EQ(stats.body["loci"].size(), 13u);
  auto kin = dna_->post("/api/v1/dna/kinship", {{"a", {{"loci", reference_loci("6")}}},
                                                {"b", {{"loci", reference_loci("7")}}},
                                                {"relation", "full-sibling"}, {"population", "Cauc"}});
  ASSERT_EQ(kin.status, 200) << kin.raw;
  EXPECT_GT(kin.body["combined_index"].get<double>(), 1.0);
  EXPECT_EQ(kin.body["theta"], 0.0);
  // With a coancestry correction the shared alleles count less; a theta out of range is refused.
  auto kin_theta = dna_->post("/api/v1/dna/kinship", {{"a", {{"loci", reference_loci("6")}}},
                                                      {"b", {{"loci", reference_loci("7")}}},
                                                      {"relation", "full-sibling"}, {"population", "Cauc"},
                                                      {"theta", 0.03}});
  ASSERT_EQ(kin_theta.status, 200) << kin_theta.raw;
  EXPECT_EQ(kin_theta.body["theta"], 0.03);
  EXPECT_LT(kin_theta.body["combined_index"].get<double>(), kin.body["combined_index"].get<double>());
  auto bad_theta = dna_->post("/api/v1/dna/kinship", {{"a", {{"loci", reference_loci("6")}}},
                                                      {"b", {{"loci", reference_loci("7")}}},
                                                      {"relation", "full-sibling"}, {"population", "Cauc"},
                                                      {"theta", 1.5}});
  EXPECT_EQ(bad_theta.status, 400) << bad_theta.raw;
  auto missing = dna_->post("/api/v1/dna/stats", {{"profile", {{"loci", reference_loci("6")}}}, {"population", "KZ"}});
  EXPECT_EQ(missing.status, 404);

  // A mother's reference, then unidentified remains ranked against the relatives' index.
  auto mother = dna_->post("/api/v1/dna/profiles",
                           {{"profile", {{"id", "MP-42-mother"}, {"relationship", "mother"}, {"loci", reference_loci("7")},
                                         {"ystr", nlohmann::json::object()}}},
                            {"category", "missing_person_relative"},
                            {"collected_on", "2024-01-15"}});
  ASSERT_EQ(mother.status, 201) << mother.raw;
  auto ranked = dna_->post("/api/v1/dna/relatives", {{"profile", {{"loci", reference_loci("7")}}},
                                                     {"category", "unidentified_remains"},
                                                     {"population", "Cauc"}});
  ASSERT_EQ(ranked.status, 200) << ranked.raw;
  ASSERT_EQ(ranked.body["ranked"].size(), 1u);
  EXPECT_EQ(ranked.body["ranked"][0]["id"], mother.body["profile"]["id"]);
  EXPECT_EQ(ranked.body["ranked"][0]["hypothesis"], "parent-child");
  // A table computed from the stored profiles.
  auto computed = dna_->post("/api/v1/dna/frequencies",
                             {{"population", "KZ-local"}, {"compute_from", {"missing_person_relative"}}});
  ASSERT_EQ(computed.status, 201) << computed.raw;
  EXPECT_EQ(computed.body["n_individuals"], 1);
  auto populations = dna_->get("/api/v1/dna/frequencies");
  EXPECT_EQ(populations.body["populations"].size(), 2u);
}

}  // namespace
// Type-18 exchange: NIST's sample transaction imported as the raw body, the stored profile given
// back as a transaction that reads as the same genotype; bad transactions refused and audited.
TEST_F(DnaApiTest, Type18TransactionsInAndOut) {
  ABIS_REQUIRE_TEST_DATA();
  auto sample = core::read_text_file(test_data_dir() / "formats/ansi-nist/nist-biocts-2011-samples/all-supported-types.an2");
  ASSERT_TRUE(sample.is_ok());
  const std::string query = "?category=forensic_unknown&collected_on=2024-03-01";
  auto imported = dna_->send("POST", "/api/v1/dna/profiles/ansi-nist" + query, *sample, "application/octet-stream");
  ASSERT_EQ(imported.status, 201) << imported.raw;
  ASSERT_EQ(imported.body["profiles"].size(), 1u);
  const std::string id = imported.body["profiles"][0]["profile"]["id"];
  auto stored = dna_->get("/api/v1/dna/profiles/" + id);
  ASSERT_EQ(stored.status, 200) << stored.raw;
  EXPECT_EQ(stored.body["profile"]["loci"]["TH01"], nlohmann::json({"8", "9.3"})) << stored.raw;

  auto exported = dna_->get("/api/v1/dna/profiles/" + id + "/ansi-nist");
  ASSERT_EQ(exported.status, 200) << exported.raw;
  ASSERT_EQ(exported.raw.rfind("1.001:", 0), 0u);
  // The exported transaction imports again, as a duplicate of the same genotype.
  auto again = dna_->send("POST", "/api/v1/dna/profiles/ansi-nist" + query, exported.raw, "application/octet-stream");
  ASSERT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(again.body["profiles"][0]["duplicates"], nlohmann::json::array({id})) << again.raw;

  // Refused before the registry, each with a reason, and audited.
  auto text = dna_->send("POST", "/api/v1/dna/profiles/ansi-nist" + query, "hello", "application/octet-stream");
  EXPECT_EQ(text.status, 400) << text.raw;
  auto truncated = dna_->send("POST", "/api/v1/dna/profiles/ansi-nist" + query, sample->substr(0, 300),
                              "application/octet-stream");
  EXPECT_EQ(truncated.status, 400) << truncated.raw;
  auto no_date = dna_->send("POST", "/api/v1/dna/profiles/ansi-nist?category=forensic_unknown", *sample,
                            "application/octet-stream");
  EXPECT_EQ(no_date.status, 400) << no_date.raw;
  EXPECT_NE(no_date.raw.find("collected_on"), std::string::npos);
  EXPECT_GE(count_audit("dna.profile.import", "denied"), 3);
  EXPECT_EQ(dna_->get("/api/v1/dna/profiles/nope/ansi-nist").status, 404);
}

}  // namespace abis::testing
