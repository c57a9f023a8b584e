// The WSQ stream syntax (spec Part 1, Annex B): the marker segments of a file, read into plain
// structures, and written back from them.
//
// parse_stream walks the markers from SOI to EOI, checks every length field against the input and
// against the size its segment must have, and reports the byte offset of the first problem. Table
// segments (DTT, DQT, DHT, DRT, COM) may come anywhere before the block that needs them; a DHT
// may hold several tables; a later table with the same id replaces the earlier one for the
// blocks after it. Entropy-coded data is not decoded here, only located (wsq_huffman.h).
// All functions are pure and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace abis::image::wsq {

struct FrameHeader {  // SOF
  int black = 0;      // A: the black level (0)
  int white = 255;    // B: the white level (255)
  int height = 0;     // Y
  int width = 0;      // X
  double shift = 0;   // M
  double scale = 1;   // R
  int encoder_number = 0;   // Ev
  int software_number = 0;  // Sf
};

// DTT: the analysis filters, full length. An odd length is symmetric about its middle tap; an
// even-length lowpass is symmetric and an even-length highpass antisymmetric about the middle.
struct TransformTable {
  std::vector<double> lowpass;
  std::vector<double> highpass;
};

struct QuantizationTable {  // DQT
  double bin_center = 0;                // C
  std::array<double, 64> bin_width{};   // Q_k; 0 means subband k is not transmitted
  std::array<double, 64> zero_bin_width{};  // Z_k
};

struct HuffmanTable {  // one table of a DHT
  int id = 0;
  std::array<std::uint8_t, 16> counts{};  // L_1..L_16: number of codes of each length
  std::vector<std::uint8_t> values;       // V: symbols in order of increasing code
};

struct EntropyBlock {
  std::size_t header_offset = 0;  // where the SOB marker is
  std::size_t data_offset = 0;    // where its entropy-coded data starts
  int huffman_table = 0;          // index into ParsedStream::huffman_tables
  std::span<const std::uint8_t> data;  // up to the next marker (restart markers included)
};

struct CommentSegment {
  std::size_t offset = 0;
  std::string text;
};

struct ParsedStream {
  FrameHeader frame;
  TransformTable transform;
  QuantizationTable quantization;
  std::vector<HuffmanTable> huffman_tables;  // as defined, in file order
  std::vector<EntropyBlock> blocks;
  std::vector<CommentSegment> comments;
  std::size_t comment_bytes = 0;  // marker + length + text of every COM segment
  int restart_interval = 0;
  std::size_t end_offset = 0;     // just past the EOI marker
};

Result<ParsedStream> parse_stream(std::span<const std::uint8_t> data);

// ---- Numbers as the stream stores them: an exponent byte s and an unsigned integer v meaning
// v / 10^s. Writers choose the largest s that keeps v in range, as the reference encoder does.
struct ScaledValue {
  std::uint8_t exponent = 0;
  std::uint32_t integer = 0;
  double value() const;
};
ScaledValue to_scaled(double value, std::uint32_t max_integer);

// ---- Writing
class StreamWriter {
 public:
  void marker(std::uint16_t code) { u16(code); }
  void frame_header(const FrameHeader& frame);
  void transform_table(const TransformTable& table);
  void quantization_table(const QuantizationTable& table);
  void huffman_tables(std::span<const HuffmanTable> tables);  // one DHT holding them all
  void block_header(int huffman_table_id);
  void comment(std::string_view text);
  // Entropy-coded bytes, already stuffed.
  void raw(std::span<const std::uint8_t> bytes) { out_.insert(out_.end(), bytes.begin(), bytes.end()); }

  std::vector<std::uint8_t>& bytes() { return out_; }

 private:
  void u8(std::uint32_t v) { out_.push_back(static_cast<std::uint8_t>(v)); }
  void u16(std::uint32_t v) { u8(v >> 8); u8(v); }
  void u32(std::uint32_t v) { u16(v >> 16); u16(v); }
  void scaled16(double value);
  std::vector<std::uint8_t> out_;
};

}  // namespace abis::image::wsq
