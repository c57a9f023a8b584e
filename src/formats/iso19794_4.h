// Finger image records: ISO/IEC 19794-4:2005 (clause 8: general header, finger image headers and
// image data), as carried in ICAO 9303 DG3 (icao_dg3.h).
//
//   general header (32 bytes): "FIR\0" "010\0" length(6) capture device(2) acquisition level(2)
//     fingers(1) scale units(1: 1 ppi, 2 ppcm) scan resolution x, y(2+2) image resolution x, y(2+2)
//     pixel depth(1) compression(1: 0 raw, 1 bit-packed, 2 WSQ, 3 JPEG, 4 JPEG 2000, 5 PNG) 0(2)
//   per image (14-byte header): length(4, header included) position(1) views(1) view number(1)
//     quality(1) impression type(1) width(2) height(2) 0(1), then the image data
// Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "image/gray_image.h"

namespace abis::formats {

struct FingerImage {
  std::uint8_t position = 0;  // 0 unknown, 1..10 fingers, 11..15 plain / multi-finger, 20+ palms
  std::uint8_t view_count = 1;
  std::uint8_t view_number = 1;
  std::uint8_t quality = 0;  // 0..100, 254 not calculated, 255 failed
  std::uint8_t impression_type = 0;
  std::uint16_t width = 0;
  std::uint16_t height = 0;
  std::vector<std::uint8_t> data;  // compressed or raw pixels, as the record's compression says
};

struct FingerImageRecord {
  std::uint16_t capture_device_id = 0;
  std::uint16_t acquisition_level = 0;  // 10, 20, 30, 31, 40, 41 (Table 1)
  std::uint8_t scale_units = 1;         // 1 pixels per inch, 2 pixels per centimetre
  std::uint16_t scan_x_resolution = 0, scan_y_resolution = 0;
  std::uint16_t image_x_resolution = 0, image_y_resolution = 0;
  std::uint8_t pixel_depth = 8;  // bits per pixel, 1..16
  std::uint8_t compression = 0;
  std::vector<FingerImage> images;
};

// Reads a record; a length field that disagrees with the bytes or trailing bytes give warnings.
Result<FingerImageRecord> read_finger_image_record(std::span<const std::uint8_t> data,
                                                   std::vector<std::string>* warnings = nullptr);
Result<std::vector<std::uint8_t>> write_finger_image_record(const FingerImageRecord& record);

// The index-th image as 8-bit gray: WSQ, JPEG, JPEG 2000 and PNG through image/; raw 8-bit, raw
// 16-bit (high byte kept) and bit-packed pixels by hand. kDataCorrupt for data of the wrong size.
Result<image::GrayImage> decode_finger_image(const FingerImageRecord& record, std::size_t index);

std::string finger_image_compression_name(std::uint8_t code);

}  // namespace abis::formats
