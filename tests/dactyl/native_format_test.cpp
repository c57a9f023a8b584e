#include <gtest/gtest.h>

#include "dactyl/template/native_format.h"

namespace abis::dactyl {
namespace {

Template sample() {
  Template t;
  t.width = 388;
  t.height = 374;
  t.quality = 77;
  for (int i = 0; i < 40; ++i) {
    Minutia m;
    m.x = static_cast<std::uint16_t>(10 + i * 9);
    m.y = static_cast<std::uint16_t>(370 - i * 7);
    m.angle = static_cast<std::uint8_t>(i * 37);
    m.type = static_cast<MinutiaType>(i % 3);
    m.quality = static_cast<std::uint8_t>(1 + i * 2);
    t.minutiae.push_back(m);
  }
  return t;
}

TEST(NativeFormat, RoundTripIsExact) {
  const Template t = sample();
  auto bytes = encode_native(t);
  ASSERT_TRUE(bytes.is_ok()) << bytes.status().to_string();
  EXPECT_EQ(bytes->size(), kNativeHeaderBytes + 40 * kNativeMinutiaBytes + kNativeTrailerBytes);
  auto back = decode_native(*bytes);
  ASSERT_TRUE(back.is_ok()) << back.status().to_string();
  EXPECT_EQ(*back, t);
  auto again = encode_native(*back);
  EXPECT_EQ(*again, *bytes);
}

TEST(NativeFormat, EmptyTemplateRoundTrips) {
  Template t;
  t.width = 10;
  t.height = 10;
  auto bytes = encode_native(t);
  ASSERT_TRUE(bytes.is_ok());
  auto back = decode_native(*bytes);
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(*back, t);
}

TEST(NativeFormat, EveryTruncationIsRefused) {
  auto bytes = encode_native(sample());
  for (std::size_t len = 0; len < bytes->size(); ++len) {
    auto r = decode_native(std::span(bytes->data(), len));
    ASSERT_FALSE(r.is_ok()) << "length " << len;
    EXPECT_EQ(r.status().code(), StatusCode::kDataCorrupt) << r.status().to_string();
  }
}

TEST(NativeFormat, EverySingleBitFlipIsDetected) {
  auto bytes = encode_native(sample());
  for (std::size_t i = 0; i < bytes->size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::vector<std::uint8_t> copy = *bytes;
      copy[i] ^= static_cast<std::uint8_t>(1 << bit);
      EXPECT_FALSE(decode_native(copy).is_ok()) << "byte " << i << " bit " << bit;
    }
  }
}

TEST(NativeFormat, ImpossibleValuesNameTheProblem) {
  Template t = sample();
  t.minutiae[3].x = 500;  // outside the 388-pixel width
  std::vector<std::uint8_t> bytes;
  {
    // Encode a valid template, then patch x and re-seal the checksum so only the value is wrong.
    bytes = *encode_native(sample());
    const std::size_t at = kNativeHeaderBytes + 3 * kNativeMinutiaBytes;
    bytes[at] = 0x01;
    bytes[at + 1] = 0xF4;  // 500
    const std::uint32_t crc = crc32(std::span(bytes.data(), bytes.size() - 4));
    bytes[bytes.size() - 4] = static_cast<std::uint8_t>(crc >> 24);
    bytes[bytes.size() - 3] = static_cast<std::uint8_t>(crc >> 16);
    bytes[bytes.size() - 2] = static_cast<std::uint8_t>(crc >> 8);
    bytes[bytes.size() - 1] = static_cast<std::uint8_t>(crc);
  }
  auto r = decode_native(bytes);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("minutia 3"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("outside"), std::string::npos);
}

TEST(NativeFormat, UnknownVersionIsUnsupported) {
  auto bytes = *encode_native(sample());
  bytes[4] = 9;
  auto r = decode_native(bytes);
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
}

TEST(NativeFormat, EncoderRefusesUnencodableTemplates) {
  Template t = sample();
  t.minutiae[0].quality = 101;
  EXPECT_FALSE(encode_native(t).is_ok());
  t = sample();
  t.minutiae[0].x = 20000;
  EXPECT_FALSE(encode_native(t).is_ok());
}

TEST(NativeFormat, Crc32MatchesTheStandardCheckValue) {
  const std::string text = "123456789";
  EXPECT_EQ(crc32(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size())), 0xCBF43926u);
}

}  // namespace
}  // namespace abis::dactyl
