#include <gtest/gtest.h>

#include "image/resample.h"

namespace abis::image {
namespace {

GrayImage gradient(int w, int h, double ppi) {
  GrayImage img;
  img.width = w;
  img.height = h;
  img.ppi = ppi;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) img.pixels.push_back(static_cast<std::uint8_t>((x * 255) / (w - 1)));
  return img;
}

TEST(Resample, ThousandPpiHalvesTheSize) {
  auto out = resample_to_ppi(gradient(1000, 600, 1000), 500);
  ASSERT_TRUE(out.is_ok()) << out.status().to_string();
  EXPECT_EQ(out->width, 500);
  EXPECT_EQ(out->height, 300);
  EXPECT_EQ(out->ppi, 500);
  // Area averaging keeps the ramp: the middle column is mid-gray.
  EXPECT_NEAR(out->at(250, 150), 128, 2);
  EXPECT_NEAR(out->at(0, 0), 0, 1);
  EXPECT_NEAR(out->at(499, 299), 255, 1);
}

TEST(Resample, FvcDb2ResolutionShrinksByTheRatio) {
  auto out = resample_to_ppi(gradient(296, 560, 569), 500);
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(out->width, 260);
  EXPECT_EQ(out->height, 492);
}

TEST(Resample, UpscalingInterpolates) {
  auto out = resample(gradient(100, 10, 250), 200, 20);
  ASSERT_TRUE(out.is_ok());
  for (int x = 1; x < 200; ++x) EXPECT_GE(out->at(x, 5), out->at(x - 1, 5));  // monotone ramp
}

TEST(Resample, SameResolutionIsUnchanged) {
  const GrayImage in = gradient(50, 40, 501);
  auto out = resample_to_ppi(in, 500);
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(out->pixels, in.pixels);
}

TEST(Resample, BadRequestsAreRefused) {
  EXPECT_FALSE(resample_to_ppi(gradient(50, 40, 0), 500).is_ok());     // unknown resolution
  EXPECT_FALSE(resample_to_ppi(GrayImage{}, 500).is_ok());              // empty
  EXPECT_FALSE(resample_to_ppi(gradient(50, 40, 500), 0).is_ok());      // no target
  EXPECT_FALSE(resample_to_ppi(gradient(50, 40, 1), 500000).is_ok());  // absurd size
  EXPECT_FALSE(resample(gradient(50, 40, 500), 0, 10).is_ok());
}

}  // namespace
}  // namespace abis::image
