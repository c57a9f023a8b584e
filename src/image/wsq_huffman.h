// Entropy coding of the quantised wavelet coefficients (spec Part 1, clause on Huffman coding):
// the coefficient stream is turned into symbols (zero runs, small values with their own symbol,
// escapes followed by 8 or 16 raw bits), and the symbols into canonical Huffman codes.
//
// Decoding accepts any table whose lengths fit the code space, including tables that give a
// code of all 1 bits (which the spec disallows but reference encoders write). Encoding builds
// tables with the procedure of ITU-T T.81 Annex K.2, keeping the all-1s code unused, and limits
// codes to 16 bits. Stateless functions; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "image/wsq_segments.h"

namespace abis::image::wsq {

class HuffmanDecoder {
 public:
  // Fails when the counts do not match the values or overflow the code space (parse_stream
  // already refuses such tables; this keeps the decoder safe on tables made elsewhere).
  static Result<HuffmanDecoder> build(const HuffmanTable& table);

  static constexpr int kLookupBits = 10;

  // Decodes the symbol at the top of bits (left-aligned). Returns the code length (0 when bits
  // start no code of this table) and stores the symbol.
  int decode(std::uint32_t bits, int& symbol) const;

 private:
  // lookup_[top kLookupBits bits] = (length << 8) | symbol, or 0 when the code is longer.
  std::array<std::uint16_t, 1 << kLookupBits> lookup_{};
  std::array<std::int32_t, 17> max_code_{};     // largest code of each length, -1 if none
  std::array<std::int32_t, 17> first_code_{};   // first code of each length
  std::array<std::int32_t, 17> first_index_{};  // index into values_ of that first code
  std::vector<std::uint8_t> values_;
};

// Decodes one block's entropy-coded bytes (with 0xFF00 stuffing and restart markers), writing
// quantised coefficients into out starting at pos and advancing pos. Never writes past out.
// data_offset is data's position in the file, used in error messages.
Status decode_block(const HuffmanDecoder& decoder, std::span<const std::uint8_t> data,
                    std::size_t data_offset, std::span<std::int32_t> out, std::size_t& pos);

using SymbolCounts = std::array<std::uint32_t, 256>;

// Adds the symbols coefficients turn into to counts.
void count_symbols(std::span<const std::int32_t> coefficients, SymbolCounts& counts);

// An optimal length-limited table for the counts (T.81 Annex K.2 and K.3).
HuffmanTable build_huffman_table(const SymbolCounts& counts, int id);

// Appends the coded, stuffed and padded bytes of one block to out.
Status encode_block(const HuffmanTable& table, std::span<const std::int32_t> coefficients,
                    std::vector<std::uint8_t>& out);

}  // namespace abis::image::wsq
