// MinutiaeRecord: the interchange view of a finger minutiae template, as ISO/IEC 19794-2 and
// ANSI INCITS 378 define it. The parsers and writers (iso19794_2.h) fill and read this type; the
// dactyloscopic engine converts it to and from its own native template (dactyl/).
//
// Units are the standards' own, kept exact so that read -> write gives back the same bytes:
// positions in pixels of the original image, resolution in pixels per centimetre, angles as the
// raw unit count of the record's standard (see angle_units_per_turn). A plain value.
#pragma once

#include <cstdint>
#include <vector>

namespace abis::formats {

enum class MinutiaeStandard : std::uint8_t {
  kIso19794_2_2005,  // "FMR\0" "20\0\0", 4-byte record length (ISO/IEC 19794-2:2005 clause 7)
  kIso19794_2_2011,  // "FMR\0" "030\0" (ISO/IEC 19794-2:2011)
  kAnsi378_2004,     // "FMR\0" " 20\0", 2- or 6-byte length, CBEFF product id (INCITS 378-2004)
  kAnsi378_2009,     // "FMR\0" "030\0" with the INCITS 378-2009 layout
};

enum class MinutiaKind : std::uint8_t { kOther = 0, kRidgeEnding = 1, kBifurcation = 2 };

struct RecordMinutia {
  std::uint16_t x = 0;  // pixels from the left edge (14 bits in the record)
  std::uint16_t y = 0;  // pixels from the top edge (14 bits)
  // Direction, counter-clockwise from the horizontal axis pointing right, in units of
  // 360 / angle_units_per_turn degrees (ISO 2005: 256 units, ANSI 378: 180 units of 2 degrees).
  std::uint16_t angle = 0;
  MinutiaKind kind = MinutiaKind::kOther;
  std::uint8_t quality = 0;  // 0 = not reported, 1..100
};

struct FingerView {
  std::uint8_t finger_position = 0;  // 0 unknown, 1..10 per ANSI/NIST table 8 (1 = right thumb)
  std::uint8_t view_number = 0;
  std::uint8_t impression_type = 0;  // 0 live-scan plain, 1 live-scan rolled, 2/3 non-live, 4 latent...
  std::uint8_t finger_quality = 0;   // 0..100
  std::vector<RecordMinutia> minutiae;
  // The view's extended data block (ridge counts, core and delta, vendor data) kept byte for byte.
  std::vector<std::uint8_t> extended_data;
  // INCITS 378-2009 only: each view carries its quality algorithm and image geometry (0 = the
  // record's own width/height/resolution).
  std::uint16_t quality_algorithm_vendor = 0;
  std::uint16_t quality_algorithm = 0;
  std::uint16_t width = 0, height = 0, x_resolution = 0, y_resolution = 0;
};

struct MinutiaeRecord {
  MinutiaeStandard standard = MinutiaeStandard::kIso19794_2_2005;
  std::uint16_t angle_units_per_turn = 256;
  std::uint32_t cbeff_product_id = 0;  // ANSI only: owner << 16 | type
  std::uint16_t capture_equipment = 0;  // compliance (4 bits) << 12 | equipment id (12 bits)
  std::uint16_t width = 0;   // image size in pixels
  std::uint16_t height = 0;
  std::uint16_t x_resolution = 0;  // pixels per centimetre (197 = 500 ppi)
  std::uint16_t y_resolution = 0;
  std::vector<FingerView> views;
  // The record-length field as read (0 for a record built in memory). Writers compute the length;
  // iso19794_2.h can write this value back instead, for byte-exact copies of files whose length
  // field is wrong (the ISO 19794-2:2005 Annex C.2 example says 340 for its 341 bytes).
  std::uint32_t length_as_read = 0;
};

}  // namespace abis::formats
