// ByteReader: big-endian reads from a byte span that can never run past its end. Every read
// checks the remaining length first and, when short, fails with the offset and what was being read,
// so a parser reports "byte 26: minutia 3 of view 1: needs 6 bytes, 2 left" instead of crashing.
// Used by the ISO/IEC 19794 and ICAO DG3 parsers. One reader per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace abis::formats {

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> data, std::size_t base_offset = 0)
      : data_(data), base_(base_offset) {}

  std::size_t offset() const { return base_ + pos_; }  // in the whole input
  std::size_t position() const { return pos_; }         // in this span
  std::size_t remaining() const { return data_.size() - pos_; }

  Status need(std::size_t n, std::string_view what) const {
    if (remaining() >= n) return Status::ok();
    return invalid_argument("byte " + std::to_string(offset()) + ": " + std::string(what) + ": needs " +
                            std::to_string(n) + " bytes, " + std::to_string(remaining()) + " left (truncated)");
  }
  Result<std::uint8_t> u8(std::string_view what) {
    ABIS_RETURN_IF_ERROR(need(1, what));
    return data_[pos_++];
  }
  Result<std::uint16_t> u16(std::string_view what) {
    ABIS_RETURN_IF_ERROR(need(2, what));
    std::uint16_t v = std::uint16_t((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  Result<std::uint32_t> u32(std::string_view what) {
    ABIS_RETURN_IF_ERROR(need(4, what));
    std::uint32_t v = (std::uint32_t(data_[pos_]) << 24) | (std::uint32_t(data_[pos_ + 1]) << 16) |
                      (std::uint32_t(data_[pos_ + 2]) << 8) | data_[pos_ + 3];
    pos_ += 4;
    return v;
  }
  Result<std::span<const std::uint8_t>> bytes(std::size_t n, std::string_view what) {
    ABIS_RETURN_IF_ERROR(need(n, what));
    auto out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  Status skip(std::size_t n, std::string_view what) {
    ABIS_RETURN_IF_ERROR(need(n, what));
    pos_ += n;
    return Status::ok();
  }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
};

// Big-endian appends for the writers.
inline void put_u8(std::vector<std::uint8_t>& out, unsigned v) { out.push_back(std::uint8_t(v)); }
inline void put_u16(std::vector<std::uint8_t>& out, unsigned v) {
  out.push_back(std::uint8_t(v >> 8));
  out.push_back(std::uint8_t(v));
}
inline void put_u32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(std::uint8_t(v >> s));
}

}  // namespace abis::formats
