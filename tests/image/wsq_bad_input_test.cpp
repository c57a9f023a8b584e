// Hostile and broken WSQ input: every failure is a Status naming the problem and, where there is
// one, the byte offset; nothing crashes or reads past the input (run these under ASan/UBSan:
// make sanitize).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "image/wsq.h"

namespace abis::image {
namespace {

std::vector<std::uint8_t> small_wsq() {
  GrayImage img;
  img.width = 61;
  img.height = 47;
  img.ppi = 500;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      img.pixels.push_back(static_cast<std::uint8_t>(128 + 100 * std::sin(x * 0.7 + y * 0.3)));
  auto wsq = encode_wsq(img, {});
  EXPECT_TRUE(wsq.is_ok());
  return *wsq;
}

// Offset of the first occurrence of a marker (the header segments precede any coded data).
std::size_t find_marker(const std::vector<std::uint8_t>& d, std::uint8_t second) {
  for (std::size_t i = 0; i + 1 < d.size(); ++i)
    if (d[i] == 0xFF && d[i + 1] == second) return i;
  ADD_FAILURE() << "marker not found";
  return 0;
}

// decode_wsq fails with a message containing fragment; so does read_wsq_info when the problem
// is in the headers rather than in the coded data.
void expect_error(const std::vector<std::uint8_t>& d, const std::string& fragment,
                  bool in_headers = true) {
  auto r = decode_wsq(d);
  ASSERT_FALSE(r.is_ok()) << "expected an error containing: " << fragment;
  EXPECT_NE(r.status().message().find(fragment), std::string::npos) << r.status().message();
  if (in_headers) {
    EXPECT_FALSE(read_wsq_info(d).is_ok()) << fragment;
  }
}

TEST(WsqBadInput, EveryTruncationIsAnError) {
  auto full = small_wsq();
  ASSERT_TRUE(decode_wsq(full).is_ok());
  for (std::size_t n = 0; n < full.size(); ++n) {
    std::vector<std::uint8_t> cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    auto r = decode_wsq(cut);
    ASSERT_FALSE(r.is_ok()) << "prefix of " << n << " bytes decoded";
    if (n >= 2) {
      EXPECT_NE(r.status().message().find("byte"), std::string::npos)
          << n << ": " << r.status().message();
    }
  }
}

TEST(WsqBadInput, NotWsqAtAll) {
  expect_error({}, "SOI");
  expect_error({0x89, 'P', 'N', 'G'}, "SOI");
}

TEST(WsqBadInput, LengthFieldLargerThanTheFile) {
  auto d = small_wsq();
  std::size_t dqt = find_marker(d, 0xA5);
  d[dqt + 2] = 0xFF;
  d[dqt + 3] = 0xFF;
  expect_error(d, "DQT segment at byte " + std::to_string(dqt) + " says it is 65535 bytes long");
}

TEST(WsqBadInput, LengthFieldTooSmall) {
  auto d = small_wsq();
  std::size_t sof = find_marker(d, 0xA2);
  d[sof + 3] = 1;
  expect_error(d, "less than its own length field");
  d = small_wsq();
  d[sof + 3] = 16;  // a frame header is 17 bytes
  expect_error(d, "not 17");
}

TEST(WsqBadInput, UnknownMarker) {
  auto d = small_wsq();
  std::vector<std::uint8_t> segment = {0xFF, 0xA9, 0x00, 0x04, 0x12, 0x34};
  d.insert(d.begin() + 2, segment.begin(), segment.end());
  expect_error(d, "unknown marker 0xFFA9 at byte 2");
}

TEST(WsqBadInput, NoMarkerWhereOneMustBe) {
  auto d = small_wsq();
  d[2] = 0x12;
  expect_error(d, "expected a marker at byte 2");
}

TEST(WsqBadInput, WrongImageSizes) {
  auto d = small_wsq();
  std::size_t sof = find_marker(d, 0xA2);
  d[sof + 8] = 0;  // width high byte
  d[sof + 9] = 0;  // width low byte
  expect_error(d, "is empty");
  d = small_wsq();
  d[sof + 6] = 0xFF;  // height 65535
  d[sof + 7] = 0xFF;
  d[sof + 8] = 0xFF;  // width 65535
  d[sof + 9] = 0xFF;
  auto r = decode_wsq(d);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTooLarge);
  // A plausible but wrong size: the blocks no longer match the subbands.
  d = small_wsq();
  d[sof + 9] = static_cast<std::uint8_t>(d[sof + 9] + 8);
  r = decode_wsq(d);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("coefficients"), std::string::npos) << r.status().message();
}

TEST(WsqBadInput, HuffmanTableProblems) {
  auto d = small_wsq();
  std::size_t dht = find_marker(d, 0xA6);
  d[dht + 4] = 9;  // table id 9
  expect_error(d, "table id 9");
  d = small_wsq();
  d[dht + 5] = 3;  // three codes of length 1: more than the code space holds
  expect_error(d, "more codes of length");
}

TEST(WsqBadInput, BlockBeforeItsTable) {
  auto d = small_wsq();
  std::size_t sob = find_marker(d, 0xA3);
  d[sob + 4] = 5;  // Huffman table 5 is never defined
  expect_error(d, "uses Huffman table 5");
}

TEST(WsqBadInput, TransformTableProblems) {
  auto d = small_wsq();
  std::size_t dtt = find_marker(d, 0xA4);
  d[dtt + 4] = 0;  // a lowpass of 0 taps
  expect_error(d, "filter lengths 0/7");
  d = small_wsq();
  d[dtt + 4] = 11;  // 11 taps need more coefficients than the segment has
  expect_error(d, "need");
}

TEST(WsqBadInput, MissingEndOfImage) {
  auto d = small_wsq();
  d.resize(d.size() - 2);  // drop EOI: the last block runs to the end of the file
  expect_error(d, "truncated");
}

TEST(WsqBadInput, TrailingBytesAfterEndOfImageAreIgnored) {
  auto d = small_wsq();
  auto clean = decode_wsq(d);
  d.insert(d.end(), {0x00, 0x11, 0xFF, 0xFF});
  auto r = decode_wsq(d);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->pixels, clean->pixels);
}

TEST(WsqBadInput, RandomCorruptionNeverCrashes) {
  auto original = small_wsq();
  std::mt19937 rng(11);
  std::uniform_int_distribution<std::size_t> pos(0, original.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255), count(1, 8);
  int decoded = 0;
  for (int round = 0; round < 3000; ++round) {
    auto d = original;
    for (int i = count(rng); i > 0; --i) d[pos(rng)] = static_cast<std::uint8_t>(byte(rng));
    auto r = decode_wsq(d);
    if (r.is_ok()) {
      ++decoded;
      EXPECT_EQ(r->pixels.size(), static_cast<std::size_t>(r->width) * r->height);
    } else {
      EXPECT_FALSE(r.status().message().empty());
    }
    (void)read_wsq_info(d);
  }
  RecordProperty("decoded_after_corruption", decoded);
}

}  // namespace
}  // namespace abis::image
