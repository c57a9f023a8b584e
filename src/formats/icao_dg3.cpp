// ICAO 9303 DG3: BER-TLV, CBEFF templates, ISO/IEC 19794-4 data blocks (icao_dg3.h).
#include <cstdio>

#include "formats/icao_dg3.h"

namespace abis::formats {
namespace {

constexpr int kMaxDepth = 16;

std::string hex_tag(std::uint32_t tag) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%X", tag);
  return buf;
}

Result<std::vector<TlvNode>> parse_level(std::span<const std::uint8_t> d, std::size_t base, int depth) {
  if (depth > kMaxDepth) return invalid_argument("byte " + std::to_string(base) + ": TLV nested too deep");
  std::vector<TlvNode> out;
  std::size_t p = 0;
  while (p < d.size()) {
    TlvNode node;
    node.offset = base + p;
    const std::string at = "byte " + std::to_string(base + p) + ": ";
    // Tag: one byte, or 0x1F in the low bits then bytes with bit 8 set until the last (8825-1 8.1.2).
    std::uint32_t tag = d[p++];
    if ((tag & 0x1F) == 0x1F) {
      int more = 0;
      do {
        if (p >= d.size()) return invalid_argument(at + "tag truncated");
        if (++more > 3) return invalid_argument(at + "tag longer than 4 bytes");
        tag = (tag << 8) | d[p];
      } while (d[p++] & 0x80);
    }
    node.tag = tag;
    if (p >= d.size()) return invalid_argument(at + "tag " + hex_tag(tag) + ": length missing (truncated)");
    std::size_t len = d[p++];
    if (len == 0x80) return invalid_argument(at + "tag " + hex_tag(tag) + ": indefinite length is not allowed");
    if (len > 0x80) {
      const std::size_t n = len & 0x7F;
      if (n > 4) return invalid_argument(at + "tag " + hex_tag(tag) + ": length of " + std::to_string(n) + " bytes");
      if (d.size() - p < n) return invalid_argument(at + "tag " + hex_tag(tag) + ": length truncated");
      len = 0;
      for (std::size_t i = 0; i < n; ++i) len = (len << 8) | d[p++];
    }
    if (len > d.size() - p) {
      return invalid_argument(at + "tag " + hex_tag(tag) + ": length " + std::to_string(len) + " runs past its container (" +
                              std::to_string(d.size() - p) + " bytes left)");
    }
    node.value = d.subspan(p, len);
    if (node.constructed()) {
      ABIS_ASSIGN_OR_RETURN(node.children, parse_level(node.value, base + p, depth + 1));
    }
    p += len;
    out.push_back(std::move(node));
  }
  return out;
}

const TlvNode* child(const TlvNode& n, std::uint32_t tag) {
  for (const auto& c : n.children)
    if (c.tag == tag) return &c;
  return nullptr;
}

}  // namespace

bool TlvNode::constructed() const {
  // Bit 6 of the first tag byte (8825-1 8.1.2.5).
  std::uint32_t first = tag;
  while (first > 0xFF) first >>= 8;
  return (first & 0x20) != 0;
}

Result<std::vector<TlvNode>> parse_tlv(std::span<const std::uint8_t> data, std::size_t base_offset) {
  return parse_level(data, base_offset, 0);
}

Result<Dg3> read_dg3(std::span<const std::uint8_t> data) {
  ABIS_ASSIGN_OR_RETURN(std::vector<TlvNode> top, parse_tlv(data));
  if (top.empty() || top[0].tag != 0x63) {
    return invalid_argument("byte 0: not an EF.DG3 (tag 63 expected)");
  }
  const TlvNode* group = child(top[0], 0x7F61);
  if (!group) return invalid_argument("byte " + std::to_string(top[0].offset) + ": DG3 without its 7F61 group template");
  Dg3 dg3;
  if (const TlvNode* count = child(*group, 0x02)) {
    for (auto b : count->value) dg3.declared_instances = (dg3.declared_instances << 8) | b;
  }
  for (const auto& bit : group->children) {
    if (bit.tag != 0x7F60) continue;
    Dg3Template t;
    const std::string at = "byte " + std::to_string(bit.offset) + ": template " + std::to_string(dg3.templates.size() + 1);
    if (const TlvNode* bht = child(bit, 0xA1)) {
      for (const auto& h : bht->children) t.header[h.tag].assign(h.value.begin(), h.value.end());
    } else {
      t.warnings.push_back(at + ": no A1 biometric header template");
    }
    const TlvNode* bdb = child(bit, 0x5F2E);
    if (!bdb) {
      if (child(bit, 0x7F2E)) return unsupported(at + ": enciphered biometric data block (7F2E)");
      return invalid_argument(at + ": no 5F2E biometric data block");
    }
    t.bdb_offset = bdb->offset;
    t.bdb.assign(bdb->value.begin(), bdb->value.end());
    auto format = t.header.find(0x88);
    if (format != t.header.end() && !(format->second.size() == 2 && format->second[0] == 0 && format->second[1] == 7)) {
      t.warnings.push_back(at + ": format type is not 0007 (finger image); parsed as ISO/IEC 19794-4 anyway");
    }
    auto record = read_finger_image_record(bdb->value, &t.warnings);
    if (!record.is_ok()) return record.status().with_context(at + " data block at byte " + std::to_string(bdb->offset));
    t.record = std::move(record).value();
    dg3.templates.push_back(std::move(t));
  }
  if (dg3.declared_instances != static_cast<int>(dg3.templates.size()) && !dg3.templates.empty()) {
    dg3.templates.front().warnings.push_back("the 02 element says " + std::to_string(dg3.declared_instances) +
                                             " templates, the group holds " + std::to_string(dg3.templates.size()));
  }
  return dg3;
}

}  // namespace abis::formats
