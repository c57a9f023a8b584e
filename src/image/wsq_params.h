// Constants of the WSQ codec: the ones the specification fixes (marked "spec") and the few
// choices of this implementation (marked "ours", each with what it trades).
// Clause numbers refer to IAFIS-IC-0110 (V3), "WSQ Gray-scale Fingerprint Image Compression
// Specification", December 1997.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace abis::image::wsq {

// ---- Stream syntax (spec Part 1, Annex B: markers and marker segments) ----
constexpr std::uint16_t kSoi = 0xFFA0;  // start of image
constexpr std::uint16_t kEoi = 0xFFA1;  // end of image
constexpr std::uint16_t kSof = 0xFFA2;  // start of frame (frame header)
constexpr std::uint16_t kSob = 0xFFA3;  // start of block (block header + entropy-coded data)
constexpr std::uint16_t kDtt = 0xFFA4;  // define transform table (the analysis filters)
constexpr std::uint16_t kDqt = 0xFFA5;  // define quantisation table
constexpr std::uint16_t kDht = 0xFFA6;  // define Huffman table(s)
constexpr std::uint16_t kDrt = 0xFFA7;  // define restart interval
constexpr std::uint16_t kCom = 0xFFA8;  // comment
constexpr std::uint16_t kRst0 = 0xFFB0;  // restart markers RST0..RST7 inside entropy-coded data
constexpr std::uint16_t kRst7 = 0xFFB7;

constexpr int kSubbandCount = 64;         // spec: the 64-subband decomposition
constexpr int kCodedSubbandCount = 60;    // spec: subbands 60-63 are never transmitted
constexpr int kSplitNodeCount = 20;       // 2-D filter bank applications building the 64 subbands
constexpr int kHuffmanTableSlots = 8;     // table ids a DHT may define (we accept 0-7)
constexpr int kMaxCodeLength = 16;        // spec: Huffman codes are at most 16 bits
constexpr int kMaxFilterTaps = 64;        // ours: far above any filter bank in use (9/7, 10/10...);
                                          // bounds the work a hostile DTT can ask for

// The three blocks of the standard encoder (spec Part 3): subbands [first, last] of each.
struct BlockRange {
  int first_subband;
  int last_subband;
  int huffman_table;
};
constexpr std::array<BlockRange, 3> kBlocks = {{{0, 18, 0}, {19, 51, 1}, {52, 63, 1}}};

// ---- Huffman symbols of the coefficient stream (spec Part 1, Table "Huffman coding categories")
constexpr int kMaxZeroRunSymbol = 100;   // symbols 1..100: a run of that many zero coefficients
constexpr int kSymbolPositive8 = 101;    // + 8-bit magnitude follows
constexpr int kSymbolNegative8 = 102;    // - 8-bit magnitude follows
constexpr int kSymbolPositive16 = 103;   // + 16-bit magnitude follows
constexpr int kSymbolNegative16 = 104;   // - 16-bit magnitude follows
constexpr int kSymbolZeroRun8 = 105;     // 8-bit zero-run length follows
constexpr int kSymbolZeroRun16 = 106;    // 16-bit zero-run length follows
constexpr int kSymbolValueBias = 180;    // symbols 107..254: coefficient = symbol - 180
constexpr int kMinDirectValue = -73;     // smallest coefficient with its own symbol (107)
constexpr int kMaxDirectValue = 74;      // largest coefficient with its own symbol (254)

// ---- Encoder number two (spec Part 3, FBI parameter settings) ----
constexpr int kEncoderNumber = 2;
// Software implementation number written to the frame header. The FBI assigns numbers to
// certified implementations; this one has none, and 0 says "unregistered".
constexpr int kSoftwareNumber = 0;
constexpr double kBinCenter = 0.44;          // spec: C, where a dequantised value sits in its bin
constexpr double kZeroBinRatio = 1.2;        // spec: Z_k = 1.2 Q_k
constexpr double kVarianceThreshold = 1.01;  // spec: subbands with variance below are dropped
// spec: when the variances of subbands 0-3 over their central windows add up to less than this,
// every variance is taken over the whole subband instead of the central window.
constexpr double kWindowedVarianceFloor = 20000.0;
constexpr double kLowBandsFirstBinWidth = 1.0;  // spec: Q'_k for k = 0..3
constexpr double kBinWidthNumerator = 10.0;     // spec: Q'_k = 10 / (A_k ln variance_k)
// spec: q-removal test. A subband whose bin width would exceed this many standard deviations
// gets a non-positive bit rate and leaves the set used to solve for q.
constexpr double kMaxBinWidthInSigmas = 5.0;
constexpr double kBitRateDivisor = 2.5;  // spec: q = 2^(r/S - 1) / 2.5 / P^(1/S)

// spec: the weights A_k; 1 except for the eight level-2 subbands 52-59.
constexpr double subband_weight(int k) {
  switch (k) {
    case 52: case 56: return 1.32;
    case 53: case 55: case 58: case 59: return 1.08;
    case 54: case 57: return 1.42;
    default: return 1.0;
  }
}
// spec: 1/m_k, the nominal share of the image each subband covers.
constexpr double subband_area_share(int k) {
  if (k < 4) return 1.0 / 1024.0;
  if (k < 51) return 1.0 / 256.0;
  return 1.0 / 16.0;
}

// ---- Encoder choices (ours) ----
// Bits per pixel when the caller does not say: the FBI's setting for 500 ppi prints.
constexpr double kDefaultBitRate = 0.75;
// Accepted --bitrate range. Below 0.1 bpp the print is destroyed; above 8 bpp the target exceeds
// the raw 8-bit image and the bit-allocation formula stops meaning anything.
constexpr double kMinBitRate = 0.1;
constexpr double kMaxBitRate = 8.0;

// Buffers (coefficients, the float plane, transform scratch) are kept per thread between calls
// when together they are at most this large, so that a worker decoding print after print does
// not map and fault in fresh memory each time (about a quarter of the decode time of a 500 ppi
// print). Trades memory held by each thread for speed; larger images free theirs after the call.
constexpr std::size_t kRetainedWorkspaceBytes = 32u << 20;

}  // namespace abis::image::wsq
