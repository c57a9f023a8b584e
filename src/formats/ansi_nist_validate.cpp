// Validation of ANSI/NIST-ITL transactions (ansi_nist_validate.h).
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "formats/ansi_nist_images.h"
#include "formats/ansi_nist_validate.h"

namespace abis::formats::ansi_nist {
namespace {

class Checker {
 public:
  explicit Checker(std::vector<Issue>& out) : out_(out) {}
  void error(int index, int type, int field, std::string message, std::size_t offset = kNoOffset) {
    out_.push_back({Issue::Severity::kError, index, type, field, offset, std::move(message)});
  }
  void warning(int index, int type, int field, std::string message, std::size_t offset = kNoOffset) {
    out_.push_back({Issue::Severity::kWarning, index, type, field, offset, std::move(message)});
  }

 private:
  std::vector<Issue>& out_;
};

bool is_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// 8.1 and Table 14 of the 2011 text: the Type-1 fields every transaction carries.
void check_type1(const Record& r, Checker& c) {
  static const std::map<int, const char*> kMandatory = {
      {1, "LEN"}, {2, "VER"}, {3, "CNT"}, {4, "TOT"}, {5, "DAT"},
      {7, "DAI"}, {8, "ORI"}, {9, "TCN"}, {11, "NSR"}, {12, "NTR"}};
  for (const auto& [number, name] : kMandatory) {
    if (!r.find(number)) c.error(0, 1, number, std::string("mandatory field ") + name + " is missing");
  }
  static const std::set<std::string> kVersions = {"0200", "0201", "0300", "0400", "0500", "0501", "0502"};
  if (const Field* ver = r.find(2); ver && !kVersions.count(ver->value)) {
    c.error(0, 1, 2, "VER '" + ver->value + "' is not one of 0200, 0201, 0300, 0400, 0500, 0501, 0502", ver->offset);
  }
  if (const Field* dat = r.find(5); dat && (dat->value.size() != 8 || !is_digits(dat->value))) {
    c.error(0, 1, 5, "DAT '" + dat->value + "' is not a date YYYYMMDD", dat->offset);
  }
}

// 8.1.3: CNT lists every record after the Type-1 with its type and IDC, in order.
void check_cnt(const Transaction& tx, Checker& c) {
  const Field* cnt = tx.records.front().find(3);
  if (!cnt) return;  // reported as a missing mandatory field
  auto subs = cnt->subfields();
  const std::size_t listed = subs.size() - 1;
  const std::string declared = subs[0].size() > 1 ? subs[0][1] : "";
  if (subs[0][0] != "1" || !is_digits(declared)) {
    c.error(0, 1, 3, "CNT first subfield must be '1<US>count', found '" + join_subfields({subs[0]}) + "'", cnt->offset);
  } else if (std::atoll(declared.c_str()) != static_cast<long long>(listed)) {
    c.error(0, 1, 3, "CNT says " + declared + " records follow but lists " + std::to_string(listed), cnt->offset);
  }
  const std::size_t present = tx.records.size() - 1;
  if (listed != present) {
    c.error(0, 1, 3, "CNT lists " + std::to_string(listed) + " records after the Type-1, the transaction holds " +
                         std::to_string(present) + (listed > present ? " (truncated?)" : ""), cnt->offset);
  }
  for (std::size_t i = 1; i <= std::min(listed, present); ++i) {
    const Record& r = tx.records[i];
    const std::string& t = subs[i][0];
    if (!is_digits(t) || std::atoi(t.c_str()) != r.type) {
      c.error(static_cast<int>(i), r.type, 0, "CNT subfield " + std::to_string(i + 1) + " lists type '" + t +
                                                  "' for this Type-" + std::to_string(r.type) + " record", r.offset);
      continue;
    }
    const std::string idc = subs[i].size() > 1 ? subs[i][1] : "";
    if (r.find(2) && std::atoll(idc.c_str()) != r.integer(2, -2)) {
      c.warning(static_cast<int>(i), r.type, 2, "IDC '" + r.text(2) + "' differs from the CNT entry's IDC '" + idc + "'",
                r.offset);
    }
  }
}

void check_fields(const Transaction& tx, std::size_t i, Checker& c) {
  const Record& r = tx.records[i];
  const int idx = static_cast<int>(i);
  if (i > 0 && !r.find(2)) {
    c.error(idx, r.type, 2, "IDC is missing", r.offset);
  } else if (i > 0 && !is_digits(r.text(2))) {
    c.error(idx, r.type, 2, "IDC '" + r.text(2) + "' is not a number", r.find(2)->offset);
  }
  if (r.is_binary()) return;
  std::map<int, int> seen;
  for (const auto& f : r.fields) {
    if (++seen[f.number] == 2 && f.number != 999) {
      c.error(idx, r.type, f.number, "field appears more than once", f.offset);
    }
  }
  const std::string ver = tx.version();
  const bool old_version = ver == "0200" || ver == "0201";
  for (const auto& f : r.fields) {
    if (f.tag_digits < 3 && !old_version) {
      c.warning(idx, r.type, f.number, "two-digit field number in a VER " + ver + " transaction", f.offset);
      break;
    }
  }
  if (r.type == 9) {
    const std::string fmt = r.text(4);
    if (fmt != "S" && fmt != "U") c.error(idx, 9, 4, "FMT '" + fmt + "' is not S or U", r.offset);
  }
}

void check_image(const Transaction& tx, std::size_t i, const ValidationOptions& options, Checker& c) {
  auto info = describe_image(tx, i);
  if (!info) return;
  const Record& r = tx.records[i];
  const int idx = static_cast<int>(i);
  const int data_number = data_field_number(r.type);
  if (r.type == 8 && r.integer(4, 0) == 2) return;  // vector signature: no raster
  for (int field : {6, 7}) {
    if (r.integer(field, 0) <= 0) {
      c.error(idx, r.type, field, std::string(field == 6 ? "HLL" : "VLL") + " '" + r.text(field) +
                                      "' is not a positive number");
    }
  }
  if (!r.is_binary()) {
    const Field* cga = r.find(11);
    if (!cga) c.error(idx, r.type, 11, "compression (CGA) is missing");
    else if (!is_known_compression(cga->value))
      c.error(idx, r.type, 11, "unknown compression '" + cga->value + "'", cga->offset);
  } else if (r.type != 8 && r.integer(8, -1) > 6) {
    c.error(idx, r.type, 8, "unknown compression code " + r.text(8));
  }
  if (!r.data_field() || r.data().empty()) {
    c.error(idx, r.type, data_number, "no image data");
    return;
  }
  if (!options.decode_images) return;
  auto img = decode_record_image(tx, i);
  if (!img.is_ok()) {
    if (img.status().code() == StatusCode::kUnsupported) {
      c.warning(idx, r.type, data_number, "not decoded: " + img.status().message());
    } else {
      c.error(idx, r.type, data_number, img.status().message());
    }
    return;
  }
  if (img->width != info->width || img->height != info->height) {
    c.error(idx, r.type, 6, "declared size " + std::to_string(info->width) + "x" + std::to_string(info->height) +
                                " (HLL x VLL) but the " + info->payload_kind + " image is " +
                                std::to_string(img->width) + "x" + std::to_string(img->height));
  }
}

}  // namespace

bool is_known_compression(const std::string& code) {
  static const std::set<std::string> kCodes = {"NONE", "WSQ20", "WSQ", "JPEGB", "JPEGL", "JP2",
                                               "JP2L", "PNG",   "0",   "1",     "2",     "3",
                                               "4",    "5",    "6"};
  return kCodes.count(code) > 0;
}

std::vector<Issue> validate_transaction(const Transaction& tx, const ValidationOptions& options) {
  std::vector<Issue> out;
  Checker c(out);
  if (tx.records.empty() || tx.records.front().type != 1) {
    c.error(-1, 0, 0, "the transaction does not start with a Type-1 record");
    return out;
  }
  check_type1(tx.records.front(), c);
  check_cnt(tx, c);
  for (std::size_t i = 0; i < tx.records.size(); ++i) {
    check_fields(tx, i, c);
    check_image(tx, i, options, c);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Issue& a, const Issue& b) { return a.record_index < b.record_index; });
  return out;
}

std::size_t ValidationReport::errors() const {
  return std::count_if(issues.begin(), issues.end(),
                       [](const Issue& i) { return i.severity == Issue::Severity::kError; });
}

std::size_t ValidationReport::warnings() const { return issues.size() - errors(); }

ValidationReport validate_bytes(std::span<const std::uint8_t> data, const ValidationOptions& options) {
  ValidationReport report;
  auto read = read_transaction(data);
  if (!read.is_ok()) {
    report.issues.push_back({Issue::Severity::kError, -1, 0, 0, kNoOffset, read.status().message()});
    return report;
  }
  report.readable = true;
  report.records = read->transaction.records.size();
  report.issues = std::move(read->issues);
  auto checks = validate_transaction(read->transaction, options);
  report.issues.insert(report.issues.end(), checks.begin(), checks.end());
  std::stable_sort(report.issues.begin(), report.issues.end(),
                   [](const Issue& a, const Issue& b) { return a.record_index < b.record_index; });
  return report;
}

}  // namespace abis::formats::ansi_nist
