// Reader of ANSI/NIST-ITL traditional-encoding transactions (ansi_nist.h).
//
// Clause references are to ANSI/NIST-ITL 1-2011 Update 2015: 7.2 (traditional encoding: tags,
// separators, LEN as the first field of every tagged record), 8.1.3 (CNT: the list of the records
// that follow, the only place a binary record's type is written), Annex B and 8.4/8.7/8.8 (the
// fixed binary headers of Type-3/4/5/6, Type-7 and Type-8).
#include <charconv>
#include <cstring>
#include <optional>

#include "formats/ansi_nist.h"

namespace abis::formats::ansi_nist {
namespace {

using Bytes = std::span<const std::uint8_t>;

struct Tag {
  int type = 0;
  int number = 0;
  int digits = 0;
  std::size_t length = 0;  // bytes of "T.NNN:"
};

// "T.NNN:" at pos (1-2 digit record type, 1-9 digit field number), without reading past end.
std::optional<Tag> parse_tag(Bytes data, std::size_t pos, std::size_t end) {
  Tag tag;
  std::size_t p = pos;
  int type_digits = 0;
  while (p < end && data[p] >= '0' && data[p] <= '9' && type_digits < 3) {
    tag.type = tag.type * 10 + (data[p] - '0');
    ++p;
    ++type_digits;
  }
  if (type_digits == 0 || p >= end || data[p] != '.') return std::nullopt;
  ++p;
  while (p < end && data[p] >= '0' && data[p] <= '9' && tag.digits < 9) {
    tag.number = tag.number * 10 + (data[p] - '0');
    ++p;
    ++tag.digits;
  }
  if (tag.digits == 0 || p >= end || data[p] != ':') return std::nullopt;
  tag.length = p + 1 - pos;
  return tag;
}

std::uint32_t be32(Bytes d, std::size_t p) {
  return (std::uint32_t(d[p]) << 24) | (std::uint32_t(d[p + 1]) << 16) |
         (std::uint32_t(d[p + 2]) << 8) | d[p + 3];
}
unsigned be16(Bytes d, std::size_t p) { return (unsigned(d[p]) << 8) | d[p + 1]; }

std::string slice(Bytes d, std::size_t from, std::size_t to) {
  return std::string(reinterpret_cast<const char*>(d.data()) + from, to - from);
}

std::string bad(std::size_t offset, int index, int type, const std::string& what) {
  return "byte " + std::to_string(offset) + ", record " + std::to_string(index) +
         (type > 0 ? " (Type-" + std::to_string(type) + ")" : std::string()) + ": " + what;
}

class Reader {
 public:
  explicit Reader(Bytes data) : data_(data) {}

  Result<ReadResult> read();

 private:
  Result<Record> read_tagged(std::size_t pos, int index);
  Result<Record> read_binary(std::size_t pos, int index, int type);
  void warn(int index, int type, int field, std::size_t offset, std::string message) {
    out_.issues.push_back({Issue::Severity::kWarning, index, type, field, offset, std::move(message)});
  }

  Bytes data_;
  ReadResult out_;
};

// True when the bytes of a x.999 field up to the next GS are a short text value followed by the
// tag of another field of the same record: the repeated-tag artefact, not a binary payload.
bool is_text_before_next_tag(Bytes d, std::size_t from, std::size_t end, int type, std::size_t* gs) {
  constexpr std::size_t kMaxText = 64;
  for (std::size_t p = from; p < end && p < from + kMaxText; ++p) {
    const std::uint8_t c = d[p];
    if (c == std::uint8_t(kGS)) {
      auto tag = parse_tag(d, p + 1, end);
      if (!tag || tag->type != type) return false;
      *gs = p;
      return true;
    }
    if (c < 0x20 && c != std::uint8_t(kRS) && c != std::uint8_t(kUS)) return false;
    if (c > 0x7e) return false;
  }
  return false;
}

Result<Record> Reader::read_tagged(std::size_t pos, int index) {
  const std::size_t size = data_.size();
  auto first = parse_tag(data_, pos, size);
  if (!first) {
    return invalid_argument(bad(pos, index, 0, "expected a tagged field \"T.001:\" (LEN)"));
  }
  Record rec;
  rec.type = first->type;
  rec.offset = pos;
  if (is_binary_type(rec.type)) {
    // Types 3-8 exist only with their fixed binary headers (Annex B); tagged fields under those
    // numbers could not be written back as what they are.
    return invalid_argument(bad(pos, index, rec.type, "Type-" + std::to_string(rec.type) +
                                                     " is a binary record but this one is written with tags"));
  }
  if (first->number != 1) {
    return invalid_argument(bad(pos, index, rec.type, "the first field is " + std::to_string(rec.type) +
                                                     "." + std::to_string(first->number) +
                                                     ", clause 7.2 requires LEN (field 1) first"));
  }
  // LEN: decimal digits up to the GS.
  std::size_t p = pos + first->length;
  std::uint64_t len = 0;
  std::size_t digits = 0;
  while (p < size && data_[p] >= '0' && data_[p] <= '9' && digits < 12) {
    len = len * 10 + (data_[p] - '0');
    ++p;
    ++digits;
  }
  if (digits == 0 || p >= size || (data_[p] != std::uint8_t(kGS) && data_[p] != std::uint8_t(kFS))) {
    return invalid_argument(bad(pos, index, rec.type, "field " + std::to_string(rec.type) +
                                                     ".001 LEN is not a decimal number ended by GS"));
  }
  if (len < p + 1 - pos) {
    return invalid_argument(bad(pos, index, rec.type, "field " + std::to_string(rec.type) +
                                                     ".001 LEN " + std::to_string(len) +
                                                     " is shorter than the LEN field itself"));
  }
  if (len > size - pos) {
    return invalid_argument(bad(pos, index, rec.type,
                                "field " + std::to_string(rec.type) + ".001 LEN " + std::to_string(len) +
                                    " runs past the end of the input (" + std::to_string(size - pos) +
                                    " bytes left)"));
  }
  const std::size_t end = pos + len;  // one past the FS
  if (data_[end - 1] != std::uint8_t(kFS)) {
    return invalid_argument(bad(end - 1, index, rec.type,
                                "the record does not end with FS where its LEN " + std::to_string(len) +
                                    " says it does (LEN wrong or data truncated)"));
  }
  rec.length = len;
  const std::size_t body_end = end - 1;  // the FS
  p = pos;
  int previous = 0;
  bool warned_order = false;
  while (p < body_end) {
    auto tag = parse_tag(data_, p, body_end);
    if (!tag) {
      return invalid_argument(bad(p, index, rec.type, "expected a field tag \"" + std::to_string(rec.type) +
                                                         ".NNN:\" after the previous field"));
    }
    if (tag->type != rec.type) {
      warn(index, rec.type, tag->number, p,
           "tag says record type " + std::to_string(tag->type) + " inside a Type-" +
               std::to_string(rec.type) + " record");
    }
    Field field;
    field.number = tag->number;
    field.tag_digits = tag->digits;
    field.offset = p;
    if (tag->type != rec.type) field.tag_record_type = tag->type;
    const std::size_t vstart = p + tag->length;
    std::size_t vend = body_end;
    std::size_t gs = 0;
    if (tag->number == 999 && !is_text_before_next_tag(data_, vstart, body_end, rec.type, &gs)) {
      vend = body_end;  // the binary payload runs to the FS
    } else if (tag->number == 999) {
      vend = gs;
      warn(index, rec.type, 999, p,
           "field " + std::to_string(rec.type) + ".999 appears more than once; the first holds text "
           "and is kept as a field, the image is taken from the last");
    } else {
      const void* g = std::memchr(data_.data() + vstart, kGS, body_end - vstart);
      if (g) vend = static_cast<const std::uint8_t*>(g) - data_.data();
    }
    field.value = slice(data_, vstart, vend);
    if (tag->number < previous && !warned_order) {
      warn(index, rec.type, tag->number, p, "fields out of ascending order (" + std::to_string(previous) +
                                                " before " + std::to_string(tag->number) + ")");
      warned_order = true;
    }
    previous = tag->number;
    rec.fields.push_back(std::move(field));
    p = vend;
    if (p < body_end) ++p;  // the GS
  }
  return rec;
}

// Fixed headers (bytes) of the binary records: Type-3/4/5/6 clause 8.4 / Annex B, Type-7 8.7,
// Type-8 8.8.
std::size_t binary_header_size(int type) {
  if (type == 7) return 5;
  if (type == 8) return 12;
  return 18;
}

Result<Record> Reader::read_binary(std::size_t pos, int index, int type) {
  const std::size_t size = data_.size();
  const std::size_t header = binary_header_size(type);
  if (size - pos < 4) {
    return invalid_argument(bad(pos, index, type, "truncated: the 4-byte LEN of the binary record is cut off"));
  }
  const std::uint32_t len = be32(data_, pos);
  if (len < header) {
    return invalid_argument(bad(pos, index, type, "field " + std::to_string(type) + ".001 LEN " +
                                                     std::to_string(len) + " is smaller than the " +
                                                     std::to_string(header) + "-byte header"));
  }
  if (len > size - pos) {
    return invalid_argument(bad(pos, index, type, "field " + std::to_string(type) + ".001 LEN " +
                                                     std::to_string(len) + " runs past the end of the input (" +
                                                     std::to_string(size - pos) + " bytes left)"));
  }
  Record rec;
  rec.type = type;
  rec.offset = pos;
  rec.length = len;
  auto add = [&](int number, std::string value, std::size_t at) {
    Field f;
    f.number = number;
    f.value = std::move(value);
    f.offset = pos + at;
    rec.fields.push_back(std::move(f));
  };
  auto num = [](unsigned v) { return std::to_string(v); };
  add(1, num(len), 0);
  add(2, num(data_[pos + 4]), 4);
  if (type == 7) {
    add(3, slice(data_, pos + 5, pos + len), 5);
    return rec;
  }
  if (type == 8) {
    add(3, num(data_[pos + 5]), 5);   // SIG: 0 subject, 1 official
    add(4, num(data_[pos + 6]), 6);   // SRT: 0 scanned raw, 1 scanned compressed, 2 vector
    add(5, num(data_[pos + 7]), 7);   // ISR
    add(6, num(be16(data_, pos + 8)), 8);
    add(7, num(be16(data_, pos + 10)), 10);
    add(8, slice(data_, pos + 12, pos + len), 12);
    return rec;
  }
  add(3, num(data_[pos + 5]), 5);  // IMP
  std::string fgp;
  for (int i = 0; i < 6; ++i) {
    if (i) fgp += kRS;
    fgp += num(data_[pos + 6 + i]);
  }
  add(4, fgp, 6);
  add(5, num(data_[pos + 12]), 12);  // ISR
  add(6, num(be16(data_, pos + 13)), 13);
  add(7, num(be16(data_, pos + 15)), 15);
  add(8, num(data_[pos + 17]), 17);  // CGA (GCA): 0 none, 1 WSQ, ...
  add(9, slice(data_, pos + 18, pos + len), 18);
  return rec;
}

struct CntEntry {
  int type = -1;
  std::string idc;
};

Result<ReadResult> Reader::read() {
  if (data_.empty()) return invalid_argument("byte 0: empty input, not an ANSI/NIST-ITL transaction");
  ABIS_ASSIGN_OR_RETURN(Record type1, read_tagged(0, 0));
  if (type1.type != 1) {
    return invalid_argument(bad(0, 0, type1.type, "the transaction must start with a Type-1 record"));
  }
  // CNT only types the records here; validate_transaction compares it with what was read.
  std::vector<CntEntry> cnt;
  if (const Field* cnt_field = type1.find(3)) {
    auto subs = cnt_field->subfields();
    for (std::size_t s = 1; s < subs.size(); ++s) {
      CntEntry e;
      e.type = std::atoi(subs[s][0].c_str());
      if (subs[s].size() > 1) e.idc = subs[s][1];
      cnt.push_back(e);
    }
  }
  std::size_t pos = type1.length;
  out_.transaction.records.push_back(std::move(type1));
  int index = 1;
  while (pos < data_.size()) {
    const CntEntry* entry = static_cast<std::size_t>(index - 1) < cnt.size() ? &cnt[index - 1] : nullptr;
    auto tag = parse_tag(data_, pos, data_.size());
    const bool cnt_binary = entry && is_binary_type(entry->type);
    Result<Record> rec = invalid_argument("");
    // A tag of a tagged type is trusted over the CNT; otherwise the CNT types a binary record.
    if (tag && !is_binary_type(tag->type) && !(cnt_binary && tag->number != 1)) {
      rec = read_tagged(pos, index);
    } else if (cnt_binary) {
      rec = read_binary(pos, index, entry->type);
    } else if (tag) {
      rec = read_tagged(pos, index);  // fails, naming what is wrong
    } else if (!entry) {
      return invalid_argument(bad(pos, index, 0, "a record that 1.003 CNT does not list (CNT has " +
                                                     std::to_string(cnt.size()) +
                                                     " entries) and that is not tagged: its type is unknown"));
    } else {
      return invalid_argument(bad(pos, index, entry->type, "CNT lists a tagged Type-" + std::to_string(entry->type) +
                                                               " record here but the bytes are not a tag"));
    }
    if (!rec.is_ok()) return rec.status();
    pos += rec->length;
    out_.transaction.records.push_back(std::move(rec).value());
    ++index;
  }
  return std::move(out_);
}

}  // namespace

Result<ReadResult> read_transaction(std::span<const std::uint8_t> data) {
  Reader reader(data);
  return reader.read();
}

}  // namespace abis::formats::ansi_nist
