// PNG through libpng. Any bit depth and colour type is reduced to 8-bit gray; alpha is dropped.
#include <png.h>

#include <csetjmp>
#include <cstring>
#include <string>

#include "image/codecs.h"

namespace abis::image {
namespace {

struct ReadState {
  std::span<const std::uint8_t> data;
  std::size_t pos = 0;
  std::string error;
};

void read_from_memory(png_structp png, png_bytep out, png_size_t length) {
  auto* state = static_cast<ReadState*>(png_get_io_ptr(png));
  if (state->data.size() - state->pos < length) {
    state->error = "truncated at byte " + std::to_string(state->data.size());
    png_error(png, "truncated");
  }
  std::memcpy(out, state->data.data() + state->pos, length);
  state->pos += length;
}

void on_error(png_structp png, png_const_charp message) {
  auto* state = static_cast<ReadState*>(png_get_error_ptr(png));
  if (state && state->error.empty()) state->error = message;
  png_longjmp(png, 1);
}
void on_warning(png_structp, png_const_charp) {}

struct WriteState {
  std::vector<std::uint8_t> out;
  std::string error;
};
void write_to_memory(png_structp png, png_bytep data, png_size_t length) {
  auto* state = static_cast<WriteState*>(png_get_io_ptr(png));
  state->out.insert(state->out.end(), data, data + length);
}
void flush_nothing(png_structp) {}
void on_write_error(png_structp png, png_const_charp message) {
  auto* state = static_cast<WriteState*>(png_get_error_ptr(png));
  if (state && state->error.empty()) state->error = message;
  png_longjmp(png, 1);
}

Result<std::vector<std::uint8_t>> encode(int width, int height, int color_type, int channels,
                                         const std::uint8_t* pixels, double ppi) {
  WriteState state;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, on_write_error,
                                            on_warning);
  if (!png) return internal_error("PNG: cannot create writer");
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return internal_error("PNG: cannot create writer");
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return internal_error("PNG: encoding failed: " + state.error);
  }
  png_set_write_fn(png, &state, write_to_memory, flush_nothing);
  png_set_IHDR(png, info, width, height, 8, color_type, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (ppi > 0) {
    auto ppm = static_cast<png_uint_32>(ppi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
  }
  png_set_compression_level(png, 6);
  png_write_info(png, info);
  for (int y = 0; y < height; ++y) {
    png_write_row(png, const_cast<png_bytep>(pixels + static_cast<std::size_t>(y) * width * channels));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return std::move(state.out);
}

}  // namespace

Result<GrayImage> decode_png(std::span<const std::uint8_t> data) {
  if (data.size() < 8 || png_sig_cmp(data.data(), 0, 8) != 0) {
    return invalid_argument("PNG: missing signature");
  }
  ReadState state{data, 0, {}};
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state, on_error, on_warning);
  if (!png) return internal_error("PNG: cannot create reader");
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return internal_error("PNG: cannot create reader");
  }
  GrayImage image;
  std::vector<png_bytep> rows;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return invalid_argument("PNG: corrupt file: " + state.error);
  }
  png_set_read_fn(png, &state, read_from_memory);
  png_set_user_limits(png, kMaxImageSide, kMaxImageSide);
  png_read_info(png, info);
  png_uint_32 width = 0, height = 0;
  int bit_depth = 0, color_type = 0;
  png_get_IHDR(png, info, &width, &height, &bit_depth, &color_type, nullptr, nullptr, nullptr);
  Status dims = check_dimensions(width, height, "PNG");
  if (!dims.is_ok()) {
    png_destroy_read_struct(&png, &info, nullptr);
    return dims;
  }
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
  if (bit_depth == 16) png_set_strip_16(png);
  png_set_strip_alpha(png);
  if (color_type & PNG_COLOR_MASK_COLOR || color_type == PNG_COLOR_TYPE_PALETTE) {
    // ITU-R BT.601 luma, in libpng's 1/100000 units.
    png_set_rgb_to_gray_fixed(png, 1, 29900, 58700);
  }
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  if (png_get_channels(png, info) != 1) {
    png_destroy_read_struct(&png, &info, nullptr);
    return unsupported("PNG: could not reduce this colour type to gray");
  }
  image.width = static_cast<int>(width);
  image.height = static_cast<int>(height);
  image.pixels.resize(static_cast<std::size_t>(width) * height);
  rows.resize(height);
  for (png_uint_32 y = 0; y < height; ++y) rows[y] = image.pixels.data() + y * width;
  png_read_image(png, rows.data());
  png_uint_32 res_x = 0, res_y = 0;
  int unit = 0;
  if (png_get_pHYs(png, info, &res_x, &res_y, &unit) && unit == PNG_RESOLUTION_METER && res_x > 0) {
    image.ppi = res_x * 0.0254;
  }
  png_destroy_read_struct(&png, &info, nullptr);
  return image;
}

Result<std::vector<std::uint8_t>> encode_png(const GrayImage& image) {
  ABIS_RETURN_IF_ERROR(check_dimensions(image.width, image.height, "PNG"));
  return encode(image.width, image.height, PNG_COLOR_TYPE_GRAY, 1, image.pixels.data(), image.ppi);
}

Result<std::vector<std::uint8_t>> encode_png_rgb(int width, int height,
                                                 std::span<const std::uint8_t> rgb) {
  ABIS_RETURN_IF_ERROR(check_dimensions(width, height, "PNG"));
  if (rgb.size() != static_cast<std::size_t>(width) * height * 3) {
    return invalid_argument("PNG: RGB buffer size does not match the image size");
  }
  return encode(width, height, PNG_COLOR_TYPE_RGB, 3, rgb.data(), 0);
}

}  // namespace abis::image
