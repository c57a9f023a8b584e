// ICAO Doc 9303 (Part 10, LDS 1.7) data group 3, the finger images of an eMRTD chip: BER-TLV
// (ISO/IEC 8825-1) with the CBEFF biometric information templates of ISO/IEC 7816-11:
//
//   63 DG3
//     7F61 biometric information group template
//       02 number of instances
//       7F60 biometric information template (one per finger)         [repeated]
//         A1 biometric header template: 80 header version, 81 type (08 = finger), 82 subtype,
//            83 creation date, 85 validity period, 86 creator, 87 format owner (0101 =
//            ISO/IEC JTC1 SC37), 88 format type (0007 = finger image, ISO/IEC 19794-4)
//         5F2E biometric data block (or 7F2E, constructed/enciphered)
//
// read_dg3 walks that tree (lengths checked against their parents, depth bounded) and parses
// each data block as an ISO/IEC 19794-4 record. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "formats/iso19794_4.h"

namespace abis::formats {

// One BER-TLV element; children are parsed for constructed tags.
struct TlvNode {
  std::uint32_t tag = 0;  // the tag bytes as a number: 0x7F61, 0x5F2E, 0x63
  std::size_t offset = 0;  // of the tag, in the whole input
  std::span<const std::uint8_t> value;
  std::vector<TlvNode> children;
  bool constructed() const;
};

// Parses a sequence of TLV elements filling `data`; constructed ones recursively (up to 16 levels).
// Errors name the byte offset: truncated tags and lengths, lengths past their parent, indefinite
// lengths (not allowed in DER/the LDS).
Result<std::vector<TlvNode>> parse_tlv(std::span<const std::uint8_t> data, std::size_t base_offset = 0);

struct Dg3Template {
  std::map<std::uint32_t, std::vector<std::uint8_t>> header;  // A1 elements by tag (0x81, 0x87...)
  std::size_t bdb_offset = 0;
  std::vector<std::uint8_t> bdb;  // the biometric data block as it is
  FingerImageRecord record;       // bdb parsed (format type 0007)
  std::vector<std::string> warnings;
};

struct Dg3 {
  int declared_instances = 0;  // the 02 element
  std::vector<Dg3Template> templates;
};

Result<Dg3> read_dg3(std::span<const std::uint8_t> data);

}  // namespace abis::formats
