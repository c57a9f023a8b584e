// Finger image records, ISO/IEC 19794-4:2005 (iso19794_4.h).
#include <cstring>

#include "formats/byte_reader.h"
#include "formats/iso19794_4.h"
#include "image/codecs.h"

namespace abis::formats {

std::string finger_image_compression_name(std::uint8_t code) {
  switch (code) {
    case 0: return "uncompressed";
    case 1: return "uncompressed, bit-packed";
    case 2: return "WSQ";
    case 3: return "JPEG";
    case 4: return "JPEG 2000";
    case 5: return "PNG";
    default: return "unknown (" + std::to_string(code) + ")";
  }
}

Result<FingerImageRecord> read_finger_image_record(std::span<const std::uint8_t> data,
                                                   std::vector<std::string>* warnings) {
  if (data.size() < 8 || std::memcmp(data.data(), "FIR\0", 4) != 0) {
    return invalid_argument("byte 0: not a finger image record (format identifier \"FIR\\0\" expected)");
  }
  if (std::memcmp(data.data() + 4, "010\0", 4) != 0) {
    return unsupported("byte 4: finger image record version other than \"010\" (ISO/IEC 19794-4:2005)");
  }
  ByteReader r(data);
  (void)r.skip(8, "header");
  FingerImageRecord rec;
  ABIS_ASSIGN_OR_RETURN(std::uint16_t len_high, r.u16("record length"));
  ABIS_ASSIGN_OR_RETURN(std::uint32_t len_low, r.u32("record length"));
  const std::uint64_t length = (std::uint64_t(len_high) << 32) | len_low;
  ABIS_ASSIGN_OR_RETURN(rec.capture_device_id, r.u16("capture device id"));
  ABIS_ASSIGN_OR_RETURN(rec.acquisition_level, r.u16("image acquisition level"));
  ABIS_ASSIGN_OR_RETURN(std::uint8_t count, r.u8("number of fingers"));
  ABIS_ASSIGN_OR_RETURN(rec.scale_units, r.u8("scale units"));
  ABIS_ASSIGN_OR_RETURN(rec.scan_x_resolution, r.u16("horizontal scan resolution"));
  ABIS_ASSIGN_OR_RETURN(rec.scan_y_resolution, r.u16("vertical scan resolution"));
  ABIS_ASSIGN_OR_RETURN(rec.image_x_resolution, r.u16("horizontal image resolution"));
  ABIS_ASSIGN_OR_RETURN(rec.image_y_resolution, r.u16("vertical image resolution"));
  ABIS_ASSIGN_OR_RETURN(rec.pixel_depth, r.u8("pixel depth"));
  ABIS_ASSIGN_OR_RETURN(rec.compression, r.u8("image compression algorithm"));
  ABIS_RETURN_IF_ERROR(r.skip(2, "reserved bytes"));
  if (length > data.size()) {
    return invalid_argument("byte 8: record length " + std::to_string(length) + " runs past the end of the input (" +
                            std::to_string(data.size()) + " bytes)");
  }
  for (unsigned i = 0; i < count; ++i) {
    const std::string what = "finger image " + std::to_string(i + 1);
    const std::size_t start = r.position();
    FingerImage img;
    ABIS_ASSIGN_OR_RETURN(std::uint32_t block, r.u32(what + " length"));
    ABIS_ASSIGN_OR_RETURN(img.position, r.u8(what + " position"));
    ABIS_ASSIGN_OR_RETURN(img.view_count, r.u8(what + " count of views"));
    ABIS_ASSIGN_OR_RETURN(img.view_number, r.u8(what + " view number"));
    ABIS_ASSIGN_OR_RETURN(img.quality, r.u8(what + " quality"));
    ABIS_ASSIGN_OR_RETURN(img.impression_type, r.u8(what + " impression type"));
    ABIS_ASSIGN_OR_RETURN(img.width, r.u16(what + " width"));
    ABIS_ASSIGN_OR_RETURN(img.height, r.u16(what + " height"));
    ABIS_RETURN_IF_ERROR(r.skip(1, what + " reserved byte"));
    if (block < 14) {
      return invalid_argument("byte " + std::to_string(start) + ": " + what + " length " + std::to_string(block) +
                              " is smaller than its 14-byte header");
    }
    ABIS_ASSIGN_OR_RETURN(auto pixels, r.bytes(block - 14, what + " image data"));
    img.data.assign(pixels.begin(), pixels.end());
    rec.images.push_back(std::move(img));
  }
  if (warnings) {
    if (length != r.position()) {
      warnings->push_back("byte 8: record length " + std::to_string(length) + ", the images end at byte " +
                          std::to_string(r.position()));
    }
    if (r.remaining()) warnings->push_back(std::to_string(r.remaining()) + " bytes after the last image ignored");
  }
  return rec;
}

Result<std::vector<std::uint8_t>> write_finger_image_record(const FingerImageRecord& rec) {
  if (rec.images.size() > 255) return invalid_argument("more than 255 finger images");
  std::vector<std::uint8_t> out = {'F', 'I', 'R', 0, '0', '1', '0', 0};
  std::uint64_t length = 32;
  for (const auto& img : rec.images) {
    if (img.data.size() > 0xFFFFFFFFull - 14) return invalid_argument("finger image data over 4 GiB");
    length += 14 + img.data.size();
  }
  put_u16(out, unsigned(length >> 32));
  put_u32(out, std::uint32_t(length));
  put_u16(out, rec.capture_device_id);
  put_u16(out, rec.acquisition_level);
  put_u8(out, unsigned(rec.images.size()));
  put_u8(out, rec.scale_units);
  put_u16(out, rec.scan_x_resolution);
  put_u16(out, rec.scan_y_resolution);
  put_u16(out, rec.image_x_resolution);
  put_u16(out, rec.image_y_resolution);
  put_u8(out, rec.pixel_depth);
  put_u8(out, rec.compression);
  put_u16(out, 0);
  for (const auto& img : rec.images) {
    put_u32(out, std::uint32_t(14 + img.data.size()));
    put_u8(out, img.position);
    put_u8(out, img.view_count);
    put_u8(out, img.view_number);
    put_u8(out, img.quality);
    put_u8(out, img.impression_type);
    put_u16(out, img.width);
    put_u16(out, img.height);
    put_u8(out, 0);
    out.insert(out.end(), img.data.begin(), img.data.end());
  }
  return out;
}

Result<image::GrayImage> decode_finger_image(const FingerImageRecord& rec, std::size_t index) {
  if (index >= rec.images.size()) return not_found("finger image " + std::to_string(index + 1) + ": no such image");
  const FingerImage& fi = rec.images[index];
  const std::string what = "finger image " + std::to_string(index + 1);
  double ppi = rec.image_x_resolution;
  if (rec.scale_units == 2) ppi *= 2.54;
  Result<image::GrayImage> out = invalid_argument("");
  if (rec.compression >= 2 && rec.compression <= 5) {
    out = image::decode_image(fi.data);
    if (!out.is_ok()) {
      return data_corrupt(what + ": " + finger_image_compression_name(rec.compression) + " data: " +
                          out.status().message());
    }
    if (out->width != fi.width || out->height != fi.height) {
      return data_corrupt(what + ": header says " + std::to_string(fi.width) + "x" + std::to_string(fi.height) +
                          ", the image is " + std::to_string(out->width) + "x" + std::to_string(out->height));
    }
  } else if (rec.compression <= 1) {
    ABIS_RETURN_IF_ERROR(image::check_dimensions(fi.width, fi.height, what));
    const int depth = rec.pixel_depth;
    const std::uint64_t pixels = std::uint64_t(fi.width) * fi.height;
    image::GrayImage img;
    img.width = fi.width;
    img.height = fi.height;
    img.pixels.resize(pixels);
    if (rec.compression == 0 && (depth == 8 || depth == 16)) {
      const std::uint64_t need = pixels * (depth / 8);
      if (fi.data.size() != need) {
        return data_corrupt(what + ": " + std::to_string(fi.data.size()) + " bytes of raw data, " +
                            std::to_string(fi.width) + "x" + std::to_string(fi.height) + " at " +
                            std::to_string(depth) + " bits needs " + std::to_string(need));
      }
      for (std::uint64_t i = 0; i < pixels; ++i) img.pixels[i] = fi.data[i * (depth / 8)];
    } else if (depth >= 1 && depth <= 8) {
      // Bit-packed (or raw with fewer than 8 bits): rows of width*depth bits, padded to a byte.
      const std::uint64_t row_bytes = (std::uint64_t(fi.width) * depth + 7) / 8;
      if (fi.data.size() != row_bytes * fi.height) {
        return data_corrupt(what + ": " + std::to_string(fi.data.size()) + " bytes of packed data, " +
                            std::to_string(fi.width) + "x" + std::to_string(fi.height) + " at " +
                            std::to_string(depth) + " bits needs " + std::to_string(row_bytes * fi.height));
      }
      const unsigned max = (1u << depth) - 1;
      for (int y = 0; y < fi.height; ++y) {
        for (int x = 0; x < fi.width; ++x) {
          const std::uint64_t bit = std::uint64_t(x) * depth;
          unsigned v = 0;
          for (int b = 0; b < depth; ++b) {
            const std::uint64_t k = bit + b;
            v = (v << 1) | ((fi.data[y * row_bytes + k / 8] >> (7 - k % 8)) & 1);
          }
          img.pixels[std::size_t(y) * fi.width + x] = std::uint8_t(v * 255 / max);
        }
      }
    } else {
      return unsupported(what + ": " + std::to_string(depth) + "-bit pixels");
    }
    out = std::move(img);
  } else {
    return unsupported(what + ": compression " + finger_image_compression_name(rec.compression));
  }
  out->ppi = ppi;
  return out;
}

}  // namespace abis::formats
