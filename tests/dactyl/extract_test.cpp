// Extraction: golden counts (so that a change in the extractor is visible), refusal of unusable
// images, resolutions other than 500 ppi, bad input.
#include <gtest/gtest.h>

#include "dactyl/parameters.h"
#include "engine_support.h"

namespace abis::dactyl {
namespace {

using testing::fvc;
using testing::load_image;

TEST(Extract, GoldenMinutiaeCountsStayInBand) {
  ABIS_REQUIRE_TEST_DATA();
  // Counts measured when the bands were set; a change beyond the band is a change in accuracy
  // that must be looked at (and the band updated with the new eval figures).
  struct Golden {
    int db;
    const char* name;
    int lo, hi;
  };
  // Shifted with the valley minutiae (counts 23/34/24/27 -> 26/42/30/39), widths kept.
  for (const Golden& g : {Golden{1, "101_1", 21, 37}, Golden{2, "105_3", 33, 68}, Golden{3, "104_2", 16, 36},
                          Golden{4, "102_3", 32, 57}}) {
    const Template t = fvc(g.db, g.name);
    EXPECT_GE(static_cast<int>(t.minutiae.size()), g.lo) << "db" << g.db << " " << g.name;
    EXPECT_LE(static_cast<int>(t.minutiae.size()), g.hi) << "db" << g.db << " " << g.name;
    EXPECT_GT(t.quality, 20);
  }
}

TEST(Extract, EveryMinutiaLiesInsideThePrintWithAValidQuality) {
  ABIS_REQUIRE_TEST_DATA();
  const Template t = fvc(1, "102_4");
  ASSERT_FALSE(t.minutiae.empty());
  for (const Minutia& m : t.minutiae) {
    EXPECT_LT(m.x, t.width);
    EXPECT_LT(m.y, t.height);
    EXPECT_GE(m.quality, 1);
    EXPECT_LE(m.quality, 100);
  }
  EXPECT_LE(static_cast<int>(t.minutiae.size()), params::kMaxMinutiae);
}

TEST(Extract, IsDeterministic) {
  ABIS_REQUIRE_TEST_DATA();
  EXPECT_EQ(fvc(3, "101_1"), fvc(3, "101_1"));
}

TEST(Extract, BlankImageIsRefusedClearly) {
  ABIS_REQUIRE_TEST_DATA();
  const image::GrayImage blank = load_image("minex-validation-samples/a999_01p.pgm", 500);
  ASSERT_FALSE(blank.empty());
  auto r = extract_template(blank);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnprocessable);
  EXPECT_NE(r.status().message().find("no fingerprint"), std::string::npos) << r.status().message();
}

TEST(Extract, MinexSamplesAllExtract) {
  ABIS_REQUIRE_TEST_DATA();
  for (const char* name : {"a001_03p", "a001_04p", "a001_05p", "a001_06p", "a001_07p", "a004_05p", "b001_04p",
                           "b001_06p", "b001_08p"}) {
    auto r = extract_template(load_image(std::string("minex-validation-samples/") + name + ".pgm", 500));
    ASSERT_TRUE(r.is_ok()) << name << ": " << r.status().to_string();
    EXPECT_GE(r->minutiae.size(), 12u) << name;
  }
}

TEST(Extract, ThousandPpiCardPrintsAreNormalised) {
  ABIS_REQUIRE_TEST_DATA();
  const image::GrayImage card = load_image("nbis-sivv-cards/card0003_05.bmp");
  ASSERT_NEAR(card.ppi, 1000, 1);  // from the BMP header
  auto r = extract_template(card);
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_NEAR(r->width, card.width / 2, 1);
  EXPECT_GE(r->minutiae.size(), 20u);
}

TEST(Extract, UnknownResolutionNeedsAFallback) {
  ABIS_REQUIRE_TEST_DATA();
  image::GrayImage img = load_image("fvc2002-db1_b/101_1.tif");
  ASSERT_EQ(img.ppi, 0);
  auto refused = extract_template(img);
  ASSERT_FALSE(refused.is_ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  ExtractOptions options;
  options.fallback_ppi = 500;
  EXPECT_TRUE(extract_template(img, options).is_ok());
}

TEST(Extract, BadImagesGetClearErrors) {
  image::GrayImage empty;
  empty.ppi = 500;
  EXPECT_EQ(extract_template(empty).status().code(), StatusCode::kInvalidArgument);

  image::GrayImage tiny;
  tiny.width = tiny.height = 20;
  tiny.ppi = 500;
  tiny.pixels.assign(400, 128);
  EXPECT_EQ(extract_template(tiny).status().code(), StatusCode::kUnprocessable);

  image::GrayImage inconsistent;
  inconsistent.width = inconsistent.height = 300;
  inconsistent.ppi = 500;
  inconsistent.pixels.assign(10, 0);  // buffer does not match the size
  EXPECT_EQ(extract_template(inconsistent).status().code(), StatusCode::kInvalidArgument);

  image::GrayImage flat;
  flat.width = flat.height = 300;
  flat.ppi = 500;
  flat.pixels.assign(90000, 200);
  EXPECT_EQ(extract_template(flat).status().code(), StatusCode::kUnprocessable);

  image::GrayImage weird = flat;
  weird.ppi = 90;
  EXPECT_EQ(extract_template(weird).status().code(), StatusCode::kInvalidArgument);

  // Noise is not a fingerprint.
  image::GrayImage noise = flat;
  std::uint32_t seed = 12345;
  for (auto& p : noise.pixels) {
    seed = seed * 1664525u + 1013904223u;
    p = static_cast<std::uint8_t>(seed >> 24);
  }
  EXPECT_FALSE(extract_template(noise).is_ok());
}

TEST(Extract, ObserverSeesEveryStage) {
  ABIS_REQUIRE_TEST_DATA();
  struct Recorder : ExtractionObserver {
    std::vector<std::string> names;
    void on_stage(std::string_view name, const image::GrayImage& picture) override {
      names.emplace_back(name);
      EXPECT_FALSE(picture.empty());
    }
  } recorder;
  ExtractOptions options;
  options.observer = &recorder;
  ASSERT_TRUE(extract_template(load_image("fvc2002-db1_b/101_1.tif", 500), options).is_ok());
  const std::vector<std::string> expected = {"input",  "mask",   "orientation", "period",      "enhanced",
                                             "binary", "skeleton", "minutiae-raw", "minutiae"};
  EXPECT_EQ(recorder.names, expected);
}

}  // namespace
}  // namespace abis::dactyl
