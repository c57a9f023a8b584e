// Image records of an ANSI/NIST-ITL transaction: declared values and decoding (ansi_nist_images.h).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "formats/ansi_nist_images.h"
#include "image/codecs.h"

namespace abis::formats::ansi_nist {
namespace {

std::string field_name(int type, int field) {
  return std::to_string(type) + "." + (field < 10 ? "00" : field < 100 ? "0" : "") + std::to_string(field);
}

std::string where(const ImageRecordInfo& info, int field) {
  std::string s = "record " + std::to_string(info.record_index) + " (Type-" + std::to_string(info.record_type) + ")";
  if (field > 0) s += " field " + field_name(info.record_type, field);
  return s;
}

bool is_tagged_image(int type) {
  return type == 10 || (type >= 13 && type <= 17) || type == 19 || type == 20;
}

// Lossless JPEG: a SOF3 (FFC3), SOF7, SOF11 or SOF15 marker among the frame headers.
bool is_lossless_jpeg(std::span<const std::uint8_t> d) {
  std::size_t p = 2;
  while (p + 4 <= d.size()) {
    if (d[p] != 0xFF) return false;
    const std::uint8_t m = d[p + 1];
    if (m == 0xC3 || m == 0xC7 || m == 0xCB || m == 0xCF) return true;
    if (m == 0xC0 || m == 0xC1 || m == 0xC2 || m == 0xDA) return false;
    if (m == 0xFF) {
      ++p;
      continue;
    }
    p += 2 + ((std::size_t(d[p + 2]) << 8) | d[p + 3]);
  }
  return false;
}

std::string payload_kind(std::span<const std::uint8_t> d) {
  if (d.empty()) return "none";
  switch (image::sniff_format(d)) {
    case image::ImageFormat::kWsq: return "WSQ";
    case image::ImageFormat::kJpeg: return is_lossless_jpeg(d) ? "JPEG-lossless" : "JPEG";
    case image::ImageFormat::kJpeg2000: return "JPEG 2000";
    case image::ImageFormat::kPng: return "PNG";
    case image::ImageFormat::kTiff: return "TIFF";
    case image::ImageFormat::kBmp: return "BMP";
    case image::ImageFormat::kPgm: return "PGM";
    case image::ImageFormat::kUnknown: break;
  }
  return "raw";
}

double type1_resolution_ppi(const Transaction& tx, int field) {
  if (!tx.type1()) return 0;
  double mm = std::atof(tx.type1()->text(field).c_str());  // pixels per millimetre, "19.69"
  return mm > 0 ? mm * 25.4 : 0;
}

// Uncompressed pixels: 8-bit gray, 16-bit gray (high byte kept), 24-bit RGB or 1-bit packed rows
// (each row padded to a byte; a set bit is black).
Result<image::GrayImage> decode_uncompressed(const ImageRecordInfo& info, std::span<const std::uint8_t> d,
                                             int data_field) {
  ABIS_RETURN_IF_ERROR(image::check_dimensions(info.width, info.height, where(info, 0)));
  const std::uint64_t pixels = std::uint64_t(info.width) * std::uint64_t(info.height);
  const std::uint64_t packed = std::uint64_t((info.width + 7) / 8) * std::uint64_t(info.height);
  int bpp = info.bits_per_pixel;
  if (bpp == 0) {  // not declared: the size tells
    if (d.size() == pixels) bpp = 8;
    else if (d.size() == 3 * pixels) bpp = 24;
    else if (d.size() == packed) bpp = 1;
  }
  const std::uint64_t need = bpp == 1 ? packed : bpp > 0 ? pixels * std::uint64_t(bpp / 8) : 0;
  if (bpp == 0 || need == 0 || d.size() != need) {
    return data_corrupt(where(info, data_field) + ": " + std::to_string(d.size()) +
                        " bytes of uncompressed data do not fit " + std::to_string(info.width) + "x" +
                        std::to_string(info.height) +
                        (bpp ? " at " + std::to_string(bpp) + " bits per pixel (needs " + std::to_string(need) + ")"
                             : " at 1, 8 or 24 bits per pixel"));
  }
  image::GrayImage img;
  img.width = info.width;
  img.height = info.height;
  img.ppi = info.ppi;
  img.pixels.resize(pixels);
  if (bpp == 8) {
    std::copy(d.begin(), d.end(), img.pixels.begin());
  } else if (bpp == 16) {
    for (std::uint64_t i = 0; i < pixels; ++i) img.pixels[i] = d[2 * i];
  } else if (bpp == 24 || bpp == 48) {
    const int step = bpp / 8;
    const int c = step / 3;
    for (std::uint64_t i = 0; i < pixels; ++i) {
      const auto* p = &d[i * step];
      img.pixels[i] = std::uint8_t(std::lround(0.299 * p[0] + 0.587 * p[c] + 0.114 * p[2 * c]));
    }
  } else if (bpp == 1) {
    const std::size_t row = (info.width + 7) / 8;
    for (int y = 0; y < info.height; ++y)
      for (int x = 0; x < info.width; ++x) {
        const bool set = d[y * row + x / 8] & (0x80 >> (x % 8));
        img.pixels[std::size_t(y) * info.width + x] = set ? 0 : 255;
      }
  } else {
    return unsupported(where(info, data_field) + ": uncompressed " + std::to_string(bpp) + "-bit pixels");
  }
  return img;
}

}  // namespace

bool is_image_record_type(int t) { return (t >= 3 && t <= 8 && t != 7) || is_tagged_image(t); }

std::optional<ImageRecordInfo> describe_image(const Transaction& tx, std::size_t index) {
  if (index >= tx.records.size()) return std::nullopt;
  const Record& rec = tx.records[index];
  if (!is_image_record_type(rec.type)) return std::nullopt;
  // A tagged record without a payload field carries no image here (the 2011 sample's Type-19 and
  // Type-20 records describe images kept elsewhere).
  if (!rec.is_binary() && !rec.data_field()) return std::nullopt;
  ImageRecordInfo info;
  info.record_index = index;
  info.record_type = rec.type;
  info.idc = rec.text(2);
  info.width = static_cast<int>(std::clamp<long long>(rec.integer(6, 0), 0, 1 << 30));
  info.height = static_cast<int>(std::clamp<long long>(rec.integer(7, 0), 0, 1 << 30));
  std::span<const std::uint8_t> data = rec.data();
  info.payload_kind = payload_kind(data);
  info.payload_bytes = data.size();
  if (rec.is_binary()) {
    const long long isr = rec.integer(5, 0);
    info.ppi = type1_resolution_ppi(tx, isr == 1 ? 12 : 11);
    if (rec.type == 8) {
      info.compression = "SRT " + rec.text(4);
    } else {
      info.compression = rec.text(8);
      info.bits_per_pixel = rec.type == 3 || rec.type == 4 ? 8 : 1;
      if (rec.type == 4 && rec.integer(8, 0) != 0) info.bits_per_pixel = 0;
      if (const Field* fgp = rec.find(4)) {
        for (const auto& s : fgp->subfields()) {
          const int v = std::atoi(s[0].c_str());
          if (v != 255) info.positions.push_back(v);  // 255: unused position (Annex B)
        }
      }
    }
    return info;
  }
  info.compression = rec.text(11);
  if (rec.type == 10) {
    info.colour_space = rec.text(12);
  } else {
    info.bits_per_pixel = static_cast<int>(std::clamp<long long>(rec.integer(12, 0), 0, 64));
    if (rec.type == 17) info.colour_space = rec.text(13);
  }
  const long long slc = rec.integer(8, 0);
  const double thps = std::atof(rec.text(9).c_str());
  if (slc == 1) info.ppi = thps;
  else if (slc == 2) info.ppi = thps * 2.54;
  if ((rec.type >= 13 && rec.type <= 15) || rec.type == 19) {
    if (const Field* f = rec.find(13))
      for (const auto& s : f->subfields())
        if (!s[0].empty()) info.positions.push_back(std::atoi(s[0].c_str()));
  }
  return info;
}

Result<image::GrayImage> decode_record_image(const Transaction& tx, std::size_t index) {
  auto described = describe_image(tx, index);
  if (!described) {
    if (index >= tx.records.size()) return not_found("record " + std::to_string(index) + ": no such record");
    return invalid_argument("record " + std::to_string(index) + " (" + tx.records[index].describe() +
                            ") is not an image record");
  }
  const ImageRecordInfo& info = *described;
  const Record& rec = tx.records[index];
  const int data_field = data_field_number(rec.type);
  std::span<const std::uint8_t> data = rec.data();
  if (data.empty()) return data_corrupt(where(info, data_field) + ": no image data");
  if (rec.type == 8 && rec.integer(4, 0) == 2) {
    return unsupported(where(info, 4) + ": SRT 2, a vector signature (pen strokes), has no raster to decode");
  }
  const std::string& kind = info.payload_kind;
  if (kind == "JPEG-lossless") {
    return unsupported(where(info, data_field) + ": lossless JPEG (SOF3, compression '" + info.compression +
                       "') is not decodable with the Debian 12 libjpeg-turbo 2.1");
  }
  if (kind != "raw") {
    auto img = image::decode_image(data);
    if (!img.is_ok()) {
      return Status(img.status().code() == StatusCode::kUnsupported ? StatusCode::kUnsupported
                                                                     : StatusCode::kDataCorrupt,
                    where(info, data_field) + ": " + kind + " payload: " + img.status().message());
    }
    // The record's own resolution (SLC/THPS, ISR with NSR/NTR) is the transaction's authority;
    // the payload's (a NISTCOM PPI, a JP2 resolution box) only fills in when it declares none.
    if (info.ppi > 0) img->ppi = info.ppi;
    return img;
  }
  // Not a known compressed format: it must be declared uncompressed.
  std::string c = info.compression;
  std::transform(c.begin(), c.end(), c.begin(), [](unsigned char ch) { return char(std::toupper(ch)); });
  const bool uncompressed = c == "NONE" || c == "0" || c.empty() || c == "SRT 0";
  if (!uncompressed) {
    const int cga_field = rec.is_binary() ? (rec.type == 8 ? 4 : 8) : 11;
    return data_corrupt(where(info, cga_field) + ": compression '" + info.compression +
                        "' declared but the payload (field " + field_name(rec.type, data_field) +
                        ") is not WSQ, JPEG, JPEG 2000, PNG or TIFF");
  }
  return decode_uncompressed(info, data, data_field);
}

}  // namespace abis::formats::ansi_nist
