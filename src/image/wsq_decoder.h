// The decoder's first half, for tools that compare quantised coefficients (the conformance
// check): the blocks of a parsed stream Huffman-decoded into the coefficient stream (subbands in
// order, raster order within each; see wsq_quantizer.h). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"
#include "image/wsq_segments.h"
#include "image/wsq_tree.h"

namespace abis::image::wsq {

// Fills out, which must hold exactly coefficient_count(tree, stream.quantization) values.
Status decode_coefficients(const ParsedStream& stream, std::span<std::int32_t> out);

Result<std::vector<std::int32_t>> decode_coefficients(const ParsedStream& stream,
                                                      const Decomposition& tree);

}  // namespace abis::image::wsq
