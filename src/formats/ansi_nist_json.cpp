// JSON and text views of ANSI/NIST-ITL transactions (ansi_nist_json.h).
#include <nlohmann/json.hpp>

#include <cstdio>

#include "formats/ansi_nist_images.h"
#include "formats/ansi_nist_json.h"
#include "image/codecs.h"

namespace abis::formats::ansi_nist {
namespace {

bool is_payload(const Record& r, const Field& f) { return &f == r.data_field() || (r.is_binary() && f.number == data_field_number(r.type)); }

std::string payload_format(const Field& f) {
  std::span<const std::uint8_t> d(reinterpret_cast<const std::uint8_t*>(f.value.data()), f.value.size());
  auto fmt = image::sniff_format(d);
  return fmt == image::ImageFormat::kUnknown ? "binary" : std::string(image::format_name(fmt));
}

}  // namespace

std::string tag_name(int record_type, int field_number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d.%03d", record_type, field_number);
  return buf;
}

std::string transaction_to_json(const Transaction& tx) {
  nlohmann::ordered_json records = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < tx.records.size(); ++i) {
    const Record& r = tx.records[i];
    nlohmann::ordered_json fields = nlohmann::ordered_json::array();
    for (const auto& f : r.fields) {
      nlohmann::ordered_json jf = {{"tag", tag_name(r.type, f.number)}};
      if (is_payload(r, f)) {
        jf["bytes"] = f.value.size();
        jf["format"] = payload_format(f);
      } else if (f.value.find(kRS) != std::string::npos || f.value.find(kUS) != std::string::npos) {
        jf["subfields"] = f.subfields();
      } else {
        jf["value"] = f.value;
      }
      fields.push_back(std::move(jf));
    }
    nlohmann::ordered_json jr = {{"index", i}, {"type", r.type}, {"name", std::string(record_type_name(r.type))},
                         {"fields", std::move(fields)}};
    if (r.offset != kNoOffset) jr["offset"] = r.offset;
    if (auto info = describe_image(tx, i)) {
      jr["image"] = {{"width", info->width},          {"height", info->height},
                     {"compression", info->compression}, {"payload", info->payload_kind},
                     {"bits_per_pixel", info->bits_per_pixel}, {"ppi", info->ppi},
                     {"positions", info->positions}};
    }
    records.push_back(std::move(jr));
  }
  nlohmann::ordered_json out = {{"version", tx.version()}, {"records", std::move(records)}};
  return out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string transaction_to_text(const Transaction& tx) {
  std::string out;
  for (std::size_t i = 0; i < tx.records.size(); ++i) {
    const Record& r = tx.records[i];
    out += "record " + std::to_string(i) + ": " + r.describe();
    if (r.offset != kNoOffset) out += " at byte " + std::to_string(r.offset) + ", " + std::to_string(r.length) + " bytes";
    out += "\n";
    for (const auto& f : r.fields) {
      out += "  " + tag_name(r.type, f.number) + " ";
      if (is_payload(r, f)) {
        out += "<" + std::to_string(f.value.size()) + " bytes, " + payload_format(f) + ">\n";
        continue;
      }
      for (char c : f.value) {
        if (c == kRS) out += "<RS>";
        else if (c == kUS) out += "<US>";
        else if (static_cast<unsigned char>(c) < 0x20) out += "?";
        else out += c;
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace abis::formats::ansi_nist
