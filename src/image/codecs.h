// Decoding and encoding of the common raster formats into GrayImage.
//
// Formats: PNG (libpng), TIFF (libtiff), JPEG (libjpeg-turbo), BMP (8-bit palette and 24/32-bit,
// by hand: no Debian library reads it), PGM (P2/P5, by hand) and raw gray bytes of a given size.
// WSQ and JPEG 2000 live in their own files (wsq.h, jpeg2000.h). Colour inputs are converted to gray
// with the ITU-R BT.601 luma weights. Every decoder checks sizes before allocating and returns a
// Status naming the problem for truncated, corrupt or hostile input; none reads past its input.
// All functions are thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "image/gray_image.h"

namespace abis::image {

enum class ImageFormat { kUnknown, kPng, kTiff, kJpeg, kBmp, kPgm, kWsq, kJpeg2000 };

std::string_view format_name(ImageFormat format);
// Recognises the format from the first bytes (magic numbers), never from a file name.
ImageFormat sniff_format(std::span<const std::uint8_t> data);
// "png" -> kPng, "tif"/"tiff" -> kTiff, ... for choosing an output encoder from a file name.
ImageFormat format_from_extension(std::string_view extension);

Result<GrayImage> decode_png(std::span<const std::uint8_t> data);
Result<GrayImage> decode_tiff(std::span<const std::uint8_t> data);
Result<GrayImage> decode_jpeg(std::span<const std::uint8_t> data);
Result<GrayImage> decode_bmp(std::span<const std::uint8_t> data);
Result<GrayImage> decode_pgm(std::span<const std::uint8_t> data);
Result<GrayImage> decode_raw_gray(std::span<const std::uint8_t> data, int width, int height);

// Decodes any format sniff_format recognises, WSQ (decode_wsq) and JPEG 2000 (decode_jpeg2000)
// included.
Result<GrayImage> decode_image(std::span<const std::uint8_t> data);

Result<std::vector<std::uint8_t>> encode_png(const GrayImage& image);
Result<std::vector<std::uint8_t>> encode_pgm(const GrayImage& image);
// RGB PNG for overlays drawn in colour; rgb holds width*height*3 bytes.
Result<std::vector<std::uint8_t>> encode_png_rgb(int width, int height,
                                                 std::span<const std::uint8_t> rgb);

// Checks width/height against kMaxImageSide and kMaxImagePixels.
Status check_dimensions(std::int64_t width, std::int64_t height, std::string_view what);

}  // namespace abis::image
