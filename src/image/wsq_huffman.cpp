#include "image/wsq_huffman.h"

#include <algorithm>
#include <cstring>

#include "image/wsq_params.h"

namespace abis::image::wsq {
namespace {

// Calls sink(symbol, extra_bits, extra_bit_count) for each symbol the coefficients make.
template <typename Sink>
void for_each_symbol(std::span<const std::int32_t> coefficients, Sink&& sink) {
  std::uint32_t run = 0;
  auto flush_run = [&] {
    while (run > 0) {
      if (run <= static_cast<std::uint32_t>(kMaxZeroRunSymbol)) {
        sink(static_cast<int>(run), 0u, 0);
        run = 0;
      } else if (run <= 0xFF) {
        sink(kSymbolZeroRun8, run, 8);
        run = 0;
      } else {
        std::uint32_t part = std::min<std::uint32_t>(run, 0xFFFF);
        sink(kSymbolZeroRun16, part, 16);
        run -= part;
      }
    }
  };
  const std::int32_t* c = coefficients.data();
  const std::size_t n = coefficients.size();
  std::size_t i = 0;
  while (i < n) {
    std::size_t j = i;
    while (j < n && c[j] == 0) ++j;
    run += static_cast<std::uint32_t>(j - i);
    if (j == n) break;
    flush_run();
    std::int32_t v = c[j];
    if (v >= kMinDirectValue && v <= kMaxDirectValue) {
      sink(kSymbolValueBias + v, 0u, 0);
    } else {
      std::uint32_t magnitude = static_cast<std::uint32_t>(v > 0 ? v : -v);
      if (magnitude <= 0xFF) {
        sink(v > 0 ? kSymbolPositive8 : kSymbolNegative8, magnitude, 8);
      } else {
        sink(v > 0 ? kSymbolPositive16 : kSymbolNegative16, magnitude, 16);
      }
    }
    i = j + 1;
  }
  flush_run();
}

// Bytes of one block with the stuffing removed, split where restart markers were.
struct CleanData {
  std::vector<std::uint8_t> bytes;          // followed by 8 bytes of 0xFF padding
  std::vector<std::size_t> segment_ends;    // byte index in bytes where each segment ends
  std::vector<std::size_t> source_offsets;  // offset in the block data of each segment start
};

CleanData unstuff(std::span<const std::uint8_t> data) {
  CleanData c;
  c.bytes.reserve(data.size() + 8);
  c.source_offsets.push_back(0);
  for (std::size_t i = 0; i < data.size(); ++i) {
    std::uint8_t b = data[i];
    if (b == 0xFF && i + 1 < data.size()) {
      std::uint8_t next = data[i + 1];
      if (next == 0x00) {
        c.bytes.push_back(0xFF);
        ++i;
        continue;
      }
      // A restart marker (the parser let nothing else through): a new segment starts.
      c.segment_ends.push_back(c.bytes.size());
      c.source_offsets.push_back(i + 2);
      ++i;
      continue;
    }
    c.bytes.push_back(b);
  }
  c.segment_ends.push_back(c.bytes.size());
  c.bytes.insert(c.bytes.end(), 8, 0xFF);
  return c;
}

// 32 bits starting at bit position bit (MSB first) of bytes, which has padding after the data.
inline std::uint32_t peek32(const std::uint8_t* bytes, std::size_t bit) {
  const std::uint8_t* p = bytes + (bit >> 3);
  std::uint64_t window = (static_cast<std::uint64_t>(p[0]) << 32) |
                         (static_cast<std::uint64_t>(p[1]) << 24) |
                         (static_cast<std::uint64_t>(p[2]) << 16) |
                         (static_cast<std::uint64_t>(p[3]) << 8) | p[4];
  return static_cast<std::uint32_t>(window >> (8 - (bit & 7)));
}

std::string at(std::size_t offset) { return " at byte " + std::to_string(offset); }

// Whether the count bits from bit position bit (count <= 64) are all 1.
bool ones_to_end(const std::uint8_t* bytes, std::size_t bit, std::size_t count) {
  while (count > 0) {
    std::size_t n = std::min<std::size_t>(count, 32);
    std::uint32_t v = peek32(bytes, bit) >> (32 - n);
    std::uint32_t mask = n == 32 ? 0xFFFFFFFFu : (1u << n) - 1;
    if (v != mask) return false;
    bit += n;
    count -= n;
  }
  return true;
}

}  // namespace

Result<HuffmanDecoder> HuffmanDecoder::build(const HuffmanTable& table) {
  std::size_t total = 0;
  std::uint32_t space = 0;
  for (int len = 1; len <= 16; ++len) {
    total += table.counts[len - 1];
    space = (space << 1) + table.counts[len - 1];
    if (space > (1u << len)) {
      return invalid_argument("WSQ: Huffman table " + std::to_string(table.id) +
                              " has more codes than its lengths allow");
    }
  }
  if (total != table.values.size()) {
    return invalid_argument("WSQ: Huffman table " + std::to_string(table.id) + " has " +
                            std::to_string(total) + " codes but " +
                            std::to_string(table.values.size()) + " symbols");
  }
  HuffmanDecoder d;
  d.values_ = table.values;
  std::int32_t code = 0;
  std::int32_t index = 0;
  for (int len = 1; len <= 16; ++len) {
    int count = table.counts[len - 1];
    d.first_code_[len] = code;
    d.first_index_[len] = index;
    d.max_code_[len] = count > 0 ? code + count - 1 : -1;
    for (int i = 0; i < count; ++i, ++code, ++index) {
      if (len <= kLookupBits) {
        int shift = kLookupBits - len;
        std::uint16_t entry =
            static_cast<std::uint16_t>((len << 8) | table.values[static_cast<std::size_t>(index)]);
        for (int fill = 0; fill < (1 << shift); ++fill) d.lookup_[(code << shift) | fill] = entry;
      }
    }
    code <<= 1;
  }
  return d;
}

int HuffmanDecoder::decode(std::uint32_t bits, int& symbol) const {
  std::uint16_t entry = lookup_[bits >> (32 - kLookupBits)];
  if (entry != 0) {
    symbol = entry & 0xFF;
    return entry >> 8;
  }
  for (int len = kLookupBits + 1; len <= 16; ++len) {
    std::int32_t code = static_cast<std::int32_t>(bits >> (32 - len));
    if (max_code_[len] >= 0 && code <= max_code_[len] && code >= first_code_[len]) {
      symbol = values_[static_cast<std::size_t>(first_index_[len] + code - first_code_[len])];
      return len;
    }
  }
  return 0;
}

Status decode_block(const HuffmanDecoder& decoder, std::span<const std::uint8_t> data,
                    std::size_t data_offset, std::span<std::int32_t> out, std::size_t& pos) {
  CleanData clean = unstuff(data);
  const std::uint8_t* bytes = clean.bytes.data();
  std::size_t segment_begin = 0;
  for (std::size_t seg = 0; seg < clean.segment_ends.size(); ++seg) {
    std::size_t bit = segment_begin * 8;
    const std::size_t end_bit = clean.segment_ends[seg] * 8;
    // Offsets in messages are approximate within a segment: the byte the symbol starts in,
    // counted in unstuffed bytes from the segment start.
    auto where = [&](std::size_t b) {
      return at(data_offset + clean.source_offsets[seg] + (b / 8 - segment_begin));
    };
    while (bit < end_bit) {
      std::size_t remaining = end_bit - bit;
      std::uint32_t bits = peek32(bytes, bit);
      // Only 1 bits left before the marker: padding. The spec pads with fewer than 8; some
      // encoders (encoder number one) add a whole 0xFF byte, which other decoders skip too.
      bool only_ones = remaining <= 64 && ones_to_end(bytes, bit, remaining);
      if (only_ones && remaining < 8) break;
      int symbol = 0;
      int length = decoder.decode(bits, symbol);
      if (length == 0 || static_cast<std::size_t>(length) > remaining) {
        if (only_ones) break;  // no complete code in the padding
        if (length == 0) {
          return invalid_argument("WSQ: block data" + where(bit) +
                                  ": the bits there are no code of the block's Huffman table");
        }
        return invalid_argument("WSQ: block data" + where(bit) + ": truncated inside a code");
      }
      std::size_t symbol_bit = bit;
      bit += static_cast<std::size_t>(length);
      std::uint32_t extra = 0;
      int extra_bits = 0;
      if (symbol == kSymbolPositive8 || symbol == kSymbolNegative8 || symbol == kSymbolZeroRun8) {
        extra_bits = 8;
      } else if (symbol == kSymbolPositive16 || symbol == kSymbolNegative16 ||
                 symbol == kSymbolZeroRun16) {
        extra_bits = 16;
      }
      if (extra_bits > 0) {
        if (end_bit - bit < static_cast<std::size_t>(extra_bits)) {
          if (only_ones) break;
          return invalid_argument("WSQ: block data" + where(symbol_bit) +
                                  ": truncated inside the bits following an escape code");
        }
        extra = peek32(bytes, bit) >> (32 - extra_bits);
        bit += static_cast<std::size_t>(extra_bits);
      }
      std::size_t zeros = 0;
      std::int32_t value = 0;
      bool is_value = false;
      if (symbol >= 1 && symbol <= kMaxZeroRunSymbol) {
        zeros = static_cast<std::size_t>(symbol);
      } else if (symbol == kSymbolZeroRun8 || symbol == kSymbolZeroRun16) {
        zeros = extra;
      } else if (symbol == kSymbolPositive8 || symbol == kSymbolPositive16) {
        value = static_cast<std::int32_t>(extra);
        is_value = true;
      } else if (symbol == kSymbolNegative8 || symbol == kSymbolNegative16) {
        value = -static_cast<std::int32_t>(extra);
        is_value = true;
      } else if (symbol >= kSymbolValueBias + kMinDirectValue &&
                 symbol <= kSymbolValueBias + kMaxDirectValue) {
        value = symbol - kSymbolValueBias;  // 180 itself is a lone zero
        is_value = true;
      } else {
        return invalid_argument("WSQ: block data" + where(symbol_bit) + ": symbol " +
                                std::to_string(symbol) + " has no meaning in WSQ");
      }
      std::size_t needed = is_value ? 1 : zeros;
      if (needed > out.size() - pos) {
        return invalid_argument("WSQ: block data" + where(symbol_bit) +
                                ": more coefficients than the image's subbands hold (" +
                                std::to_string(out.size()) + ")");
      }
      if (is_value) {
        out[pos++] = value;
      } else {
        std::fill_n(out.begin() + static_cast<std::ptrdiff_t>(pos), zeros, 0);
        pos += zeros;
      }
    }
    segment_begin = clean.segment_ends[seg];
  }
  return Status::ok();
}

void count_symbols(std::span<const std::int32_t> coefficients, SymbolCounts& counts) {
  for_each_symbol(coefficients, [&](int symbol, std::uint32_t, int) { ++counts[symbol]; });
}

HuffmanTable build_huffman_table(const SymbolCounts& counts, int id) {
  // T.81 Figure K.1: code sizes by repeatedly merging the two least frequent entries. Entry 256
  // gets count 1 so that one code point is kept back: the all-1s code (Figure K.3 removes it).
  constexpr int kEntries = 257;
  std::array<std::uint64_t, kEntries> freq{};
  for (int i = 0; i < 256; ++i) freq[i] = counts[i];
  freq[256] = 1;
  std::array<int, kEntries> code_size{};
  std::array<int, kEntries> others;
  others.fill(-1);
  std::vector<int> active;  // entries with a count, in increasing order
  for (int i = 0; i < kEntries; ++i) {
    if (freq[i] > 0) active.push_back(i);
  }
  while (true) {
    // v1: least frequency, largest index on ties; v2: the next least.
    int v1 = -1, v2 = -1;
    for (int i : active) {
      if (freq[i] == 0) continue;
      if (v1 < 0 || freq[i] <= freq[v1]) v1 = i;
    }
    for (int i : active) {
      if (freq[i] == 0 || i == v1) continue;
      if (v2 < 0 || freq[i] <= freq[v2]) v2 = i;
    }
    if (v2 < 0) break;
    freq[v1] += freq[v2];
    freq[v2] = 0;
    ++code_size[v1];
    while (others[v1] >= 0) {
      v1 = others[v1];
      ++code_size[v1];
    }
    others[v1] = v2;
    ++code_size[v2];
    while (others[v2] >= 0) {
      v2 = others[v2];
      ++code_size[v2];
    }
  }
  // Figure K.2: how many codes of each size; sizes can reach 256 in a degenerate tree.
  std::array<int, 260> bits{};
  for (int i = 0; i < kEntries; ++i) {
    if (code_size[i] > 0) ++bits[code_size[i]];
  }
  // Figure K.3: move codes longer than 16 bits up the tree, then drop the reserved code.
  for (int i = 259; i > kMaxCodeLength; --i) {
    while (bits[i] > 0) {
      int j = i - 2;
      while (bits[j] == 0) --j;
      bits[i] -= 2;
      bits[i - 1] += 1;
      bits[j + 1] += 2;
      bits[j] -= 1;
    }
  }
  int longest = kMaxCodeLength;
  while (longest > 0 && bits[longest] == 0) --longest;
  if (longest > 0) bits[longest] -= 1;

  HuffmanTable table;
  table.id = id;
  for (int len = 1; len <= kMaxCodeLength; ++len) table.counts[len - 1] = static_cast<std::uint8_t>(bits[len]);
  // Figure K.4: symbols in order of code size, then of value.
  std::vector<int> by_size;
  for (int i : active) {
    if (i < 256) by_size.push_back(i);
  }
  std::stable_sort(by_size.begin(), by_size.end(),
                   [&](int a, int b) { return code_size[a] < code_size[b]; });
  for (int i : by_size) table.values.push_back(static_cast<std::uint8_t>(i));
  return table;
}

Status encode_block(const HuffmanTable& table, std::span<const std::int32_t> coefficients,
                    std::vector<std::uint8_t>& out) {
  std::array<std::uint32_t, 256> code{};
  std::array<int, 256> size{};
  std::uint32_t next = 0;
  std::size_t index = 0;
  for (int len = 1; len <= kMaxCodeLength; ++len) {
    for (int i = 0; i < table.counts[len - 1]; ++i, ++index, ++next) {
      code[table.values[index]] = next;
      size[table.values[index]] = len;
    }
    next <<= 1;
  }
  std::uint64_t acc = 0;  // bits not yet written, right-aligned
  int acc_bits = 0;
  auto put = [&](std::uint32_t value, int bits) {
    acc = (acc << bits) | (value & ((1u << bits) - 1));
    acc_bits += bits;
    while (acc_bits >= 8) {
      acc_bits -= 8;
      auto byte = static_cast<std::uint8_t>(acc >> acc_bits);
      out.push_back(byte);
      if (byte == 0xFF) out.push_back(0x00);  // byte stuffing
    }
  };
  bool missing = false;
  for_each_symbol(coefficients, [&](int symbol, std::uint32_t extra, int extra_bits) {
    if (size[symbol] == 0) {
      missing = true;
      return;
    }
    put(code[symbol], size[symbol]);
    if (extra_bits > 0) put(extra, extra_bits);
  });
  if (missing) return internal_error("WSQ encoder: a symbol has no code in its Huffman table");
  if (acc_bits > 0) put((1u << (8 - acc_bits)) - 1, 8 - acc_bits);  // pad with 1 bits
  return Status::ok();
}

}  // namespace abis::image::wsq
