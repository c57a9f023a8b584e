// Writer of ANSI/NIST-ITL traditional-encoding transactions (ansi_nist.h): fields as stored,
// LEN of every record and the 1.003 CNT recomputed (clauses 7.2, 8.1.1, 8.1.3, Annex B).
#include <charconv>
#include <cstdio>

#include "formats/ansi_nist.h"

namespace abis::formats::ansi_nist {
namespace {

using Out = std::vector<std::uint8_t>;

std::string where(std::size_t index, int type, int field) {
  std::string s = "record " + std::to_string(index) + " (Type-" + std::to_string(type) + ")";
  if (field > 0) s += " field " + std::to_string(type) + "." + std::to_string(field);
  return s;
}

std::string tag_text(int type, int number, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d.%0*d:", type, digits < 1 ? 3 : digits, number);
  return buf;
}

std::size_t decimal_digits(std::size_t v) {
  std::size_t d = 1;
  while (v >= 10) {
    v /= 10;
    ++d;
  }
  return d;
}

Result<long long> number_field(const Record& rec, std::size_t index, int field, long long max) {
  const Field* f = rec.find(field);
  if (!f) return invalid_argument(where(index, rec.type, field) + ": missing (binary header field)");
  long long v = rec.integer(field, -1);
  if (v < 0 || v > max) {
    return invalid_argument(where(index, rec.type, field) + ": '" + f->value + "' is not a number in 0.." +
                            std::to_string(max));
  }
  return v;
}

Status write_binary(const Record& rec, std::size_t index, Out& out) {
  auto put16 = [&](unsigned v) {
    out.push_back(std::uint8_t(v >> 8));
    out.push_back(std::uint8_t(v));
  };
  std::span<const std::uint8_t> payload = rec.data();
  const std::size_t header = rec.type == 7 ? 5 : rec.type == 8 ? 12 : 18;
  const std::uint64_t len = header + payload.size();
  if (len > 0xFFFFFFFFull) return invalid_argument(where(index, rec.type, 0) + ": larger than 4 GiB");
  for (int s = 24; s >= 0; s -= 8) out.push_back(std::uint8_t(len >> s));
  ABIS_ASSIGN_OR_RETURN(long long idc, number_field(rec, index, 2, 255));
  out.push_back(std::uint8_t(idc));
  if (rec.type == 8) {
    for (int field : {3, 4, 5}) {
      ABIS_ASSIGN_OR_RETURN(long long v, number_field(rec, index, field, 255));
      out.push_back(std::uint8_t(v));
    }
    for (int field : {6, 7}) {
      ABIS_ASSIGN_OR_RETURN(long long v, number_field(rec, index, field, 65535));
      put16(unsigned(v));
    }
  } else if (rec.type != 7) {
    ABIS_ASSIGN_OR_RETURN(long long imp, number_field(rec, index, 3, 255));
    out.push_back(std::uint8_t(imp));
    const Field* fgp = rec.find(4);
    if (!fgp) return invalid_argument(where(index, rec.type, 4) + ": missing FGP");
    auto subs = fgp->subfields();
    if (subs.size() > 6) return invalid_argument(where(index, rec.type, 4) + ": more than 6 finger positions");
    for (std::size_t i = 0; i < 6; ++i) {
      long long v = 255;  // unused positions (Annex B)
      if (i < subs.size()) {
        const std::string& s = subs[i][0];
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || p != s.data() + s.size() || v < 0 || v > 255) {
          return invalid_argument(where(index, rec.type, 4) + ": finger position '" + s + "' is not 0..255");
        }
      }
      out.push_back(std::uint8_t(v));
    }
    ABIS_ASSIGN_OR_RETURN(long long isr, number_field(rec, index, 5, 255));
    out.push_back(std::uint8_t(isr));
    for (int field : {6, 7}) {
      ABIS_ASSIGN_OR_RETURN(long long v, number_field(rec, index, field, 65535));
      put16(unsigned(v));
    }
    ABIS_ASSIGN_OR_RETURN(long long cga, number_field(rec, index, 8, 255));
    out.push_back(std::uint8_t(cga));
  }
  out.insert(out.end(), payload.begin(), payload.end());
  return Status::ok();
}

Status write_tagged(const Record& rec, std::size_t index, Out& out) {
  // Everything but LEN's digits, then LEN's value chosen so that it counts its own digits.
  const Field* len_field = rec.find(1);
  const int len_digits = len_field ? len_field->tag_digits : 3;
  std::string rest;
  const int data_number = data_field_number(rec.type);
  for (const auto& f : rec.fields) {
    if (&f == len_field) continue;  // written first, recomputed
    if (f.number <= 0) return invalid_argument(where(index, rec.type, f.number) + ": field number must be >= 1");
    const bool binary = f.number == data_number && &f == rec.data_field();
    if (!binary && (f.value.find(kFS) != std::string::npos || f.value.find(kGS) != std::string::npos)) {
      return invalid_argument(where(index, rec.type, f.number) +
                              ": a text value may not hold the FS or GS separators");
    }
    rest += kGS;
    rest += tag_text(f.tag_record_type > 0 ? f.tag_record_type : rec.type, f.number, f.tag_digits);
    rest += f.value;
  }
  rest += kFS;
  const std::string len_tag = tag_text(rec.type, 1, len_digits);
  std::size_t digits = 1;
  std::size_t total = 0;
  for (int i = 0; i < 4; ++i) {  // converges in at most two rounds
    total = len_tag.size() + digits + rest.size();
    if (decimal_digits(total) == digits) break;
    digits = decimal_digits(total);
  }
  const std::string head = len_tag + std::to_string(total);
  out.insert(out.end(), head.begin(), head.end());
  out.insert(out.end(), rest.begin(), rest.end());
  return Status::ok();
}

// The CNT (8.1.3): "1<US>n" then "type<US>IDC" per record. An entry that already names the same
// type and IDC keeps its text (leading zeros), so a correct CNT is written back unchanged.
std::string compute_cnt(const Transaction& tx) {
  std::vector<std::vector<std::string>> old;
  if (const Field* f = tx.records.front().find(3)) old = f->subfields();
  std::vector<std::vector<std::string>> cnt;
  std::string first_type = !old.empty() && !old[0].empty() ? old[0][0] : "1";
  cnt.push_back({first_type, std::to_string(tx.records.size() - 1)});
  for (std::size_t i = 1; i < tx.records.size(); ++i) {
    const Record& r = tx.records[i];
    std::string idc = r.text(2);
    // Only digits go into the CNT: an IDC holding separators or other bytes would break it.
    const bool digits = !idc.empty() && idc.size() <= 9 &&
                        idc.find_first_not_of("0123456789") == std::string::npos;
    if (r.is_binary() || !digits) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%02lld", r.integer(2, 0));
      idc = buf;
    }
    if (i < old.size() && old[i].size() == 2 && std::atoi(old[i][0].c_str()) == r.type &&
        !old[i][1].empty() && std::atoll(old[i][1].c_str()) == r.integer(2, -1)) {
      cnt.push_back(old[i]);
    } else {
      cnt.push_back({std::to_string(r.type), idc});
    }
  }
  return join_subfields(cnt);
}

}  // namespace

Result<std::vector<std::uint8_t>> write_transaction(const Transaction& transaction,
                                                    const WriteOptions& options) {
  if (transaction.records.empty() || transaction.records.front().type != 1) {
    return invalid_argument("record 0: a transaction starts with its Type-1 record");
  }
  Transaction tx = transaction;
  if (options.recompute_cnt) tx.records.front().set(3, compute_cnt(tx));
  Out out;
  for (std::size_t i = 0; i < tx.records.size(); ++i) {
    const Record& rec = tx.records[i];
    if (rec.type < 1 || rec.type > 99) {
      return invalid_argument("record " + std::to_string(i) + ": record type " + std::to_string(rec.type) +
                              " is not 1..99");
    }
    if (i > 0 && rec.type == 1) return invalid_argument("record " + std::to_string(i) + ": a second Type-1");
    ABIS_RETURN_IF_ERROR(rec.is_binary() ? write_binary(rec, i, out) : write_tagged(rec, i, out));
  }
  return out;
}

}  // namespace abis::formats::ansi_nist
