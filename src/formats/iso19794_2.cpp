// Finger minutiae records: ISO/IEC 19794-2:2005 and ANSI INCITS 378-2004/2009 (iso19794_2.h).
#include <cstring>

#include "formats/byte_reader.h"
#include "formats/iso19794_2.h"

namespace abis::formats {
namespace {

using Bytes = std::span<const std::uint8_t>;

bool starts_with(Bytes d, const char* magic, std::size_t n) {
  return d.size() >= n && std::memcmp(d.data(), magic, n) == 0;
}

std::uint32_t be32_at(Bytes d, std::size_t p) {
  return p + 4 <= d.size() ? (std::uint32_t(d[p]) << 24) | (std::uint32_t(d[p + 1]) << 16) |
                                 (std::uint32_t(d[p + 2]) << 8) | d[p + 3]
                           : 0;
}

// " 20\0": ISO 2005 or ANSI 2004, told apart by the length field (see the header comment).
MinutiaeStandard guess_2004_family(Bytes d) {
  if (d.size() < 12) return MinutiaeStandard::kIso19794_2_2005;
  const unsigned first16 = (unsigned(d[8]) << 8) | d[9];
  if (first16 != 0) return MinutiaeStandard::kAnsi378_2004;  // a 2-byte ANSI length
  if (be32_at(d, 8) == d.size()) return MinutiaeStandard::kIso19794_2_2005;
  if (be32_at(d, 10) == d.size()) return MinutiaeStandard::kAnsi378_2004;
  // Neither length matches the bytes (padding, a wrong length): an ANSI CBEFF owner is never 0
  // where an ISO record has its capture equipment and width.
  return MinutiaeStandard::kIso19794_2_2005;
}

// "030\0": INCITS 378-2009 has a CBEFF PID after the 4-byte length; ISO 19794-2:2011 has a 2-byte
// representation count and a certification flag (0/1).
MinutiaeStandard guess_030_family(Bytes d) {
  if (d.size() >= 15) {
    const unsigned reps = (unsigned(d[12]) << 8) | d[13];
    if (reps >= 1 && reps <= 255 && d[14] <= 1 && be32_at(d, 15) + 15 <= d.size() && be32_at(d, 15) > 0) {
      return MinutiaeStandard::kIso19794_2_2011;
    }
  }
  return MinutiaeStandard::kAnsi378_2009;
}

std::string at(const ByteReader& r) { return "byte " + std::to_string(r.offset()) + ": "; }

Status read_view(ByteReader& r, MinutiaeRecord& rec, std::size_t index, std::vector<std::string>* warnings) {
  const std::string v = "view " + std::to_string(index + 1);
  FingerView view;
  ABIS_ASSIGN_OR_RETURN(view.finger_position, r.u8(v + " finger position"));
  std::uint8_t count = 0;
  if (rec.standard == MinutiaeStandard::kAnsi378_2009) {
    ABIS_ASSIGN_OR_RETURN(view.view_number, r.u8(v + " view number"));
    ABIS_ASSIGN_OR_RETURN(view.impression_type, r.u8(v + " impression type"));
    ABIS_ASSIGN_OR_RETURN(view.finger_quality, r.u8(v + " finger quality"));
    ABIS_ASSIGN_OR_RETURN(view.quality_algorithm_vendor, r.u16(v + " quality algorithm vendor"));
    ABIS_ASSIGN_OR_RETURN(view.quality_algorithm, r.u16(v + " quality algorithm"));
    ABIS_ASSIGN_OR_RETURN(view.width, r.u16(v + " image width"));
    ABIS_ASSIGN_OR_RETURN(view.height, r.u16(v + " image height"));
    ABIS_ASSIGN_OR_RETURN(view.x_resolution, r.u16(v + " x resolution"));
    ABIS_ASSIGN_OR_RETURN(view.y_resolution, r.u16(v + " y resolution"));
  } else {
    ABIS_ASSIGN_OR_RETURN(std::uint8_t packed, r.u8(v + " view number and impression type"));
    view.view_number = packed >> 4;
    view.impression_type = packed & 0x0F;
    ABIS_ASSIGN_OR_RETURN(view.finger_quality, r.u8(v + " finger quality"));
  }
  ABIS_ASSIGN_OR_RETURN(count, r.u8(v + " number of minutiae"));
  view.minutiae.reserve(count);
  for (unsigned m = 0; m < count; ++m) {
    const std::string what = v + " minutia " + std::to_string(m + 1);
    ABIS_RETURN_IF_ERROR(r.need(6, what));
    RecordMinutia mn;
    std::uint16_t tx = *r.u16(what), y = *r.u16(what);
    mn.kind = static_cast<MinutiaKind>(tx >> 14);
    mn.x = tx & 0x3FFF;
    mn.y = y & 0x3FFF;
    mn.angle = *r.u8(what);
    mn.quality = *r.u8(what);
    if ((tx >> 14) == 3 && warnings) warnings->push_back(at(r) + what + ": reserved minutia type 3");
    if (mn.angle >= rec.angle_units_per_turn && warnings) {
      warnings->push_back(at(r) + what + ": angle " + std::to_string(mn.angle) + " beyond " +
                          std::to_string(rec.angle_units_per_turn - 1));
    }
    view.minutiae.push_back(mn);
  }
  ABIS_ASSIGN_OR_RETURN(std::uint16_t ext, r.u16(v + " extended data length"));
  if (ext > r.remaining()) {
    if (warnings) {
      warnings->push_back(at(r) + v + " extended data length " + std::to_string(ext) + " runs " +
                          std::to_string(ext - r.remaining()) + " bytes past the end; kept what is there");
    }
    ext = static_cast<std::uint16_t>(r.remaining());
  }
  ABIS_ASSIGN_OR_RETURN(auto block, r.bytes(ext, v + " extended data"));
  view.extended_data.assign(block.begin(), block.end());
  rec.views.push_back(std::move(view));
  return Status::ok();
}

}  // namespace

std::string minutiae_standard_name(MinutiaeStandard standard) {
  switch (standard) {
    case MinutiaeStandard::kIso19794_2_2005: return "ISO/IEC 19794-2:2005";
    case MinutiaeStandard::kIso19794_2_2011: return "ISO/IEC 19794-2:2011";
    case MinutiaeStandard::kAnsi378_2004: return "ANSI INCITS 378-2004";
    case MinutiaeStandard::kAnsi378_2009: return "ANSI INCITS 378-2009";
  }
  return "unknown";
}

Result<MinutiaeRecord> read_minutiae_record(Bytes data, const MinutiaeReadOptions& options,
                                            std::vector<std::string>* warnings) {
  if (!starts_with(data, "FMR\0", 4)) {
    return invalid_argument("byte 0: not a finger minutiae record (format identifier \"FMR\\0\" expected)");
  }
  MinutiaeRecord rec;
  if (starts_with(data.subspan(4), " 20\0", 4)) {
    rec.standard = options.standard.value_or(guess_2004_family(data));
    if (rec.standard != MinutiaeStandard::kIso19794_2_2005 && rec.standard != MinutiaeStandard::kAnsi378_2004) {
      return invalid_argument("byte 4: version \" 20\" is ISO 2005 or ANSI 2004, not " +
                              minutiae_standard_name(rec.standard));
    }
  } else if (starts_with(data.subspan(4), "030\0", 4)) {
    rec.standard = options.standard.value_or(guess_030_family(data));
    if (rec.standard == MinutiaeStandard::kIso19794_2_2011) {
      return unsupported("byte 4: ISO/IEC 19794-2:2011 records (version \"030\") are not read yet");
    }
    if (rec.standard != MinutiaeStandard::kAnsi378_2009) {
      return invalid_argument("byte 4: version \"030\" is ANSI 378-2009 or ISO 2011, not " +
                              minutiae_standard_name(rec.standard));
    }
  } else {
    return unsupported("byte 4: unknown finger minutiae record version");
  }
  const bool ansi = rec.standard == MinutiaeStandard::kAnsi378_2004 || rec.standard == MinutiaeStandard::kAnsi378_2009;
  rec.angle_units_per_turn = ansi ? 180 : 256;
  ByteReader r(data);
  ABIS_RETURN_IF_ERROR(r.skip(8, "format identifier and version"));
  std::uint32_t length = 0;
  if (rec.standard == MinutiaeStandard::kAnsi378_2004) {
    ABIS_ASSIGN_OR_RETURN(std::uint16_t short_length, r.u16("record length"));
    length = short_length;
    if (short_length == 0) {
      ABIS_ASSIGN_OR_RETURN(length, r.u32("record length (4-byte form)"));
    }
  } else {
    ABIS_ASSIGN_OR_RETURN(length, r.u32("record length"));
  }
  rec.length_as_read = length;
  if (ansi) {
    ABIS_ASSIGN_OR_RETURN(rec.cbeff_product_id, r.u32("CBEFF product identifier"));
  }
  ABIS_ASSIGN_OR_RETURN(rec.capture_equipment, r.u16("capture equipment"));
  if (rec.standard != MinutiaeStandard::kAnsi378_2009) {
    ABIS_ASSIGN_OR_RETURN(rec.width, r.u16("image width"));
    ABIS_ASSIGN_OR_RETURN(rec.height, r.u16("image height"));
    ABIS_ASSIGN_OR_RETURN(rec.x_resolution, r.u16("x resolution"));
    ABIS_ASSIGN_OR_RETURN(rec.y_resolution, r.u16("y resolution"));
  }
  ABIS_ASSIGN_OR_RETURN(std::uint8_t views, r.u8("number of finger views"));
  ABIS_RETURN_IF_ERROR(r.skip(1, "reserved byte"));
  if (length < r.position()) {
    return invalid_argument("byte 8: record length " + std::to_string(length) + " is shorter than the header (" +
                            std::to_string(r.position()) + " bytes)");
  }
  for (unsigned v = 0; v < views; ++v) ABIS_RETURN_IF_ERROR(read_view(r, rec, v, warnings));
  if (rec.standard == MinutiaeStandard::kAnsi378_2009 && !rec.views.empty()) {
    rec.width = rec.views[0].width;
    rec.height = rec.views[0].height;
    rec.x_resolution = rec.views[0].x_resolution;
    rec.y_resolution = rec.views[0].y_resolution;
  }
  if (warnings) {
    if (length != r.position()) {
      warnings->push_back("byte 8: record length field says " + std::to_string(length) + ", the views end at byte " +
                          std::to_string(r.position()));
    }
    if (r.remaining() > 0) {
      warnings->push_back("byte " + std::to_string(r.offset()) + ": " + std::to_string(r.remaining()) +
                          " bytes after the last view ignored");
    }
  }
  return rec;
}

Result<std::vector<std::uint8_t>> write_minutiae_record(const MinutiaeRecord& rec, const MinutiaeWriteOptions& options) {
  if (rec.standard == MinutiaeStandard::kIso19794_2_2011) {
    return unsupported("writing ISO/IEC 19794-2:2011 records is not implemented");
  }
  if (rec.views.size() > 255) return invalid_argument("more than 255 finger views");
  const bool ansi = rec.standard != MinutiaeStandard::kIso19794_2_2005;
  const bool v2009 = rec.standard == MinutiaeStandard::kAnsi378_2009;
  std::vector<std::uint8_t> body;  // everything after the length field
  if (ansi) put_u32(body, rec.cbeff_product_id);
  put_u16(body, rec.capture_equipment);
  if (!v2009) {
    put_u16(body, rec.width);
    put_u16(body, rec.height);
    put_u16(body, rec.x_resolution);
    put_u16(body, rec.y_resolution);
  }
  put_u8(body, unsigned(rec.views.size()));
  put_u8(body, 0);
  for (std::size_t vi = 0; vi < rec.views.size(); ++vi) {
    const FingerView& v = rec.views[vi];
    const std::string where = "view " + std::to_string(vi + 1);
    if (v.minutiae.size() > 255) return invalid_argument(where + ": more than 255 minutiae");
    if (v.extended_data.size() > 65535) return invalid_argument(where + ": extended data over 65535 bytes");
    put_u8(body, v.finger_position);
    if (v2009) {
      put_u8(body, v.view_number);
      put_u8(body, v.impression_type);
      put_u8(body, v.finger_quality);
      put_u16(body, v.quality_algorithm_vendor);
      put_u16(body, v.quality_algorithm);
      put_u16(body, v.width ? v.width : rec.width);
      put_u16(body, v.height ? v.height : rec.height);
      put_u16(body, v.x_resolution ? v.x_resolution : rec.x_resolution);
      put_u16(body, v.y_resolution ? v.y_resolution : rec.y_resolution);
    } else {
      if (v.view_number > 15 || v.impression_type > 15) {
        return invalid_argument(where + ": view number and impression type must fit 4 bits each");
      }
      put_u8(body, unsigned(v.view_number << 4 | v.impression_type));
      put_u8(body, v.finger_quality);
    }
    put_u8(body, unsigned(v.minutiae.size()));
    for (std::size_t m = 0; m < v.minutiae.size(); ++m) {
      const RecordMinutia& mn = v.minutiae[m];
      if (mn.x > 0x3FFF || mn.y > 0x3FFF || unsigned(mn.kind) > 3 || mn.angle > 255) {
        return invalid_argument(where + " minutia " + std::to_string(m + 1) +
                                ": position beyond 14 bits, type beyond 2 bits or angle beyond a byte");
      }
      put_u16(body, unsigned(mn.kind) << 14 | mn.x);
      put_u16(body, mn.y);
      put_u8(body, mn.angle);
      put_u8(body, mn.quality);
    }
    put_u16(body, unsigned(v.extended_data.size()));
    body.insert(body.end(), v.extended_data.begin(), v.extended_data.end());
  }
  std::vector<std::uint8_t> out = {'F', 'M', 'R', 0};
  const char* version = v2009 ? "030" : " 20";
  out.insert(out.end(), version, version + 4);  // with its terminating zero
  std::uint64_t total = 8 + body.size();
  if (rec.standard == MinutiaeStandard::kAnsi378_2004) {
    total += 2;
    if (total > 0xFFFF) total += 4;  // the 6-byte form: 0x0000 then 4 bytes
  } else {
    total += 4;
  }
  if (total > 0xFFFFFFFFull) return invalid_argument("record larger than 4 GiB");
  std::uint32_t length = static_cast<std::uint32_t>(total);
  if (options.keep_length_as_read && rec.length_as_read != 0) length = rec.length_as_read;
  if (rec.standard == MinutiaeStandard::kAnsi378_2004) {
    if (total > 0xFFFF) {
      put_u16(out, 0);
      put_u32(out, length);
    } else {
      put_u16(out, length);
    }
  } else {
    put_u32(out, length);
  }
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

}  // namespace abis::formats
