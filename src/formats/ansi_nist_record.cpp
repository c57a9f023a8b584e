// The ANSI/NIST-ITL data model: fields, records, transactions and issues (ansi_nist.h).
#include <algorithm>
#include <charconv>
#include <cstdio>

#include "formats/ansi_nist.h"

namespace abis::formats::ansi_nist {

std::vector<std::vector<std::string>> Field::subfields() const {
  std::vector<std::vector<std::string>> out(1, std::vector<std::string>(1));
  for (char c : value) {
    if (c == kRS) {
      out.emplace_back(1);
    } else if (c == kUS) {
      out.back().emplace_back();
    } else {
      out.back().back() += c;
    }
  }
  return out;
}

std::string Field::item(std::size_t subfield, std::size_t item) const {
  auto subs = subfields();
  if (subfield >= subs.size() || item >= subs[subfield].size()) return {};
  return subs[subfield][item];
}

std::string join_subfields(const std::vector<std::vector<std::string>>& subfields) {
  std::string out;
  for (std::size_t s = 0; s < subfields.size(); ++s) {
    if (s) out += kRS;
    for (std::size_t i = 0; i < subfields[s].size(); ++i) {
      if (i) out += kUS;
      out += subfields[s][i];
    }
  }
  return out;
}

bool is_binary_type(int record_type) { return record_type >= 3 && record_type <= 8; }

int data_field_number(int record_type) {
  switch (record_type) {
    case 3: case 4: case 5: case 6: return 9;
    case 7: return 3;
    case 8: return 8;
    default: return 999;
  }
}

std::string_view record_type_name(int record_type) {
  switch (record_type) {
    case 1: return "Transaction information";
    case 2: return "User-defined descriptive text";
    case 3: return "Low-resolution grayscale fingerprint image (deprecated)";
    case 4: return "High-resolution grayscale fingerprint image";
    case 5: return "Low-resolution binary fingerprint image (deprecated)";
    case 6: return "High-resolution binary fingerprint image (deprecated)";
    case 7: return "User-defined image";
    case 8: return "Signature image";
    case 9: return "Minutiae data";
    case 10: return "Photographic body part imagery";
    case 11: return "Forensic and investigatory voice data";
    case 12: return "Forensic dental and oral data";
    case 13: return "Variable-resolution latent friction ridge image";
    case 14: return "Variable-resolution fingerprint image";
    case 15: return "Variable-resolution palm print image";
    case 16: return "User-defined variable-resolution testing image";
    case 17: return "Iris image";
    case 18: return "DNA data";
    case 19: return "Variable-resolution plantar image";
    case 20: return "Source representation";
    case 21: return "Associated context";
    case 22: return "Non-photographic imagery";
    case 98: return "Information assurance";
    case 99: return "CBEFF biometric data";
    default: return "Unknown record type";
  }
}

const Field* Record::find(int number) const {
  for (const auto& f : fields)
    if (f.number == number) return &f;
  return nullptr;
}

Field* Record::find(int number) {
  for (auto& f : fields)
    if (f.number == number) return &f;
  return nullptr;
}

std::string Record::text(int number) const {
  const Field* f = find(number);
  return f ? f->value : std::string();
}

long long Record::integer(int number, long long fallback) const {
  const Field* f = find(number);
  if (!f || f->value.empty()) return fallback;
  // Leading and trailing blanks appear in some writers' numeric fields.
  std::string_view v = f->value;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  long long out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size()) return fallback;
  return out;
}

void Record::set(int number, std::string value) {
  if (Field* f = find(number)) {
    f->value = std::move(value);
    return;
  }
  Field field;
  field.number = number;
  field.value = std::move(value);
  auto at = std::find_if(fields.begin(), fields.end(),
                         [&](const Field& f) { return f.number > number; });
  fields.insert(at, std::move(field));
}

void Record::remove(int number) {
  std::erase_if(fields, [&](const Field& f) { return f.number == number; });
}

const Field* Record::data_field() const {
  const int n = data_field_number(type);
  const Field* out = nullptr;
  for (const auto& f : fields)
    if (f.number == n) out = &f;
  return out;
}

std::span<const std::uint8_t> Record::data() const {
  const Field* f = data_field();
  if (!f) return {};
  return {reinterpret_cast<const std::uint8_t*>(f->value.data()), f->value.size()};
}

std::string Record::describe() const {
  return "Type-" + std::to_string(type) + " (" + std::string(record_type_name(type)) + ")";
}

std::string Transaction::version() const {
  return records.empty() ? std::string() : records.front().text(2);
}

std::vector<std::size_t> Transaction::indices_of_type(int type) const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < records.size(); ++i)
    if (records[i].type == type) out.push_back(i);
  return out;
}

namespace {

// The fields same_content compares: all but the LEN and, in the Type-1, the CNT.
std::vector<const Field*> compared_fields(const Record& r) {
  std::vector<const Field*> out;
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    const Field& f = r.fields[i];
    if (i == 0 && f.number == 1) continue;
    if (r.type == 1 && f.number == 3) continue;
    out.push_back(&f);
  }
  return out;
}

}  // namespace

bool same_content(const Transaction& a, const Transaction& b) {
  if (a.records.size() != b.records.size()) return false;
  for (std::size_t i = 0; i < a.records.size(); ++i) {
    if (a.records[i].type != b.records[i].type) return false;
    auto fa = compared_fields(a.records[i]);
    auto fb = compared_fields(b.records[i]);
    if (fa.size() != fb.size()) return false;
    for (std::size_t k = 0; k < fa.size(); ++k) {
      if (fa[k]->number != fb[k]->number || fa[k]->value != fb[k]->value) return false;
    }
  }
  return true;
}

std::string Issue::to_string() const {
  std::string out = severity == Severity::kError ? "error: " : "warning: ";
  if (record_index >= 0) {
    out += "record " + std::to_string(record_index) + " (Type-" + std::to_string(record_type) + ")";
    if (field > 0) out += " field " + std::to_string(record_type) + "." + 
                          (field < 10 ? "00" : field < 100 ? "0" : "") + std::to_string(field);
  } else {
    out += "file";
  }
  if (offset != kNoOffset) out += " at byte " + std::to_string(offset);
  return out + ": " + message;
}

}  // namespace abis::formats::ansi_nist
