// The images inside an ANSI/NIST-ITL transaction: what each image record declares and its pixels.
//
// Declared values come from the record's own fields: binary Type-3/4/5/6 (ISR, HLL, VLL, CGA,
// FGP), Type-8 (SRT, HLL, VLL) and the tagged image records Type-10, 13, 14, 15, 16, 17, 19, 20
// (x.006 HLL, x.007 VLL, x.008 SLC, x.009 THPS, x.011 CGA, x.012 BPX or CSP, x.013 FGP; Type-17
// 17.012 BPX). The payload is decoded by what it is (its magic number), the declared compression
// only cross-checked: WSQ (image/wsq.h), baseline JPEG (libjpeg-turbo), JPEG 2000 (OpenJPEG), PNG
// (libpng), TIFF (libtiff; the NBIS Type-5/6 files), and uncompressed 8-bit gray, 24-bit RGB and
// 1-bit packed binary rows. Lossless JPEG (SOF3, "JPEGL") is refused as kUnsupported: the Debian 12
// libjpeg-turbo (2.1) has no lossless decoder.
// Pure functions, thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "formats/ansi_nist.h"
#include "image/gray_image.h"

namespace abis::formats::ansi_nist {

struct ImageRecordInfo {
  std::size_t record_index = 0;
  int record_type = 0;
  std::string idc;
  std::string compression;  // as declared: "WSQ20", "JPEGB", "NONE", "PNG" or the binary CGA byte
  int width = 0;            // HLL
  int height = 0;           // VLL
  int bits_per_pixel = 0;   // from BPX (or 8 for Type-3/4, 1 for Type-5/6); 0 when not declared
  std::string colour_space;  // Type-10 CSP / x.013 CSP when present
  std::vector<int> positions;  // FGP (finger / palm / plantar positions), unused (255) left out
  double ppi = 0;              // from SLC/THPS or ISR with the Type-1 NSR/NTR, 0 when unknown
  std::string payload_kind;    // "WSQ", "JPEG", "JPEG-lossless", "JPEG 2000", "PNG", "TIFF", "raw", "none"
  std::size_t payload_bytes = 0;
};

// True for the record types that carry a raster image (3-8 except 7, 10, 13-17, 19, 20).
bool is_image_record_type(int record_type);

// The declared values of an image record; nullopt when the record is not an image record.
std::optional<ImageRecordInfo> describe_image(const Transaction& tx, std::size_t record_index);

// The record's image as 8-bit gray (colour reduced with BT.601 luma). Errors name the record and
// field: kUnsupported for what we cannot decode (lossless JPEG, vector signatures), kDataCorrupt
// for a payload that does not match its declared size or does not decode.
Result<image::GrayImage> decode_record_image(const Transaction& tx, std::size_t record_index);

}  // namespace abis::formats::ansi_nist
