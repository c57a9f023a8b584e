// Format sniffing, dispatch, raw gray, and the shared size checks.
#include <algorithm>
#include <cctype>
#include <string>

#include "image/codecs.h"
#include "image/jpeg2000.h"
#include "image/wsq.h"

namespace abis::image {

std::string_view format_name(ImageFormat format) {
  switch (format) {
    case ImageFormat::kPng: return "PNG";
    case ImageFormat::kTiff: return "TIFF";
    case ImageFormat::kJpeg: return "JPEG";
    case ImageFormat::kBmp: return "BMP";
    case ImageFormat::kPgm: return "PGM";
    case ImageFormat::kWsq: return "WSQ";
    case ImageFormat::kJpeg2000: return "JPEG 2000";
    case ImageFormat::kUnknown: break;
  }
  return "unknown";
}

ImageFormat sniff_format(std::span<const std::uint8_t> d) {
  auto starts = [&](std::initializer_list<std::uint8_t> magic) {
    return d.size() >= magic.size() && std::equal(magic.begin(), magic.end(), d.begin());
  };
  if (starts({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) return ImageFormat::kPng;
  if (starts({'I', 'I', 42, 0}) || starts({'M', 'M', 0, 42})) return ImageFormat::kTiff;
  if (starts({0xFF, 0xD8, 0xFF})) return ImageFormat::kJpeg;
  if (starts({0xFF, 0xA0})) return ImageFormat::kWsq;  // WSQ SOI marker
  if (starts({'B', 'M'})) return ImageFormat::kBmp;
  if (starts({'P', '5'}) || starts({'P', '2'})) return ImageFormat::kPgm;
  // JPEG 2000: the JP2 signature box, or a bare codestream starting with SOC + SIZ.
  if (starts({0x00, 0x00, 0x00, 0x0C, 'j', 'P', ' ', ' '})) return ImageFormat::kJpeg2000;
  if (starts({0xFF, 0x4F, 0xFF, 0x51})) return ImageFormat::kJpeg2000;
  return ImageFormat::kUnknown;
}

ImageFormat format_from_extension(std::string_view extension) {
  std::string ext(extension);
  if (!ext.empty() && ext[0] == '.') ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "png") return ImageFormat::kPng;
  if (ext == "tif" || ext == "tiff") return ImageFormat::kTiff;
  if (ext == "jpg" || ext == "jpeg") return ImageFormat::kJpeg;
  if (ext == "bmp") return ImageFormat::kBmp;
  if (ext == "pgm") return ImageFormat::kPgm;
  if (ext == "wsq") return ImageFormat::kWsq;
  if (ext == "jp2" || ext == "j2k" || ext == "jpx") return ImageFormat::kJpeg2000;
  return ImageFormat::kUnknown;
}

Status check_dimensions(std::int64_t width, std::int64_t height, std::string_view what) {
  if (width <= 0 || height <= 0) {
    return invalid_argument(std::string(what) + ": image size " + std::to_string(width) + "x" +
                            std::to_string(height) + " is empty");
  }
  if (width > kMaxImageSide || height > kMaxImageSide ||
      static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height) > kMaxImagePixels) {
    return too_large(std::string(what) + ": image size " + std::to_string(width) + "x" +
                     std::to_string(height) + " is beyond the limit of " +
                     std::to_string(kMaxImageSide) + " pixels a side");
  }
  return Status::ok();
}

Result<GrayImage> decode_raw_gray(std::span<const std::uint8_t> data, int width, int height) {
  ABIS_RETURN_IF_ERROR(check_dimensions(width, height, "raw gray"));
  std::uint64_t expected = static_cast<std::uint64_t>(width) * static_cast<std::uint64_t>(height);
  if (data.size() != expected) {
    return invalid_argument("raw gray: " + std::to_string(data.size()) + " bytes but " +
                            std::to_string(width) + "x" + std::to_string(height) + " needs " +
                            std::to_string(expected));
  }
  GrayImage image;
  image.width = width;
  image.height = height;
  image.pixels.assign(data.begin(), data.end());
  return image;
}

Result<GrayImage> decode_image(std::span<const std::uint8_t> data) {
  switch (sniff_format(data)) {
    case ImageFormat::kPng: return decode_png(data);
    case ImageFormat::kTiff: return decode_tiff(data);
    case ImageFormat::kJpeg: return decode_jpeg(data);
    case ImageFormat::kBmp: return decode_bmp(data);
    case ImageFormat::kPgm: return decode_pgm(data);
    case ImageFormat::kWsq: return decode_wsq(data);
    case ImageFormat::kJpeg2000: return decode_jpeg2000(data);
    case ImageFormat::kUnknown: break;
  }
  return unsupported(
      "not a recognised image: expected PNG, TIFF, JPEG, BMP, PGM, WSQ or JPEG 2000 (for raw gray "
      "bytes give the width and height)");
}

}  // namespace abis::image
