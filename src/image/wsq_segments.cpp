// Marker segment parsing and writing (spec Part 1, Annex B).
#include "image/wsq_segments.h"

#include <cmath>
#include <optional>

#include "image/codecs.h"
#include "image/wsq_params.h"

namespace abis::image::wsq {
namespace {

std::string hex16(std::uint32_t v) {
  static const char* kDigits = "0123456789ABCDEF";
  std::string s = "0x";
  for (int shift = 12; shift >= 0; shift -= 4) s += kDigits[(v >> shift) & 0xF];
  return s;
}

std::string marker_name(std::uint16_t m) {
  switch (m) {
    case kSoi: return "SOI";
    case kEoi: return "EOI";
    case kSof: return "SOF";
    case kSob: return "SOB";
    case kDtt: return "DTT";
    case kDqt: return "DQT";
    case kDht: return "DHT";
    case kDrt: return "DRT";
    case kCom: return "COM";
    default: return hex16(m);
  }
}

double power_of_ten(int exponent) {
  static const auto kTable = [] {
    std::array<double, 256> t{};
    for (int i = 0; i < 256; ++i) t[i] = std::pow(10.0, i);
    return t;
  }();
  return kTable[exponent];
}

// Reads big-endian fields of one segment; every read is checked against the segment's end,
// which parse_stream has already checked against the input.
class SegmentReader {
 public:
  SegmentReader(std::span<const std::uint8_t> data, std::size_t begin, std::size_t end,
                std::string name)
      : d_(data), pos_(begin), end_(end), name_(std::move(name)) {}

  bool has(std::size_t n) const { return end_ - pos_ >= n; }
  std::size_t pos() const { return pos_; }
  std::size_t remaining() const { return end_ - pos_; }
  const std::string& name() const { return name_; }

  Result<std::uint32_t> u8(const char* field) {
    ABIS_RETURN_IF_ERROR(need(1, field));
    return d_[pos_++];
  }
  Result<std::uint32_t> u16(const char* field) {
    ABIS_RETURN_IF_ERROR(need(2, field));
    std::uint32_t v = (static_cast<std::uint32_t>(d_[pos_]) << 8) | d_[pos_ + 1];
    pos_ += 2;
    return v;
  }
  Result<std::uint32_t> u32(const char* field) {
    ABIS_RETURN_IF_ERROR(need(4, field));
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | d_[pos_ + i];
    pos_ += 4;
    return v;
  }
  // An exponent byte followed by a 16-bit integer.
  Result<double> scaled16(const char* field) {
    ABIS_ASSIGN_OR_RETURN(std::uint32_t exponent, u8(field));
    ABIS_ASSIGN_OR_RETURN(std::uint32_t integer, u16(field));
    return integer / power_of_ten(static_cast<int>(exponent));
  }
  Status error(const std::string& what) const {
    return invalid_argument("WSQ: " + name_ + " at byte " + std::to_string(pos_) + ": " + what);
  }

 private:
  Status need(std::size_t n, const char* field) const {
    if (has(n)) return Status::ok();
    return invalid_argument("WSQ: " + name_ + " ends at byte " + std::to_string(end_) +
                            " before its field " + field);
  }
  std::span<const std::uint8_t> d_;
  std::size_t pos_;
  std::size_t end_;
  std::string name_;
};

// Spec Annex B, frame header: Lf A B Y X Em M Er R Ev Sf.
Result<FrameHeader> read_frame_header(SegmentReader& r) {
  FrameHeader f;
  ABIS_ASSIGN_OR_RETURN(std::uint32_t black, r.u8("A (black)"));
  ABIS_ASSIGN_OR_RETURN(std::uint32_t white, r.u8("B (white)"));
  ABIS_ASSIGN_OR_RETURN(std::uint32_t height, r.u16("Y (height)"));
  ABIS_ASSIGN_OR_RETURN(std::uint32_t width, r.u16("X (width)"));
  ABIS_ASSIGN_OR_RETURN(f.shift, r.scaled16("M (shift)"));
  ABIS_ASSIGN_OR_RETURN(f.scale, r.scaled16("R (scale)"));
  ABIS_ASSIGN_OR_RETURN(std::uint32_t encoder, r.u8("Ev (encoder number)"));
  ABIS_ASSIGN_OR_RETURN(std::uint32_t software, r.u16("Sf (software number)"));
  f.black = static_cast<int>(black);
  f.white = static_cast<int>(white);
  f.height = static_cast<int>(height);
  f.width = static_cast<int>(width);
  f.encoder_number = static_cast<int>(encoder);
  f.software_number = static_cast<int>(software);
  if (f.width == 0 || f.height == 0) {
    return r.error("image size " + std::to_string(f.width) + "x" + std::to_string(f.height) +
                   " is empty");
  }
  return f;
}

// Spec Annex B, transform table: Ld L0 L1, then for the second half of each filter (lowpass
// first) a sign byte, an exponent byte and a 32-bit magnitude.
Result<TransformTable> read_transform_table(SegmentReader& r) {
  ABIS_ASSIGN_OR_RETURN(std::uint32_t low_taps, r.u8("L0 (lowpass length)"));
  ABIS_ASSIGN_OR_RETURN(std::uint32_t high_taps, r.u8("L1 (highpass length)"));
  if (low_taps == 0 || high_taps == 0 || low_taps > kMaxFilterTaps ||
      high_taps > kMaxFilterTaps) {
    return r.error("filter lengths " + std::to_string(low_taps) + "/" +
                   std::to_string(high_taps) + " are outside 1.." +
                   std::to_string(kMaxFilterTaps));
  }
  std::size_t stored = (low_taps + 1) / 2 + (high_taps + 1) / 2;
  if (r.remaining() != stored * 6) {
    return r.error("holds " + std::to_string(r.remaining()) + " bytes of coefficients but " +
                   std::to_string(low_taps) + "/" + std::to_string(high_taps) +
                   " taps need " + std::to_string(stored * 6));
  }
  auto read_half = [&](std::uint32_t taps, bool antisymmetric,
                       std::vector<double>& filter) -> Status {
    filter.assign(taps, 0.0);
    std::uint32_t half = (taps + 1) / 2;
    for (std::uint32_t i = 0; i < half; ++i) {
      ABIS_ASSIGN_OR_RETURN(std::uint32_t sign, r.u8("coefficient sign"));
      ABIS_ASSIGN_OR_RETURN(std::uint32_t exponent, r.u8("coefficient exponent"));
      ABIS_ASSIGN_OR_RETURN(std::uint32_t magnitude, r.u32("coefficient magnitude"));
      double c = magnitude / power_of_ten(static_cast<int>(exponent));
      if (sign != 0) c = -c;
      // Stored coefficients run from the middle outwards: taps/2 + i.
      std::uint32_t upper = taps / 2 + i;
      std::uint32_t lower = (taps % 2 == 1) ? taps / 2 - i : taps / 2 - 1 - i;
      filter[upper] = c;
      filter[lower] = (taps % 2 == 0 && antisymmetric) ? -c : c;
    }
    return Status::ok();
  };
  TransformTable t;
  ABIS_RETURN_IF_ERROR(read_half(low_taps, false, t.lowpass));
  ABIS_RETURN_IF_ERROR(read_half(high_taps, true, t.highpass));
  return t;
}

// Spec Annex B, quantisation table: Lq, Ec C, then (Eq Q, Ez Z) for each of the 64 subbands.
Result<QuantizationTable> read_quantization_table(SegmentReader& r) {
  if (r.remaining() != 3 + 64 * 6) {
    return r.error("holds " + std::to_string(r.remaining()) + " bytes but a quantisation table is " +
                   std::to_string(3 + 64 * 6));
  }
  QuantizationTable q;
  ABIS_ASSIGN_OR_RETURN(q.bin_center, r.scaled16("C (bin center)"));
  for (int k = 0; k < 64; ++k) {
    ABIS_ASSIGN_OR_RETURN(q.bin_width[k], r.scaled16("Q (bin width)"));
    ABIS_ASSIGN_OR_RETURN(q.zero_bin_width[k], r.scaled16("Z (zero bin width)"));
  }
  return q;
}

// Spec Annex B, Huffman table: Lh, then for each table Th, L1..L16, the values.
Status read_huffman_tables(SegmentReader& r, std::vector<HuffmanTable>& tables) {
  if (!r.has(1)) return r.error("is empty");
  while (r.remaining() > 0) {
    HuffmanTable t;
    ABIS_ASSIGN_OR_RETURN(std::uint32_t id, r.u8("Th (table id)"));
    if (id >= kHuffmanTableSlots) {
      return r.error("table id " + std::to_string(id) + " is outside 0.." +
                     std::to_string(kHuffmanTableSlots - 1));
    }
    t.id = static_cast<int>(id);
    std::size_t total = 0;
    for (int len = 0; len < 16; ++len) {
      ABIS_ASSIGN_OR_RETURN(std::uint32_t count, r.u8("L (code counts)"));
      t.counts[len] = static_cast<std::uint8_t>(count);
      total += count;
    }
    if (total > 256) {
      return r.error("Huffman table " + std::to_string(id) + " declares " +
                     std::to_string(total) + " codes, more than the 256 symbols");
    }
    if (!r.has(total)) {
      return r.error("Huffman table " + std::to_string(id) + " declares " +
                     std::to_string(total) + " values but the segment has " +
                     std::to_string(r.remaining()) + " bytes left");
    }
    // Canonical codes: at each length the codes must still fit in the code space.
    std::uint32_t next_code = 0;
    for (int len = 0; len < 16; ++len) {
      next_code += t.counts[len];
      if (next_code > (1u << (len + 1))) {
        return r.error("Huffman table " + std::to_string(id) + " has more codes of length " +
                       std::to_string(len + 1) + " and shorter than the code space holds");
      }
      next_code <<= 1;
    }
    for (std::size_t i = 0; i < total; ++i) {
      ABIS_ASSIGN_OR_RETURN(std::uint32_t v, r.u8("V (symbol)"));
      t.values.push_back(static_cast<std::uint8_t>(v));
    }
    tables.push_back(std::move(t));
  }
  return Status::ok();
}

// The end of entropy-coded data: the first marker other than a stuffed 0xFF00 or a restart
// marker. Returns data.size() when there is none.
std::size_t find_entropy_end(std::span<const std::uint8_t> data, std::size_t pos) {
  for (std::size_t i = pos; i + 1 < data.size(); ++i) {
    if (data[i] != 0xFF) continue;
    std::uint8_t next = data[i + 1];
    if (next == 0x00 || (next >= (kRst0 & 0xFF) && next <= (kRst7 & 0xFF))) {
      ++i;
      continue;
    }
    return i;
  }
  return data.size();
}

}  // namespace

Result<ParsedStream> parse_stream(std::span<const std::uint8_t> data) {
  if (data.size() < 2 || data[0] != 0xFF || data[1] != (kSoi & 0xFF)) {
    return invalid_argument("WSQ: the data does not start with the SOI marker 0xFFA0");
  }
  ParsedStream s;
  std::array<int, kHuffmanTableSlots> table_index;
  table_index.fill(-1);
  bool have_frame = false, have_transform = false, have_quantization = false;
  std::size_t pos = 2;
  while (true) {
    // Fill bytes (0xFF) may precede a marker.
    while (pos + 1 < data.size() && data[pos] == 0xFF && data[pos + 1] == 0xFF) ++pos;
    if (pos + 2 > data.size()) {
      return invalid_argument("WSQ: truncated at byte " + std::to_string(pos) +
                              ": the data ends before the EOI marker");
    }
    std::uint16_t marker = static_cast<std::uint16_t>((data[pos] << 8) | data[pos + 1]);
    std::size_t marker_pos = pos;
    if ((marker & 0xFF00) != 0xFF00) {
      return invalid_argument("WSQ: expected a marker at byte " + std::to_string(pos) +
                              " but found " + hex16(marker));
    }
    if (marker == kEoi) {
      if (!have_frame) {
        return invalid_argument("WSQ: EOI at byte " + std::to_string(pos) +
                                " before any frame header (SOF)");
      }
      s.end_offset = pos + 2;
      return s;
    }
    bool known = marker == kSof || marker == kSob || marker == kDtt || marker == kDqt ||
                 marker == kDht || marker == kDrt || marker == kCom;
    if (!known) {
      return invalid_argument("WSQ: unknown marker " + hex16(marker) + " at byte " +
                              std::to_string(pos));
    }
    if (pos + 4 > data.size()) {
      return invalid_argument("WSQ: truncated " + marker_name(marker) + " segment at byte " +
                              std::to_string(pos) + ": no room for its length field");
    }
    std::size_t length = (static_cast<std::size_t>(data[pos + 2]) << 8) | data[pos + 3];
    if (length < 2) {
      return invalid_argument("WSQ: " + marker_name(marker) + " segment at byte " +
                              std::to_string(pos) + " has length " + std::to_string(length) +
                              ", less than its own length field");
    }
    if (pos + 2 + length > data.size()) {
      return invalid_argument("WSQ: " + marker_name(marker) + " segment at byte " +
                              std::to_string(pos) + " says it is " + std::to_string(length) +
                              " bytes long but only " + std::to_string(data.size() - pos - 2) +
                              " remain in the file");
    }
    std::size_t body = pos + 4;
    std::size_t end = pos + 2 + length;
    SegmentReader r(data, body, end, marker_name(marker) + " segment at byte " +
                                         std::to_string(marker_pos));
    switch (marker) {
      case kSof: {
        if (have_frame) return r.error("is a second frame header");
        if (length != 17) return r.error("has length " + std::to_string(length) + ", not 17");
        ABIS_ASSIGN_OR_RETURN(s.frame, read_frame_header(r));
        ABIS_RETURN_IF_ERROR(check_dimensions(s.frame.width, s.frame.height, "WSQ"));
        have_frame = true;
        break;
      }
      case kDtt: {
        ABIS_ASSIGN_OR_RETURN(s.transform, read_transform_table(r));
        have_transform = true;
        break;
      }
      case kDqt: {
        ABIS_ASSIGN_OR_RETURN(s.quantization, read_quantization_table(r));
        have_quantization = true;
        break;
      }
      case kDht: {
        std::size_t before = s.huffman_tables.size();
        ABIS_RETURN_IF_ERROR(read_huffman_tables(r, s.huffman_tables));
        for (std::size_t i = before; i < s.huffman_tables.size(); ++i) {
          table_index[s.huffman_tables[i].id] = static_cast<int>(i);
        }
        break;
      }
      case kDrt: {
        if (length != 4) return r.error("has length " + std::to_string(length) + ", not 4");
        ABIS_ASSIGN_OR_RETURN(std::uint32_t interval, r.u16("Ri (restart interval)"));
        s.restart_interval = static_cast<int>(interval);
        break;
      }
      case kCom: {
        s.comments.push_back({marker_pos, std::string(data.begin() + body, data.begin() + end)});
        s.comment_bytes += length + 2;
        break;
      }
      case kSob: {
        if (!have_frame) return r.error("comes before the frame header (SOF)");
        if (!have_transform) return r.error("comes before the transform table (DTT)");
        if (!have_quantization) return r.error("comes before the quantisation table (DQT)");
        if (length != 3) return r.error("has length " + std::to_string(length) + ", not 3");
        ABIS_ASSIGN_OR_RETURN(std::uint32_t table, r.u8("Td (Huffman table id)"));
        if (table >= kHuffmanTableSlots || table_index[table] < 0) {
          return r.error("uses Huffman table " + std::to_string(table) +
                         ", which no DHT segment before it defines");
        }
        std::size_t data_end = find_entropy_end(data, end);
        if (data_end >= data.size()) {
          return invalid_argument("WSQ: block at byte " + std::to_string(marker_pos) +
                                  ": its coded data runs to the end of the file (byte " +
                                  std::to_string(data.size()) + ") without a marker: truncated");
        }
        EntropyBlock b;
        b.header_offset = marker_pos;
        b.data_offset = end;
        b.huffman_table = table_index[table];
        b.data = data.subspan(end, data_end - end);
        s.blocks.push_back(b);
        pos = data_end;
        continue;
      }
      default: break;
    }
    pos = end;
  }
}

double ScaledValue::value() const { return integer / power_of_ten(exponent); }

ScaledValue to_scaled(double value, std::uint32_t max_integer) {
  ScaledValue s;
  if (!(value > 0)) return s;  // zero, negative (not representable) or NaN: 0
  // The largest exponent whose scaled value stays below the integer range, the rule the
  // reference encoder follows (it keeps 5 significant digits in 16 bits, 10 in 32).
  int exponent = 0;
  while (exponent < 255 && value * power_of_ten(exponent + 1) < max_integer) ++exponent;
  double scaled = value * power_of_ten(exponent);
  s.exponent = static_cast<std::uint8_t>(exponent);
  s.integer = scaled >= max_integer ? max_integer
                                    : static_cast<std::uint32_t>(std::llround(scaled));
  return s;
}

void StreamWriter::scaled16(double value) {
  ScaledValue s = to_scaled(value, 0xFFFF);
  u8(s.exponent);
  u16(s.integer);
}

void StreamWriter::frame_header(const FrameHeader& f) {
  u16(kSof);
  u16(17);
  u8(f.black);
  u8(f.white);
  u16(f.height);
  u16(f.width);
  scaled16(f.shift);
  scaled16(f.scale);
  u8(f.encoder_number);
  u16(f.software_number);
}

void StreamWriter::transform_table(const TransformTable& t) {
  std::size_t stored = (t.lowpass.size() + 1) / 2 + (t.highpass.size() + 1) / 2;
  u16(kDtt);
  u16(static_cast<std::uint32_t>(4 + 6 * stored));
  u8(static_cast<std::uint32_t>(t.lowpass.size()));
  u8(static_cast<std::uint32_t>(t.highpass.size()));
  for (const auto* filter : {&t.lowpass, &t.highpass}) {
    for (std::size_t i = filter->size() / 2; i < filter->size(); ++i) {
      double c = (*filter)[i];
      u8(c < 0 ? 1 : 0);
      ScaledValue s = to_scaled(std::fabs(c), 0xFFFFFFFFu);
      u8(s.exponent);
      u32(s.integer);
    }
  }
}

void StreamWriter::quantization_table(const QuantizationTable& q) {
  u16(kDqt);
  u16(389);
  scaled16(q.bin_center);
  for (int k = 0; k < 64; ++k) {
    scaled16(q.bin_width[k]);
    scaled16(q.zero_bin_width[k]);
  }
}

void StreamWriter::huffman_tables(std::span<const HuffmanTable> tables) {
  std::size_t length = 2;
  for (const auto& t : tables) length += 17 + t.values.size();
  u16(kDht);
  u16(static_cast<std::uint32_t>(length));
  for (const auto& t : tables) {
    u8(t.id);
    for (auto c : t.counts) u8(c);
    for (auto v : t.values) u8(v);
  }
}

void StreamWriter::block_header(int huffman_table_id) {
  u16(kSob);
  u16(3);
  u8(huffman_table_id);
}

void StreamWriter::comment(std::string_view text) {
  u16(kCom);
  u16(static_cast<std::uint32_t>(text.size() + 2));
  out_.insert(out_.end(), text.begin(), text.end());
}

}  // namespace abis::image::wsq
