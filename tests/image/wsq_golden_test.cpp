// Golden WSQ results over the whole shared WSQ folder (../shared/data/formats/wsq): the decoder
// against the NBIS 5.0.0 reconstructions and the encoder against the NIST certification
// reference files. The same checks produce docs/CONFORMANCE.md (abis wsq conformance).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/file_io.h"
#include "image/codecs.h"
#include "image/wsq.h"
#include "image/wsq_conformance.h"
#include "support/test_support.h"

namespace abis::image {
namespace {

using abis::testing::test_data_dir;

std::filesystem::path wsq_dir() { return test_data_dir() / "formats/wsq"; }

TEST(WsqGolden, EveryFileDecodesWithinOneGreyLevelOfNbis) {
  ABIS_REQUIRE_TEST_DATA();
  WsqConformanceOptions options;
  options.encoder = false;
  auto report = run_wsq_conformance(wsq_dir(), options);
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  ASSERT_EQ(report->decode.size(), 94u);  // every file WSQ-CHECKSUMS.tsv lists
  std::uint64_t pixels = 0, equal = 0;
  int non_9_7 = 0;
  for (const auto& c : report->decode) {
    EXPECT_TRUE(c.error.empty()) << c.file << ": " << c.error;
    EXPECT_EQ(c.worse, 0u) << c.file;
    EXPECT_LE(c.max_difference, 1) << c.file;
    EXPECT_TRUE(c.ppi_matches) << c.file;
    pixels += c.pixels;
    equal += c.equal;
    if (c.filter_taps_low != 9 || c.filter_taps_high != 7) ++non_9_7;
  }
  EXPECT_EQ(non_9_7, 6);
  // Float rounding differs from NBIS in a handful of pixels per image; far fewer than 0.01 %.
  EXPECT_GT(double(equal) / double(pixels), 0.9999);
}

TEST(WsqGolden, EncoderMeetsTheCertificationRulesOnAllFortyImagesAtBothRates) {
  ABIS_REQUIRE_TEST_DATA();
  WsqConformanceOptions options;
  options.decoder = false;
  auto report = run_wsq_conformance(wsq_dir(), options);
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  ASSERT_EQ(report->encode.size(), 80u);
  for (const auto& c : report->encode) {
    EXPECT_TRUE(c.pass()) << c.image << " @ " << c.bitrate << ": " << c.error << " size "
                          << c.size_difference_pct << " %, Q " << c.max_bin_width_difference_pct
                          << " %, Z " << c.max_zero_bin_width_difference_pct << " %, identical "
                          << c.identical << "/" << c.coefficients << ", worse " << c.worse;
  }
}

TEST(WsqGolden, HeadersOfAReferenceFile) {
  ABIS_REQUIRE_TEST_DATA();
  auto bytes = core::read_file(wsq_dir() / "nist-wsq-reference-v2.0/decode/75/a001.wsq");
  ASSERT_TRUE(bytes.is_ok());
  auto info = read_wsq_info(*bytes);
  ASSERT_TRUE(info.is_ok()) << info.status().to_string();
  EXPECT_EQ(info->width, 1508);
  EXPECT_EQ(info->height, 1008);
  EXPECT_DOUBLE_EQ(info->shift, 210.75);
  EXPECT_DOUBLE_EQ(info->scale, 1.6465);
  EXPECT_EQ(info->encoder_number, 2);
  EXPECT_EQ(info->software_number, 38100);
  EXPECT_EQ(info->lowpass_taps, 9);
  EXPECT_EQ(info->highpass_taps, 7);
  EXPECT_DOUBLE_EQ(info->bin_center, 0.44);
  EXPECT_DOUBLE_EQ(info->bin_widths[0], 14.772);
  EXPECT_DOUBLE_EQ(info->zero_bin_widths[0], 17.727);
  EXPECT_EQ(info->bin_widths[60], 0.0);
  EXPECT_EQ(info->block_count, 3);
  EXPECT_EQ(info->huffman_table_count, 2);
  EXPECT_TRUE(info->comments.empty());
}

TEST(WsqGolden, EncoderNumberOneFileEndingBlocksWithAWholePaddingByte) {
  ABIS_REQUIRE_TEST_DATA();
  // The Type-4 record of NBIS's valid1.9.an2 (800x800, Ev = 1): its blocks end with a stuffed
  // 0xFF byte after the padding bits. Found by its SOI marker; parse_stream stops at EOI.
  auto file = core::read_file(test_data_dir() /
                              "formats/ansi-nist/nbis-5.0.0-an2kconvert-testdata/valid1.9.an2");
  ASSERT_TRUE(file.is_ok());
  const std::uint8_t soi[] = {0xFF, 0xA0, 0xFF};
  auto it = std::search(file->begin(), file->end(), std::begin(soi), std::end(soi));
  ASSERT_NE(it, file->end());
  std::vector<std::uint8_t> wsq(it, file->end());
  auto info = read_wsq_info(wsq);
  ASSERT_TRUE(info.is_ok());
  EXPECT_EQ(info->encoder_number, 1);
  auto img = decode_wsq(wsq);
  ASSERT_TRUE(img.is_ok()) << img.status().to_string();
  EXPECT_EQ(img->width, 800);
  EXPECT_EQ(img->height, 800);
}

TEST(WsqGolden, DecodeImageDispatchesWsq) {
  ABIS_REQUIRE_TEST_DATA();
  auto bytes = core::read_file(test_data_dir() /
                               "fingerprints/sourceafis-test-resources/wsq-original.wsq");
  ASSERT_TRUE(bytes.is_ok());
  EXPECT_EQ(sniff_format(*bytes), ImageFormat::kWsq);
  auto img = decode_image(*bytes);
  ASSERT_TRUE(img.is_ok()) << img.status().to_string();
  EXPECT_EQ(img->width, 832);
  EXPECT_EQ(img->height, 768);
  EXPECT_EQ(img->ppi, 500);
}

}  // namespace
}  // namespace abis::image
