// Baseline and progressive JPEG through libjpeg-turbo, decoded straight to gray (the Y channel).
#include <cstddef>
#include <cstdio>

#include <jpeglib.h>

#include <csetjmp>
#include <string>

#include "image/codecs.h"

namespace abis::image {
namespace {

struct ErrorManager {
  jpeg_error_mgr base;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void on_error_exit(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}
void on_message(j_common_ptr) {}

}  // namespace

Result<GrayImage> decode_jpeg(std::span<const std::uint8_t> data) {
  if (data.size() < 3) return invalid_argument("JPEG: file too short");
  jpeg_decompress_struct cinfo{};
  ErrorManager err{};
  cinfo.err = jpeg_std_error(&err.base);
  err.base.error_exit = on_error_exit;
  err.base.output_message = on_message;
  GrayImage image;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return invalid_argument(std::string("JPEG: corrupt file: ") + err.message);
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, data.data(), static_cast<unsigned long>(data.size()));
  jpeg_read_header(&cinfo, TRUE);
  Status dims = check_dimensions(cinfo.image_width, cinfo.image_height, "JPEG");
  if (!dims.is_ok()) {
    jpeg_destroy_decompress(&cinfo);
    return dims;
  }
  cinfo.out_color_space = JCS_GRAYSCALE;
  jpeg_start_decompress(&cinfo);
  image.width = static_cast<int>(cinfo.output_width);
  image.height = static_cast<int>(cinfo.output_height);
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = image.pixels.data() + static_cast<std::size_t>(cinfo.output_scanline) * image.width;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  if (cinfo.saw_JFIF_marker && cinfo.X_density > 0) {
    if (cinfo.density_unit == 1) image.ppi = cinfo.X_density;
    if (cinfo.density_unit == 2) image.ppi = cinfo.X_density * 2.54;
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return image;
}

}  // namespace abis::image
