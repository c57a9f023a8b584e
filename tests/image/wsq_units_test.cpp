// Unit tests of the WSQ codec's parts: subband geometry, filter bank, Huffman coding, the stream's
// number format, and encoder/decoder round trips on synthetic images.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

#include "image/wsq.h"
#include "image/wsq_filter_bank.h"
#include "image/wsq_huffman.h"
#include "image/wsq_nistcom.h"
#include "image/wsq_segments.h"
#include "image/wsq_tree.h"

namespace abis::image::wsq {
namespace {

// ---- Decomposition

TEST(WsqTree, SubbandsTileTheImageForAnySize) {
  for (int w : {1, 2, 3, 7, 31, 32, 33, 64, 101, 545, 804}) {
    for (int h : {1, 2, 5, 32, 63, 622, 752}) {
      Decomposition d = build_decomposition(w, h);
      std::vector<int> cover(static_cast<std::size_t>(w) * h, 0);
      for (const auto& r : d.subbands) {
        ASSERT_GE(r.width, 0);
        ASSERT_GE(r.height, 0);
        for (int y = r.y; y < r.y + r.height; ++y)
          for (int x = r.x; x < r.x + r.width; ++x) ++cover[static_cast<std::size_t>(y) * w + x];
      }
      for (int c : cover) ASSERT_EQ(c, 1) << w << "x" << h;
    }
  }
}

TEST(WsqTree, LayoutOfA500ppiPrint) {
  // 804x752: split 804 -> 402 + 402, 402 -> 201 + 201, 201 -> 101 + 100 ...
  Decomposition d = build_decomposition(804, 752);
  EXPECT_EQ(d.nodes[0].rect.width, 804);
  EXPECT_EQ(d.nodes[1].rect.width, 402);
  EXPECT_TRUE(d.nodes[2].invert_x);
  EXPECT_FALSE(d.nodes[2].invert_y);
  EXPECT_TRUE(d.nodes[3].invert_y);
  EXPECT_TRUE(d.nodes[9].invert_x && d.nodes[9].invert_y);
  // Subband 51 is the bottom-right quarter of the top-left quarter.
  EXPECT_EQ(d.subbands[51].x, 201);
  EXPECT_EQ(d.subbands[51].y, 188);
  EXPECT_EQ(d.subbands[51].width, 201);
  EXPECT_EQ(d.subbands[51].height, 188);
  // Subbands 0-3 are the four smallest, in the top-left corner.
  EXPECT_EQ(d.subbands[0].x, 0);
  EXPECT_EQ(d.subbands[0].y, 0);
  EXPECT_EQ(d.subbands[0].width + d.subbands[1].width, d.nodes[19].rect.width);
}

TEST(WsqTree, InvertedSplitPutsTheSmallerHalfFirst) {
  // 7 wide, inverted in x: 3 highpass columns, then 4 lowpass ones.
  Decomposition d = build_decomposition(28, 28);  // node 2 is 14 wide, its quarters 7 wide
  Decomposition odd = build_decomposition(30, 30);  // node 2: 15 wide, inverted: 7 then 8
  EXPECT_EQ(odd.subbands[52].width, 7);
  EXPECT_EQ(odd.subbands[53].width, 8);
  EXPECT_EQ(d.subbands[52].width, 7);
}

// ---- Filter bank

TransformTable filters_9_7() {
  const double lo[5] = {0.852698679009, 0.377402855613, -0.110624404418, -0.023849465020,
                        0.037828455507};
  const double hi[4] = {0.788485616406, -0.418092273222, -0.040689417609, 0.064538882629};
  TransformTable t;
  t.lowpass.assign(9, 0);
  t.highpass.assign(7, 0);
  for (int i = 0; i < 5; ++i) t.lowpass[4 + i] = t.lowpass[4 - i] = lo[i];
  for (int i = 0; i < 4; ++i) t.highpass[3 + i] = t.highpass[3 - i] = hi[i];
  return t;
}

// The 6/10 even-length pair of the NIST non-9/7 reference files (cmp00009): lowpass symmetric,
// highpass antisymmetric about the middle.
TransformTable filters_6_10() {
  const double lo[3] = {0.788485587, 0.0477972339, -0.129077762};
  const double hi[5] = {-0.615050793, 0.13338922, 0.0672369376, 0.00698949536, -0.01891488367};
  TransformTable t;
  t.lowpass.assign(6, 0);
  t.highpass.assign(10, 0);
  for (int i = 0; i < 3; ++i) t.lowpass[3 + i] = t.lowpass[2 - i] = lo[i];
  for (int i = 0; i < 5; ++i) {
    t.highpass[5 + i] = hi[i];
    t.highpass[4 - i] = -hi[i];
  }
  return t;
}

// The Haar pair: the shortest even-length bank, exactly biorthogonal.
TransformTable filters_haar() {
  TransformTable t;
  t.lowpass = {M_SQRT1_2, M_SQRT1_2};
  t.highpass = {-M_SQRT1_2, M_SQRT1_2};
  return t;
}

void expect_perfect_reconstruction(const TransformTable& table, float tolerance) {
  auto bank = make_filter_bank(table);
  ASSERT_TRUE(bank.is_ok()) << bank.status().to_string();
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> dist(-128, 128);
  for (int w : {1, 2, 3, 4, 5, 8, 9, 17, 40}) {
    for (int h : {1, 2, 3, 6, 11, 16}) {
      for (int inv = 0; inv < 4; ++inv) {
        std::vector<float> image(static_cast<std::size_t>(w) * h);
        for (auto& v : image) v = dist(rng);
        std::vector<float> original = image;
        SplitNode node{{0, 0, w, h}, (inv & 1) != 0, (inv & 2) != 0};
        analyze_split(*bank, node, image.data(), w);
        synthesize_split(*bank, node, image.data(), w);
        for (std::size_t i = 0; i < image.size(); ++i) {
          ASSERT_NEAR(image[i], original[i], tolerance) << w << "x" << h << " inv " << inv
                                                        << " at " << i;
        }
      }
    }
  }
}

TEST(WsqFilterBank, NineSevenReconstructsEveryLength) {
  expect_perfect_reconstruction(filters_9_7(), 2e-3f);
}

TEST(WsqFilterBank, EvenLengthFiltersReconstructEveryLength) {
  expect_perfect_reconstruction(filters_haar(), 2e-3f);
  // The published 6/10 pair is biorthogonal to about 6e-5 only, hence 4e-4 of the +/-128 range;
  // a wrong boundary extension would be off by tens.
  expect_perfect_reconstruction(filters_6_10(), 0.05f);
}

TEST(WsqFilterBank, WholeDecompositionIsInvertible) {
  auto bank = make_filter_bank(filters_9_7());
  ASSERT_TRUE(bank.is_ok());
  const int w = 123, h = 77;
  Decomposition tree = build_decomposition(w, h);
  std::vector<float> image(static_cast<std::size_t>(w) * h), scratch(image.size());
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> dist(-100, 100);
  for (auto& v : image) v = dist(rng);
  auto original = image;
  analyze(*bank, tree, image.data(), w, scratch.data());
  synthesize(*bank, tree, image.data(), w, scratch.data());
  for (std::size_t i = 0; i < image.size(); ++i) ASSERT_NEAR(image[i], original[i], 5e-3);
}

TEST(WsqFilterBank, RefusesFiltersOfMixedParity) {
  TransformTable t = filters_9_7();
  t.highpass.push_back(0.1);  // 8 taps
  auto bank = make_filter_bank(t);
  ASSERT_FALSE(bank.is_ok());
  EXPECT_EQ(bank.status().code(), StatusCode::kUnsupported);
}

// ---- Huffman coding

std::vector<std::int32_t> random_coefficients(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::int32_t> c(n);
  std::geometric_distribution<int> run(0.05);
  std::uniform_int_distribution<int> small(-73, 74), big(-70000, 70000), kind(0, 99);
  for (std::size_t i = 0; i < n;) {
    int k = kind(rng);
    if (k < 40) {
      std::size_t r = static_cast<std::size_t>(run(rng)) * (k < 2 ? 400 : 1);
      for (std::size_t j = 0; j < r && i < n; ++j) c[i++] = 0;
    } else if (k < 97) {
      c[i++] = small(rng);
    } else {
      c[i++] = std::clamp(big(rng), -65535, 65535);
    }
  }
  return c;
}

TEST(WsqHuffman, EncodeThenDecodeGivesTheCoefficientsBack) {
  for (unsigned seed = 1; seed <= 5; ++seed) {
    auto coefficients = random_coefficients(20000 + seed * 1000, seed);
    SymbolCounts counts{};
    count_symbols(coefficients, counts);
    HuffmanTable table = build_huffman_table(counts, 1);
    std::vector<std::uint8_t> bytes;
    ASSERT_TRUE(encode_block(table, coefficients, bytes).is_ok());
    auto decoder = HuffmanDecoder::build(table);
    ASSERT_TRUE(decoder.is_ok());
    std::vector<std::int32_t> back(coefficients.size(), 12345);
    std::size_t pos = 0;
    ASSERT_TRUE(decode_block(*decoder, bytes, 0, back, pos).is_ok());
    EXPECT_EQ(pos, coefficients.size());
    EXPECT_EQ(back, coefficients);
  }
}

TEST(WsqHuffman, TablesAreLimitedTo16BitsAndNeverUseTheAllOnesCode) {
  SymbolCounts counts{};
  // Fibonacci counts force a Huffman tree far deeper than 16 levels.
  std::uint32_t a = 1, b = 1;
  for (int s = 1; s <= 40; ++s) {
    counts[s] = a;
    std::uint32_t next = a + b;
    a = b;
    b = next;
  }
  HuffmanTable table = build_huffman_table(counts, 0);
  EXPECT_EQ(table.values.size(), 40u);
  // Canonical codes: the all-ones code of the longest length must stay free.
  std::uint32_t code = 0;
  int longest = 0;
  std::uint32_t last_code = 0;
  for (int len = 1; len <= 16; ++len) {
    for (int i = 0; i < table.counts[len - 1]; ++i) {
      last_code = code++;
      longest = len;
    }
    code <<= 1;
  }
  ASSERT_GT(longest, 0);
  EXPECT_LE(longest, 16);
  EXPECT_NE(last_code, (1u << longest) - 1);
}

TEST(WsqHuffman, DecoderAcceptsATableThatUsesTheAllOnesCode) {
  // Two symbols, codes 0 and 1: the second is all ones (as the NIST reference files do).
  HuffmanTable table;
  table.counts[0] = 2;
  table.values = {180 + 5, 3};  // value 5, run of 3 zeros
  auto decoder = HuffmanDecoder::build(table);
  ASSERT_TRUE(decoder.is_ok());
  std::vector<std::uint8_t> bytes = {0x57};  // 0 1 0 1 0, then the padding 111
  std::vector<std::int32_t> out(16);
  std::size_t pos = 0;
  ASSERT_TRUE(decode_block(*decoder, bytes, 0, out, pos).is_ok());
  EXPECT_EQ(pos, 9u);  // 5, three zeros, 5, three zeros, 5
  EXPECT_EQ(out[0], 5);
  EXPECT_EQ(out[4], 5);
  EXPECT_EQ(out[8], 5);
}

TEST(WsqHuffman, AWholeByteOfOnesBeforeTheMarkerIsPadding) {
  // Codes 0 -> value 5 and 10 -> 3 zeros; no code starts with 11. Encoder number one files end
  // blocks with a stuffed 0xFF byte after the spec's padding.
  HuffmanTable table;
  table.counts[0] = 1;
  table.counts[1] = 1;
  table.values = {180 + 5, 3};
  auto decoder = HuffmanDecoder::build(table);
  ASSERT_TRUE(decoder.is_ok());
  std::vector<std::uint8_t> bytes = {0x2F, 0xFF, 0x00};  // 0 0 10 1111, then 0xFF (stuffed)
  std::vector<std::int32_t> out(16);
  std::size_t pos = 0;
  ASSERT_TRUE(decode_block(*decoder, bytes, 0, out, pos).is_ok());
  EXPECT_EQ(pos, 5u);  // 5, 5, then three zeros
  // Padding that is not all ones is still an error.
  bytes = {0x2F, 0xFE};
  pos = 0;
  EXPECT_FALSE(decode_block(*decoder, bytes, 0, out, pos).is_ok());
}

TEST(WsqHuffman, TooManyCoefficientsIsAnErrorNotAnOverflow) {
  HuffmanTable table;
  table.counts[0] = 2;
  table.values = {100, 101};  // a run of 100 zeros; an escape
  auto decoder = HuffmanDecoder::build(table);
  std::vector<std::uint8_t> bytes = {0x00};  // 8 runs of 100
  std::vector<std::int32_t> out(150);
  std::size_t pos = 0;
  Status s = decode_block(*decoder, bytes, 1000, out, pos);
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.message().find("more coefficients"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("byte 1000"), std::string::npos) << s.message();
}

// ---- Numbers as the stream stores them

TEST(WsqSegments, ScaledNumbersKeepAsManyDigitsAsFit) {
  auto m = to_scaled(210.75123, 0xFFFF);
  EXPECT_EQ(m.exponent, 2);
  EXPECT_EQ(m.integer, 21075u);
  auto c = to_scaled(0.44, 0xFFFF);
  EXPECT_EQ(c.exponent, 5);
  EXPECT_EQ(c.integer, 44000u);
  auto f = to_scaled(static_cast<float>(0.85269867900940344), 0xFFFFFFFFu);
  EXPECT_EQ(f.exponent, 9);
  EXPECT_EQ(f.integer, 852698684u);  // the bytes of the NIST reference files' DTT
  EXPECT_EQ(to_scaled(0.0, 0xFFFF).integer, 0u);
}

TEST(WsqNistcom, ParsesTheFieldsAndThePpi) {
  std::string text = make_nistcom(545, 622, 500, 0.75);
  EXPECT_EQ(text,
            "NIST_COM 9\nPIX_WIDTH 545\nPIX_HEIGHT 622\nPIX_DEPTH 8\nPPI 500\nLOSSY 1\n"
            "COLORSPACE GRAY\nCOMPRESSION WSQ\nWSQ_BITRATE 0.750000");
  auto fields = parse_nistcom(text);
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ(fields->size(), 9u);
  EXPECT_EQ(nistcom_ppi({"Cognaxon", text}), 500.0);
  EXPECT_FALSE(nistcom_ppi({make_nistcom(1, 1, -1, 0.75)}).has_value());
  EXPECT_FALSE(parse_nistcom("not a nistcom").has_value());
}

// ---- Encoder and decoder together

GrayImage synthetic_print(int w, int h, unsigned seed) {
  GrayImage img;
  img.width = w;
  img.height = h;
  img.ppi = 500;
  img.pixels.resize(static_cast<std::size_t>(w) * h);
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0, 6);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      double r = std::hypot(x - w * 0.45, y - h * 0.55);
      double ridge = 128 + 90 * std::sin(r / 1.6);  // ~10 px ridge period, like 500 ppi
      img.at(x, y) = static_cast<std::uint8_t>(std::clamp(ridge + noise(rng), 0.0, 255.0));
    }
  }
  return img;
}

double psnr(const GrayImage& a, const GrayImage& b) {
  double se = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    double d = double(a.pixels[i]) - double(b.pixels[i]);
    se += d * d;
  }
  double mse = se / double(a.pixels.size());
  return 10 * std::log10(255.0 * 255.0 / std::max(mse, 1e-9));
}

TEST(WsqCodec, RoundTripKeepsSizeResolutionAndMostOfThePicture) {
  GrayImage img = synthetic_print(301, 257, 1);
  for (double rate : {0.75, 2.25}) {
    WsqEncodeOptions options;
    options.bitrate = rate;
    options.comments = {"abis test"};
    auto wsq = encode_wsq(img, options);
    ASSERT_TRUE(wsq.is_ok()) << wsq.status().to_string();
    auto info = read_wsq_info(*wsq);
    ASSERT_TRUE(info.is_ok());
    EXPECT_EQ(info->encoder_number, 2);
    EXPECT_EQ(info->ppi, 500);
    EXPECT_EQ(info->lowpass_taps, 9);
    EXPECT_EQ(info->highpass_taps, 7);
    ASSERT_EQ(info->comments.size(), 2u);
    EXPECT_EQ(info->comments[1], "abis test");
    auto back = decode_wsq(*wsq);
    ASSERT_TRUE(back.is_ok()) << back.status().to_string();
    EXPECT_EQ(back->width, img.width);
    EXPECT_EQ(back->height, img.height);
    EXPECT_EQ(back->ppi, 500);
    EXPECT_GT(psnr(img, *back), rate < 1 ? 24.0 : 30.0) << "rate " << rate;
  }
}

TEST(WsqCodec, HigherBitRateGivesALargerFileAndABetterPicture) {
  GrayImage img = synthetic_print(200, 220, 2);
  WsqEncodeOptions low, high;
  low.bitrate = 0.75;
  high.bitrate = 2.25;
  auto a = encode_wsq(img, low);
  auto b = encode_wsq(img, high);
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  EXPECT_LT(a->size(), b->size());
  EXPECT_LT(psnr(img, *decode_wsq(*a)), psnr(img, *decode_wsq(*b)));
}

TEST(WsqCodec, TinyAndFlatImagesSurviveTheRoundTrip) {
  for (auto [w, h] : {std::pair{1, 1}, {2, 3}, {7, 5}, {33, 1}, {1, 40}, {31, 33}}) {
    GrayImage img = synthetic_print(w, h, 3);
    auto wsq = encode_wsq(img, {});
    ASSERT_TRUE(wsq.is_ok()) << w << "x" << h << ": " << wsq.status().to_string();
    auto back = decode_wsq(*wsq);
    ASSERT_TRUE(back.is_ok()) << w << "x" << h << ": " << back.status().to_string();
    EXPECT_EQ(back->width, w);
    EXPECT_EQ(back->height, h);
  }
  GrayImage flat;
  flat.width = 64;
  flat.height = 48;
  flat.pixels.assign(64 * 48, 77);
  auto wsq = encode_wsq(flat, {});
  ASSERT_TRUE(wsq.is_ok());
  auto back = decode_wsq(*wsq);
  ASSERT_TRUE(back.is_ok());
  for (auto p : back->pixels) ASSERT_EQ(p, 77);
}

TEST(WsqCodec, SmoothImageAtAHighBitRateStillEncodes) {
  // Only subbands 0-3 have variance, so the spec's q = 2^(r/S - 1)... with S = 4/1024 explodes;
  // the bin widths must still keep every index within 16 bits (first fuzzer finding).
  GrayImage img;
  img.width = 130;
  img.height = 40;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) img.pixels.push_back(static_cast<std::uint8_t>(x + y));
  for (double rate : {0.75, 2.25, 8.0}) {
    WsqEncodeOptions options;
    options.bitrate = rate;
    auto wsq = encode_wsq(img, options);
    ASSERT_TRUE(wsq.is_ok()) << rate << ": " << wsq.status().to_string();
    auto back = decode_wsq(*wsq);
    ASSERT_TRUE(back.is_ok());
    EXPECT_GT(psnr(img, *back), 30.0) << rate;
  }
}

TEST(WsqCodec, EncoderRefusesBadArguments) {
  GrayImage img = synthetic_print(16, 16, 4);
  WsqEncodeOptions options;
  options.bitrate = 0;
  EXPECT_EQ(encode_wsq(img, options).status().code(), StatusCode::kInvalidArgument);
  GrayImage wrong = img;
  wrong.pixels.pop_back();
  EXPECT_EQ(encode_wsq(wrong, {}).status().code(), StatusCode::kInvalidArgument);
  GrayImage empty;
  EXPECT_FALSE(encode_wsq(empty, {}).is_ok());
}

}  // namespace
}  // namespace abis::image::wsq
