// TIFF through libtiff, read from memory. Any photometric interpretation libtiff understands is
// reduced to 8-bit gray (MinIsWhite is inverted, colour converted with BT.601 luma).
#include <tiffio.h>

#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <string>

#include "image/codecs.h"

namespace abis::image {
namespace {

struct MemoryFile {
  std::span<const std::uint8_t> data;
  toff_t pos = 0;
};

tsize_t mem_read(thandle_t h, tdata_t buf, tsize_t size) {
  auto* f = static_cast<MemoryFile*>(h);
  if (size < 0 || f->pos >= f->data.size()) return 0;
  auto n = std::min<toff_t>(static_cast<toff_t>(size), f->data.size() - f->pos);
  std::memcpy(buf, f->data.data() + f->pos, n);
  f->pos += n;
  return static_cast<tsize_t>(n);
}
tsize_t mem_write(thandle_t, tdata_t, tsize_t) { return 0; }
toff_t mem_seek(thandle_t h, toff_t off, int whence) {
  auto* f = static_cast<MemoryFile*>(h);
  toff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->pos : f->data.size();
  f->pos = base + off;
  return f->pos;
}
int mem_close(thandle_t) { return 0; }
toff_t mem_size(thandle_t h) { return static_cast<MemoryFile*>(h)->data.size(); }
int mem_map(thandle_t, tdata_t*, toff_t*) { return 0; }
void mem_unmap(thandle_t, tdata_t, toff_t) {}

thread_local std::string tls_tiff_error;
void on_error(const char* module, const char* fmt, va_list ap) {
  char buf[512];
  std::vsnprintf(buf, sizeof buf, fmt, ap);
  if (tls_tiff_error.empty()) tls_tiff_error = buf;
}

struct HandlerInstaller {
  HandlerInstaller() {
    TIFFSetErrorHandler(on_error);
    TIFFSetWarningHandler(nullptr);
  }
};

}  // namespace

Result<GrayImage> decode_tiff(std::span<const std::uint8_t> data) {
  static const HandlerInstaller install;
  tls_tiff_error.clear();
  MemoryFile file{data, 0};
  TIFF* tif = TIFFClientOpen("memory", "rm", &file, mem_read, mem_write, mem_seek, mem_close,
                             mem_size, mem_map, mem_unmap);
  if (!tif) return invalid_argument("TIFF: cannot read header: " + tls_tiff_error);
  std::uint32_t width = 0, height = 0;
  TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height);
  Status dims = check_dimensions(width, height, "TIFF");
  if (!dims.is_ok()) {
    TIFFClose(tif);
    return dims;
  }
  std::vector<std::uint32_t> rgba(static_cast<std::size_t>(width) * height);
  if (!TIFFReadRGBAImageOriented(tif, width, height, rgba.data(), ORIENTATION_TOPLEFT, 0)) {
    std::string why = tls_tiff_error;
    TIFFClose(tif);
    return invalid_argument("TIFF: cannot decode pixels: " + why);
  }
  GrayImage image;
  image.width = static_cast<int>(width);
  image.height = static_cast<int>(height);
  image.pixels.resize(rgba.size());
  for (std::size_t i = 0; i < rgba.size(); ++i) {
    std::uint32_t p = rgba[i];
    unsigned r = TIFFGetR(p), g = TIFFGetG(p), b = TIFFGetB(p);
    image.pixels[i] = (r == g && g == b) ? static_cast<std::uint8_t>(r)
                                         : static_cast<std::uint8_t>((299 * r + 587 * g + 114 * b + 500) / 1000);
  }
  float x_res = 0;
  std::uint16_t unit = RESUNIT_INCH;
  if (TIFFGetField(tif, TIFFTAG_XRESOLUTION, &x_res) && x_res > 0) {
    TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
    if (unit == RESUNIT_INCH) image.ppi = x_res;
    if (unit == RESUNIT_CENTIMETER) image.ppi = x_res * 2.54;
  }
  TIFFClose(tif);
  return image;
}

}  // namespace abis::image
