// Windows BMP: uncompressed 1/4/8-bit palette and 24/32-bit colour, bottom-up or top-down.
// Written by hand because no Debian library decodes BMP on its own. Layout per the Windows GDI
// BITMAPFILEHEADER / BITMAPINFOHEADER (and the 12-byte OS/2 BITMAPCOREHEADER).
#include <array>
#include <cstdlib>
#include <string>

#include "image/codecs.h"

namespace abis::image {
namespace {

std::uint32_t le32(const std::uint8_t* p) { return p[0] | p[1] << 8 | p[2] << 16 | std::uint32_t(p[3]) << 24; }
std::uint16_t le16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | p[1] << 8); }
std::uint8_t luma(unsigned r, unsigned g, unsigned b) {
  return (r == g && g == b) ? static_cast<std::uint8_t>(r)
                            : static_cast<std::uint8_t>((299 * r + 587 * g + 114 * b + 500) / 1000);
}

}  // namespace

Result<GrayImage> decode_bmp(std::span<const std::uint8_t> d) {
  if (d.size() < 26 || d[0] != 'B' || d[1] != 'M') return invalid_argument("BMP: missing BM signature");
  std::uint32_t pixel_offset = le32(&d[10]);
  std::uint32_t header_size = le32(&d[14]);
  if (header_size < 12 || 14ull + header_size > d.size()) {
    return invalid_argument("BMP: header size " + std::to_string(header_size) + " does not fit the file");
  }
  std::int64_t width, height;
  unsigned bpp, compression = 0, palette_entries = 0;
  std::uint32_t ppm = 0;
  unsigned palette_entry_size = 4;
  if (header_size == 12) {  // OS/2 BITMAPCOREHEADER
    width = le16(&d[18]);
    height = static_cast<std::int16_t>(le16(&d[20]));
    bpp = le16(&d[24]);
    palette_entry_size = 3;
  } else {
    if (header_size < 40) return invalid_argument("BMP: unknown header size " + std::to_string(header_size));
    width = static_cast<std::int32_t>(le32(&d[18]));
    height = static_cast<std::int32_t>(le32(&d[22]));
    bpp = le16(&d[28]);
    compression = le32(&d[30]);
    ppm = le32(&d[38]);
    palette_entries = le32(&d[46]);
  }
  bool top_down = height < 0;
  height = std::llabs(height);
  ABIS_RETURN_IF_ERROR(check_dimensions(width, height, "BMP"));
  if (compression != 0 && !(compression == 3 && (bpp == 32 || bpp == 16))) {
    return unsupported("BMP: compression type " + std::to_string(compression) +
                       " (RLE or embedded JPEG/PNG) is not supported");
  }
  if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 24 && bpp != 32) {
    return unsupported("BMP: " + std::to_string(bpp) + " bits per pixel is not supported");
  }
  std::array<std::uint8_t, 256> palette_gray{};
  if (bpp <= 8) {
    unsigned max_entries = 1u << bpp;
    if (palette_entries == 0 || palette_entries > max_entries) palette_entries = max_entries;
    std::uint64_t palette_start = 14ull + header_size;
    if (palette_start + std::uint64_t(palette_entries) * palette_entry_size > d.size()) {
      return invalid_argument("BMP: palette runs past the end of the file");
    }
    for (unsigned i = 0; i < palette_entries; ++i) {
      const std::uint8_t* e = &d[palette_start + i * palette_entry_size];
      palette_gray[i] = luma(e[2], e[1], e[0]);
    }
  }
  std::uint64_t row_bytes = ((static_cast<std::uint64_t>(width) * bpp + 31) / 32) * 4;
  if (pixel_offset > d.size() || row_bytes * height > d.size() - pixel_offset) {
    return invalid_argument("BMP: pixel data truncated: " + std::to_string(row_bytes * height) +
                            " bytes needed from offset " + std::to_string(pixel_offset) +
                            ", file has " + std::to_string(d.size()));
  }
  GrayImage image;
  image.width = static_cast<int>(width);
  image.height = static_cast<int>(height);
  image.pixels.resize(static_cast<std::size_t>(width * height));
  if (ppm > 0) image.ppi = ppm * 0.0254;
  for (std::int64_t y = 0; y < height; ++y) {
    std::int64_t src_row = top_down ? y : height - 1 - y;
    const std::uint8_t* row = &d[pixel_offset + src_row * row_bytes];
    std::uint8_t* out = image.pixels.data() + y * width;
    for (std::int64_t x = 0; x < width; ++x) {
      switch (bpp) {
        case 1: out[x] = palette_gray[(row[x / 8] >> (7 - x % 8)) & 1]; break;
        case 4: out[x] = palette_gray[(row[x / 2] >> (x % 2 ? 0 : 4)) & 15]; break;
        case 8: out[x] = palette_gray[row[x]]; break;
        case 24: out[x] = luma(row[3 * x + 2], row[3 * x + 1], row[3 * x]); break;
        case 32: out[x] = luma(row[4 * x + 2], row[4 * x + 1], row[4 * x]); break;
      }
    }
  }
  return image;
}

}  // namespace abis::image
