// The native template format (docs/formats/template.md): a versioned, checksummed binary form of
// Template, 16 + 6 n + 4 bytes for n minutiae. Big-endian. The parser checks every field and never
// reads past its input. Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "dactyl/template/template.h"

namespace abis::dactyl {

// "ABFT": abis fingerprint template.
constexpr std::uint8_t kNativeMagic[4] = {'A', 'B', 'F', 'T'};
constexpr std::uint8_t kNativeVersion = 1;
constexpr std::size_t kNativeHeaderBytes = 16;
constexpr std::size_t kNativeMinutiaBytes = 6;
constexpr std::size_t kNativeTrailerBytes = 4;  // CRC-32 of everything before it
// A finger cannot hold more minutiae than this; a count above it is corrupt data.
constexpr std::size_t kNativeMaxMinutiae = 1000;

// Fails (kInvalidArgument) only for a template that cannot be encoded: more than
// kNativeMaxMinutiae minutiae, a coordinate beyond 16383, a quality above 100.
Result<std::vector<std::uint8_t>> encode_native(const Template& tpl);

// kDataCorrupt with the offset and the field for any malformed input.
Result<Template> decode_native(std::span<const std::uint8_t> data);

// True when data starts with the native magic.
bool is_native_template(std::span<const std::uint8_t> data);

// CRC-32 (IEEE 802.3, as zlib), exposed for tests.
std::uint32_t crc32(std::span<const std::uint8_t> data);

}  // namespace abis::dactyl
