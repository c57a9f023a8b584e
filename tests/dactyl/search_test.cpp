// 1:N search (src/dactyl/search): determinism across thread counts and save/load, the fast stage
// agreeing with exhaustive search, deletes and concurrent inserts, and clear errors on bad input.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <thread>

#include "dactyl/search/gallery.h"
#include "dactyl/search/gallery_file.h"
#include "dactyl/search/print_folder.h"
#include "dactyl/search/searcher.h"
#include "dactyl/search/synthetic.h"
#include "support/test_support.h"

namespace abis::dactyl::search {
namespace {

// Seed "prints" for the generator: random minutiae over a 300 x 400 area with a smooth flow, so the
// unit tests need no shared data.
std::vector<Template> random_seeds(int count) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> x(20, 300), y(20, 400), a(0, 255);
  std::vector<Template> seeds(count);
  for (auto& t : seeds) {
    t.width = 320;
    t.height = 420;
    for (int k = 0; k < 35; ++k) {
      Minutia m;
      m.x = static_cast<std::uint16_t>(x(rng));
      m.y = static_cast<std::uint16_t>(y(rng));
      m.angle = static_cast<std::uint8_t>(a(rng));
      t.minutiae.push_back(m);
    }
  }
  return seeds;
}

SyntheticSet make_set(std::size_t fingers, std::size_t probes) {
  SyntheticOptions o;
  o.fingers = fingers;
  o.probes = probes;
  o.seed = 3;
  return generate_synthetic(random_seeds(12), o);
}

// Everything a caller sees of a result, for exact comparison.
std::string describe(const SearchResult& r) {
  std::string s;
  for (const auto& c : r.candidates) {
    s += c.person_id + " " + std::to_string(c.score) + ":";
    for (const auto& f : c.fingers)
      s += " " + std::to_string(f.probe_finger) + "/" + std::to_string(f.position) + "/" + std::to_string(f.score) +
           "/" + std::to_string(f.fast_score);
    s += "\n";
  }
  return s;
}

SearchResult run(const Gallery& g, const Template& probe, SearchOptions o) {
  const ProbeFinger p[1] = {{probe, 0}};
  auto r = search(*g.snapshot(), p, o);
  EXPECT_TRUE(r.is_ok()) << r.status().message();
  return r.is_ok() ? *r : SearchResult{};
}

class SearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    set_ = new SyntheticSet(make_set(3000, 12));
  }
  static void TearDownTestSuite() { delete set_; }
  static SyntheticSet* set_;
};
SyntheticSet* SearchTest::set_ = nullptr;

TEST_F(SearchTest, OneAndTwoThreadsGiveIdenticalResults) {
  Gallery g;
  ASSERT_TRUE(g.add_bulk(set_->gallery, 2).is_ok());
  for (std::size_t k = 0; k < set_->probes.size(); ++k) {
    SearchOptions o;
    o.shortlist = 40;
    o.top = 5;
    o.threads = 1;
    const auto one = run(g, set_->probes[k], o);
    o.threads = 2;
    const auto two = run(g, set_->probes[k], o);
    ASSERT_FALSE(one.candidates.empty());
    EXPECT_EQ(describe(one), describe(two)) << "probe " << k;
  }
}

TEST_F(SearchTest, SavedThenLoadedGalleryGivesIdenticalResults) {
  Gallery g;
  ASSERT_TRUE(g.add_bulk(set_->gallery, 2).is_ok());
  // Changes after the bulk load: a replaced and a deleted finger must survive the round trip too.
  ASSERT_TRUE(g.upsert(FingerRecord{set_->gallery[5].person_id, set_->gallery[5].position, set_->gallery[9].tpl}).is_ok());
  ASSERT_TRUE(g.remove(set_->gallery[17].person_id, set_->gallery[17].position).is_ok());
  const auto bytes = encode_gallery(*g.snapshot());
  auto segments = decode_gallery(bytes, 2);
  ASSERT_TRUE(segments.is_ok()) << segments.status().message();
  Gallery loaded;
  ASSERT_TRUE(loaded.add_segments(std::move(*segments)).is_ok());
  EXPECT_EQ(loaded.snapshot()->live_fingers, g.snapshot()->live_fingers);
  EXPECT_EQ(encode_gallery(*loaded.snapshot()), bytes);
  for (std::size_t k = 0; k < 4; ++k) {
    SearchOptions o;
    o.shortlist = 40;
    EXPECT_EQ(describe(run(g, set_->probes[k], o)), describe(run(loaded, set_->probes[k], o))) << "probe " << k;
  }
}

TEST(SearchSmallGallery, FastStageFindsTheExhaustiveRankOne) {
  const auto set = make_set(300, 8);  // every probe's mate is in the gallery
  Gallery g;
  ASSERT_TRUE(g.add_bulk(set.gallery, 2).is_ok());
  for (std::size_t k = 0; k < set.probes.size(); ++k) {
    SearchOptions fast;
    fast.shortlist = 30;  // 10 % of the gallery
    fast.top = 1;
    SearchOptions full = fast;
    full.exhaustive = true;
    const auto a = run(g, set.probes[k], fast), b = run(g, set.probes[k], full);
    ASSERT_FALSE(a.candidates.empty());
    ASSERT_FALSE(b.candidates.empty());
    EXPECT_EQ(a.candidates[0].person_id, b.candidates[0].person_id) << "probe " << k;
    EXPECT_EQ(b.stats.comparisons, 300u);
    EXPECT_EQ(a.stats.comparisons, 30u);
  }
  // Exhaustive search does not bring a deleted finger back either.
  ASSERT_TRUE(g.remove(set.mate_person[0], set.mate_position[0]).is_ok());
  SearchOptions full;
  full.exhaustive = true;
  full.top = 300;
  const auto after = run(g, set.probes[0], full);
  EXPECT_EQ(after.stats.comparisons, 299u);
  for (const auto& c : after.candidates) {
    if (c.person_id != set.mate_person[0]) continue;
    for (const auto& f : c.fingers) EXPECT_NE(f.position, set.mate_position[0]);
  }
}

TEST_F(SearchTest, FindsTheMateAndNeverReturnsADeletedFinger) {
  Gallery g;
  ASSERT_TRUE(g.add_bulk(set_->gallery, 2).is_ok());
  SearchOptions o;
  o.top = 50;
  o.shortlist = 50;
  const auto before = run(g, set_->probes[0], o);
  ASSERT_FALSE(before.candidates.empty());
  EXPECT_EQ(before.candidates[0].person_id, set_->mate_person[0]);
  ASSERT_TRUE(g.remove(set_->mate_person[0], set_->mate_position[0]).is_ok());
  EXPECT_EQ(g.remove(set_->mate_person[0], set_->mate_position[0]).code(), StatusCode::kNotFound);
  o.shortlist = 200;
  for (const auto& c : run(g, set_->probes[0], o).candidates)
    if (c.person_id == set_->mate_person[0]) {
      for (const auto& f : c.fingers) EXPECT_NE(f.position, set_->mate_position[0]);
    }
  // A whole person removed: none of its fingers comes back.
  const std::string person = before.candidates.size() > 1 ? before.candidates[1].person_id : set_->mate_person[0];
  ASSERT_TRUE(g.remove_person(person).is_ok());
  for (const auto& c : run(g, set_->probes[0], o).candidates) EXPECT_NE(c.person_id, person);
}

TEST_F(SearchTest, ReplacingAFingerKeepsOneFingerUnderItsKey) {
  Gallery g;
  ASSERT_TRUE(g.upsert(FingerRecord{"p1", 3, set_->gallery[0].tpl}).is_ok());
  ASSERT_TRUE(g.upsert(FingerRecord{"p1", 3, set_->probes[0]}).is_ok());
  EXPECT_EQ(g.snapshot()->live_fingers, 1u);
  EXPECT_EQ(g.stats().persons, 1u);
}

TEST_F(SearchTest, AConcurrentInsertIsSeenWholeOrNotAtAll) {
  Gallery g;
  std::vector<FingerRecord> base(set_->gallery.begin(), set_->gallery.begin() + 500);
  ASSERT_TRUE(g.add_bulk(base, 1).is_ok());
  std::atomic<bool> done{false};
  std::atomic<int> partial{0}, snapshots{0};
  // Readers: every snapshot holds each new person with 0 or 10 fingers, never in between, and a
  // search on it runs undisturbed.
  auto reader = [&] {
    while (!done.load()) {
      const auto snap = g.snapshot();
      std::map<std::string, int> count;
      for (const auto& v : snap->segments)
        for (std::size_t s = 0; s < v.data->size(); ++s)
          if (v.live(s) && v.data->person_id(s).rfind("new", 0) == 0) ++count[v.data->person_id(s)];
      for (const auto& [p, n] : count)
        if (n != 10) ++partial;
      const ProbeFinger probe[1] = {{set_->probes[1], 0}};
      SearchOptions o;
      o.shortlist = 10;
      o.threads = 1;
      if (!search(*snap, probe, o).is_ok()) ++partial;
      ++snapshots;
    }
  };
  std::thread r1(reader), r2(reader);
  for (int person = 0; person < 40; ++person) {
    std::vector<FingerRecord> tenprint;
    for (int f = 0; f < 10; ++f)
      tenprint.push_back({"new" + std::to_string(person), f + 1, set_->gallery[500 + person * 10 + f].tpl});
    ASSERT_TRUE(g.upsert(tenprint).is_ok());
    if (person % 3 == 0) {
      ASSERT_TRUE(g.upsert(tenprint).is_ok());  // a re-enrolment replaces all ten
    }
  }
  done = true;
  r1.join();
  r2.join();
  EXPECT_EQ(partial.load(), 0);
  EXPECT_GT(snapshots.load(), 0);
  EXPECT_EQ(g.snapshot()->live_fingers, 500u + 400u);
}

TEST(SearchInput, BadProbesAreRefusedClearly) {
  Gallery g;
  const auto set = make_set(20, 1);
  ASSERT_TRUE(g.add_bulk(set.gallery, 1).is_ok());
  auto snap = g.snapshot();
  auto r = search(*snap, {});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("empty probe"), std::string::npos);
  const ProbeFinger bad_position[1] = {{set.probes[0], 11}};
  r = search(*snap, bad_position);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("unknown finger position 11"), std::string::npos);
  const ProbeFinger no_minutiae[1] = {{Template{}, 1}};
  EXPECT_FALSE(search(*snap, no_minutiae).is_ok());
  Status st = g.upsert(FingerRecord{"p", 0, set.probes[0]});
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("unknown finger position 0"), std::string::npos);
  EXPECT_FALSE(g.upsert(FingerRecord{"", 1, set.probes[0]}).is_ok());
}

TEST(GalleryFile, CorruptFilesGiveAClearError) {
  Gallery g;
  const auto set = make_set(30, 1);
  ASSERT_TRUE(g.add_bulk(set.gallery, 1).is_ok());
  const auto good = encode_gallery(*g.snapshot());
  ASSERT_TRUE(decode_gallery(good, 1).is_ok());
  // Every truncation and a flipped byte anywhere: refused with an offset, never a crash.
  for (std::size_t n : {std::size_t{0}, std::size_t{10}, std::size_t{64}, good.size() / 2, good.size() - 1}) {
    auto r = decode_gallery(std::span(good).first(n), 1);
    ASSERT_FALSE(r.is_ok()) << n;
    EXPECT_EQ(r.status().code(), StatusCode::kDataCorrupt);
    EXPECT_NE(r.status().message().find("byte"), std::string::npos) << r.status().message();
  }
  for (std::size_t at = 0; at < good.size(); at += 37) {
    auto bad = good;
    bad[at] ^= 0x5a;
    auto r = decode_gallery(bad, 1);
    ASSERT_FALSE(r.is_ok()) << at;
    EXPECT_NE(r.status().message().find("byte"), std::string::npos) << r.status().message();
  }
  abis::testing::TempDir dir;
  EXPECT_FALSE(load_gallery(dir.path() / "missing.gallery", g, 1).is_ok());
}

// Real prints: on the first fingers of FVC2002 DB1_B, the fast stage with a short list of a fifth
// of the gallery finds the same rank 1 as exhaustive search, every print searched against the others.
TEST(SearchRealPrints, FastStageAgreesWithExhaustiveOnFvc) {
  ABIS_REQUIRE_TEST_DATA();
  auto loaded = load_print_folder(abis::testing::test_data_dir() / "fingerprints" / "fvc2002-db1_b", 500, 2);
  ASSERT_TRUE(loaded.is_ok());
  std::vector<FingerRecord> records;
  for (const auto& p : loaded->prints)
    if (p.stem < "104") records.push_back({p.stem, 1, p.tpl});
  ASSERT_GE(records.size(), 20u);
  Gallery g;
  ASSERT_TRUE(g.add_bulk(records, 2).is_ok());
  int agree = 0;
  for (const auto& r : records) {
    ASSERT_TRUE(g.remove(r.person_id, 1).is_ok());
    SearchOptions fast;
    fast.shortlist = 5;
    fast.top = 1;
    SearchOptions full = fast;
    full.exhaustive = true;
    const auto a = run(g, r.tpl, fast), b = run(g, r.tpl, full);
    // Rank 1 as identification counts it: the same finger (FVC "<finger>_<impression>"), since two
    // impressions of the mate may swap places on near-equal scores.
    auto finger = [](const std::string& id) { return id.substr(0, id.find('_')); };
    agree += !a.candidates.empty() && !b.candidates.empty() &&
             finger(a.candidates[0].person_id) == finger(b.candidates[0].person_id);
    ASSERT_TRUE(g.upsert(r).is_ok());
  }
  EXPECT_GE(agree, static_cast<int>(records.size()) - 1);
}

}  // namespace
}  // namespace abis::dactyl::search
