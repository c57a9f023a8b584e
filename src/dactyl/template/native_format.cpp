#include "dactyl/template/native_format.h"

#include <array>
#include <string>

namespace abis::dactyl {
namespace {

constexpr int kResolutionPpi = 500;

void put16(std::vector<std::uint8_t>& out, unsigned v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}
unsigned get16(std::span<const std::uint8_t> d, std::size_t at) { return (d[at] << 8) | d[at + 1]; }

Status corrupt(std::size_t offset, const std::string& what) {
  return data_corrupt("native template, byte " + std::to_string(offset) + ": " + what);
}

}  // namespace

std::uint32_t crc32(std::span<const std::uint8_t> data) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::uint8_t b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

bool is_native_template(std::span<const std::uint8_t> data) {
  return data.size() >= 4 && std::equal(data.begin(), data.begin() + 4, kNativeMagic);
}

Result<std::vector<std::uint8_t>> encode_native(const Template& tpl) {
  if (tpl.minutiae.size() > kNativeMaxMinutiae) {
    return invalid_argument("a template holds at most " + std::to_string(kNativeMaxMinutiae) + " minutiae, this one " +
                            std::to_string(tpl.minutiae.size()));
  }
  if (tpl.quality > 100) return invalid_argument("template quality must be 0..100");
  std::vector<std::uint8_t> out(kNativeMagic, kNativeMagic + 4);
  out.push_back(kNativeVersion);
  out.push_back(0);  // flags, none defined in version 1
  put16(out, tpl.width);
  put16(out, tpl.height);
  put16(out, kResolutionPpi);
  out.push_back(tpl.quality);
  out.push_back(0);  // reserved
  put16(out, static_cast<unsigned>(tpl.minutiae.size()));
  for (std::size_t i = 0; i < tpl.minutiae.size(); ++i) {
    const Minutia& m = tpl.minutiae[i];
    if (m.x > 0x3FFF || m.y > 0x3FFF) {
      return invalid_argument("minutia " + std::to_string(i) + " lies beyond 16383 pixels");
    }
    if (m.quality > 100) return invalid_argument("minutia " + std::to_string(i) + " quality above 100");
    put16(out, static_cast<unsigned>(static_cast<unsigned>(m.type) << 14 | m.x));
    put16(out, m.y);
    out.push_back(m.angle);
    out.push_back(m.quality);
  }
  const std::uint32_t crc = crc32(out);
  put16(out, crc >> 16);
  put16(out, crc & 0xFFFF);
  return out;
}

Result<Template> decode_native(std::span<const std::uint8_t> d) {
  if (d.size() < kNativeHeaderBytes + kNativeTrailerBytes) {
    return corrupt(d.size(), "truncated: " + std::to_string(d.size()) + " bytes, a template has at least " +
                                 std::to_string(kNativeHeaderBytes + kNativeTrailerBytes));
  }
  if (!is_native_template(d)) return corrupt(0, "not a native template (magic is not \"ABFT\")");
  if (d[4] != kNativeVersion) {
    return unsupported("native template, byte 4: version " + std::to_string(d[4]) + " is not supported (this build reads " +
                       std::to_string(kNativeVersion) + ")");
  }
  if (d[5] != 0) return corrupt(5, "unknown flags " + std::to_string(d[5]));
  Template tpl;
  tpl.width = static_cast<std::uint16_t>(get16(d, 6));
  tpl.height = static_cast<std::uint16_t>(get16(d, 8));
  if (tpl.width == 0 || tpl.height == 0 || tpl.width > 0x3FFF || tpl.height > 0x3FFF) {
    return corrupt(6, "impossible print size " + std::to_string(tpl.width) + "x" + std::to_string(tpl.height));
  }
  if (get16(d, 10) != kResolutionPpi) return corrupt(10, "resolution " + std::to_string(get16(d, 10)) + " is not 500 ppi");
  tpl.quality = d[12];
  if (tpl.quality > 100) return corrupt(12, "quality " + std::to_string(tpl.quality) + " above 100");
  const std::size_t count = get16(d, 14);
  if (count > kNativeMaxMinutiae) return corrupt(14, "minutiae count " + std::to_string(count) + " is impossible");
  const std::size_t expected = kNativeHeaderBytes + count * kNativeMinutiaBytes + kNativeTrailerBytes;
  if (d.size() != expected) {
    return corrupt(d.size() < expected ? d.size() : expected,
                   "length " + std::to_string(d.size()) + " bytes does not match " + std::to_string(count) +
                       " minutiae (" + std::to_string(expected) + " bytes)");
  }
  const std::uint32_t stored = (static_cast<std::uint32_t>(get16(d, expected - 4)) << 16) | get16(d, expected - 2);
  if (crc32(d.first(expected - 4)) != stored) return corrupt(expected - 4, "checksum mismatch (damaged template)");
  tpl.minutiae.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t at = kNativeHeaderBytes + i * kNativeMinutiaBytes;
    Minutia& m = tpl.minutiae[i];
    const unsigned xt = get16(d, at);
    const unsigned type = xt >> 14;
    if (type > 2) return corrupt(at, "minutia " + std::to_string(i) + " has unknown type 3");
    m.type = static_cast<MinutiaType>(type);
    m.x = static_cast<std::uint16_t>(xt & 0x3FFF);
    m.y = static_cast<std::uint16_t>(get16(d, at + 2));
    if (m.x >= tpl.width || m.y >= tpl.height) {
      return corrupt(at, "minutia " + std::to_string(i) + " at (" + std::to_string(m.x) + ", " + std::to_string(m.y) +
                             ") lies outside the " + std::to_string(tpl.width) + "x" + std::to_string(tpl.height) + " print");
    }
    m.angle = d[at + 4];
    m.quality = d[at + 5];
    if (m.quality > 100) return corrupt(at + 5, "minutia " + std::to_string(i) + " quality above 100");
  }
  return tpl;
}

}  // namespace abis::dactyl
