// WSQ: the FBI Wavelet Scalar Quantization codec for 8-bit grayscale fingerprint images
// (FBI "WSQ Gray-scale Fingerprint Image Compression Specification", IAFIS-IC-0110, version 3).
//
// decode_wsq reads any conformant file: the wavelet filters come from the file's DTT table (never
// assumed to be the 9/7 pair), the Huffman tables from its DHT segments (including the "all 1s"
// codes some encoders write), with any number of blocks, restart intervals and comments.
// encode_wsq is the specification's encoder (Annex A: subband variances, bit allocation for a
// target bit rate, the 9/7 filter bank) writing encoder number 2 and a NISTCOM comment.
// Every function is pure and thread-safe. The decoder checks every length against the input and
// reports the byte offset of the first problem; it never reads past the input.
// Layout of the stream and the clauses each part implements: docs/formats/wsq.md.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "image/gray_image.h"

namespace abis::image {

// What the headers of a WSQ file say, without decoding the image (abis wsq info).
struct WsqInfo {
  int width = 0;
  int height = 0;
  double ppi = 0;           // from the NISTCOM PPI field; 0 when there is none
  double shift = 0;         // SOF M: the mean the encoder subtracted
  double scale = 0;         // SOF R: the divisor the encoder applied
  int encoder_number = 0;   // SOF Ev (2 = "FBI encoder number two", the current one)
  int software_number = 0;  // SOF Sf: implementation id (38100 for the NIST reference files)
  int lowpass_taps = 0;     // DTT L0
  int highpass_taps = 0;    // DTT L1
  double bin_center = 0;    // DQT C: where a dequantised value sits inside its bin
  std::vector<double> bin_widths;       // DQT Q_k for the 64 subbands (0 = not transmitted)
  std::vector<double> zero_bin_widths;  // DQT Z_k
  int block_count = 0;                  // SOB segments (3 for the standard decomposition)
  int huffman_table_count = 0;
  int restart_interval = 0;             // DRT, 0 when absent
  std::vector<std::string> comments;    // every COM segment's text, in file order
  std::size_t comment_bytes = 0;        // bytes taken by COM segments (markers included)
  std::size_t file_bytes = 0;
};

Result<WsqInfo> read_wsq_info(std::span<const std::uint8_t> data);

Result<GrayImage> decode_wsq(std::span<const std::uint8_t> data);

struct WsqEncodeOptions {
  // Target compressed bits per pixel. 0.75 (about 15:1) is the FBI's setting for 500 ppi
  // prints; 2.25 (about 5:1) keeps more detail at the cost of three times the size.
  double bitrate = 0.75;
  // Scan resolution written to the NISTCOM comment; <= 0 means take image.ppi, and -1 is written
  // when that is unknown too.
  double ppi = 0;
  // Extra free-text COM segments written after the NISTCOM one.
  std::vector<std::string> comments;
};

Result<std::vector<std::uint8_t>> encode_wsq(const GrayImage& image,
                                             const WsqEncodeOptions& options = {});

}  // namespace abis::image
