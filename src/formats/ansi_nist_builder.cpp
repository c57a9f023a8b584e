// Building ANSI/NIST-ITL transactions (ansi_nist_builder.h).
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>

#include "core/file_io.h"
#include "formats/ansi_nist_builder.h"
#include "image/codecs.h"
#include "image/jpeg2000.h"
#include "image/wsq.h"

namespace abis::formats::ansi_nist {
namespace {

std::string today_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d", &tm);
  return buf;
}

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%05.2f", v);
  return buf;
}

Result<std::vector<std::uint8_t>> compress(const image::GrayImage& img, std::string_view compression) {
  if (compression == "NONE") return img.pixels;
  if (compression == "WSQ20") return image::encode_wsq(img);
  if (compression == "PNG") return image::encode_png(img);
  if (compression == "JP2L") return image::encode_jpeg2000(img);
  return invalid_argument("compression '" + std::string(compression) +
                          "': give NONE, WSQ20, PNG or JP2L");
}

}  // namespace

TransactionBuilder::TransactionBuilder(std::string version, std::string type_of_transaction) {
  Record t1;
  t1.type = 1;
  t1.set(2, std::move(version));
  t1.set(3, "1" + std::string(1, kUS) + "0");
  t1.set(4, std::move(type_of_transaction));
  t1.set(5, today_utc());
  t1.set(11, "00.00");
  t1.set(12, "00.00");
  tx_.records.push_back(std::move(t1));
}

TransactionBuilder& TransactionBuilder::set_type1(int field, std::string value) {
  tx_.records.front().set(field, std::move(value));
  return *this;
}

Record& TransactionBuilder::add(int type) {
  Record r;
  r.type = type;
  const std::size_t idc = tx_.records.size() - 1;
  if (is_binary_type(type)) {
    r.set(2, std::to_string(idc));
  } else {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02zu", idc);
    r.set(2, buf);
  }
  tx_.records.push_back(std::move(r));
  return tx_.records.back();
}

Result<Record*> TransactionBuilder::add_image(int type, const image::GrayImage& img, std::string_view compression,
                                              const std::vector<int>& positions, int impression) {
  ABIS_RETURN_IF_ERROR(image::check_dimensions(img.width, img.height, "Type-" + std::to_string(type) + " image"));
  if (img.width > 65535 || img.height > 65535) return invalid_argument("image wider or taller than 65535 pixels");
  const bool tagged_image = type == 10 || (type >= 13 && type <= 17) || type == 19 || type == 20;
  if (type != 4 && !tagged_image) {
    return invalid_argument("Type-" + std::to_string(type) + " does not carry an image");
  }
  if (type == 4 && compression != "NONE" && compression != "WSQ20") {
    return invalid_argument("a Type-4 image is NONE or WSQ20, not " + std::string(compression));
  }
  ABIS_ASSIGN_OR_RETURN(std::vector<std::uint8_t> payload, compress(img, compression));
  Record& r = add(type);
  const std::string data(payload.begin(), payload.end());
  if (type == 4) {
    // Annex B: resolution through ISR 0 and the Type-1 NSR (pixels per millimetre).
    if (img.ppi > 0) set_type1(11, fixed2(img.ppi / 25.4));
    r.set(3, std::to_string(impression));
    std::vector<std::vector<std::string>> fgp;
    for (std::size_t i = 0; i < 6; ++i) fgp.push_back({std::to_string(i < positions.size() ? positions[i] : 255)});
    r.set(4, join_subfields(fgp));
    r.set(5, "0");
    r.set(6, std::to_string(img.width));
    r.set(7, std::to_string(img.height));
    r.set(8, compression == "WSQ20" ? "1" : "0");
    r.set(9, data);
    return &r;
  }
  if (type != 10 && type != 16 && type != 17) r.set(3, std::to_string(impression));
  r.set(4, "abis");
  r.set(5, today_utc());
  r.set(6, std::to_string(img.width));
  r.set(7, std::to_string(img.height));
  const long long ppi = std::llround(img.ppi);
  r.set(8, ppi > 0 ? "1" : "0");  // SLC 1: pixels per inch
  r.set(9, std::to_string(ppi > 0 ? ppi : 1));
  r.set(10, std::to_string(ppi > 0 ? ppi : 1));
  r.set(11, std::string(compression));
  if (type == 10) {
    r.set(3, "FACE");
    r.set(12, "GRAY");
  } else {
    r.set(12, "8");
  }
  if (!positions.empty() && type != 10 && type != 16 && type != 17) {
    std::vector<std::vector<std::string>> fgp;
    for (int p : positions) fgp.push_back({std::to_string(p)});
    r.set(13, join_subfields(fgp));
  }
  r.set(999, data);
  return &r;
}

Result<std::vector<std::uint8_t>> TransactionBuilder::build() const { return write_transaction(tx_); }

namespace {

// "14.020" or "20" -> 20; the record type in the key must match.
Result<int> field_number(const std::string& key, int type, const std::string& where) {
  std::string digits = key;
  if (auto dot = key.find('.'); dot != std::string::npos) {
    if (std::atoi(key.substr(0, dot).c_str()) != type) {
      return invalid_argument(where + ": field '" + key + "' belongs to another record type");
    }
    digits = key.substr(dot + 1);
  }
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return invalid_argument(where + ": field key '" + key + "' is not a field number");
  }
  const int n = std::atoi(digits.c_str());
  if (n < 1) return invalid_argument(where + ": field key '" + key + "' is not a field number");
  return n;
}

Result<std::string> field_value(const nlohmann::json& v, const std::string& where) {
  auto scalar = [&](const nlohmann::json& s) -> Result<std::string> {
    if (s.is_string()) return s.get<std::string>();
    if (s.is_number_integer()) return std::to_string(s.get<long long>());
    if (s.is_number()) return s.dump();
    return invalid_argument(where + ": a value is a string or a number");
  };
  if (!v.is_array()) return scalar(v);
  std::vector<std::vector<std::string>> subs;
  for (const auto& sub : v) {
    std::vector<std::string> items;
    if (sub.is_array()) {
      for (const auto& item : sub) {
        ABIS_ASSIGN_OR_RETURN(std::string s, scalar(item));
        items.push_back(std::move(s));
      }
    } else {
      ABIS_ASSIGN_OR_RETURN(std::string s, scalar(sub));
      items.push_back(std::move(s));
    }
    subs.push_back(std::move(items));
  }
  return join_subfields(subs);
}

Status apply_fields(const nlohmann::json& fields, Record& r, const std::string& where) {
  if (fields.is_null()) return Status::ok();
  if (!fields.is_object()) return invalid_argument(where + ".fields: an object of field number -> value");
  for (const auto& [key, value] : fields.items()) {
    ABIS_ASSIGN_OR_RETURN(int n, field_number(key, r.type, where));
    if (n == 1 || (r.type == 1 && n == 3)) continue;  // LEN and CNT are computed
    ABIS_ASSIGN_OR_RETURN(std::string text, field_value(value, where + ".fields." + key));
    r.set(n, std::move(text));
  }
  return Status::ok();
}

}  // namespace

Result<std::vector<std::uint8_t>> build_from_spec(std::string_view json_text, const std::filesystem::path& base_dir) {
  nlohmann::json spec = nlohmann::json::parse(json_text, nullptr, false);
  if (spec.is_discarded() || !spec.is_object()) return invalid_argument("spec: not a JSON object");
  const std::string version = spec.value("version", std::string("0502"));
  if (!spec.contains("records") || !spec["records"].is_array()) {
    return invalid_argument("spec: \"records\" must be a list of records");
  }
  TransactionBuilder b(version);
  std::size_t index = 0;
  for (const auto& rec : spec["records"]) {
    const std::string where = "spec records[" + std::to_string(index++) + "]";
    if (!rec.is_object() || !rec.contains("type") || !rec["type"].is_number_integer()) {
      return invalid_argument(where + ": an object with an integer \"type\"");
    }
    const int type = rec["type"].get<int>();
    if (type < 1 || type > 99) return invalid_argument(where + ": type must be 1..99");
    if (type == 1) {
      if (index != 1) return invalid_argument(where + ": the Type-1 comes first");
      ABIS_RETURN_IF_ERROR(apply_fields(rec.value("fields", nlohmann::json()), b.transaction().records.front(), where));
      continue;
    }
    Record* r = nullptr;
    if (rec.contains("image")) {
      if (!rec["image"].is_string()) return invalid_argument(where + ".image: a file name");
      ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(base_dir / rec["image"].get<std::string>()));
      auto img = image::decode_image(bytes);
      if (!img.is_ok()) return img.status().with_context(where + ".image");
      if (rec.contains("ppi") && rec["ppi"].is_number()) img->ppi = rec["ppi"].get<double>();
      std::vector<int> positions;
      if (rec.contains("positions")) {
        if (!rec["positions"].is_array()) return invalid_argument(where + ".positions: a list of integers");
        for (const auto& p : rec["positions"]) {
          if (!p.is_number_integer()) return invalid_argument(where + ".positions: a list of integers");
          positions.push_back(p.get<int>());
        }
      }
      auto added = b.add_image(type, *img, rec.value("compression", std::string("WSQ20")), positions,
                               rec.value("impression", 0));
      if (!added.is_ok()) return added.status().with_context(where);
      r = *added;
    } else {
      r = &b.add(type);
    }
    if (rec.contains("data_file")) {
      if (!rec["data_file"].is_string()) return invalid_argument(where + ".data_file: a file name");
      ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(base_dir / rec["data_file"].get<std::string>()));
      r->set(data_field_number(type), std::string(bytes.begin(), bytes.end()));
    }
    ABIS_RETURN_IF_ERROR(apply_fields(rec.value("fields", nlohmann::json()), *r, where));
  }
  return b.build();
}

}  // namespace abis::formats::ansi_nist
