// NISTCOM: the comment NIST software puts in WSQ (and JPEG) files, a text list of
// "NAME VALUE" lines whose first line is "NIST_COM <number of lines>". WSQ readers take the scan
// resolution from its PPI line. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace abis::image::wsq {

// The (name, value) lines of a NISTCOM comment, or nothing when text is not one.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_nistcom(
    std::string_view text);

// The PPI of the first NISTCOM comment that has a positive one.
std::optional<double> nistcom_ppi(const std::vector<std::string>& comments);

// The NISTCOM the encoder writes, in the layout of NIST's own encoder so that NIST tools read it:
// PIX_WIDTH, PIX_HEIGHT, PIX_DEPTH 8, PPI (-1 when unknown), LOSSY 1, COLORSPACE GRAY,
// COMPRESSION WSQ, WSQ_BITRATE.
std::string make_nistcom(int width, int height, int ppi, double bit_rate);

}  // namespace abis::image::wsq
