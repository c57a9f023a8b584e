// decode_wsq and read_wsq_info: the stream parsed (wsq_segments), the blocks Huffman-decoded
// (wsq_huffman), the coefficients dequantised (wsq_quantizer), the subbands synthesised with the
// file's own filters (wsq_filter_bank) and the result scaled back to 8-bit pixels.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "image/wsq.h"
#include "image/wsq_decoder.h"
#include "image/wsq_filter_bank.h"
#include "image/wsq_huffman.h"
#include "image/wsq_nistcom.h"
#include "image/wsq_quantizer.h"
#include "image/wsq_segments.h"
#include "image/wsq_tree.h"
#include "image/wsq_workspace.h"

namespace abis::image::wsq {

Status decode_coefficients(const ParsedStream& s, std::span<std::int32_t> out) {
  std::size_t filled = 0;
  std::map<int, HuffmanDecoder> decoders;
  for (const auto& block : s.blocks) {
    auto it = decoders.find(block.huffman_table);
    if (it == decoders.end()) {
      ABIS_ASSIGN_OR_RETURN(HuffmanDecoder d,
                            HuffmanDecoder::build(s.huffman_tables[block.huffman_table]));
      it = decoders.emplace(block.huffman_table, std::move(d)).first;
    }
    ABIS_RETURN_IF_ERROR(decode_block(it->second, block.data, block.data_offset, out, filled));
  }
  if (filled != out.size()) {
    return invalid_argument("WSQ: the blocks hold " + std::to_string(filled) +
                            " coefficients but the subbands the quantisation table transmits "
                            "need " + std::to_string(out.size()) + " (truncated data?)");
  }
  return Status::ok();
}

Result<std::vector<std::int32_t>> decode_coefficients(const ParsedStream& s,
                                                      const Decomposition& tree) {
  std::vector<std::int32_t> coefficients(coefficient_count(tree, s.quantization));
  ABIS_RETURN_IF_ERROR(decode_coefficients(s, coefficients));
  return coefficients;
}

}  // namespace abis::image::wsq

namespace abis::image {

using namespace wsq;

namespace {

std::vector<std::string> comment_texts(const ParsedStream& s) {
  std::vector<std::string> texts;
  for (const auto& c : s.comments) texts.push_back(c.text);
  return texts;
}

}  // namespace

Result<WsqInfo> read_wsq_info(std::span<const std::uint8_t> data) {
  ABIS_ASSIGN_OR_RETURN(ParsedStream s, parse_stream(data));
  WsqInfo info;
  info.width = s.frame.width;
  info.height = s.frame.height;
  info.shift = s.frame.shift;
  info.scale = s.frame.scale;
  info.encoder_number = s.frame.encoder_number;
  info.software_number = s.frame.software_number;
  info.lowpass_taps = static_cast<int>(s.transform.lowpass.size());
  info.highpass_taps = static_cast<int>(s.transform.highpass.size());
  info.bin_center = s.quantization.bin_center;
  info.bin_widths.assign(s.quantization.bin_width.begin(), s.quantization.bin_width.end());
  info.zero_bin_widths.assign(s.quantization.zero_bin_width.begin(),
                              s.quantization.zero_bin_width.end());
  info.block_count = static_cast<int>(s.blocks.size());
  info.huffman_table_count = static_cast<int>(s.huffman_tables.size());
  info.restart_interval = s.restart_interval;
  info.comments = comment_texts(s);
  info.comment_bytes = s.comment_bytes;
  info.file_bytes = data.size();
  info.ppi = nistcom_ppi(info.comments).value_or(0.0);
  return info;
}

Result<GrayImage> decode_wsq(std::span<const std::uint8_t> data) {
  ABIS_ASSIGN_OR_RETURN(ParsedStream s, parse_stream(data));
  ABIS_ASSIGN_OR_RETURN(FilterBank bank, make_filter_bank(s.transform));
  const int width = s.frame.width, height = s.frame.height;
  Decomposition tree = build_decomposition(width, height);

  WorkspaceLease ws;
  const std::size_t count = coefficient_count(tree, s.quantization);
  std::span<std::int32_t> coefficients(WorkspaceLease::at_least(ws->coefficients, count), count);
  ABIS_RETURN_IF_ERROR(decode_coefficients(s, coefficients));

  // Every pixel of the plane belongs to one of the 64 subbands, which dequantize writes in full.
  const std::size_t pixel_count = static_cast<std::size_t>(width) * height;
  float* plane = WorkspaceLease::at_least(ws->plane, pixel_count);
  dequantize(tree, s.quantization, coefficients, plane, width);
  synthesize(bank, tree, plane, width, WorkspaceLease::at_least(ws->scratch, pixel_count));

  GrayImage image;
  image.width = width;
  image.height = height;
  image.ppi = nistcom_ppi(comment_texts(s)).value_or(0.0);
  image.pixels.resize(pixel_count);
  const float scale = static_cast<float>(s.frame.scale);
  const float shift = static_cast<float>(s.frame.shift);
  std::uint8_t* out = image.pixels.data();
  for (std::size_t i = 0; i < pixel_count; ++i) {
    float v = plane[i] * scale + shift + 0.5f;
    // Written so that NaN (corrupt transform or quantization tables) becomes 0 instead of an
    // undefined float-to-int conversion (found by UBSan in the CI fuzz run).
    v = v > 0.0f ? (v < 255.0f ? v : 255.0f) : 0.0f;
    out[i] = static_cast<std::uint8_t>(static_cast<int>(v));
  }
  return image;
}

}  // namespace abis::image
