// JPEG 2000 (ISO/IEC 15444-1) grayscale images through OpenJPEG (Debian libopenjp2-7).
//
// decode_jpeg2000 accepts a JP2 file (signature box) or a bare J2K codestream (SOC marker), as
// found in ANSI/NIST-ITL Type-14/15 records and ICAO DG3 records. One-component images are taken
// as they are; colour ones are reduced to gray with the BT.601 luma weights; samples of more than
// 8 bits are scaled to 8. The resolution is read from the JP2 resolution box when present.
// Errors and warnings from OpenJPEG are captured into the returned Status, never printed.
// Every function is thread-safe (each call owns its OpenJPEG codec and stream).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "image/gray_image.h"

namespace abis::image {

Result<GrayImage> decode_jpeg2000(std::span<const std::uint8_t> data);

struct Jpeg2000EncodeOptions {
  // 0 means lossless (reversible 5/3 wavelet); otherwise the target compression ratio for the
  // irreversible 9/7 wavelet, e.g. 10 for 10:1 (what ANSI/NIST-ITL allows for 1000 ppi prints).
  double compression_ratio = 0;
  // true: a JP2 file (boxes, resolution box carrying image.ppi); false: a bare J2K codestream.
  bool jp2_container = true;
};

Result<std::vector<std::uint8_t>> encode_jpeg2000(const GrayImage& image,
                                                  const Jpeg2000EncodeOptions& options = {});

}  // namespace abis::image
