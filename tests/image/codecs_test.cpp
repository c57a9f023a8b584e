#include <gtest/gtest.h>

#include "core/file_io.h"
#include "image/codecs.h"
#include "support/test_support.h"

namespace abis::image {
namespace {

using abis::testing::test_data_dir;

GrayImage decode_file(const std::filesystem::path& path) {
  auto bytes = core::read_file(path);
  EXPECT_TRUE(bytes.is_ok()) << bytes.status().to_string();
  auto image = decode_image(*bytes);
  EXPECT_TRUE(image.is_ok()) << path << ": " << image.status().to_string();
  return image.is_ok() ? *image : GrayImage{};
}

TEST(Codecs, SameProbeInEveryEncodingDecodesToTheSameSize) {
  ABIS_REQUIRE_TEST_DATA();
  auto dir = test_data_dir() / "fingerprints/sourceafis-test-resources";
  GrayImage png = decode_file(dir / "probe.png");
  GrayImage bmp = decode_file(dir / "probe.bmp");
  GrayImage jpeg = decode_file(dir / "probe.jpeg");
  ASSERT_FALSE(png.empty());
  EXPECT_EQ(png.width, bmp.width);
  EXPECT_EQ(png.height, bmp.height);
  EXPECT_EQ(png.pixels, bmp.pixels);  // both lossless
  EXPECT_EQ(png.width, jpeg.width);
  EXPECT_EQ(png.height, jpeg.height);
  double diff = 0;
  for (std::size_t i = 0; i < png.pixels.size(); ++i) diff += std::abs(png.pixels[i] - jpeg.pixels[i]);
  EXPECT_LT(diff / png.pixels.size(), 6.0);  // JPEG is lossy but close
}

TEST(Codecs, FvcTiffAndMinexPgmAndSivvBmp) {
  ABIS_REQUIRE_TEST_DATA();
  GrayImage tif = decode_file(test_data_dir() / "fingerprints/fvc2002-db1_b/101_1.tif");
  EXPECT_EQ(tif.width, 388);
  EXPECT_EQ(tif.height, 374);
  GrayImage pgm = decode_file(test_data_dir() / "fingerprints/minex-validation-samples/a001_03p.pgm");
  EXPECT_EQ(pgm.width, 364);
  EXPECT_EQ(pgm.height, 536);
  GrayImage bmp = decode_file(test_data_dir() / "fingerprints/nbis-sivv-cards/card0003_05.bmp");
  EXPECT_NEAR(bmp.ppi, 1000, 1);
}

TEST(Codecs, PngAndPgmRoundTripExactly) {
  GrayImage image;
  image.width = 37;
  image.height = 19;
  image.ppi = 500;
  for (int i = 0; i < 37 * 19; ++i) image.pixels.push_back(static_cast<std::uint8_t>(i * 7));
  auto png = encode_png(image);
  ASSERT_TRUE(png.is_ok());
  auto back = decode_png(*png);
  ASSERT_TRUE(back.is_ok()) << back.status().to_string();
  EXPECT_EQ(back->pixels, image.pixels);
  EXPECT_NEAR(back->ppi, 500, 0.1);
  auto pgm = encode_pgm(image);
  ASSERT_TRUE(pgm.is_ok());
  auto back2 = decode_pgm(*pgm);
  ASSERT_TRUE(back2.is_ok());
  EXPECT_EQ(back2->pixels, image.pixels);
}

TEST(Codecs, TruncatedFilesAreRefusedWithAMessage) {
  ABIS_REQUIRE_TEST_DATA();
  auto dir = test_data_dir() / "fingerprints/sourceafis-test-resources";
  for (const char* name : {"probe.png", "probe.bmp", "probe.jpeg"}) {
    auto bytes = core::read_file(dir / name);
    ASSERT_TRUE(bytes.is_ok());
    for (std::size_t keep : {std::size_t{0}, std::size_t{5}, std::size_t{60}, bytes->size() / 2}) {
      std::vector<std::uint8_t> cut(bytes->begin(), bytes->begin() + keep);
      auto image = decode_image(cut);
      // JPEG decoders may fill a truncated scan with grey; all others must refuse.
      if (!image.is_ok()) EXPECT_FALSE(image.status().message().empty());
      if (std::string(name) != "probe.jpeg") EXPECT_FALSE(image.is_ok()) << name << " kept " << keep;
    }
  }
}

TEST(Codecs, HostileDimensionsAreRefusedBeforeAllocating) {
  std::string pgm = "P5\n100000 100000\n255\n";
  auto image = decode_pgm(std::span(reinterpret_cast<const std::uint8_t*>(pgm.data()), pgm.size()));
  ASSERT_FALSE(image.is_ok());
  EXPECT_EQ(image.status().code(), StatusCode::kTooLarge);
  EXPECT_FALSE(decode_raw_gray({}, 0, 10).is_ok());
  std::vector<std::uint8_t> four(4);
  EXPECT_TRUE(decode_raw_gray(four, 2, 2).is_ok());
  EXPECT_FALSE(decode_raw_gray(four, 3, 2).is_ok());
}

}  // namespace
}  // namespace abis::image
