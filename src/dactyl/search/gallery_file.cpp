#include "dactyl/search/gallery_file.h"

#include <zlib.h>

#include <cstring>
#include <string>
#include <unordered_map>

#include "core/file_io.h"
#include "dactyl/search/packed_finger.h"
#include "dactyl/search/parallel.h"

namespace abis::dactyl::search {
namespace {

constexpr std::size_t kDescriptorBytes = params::kDescriptorBits / 8;
// A gallery file is read whole; this bounds what a hostile header can make us allocate.
constexpr std::uintmax_t kMaxGalleryFileBytes = std::uintmax_t{64} << 30;

std::uint32_t crc(std::span<const std::uint8_t> data) {
  uLong c = crc32(0L, Z_NULL, 0);
  const std::uint8_t* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {  // zlib takes 32-bit lengths
    const auto n = static_cast<uInt>(std::min<std::size_t>(left, 1u << 30));
    c = crc32(c, p, n);
    p += n;
    left -= n;
  }
  return static_cast<std::uint32_t>(c);
}

void put(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
  std::uint8_t b[8];
  for (int i = 0; i < bytes; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * i));
  out.insert(out.end(), b, b + bytes);
}
std::uint64_t get(const std::uint8_t* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= std::uint64_t{p[i]} << (8 * i);
  return v;
}

Status corrupt(std::size_t offset, const std::string& what) {
  return data_corrupt("gallery file, byte " + std::to_string(offset) + ": " + what);
}

struct Layout {
  std::uint64_t fingers = 0, minutiae = 0, persons = 0, person_bytes = 0;
  std::size_t persons_at = 0, records_at = 0, descriptors_at = 0, minutiae_at = 0, trailer_at = 0;
};

}  // namespace

std::vector<std::uint8_t> encode_gallery(const Snapshot& snapshot) {
  // Person table: each distinct id once, in order of first appearance.
  std::unordered_map<std::string, std::uint32_t> person_index;
  std::vector<const std::string*> persons;
  std::uint64_t fingers = 0, minutiae = 0, person_bytes = 0;
  for (const auto& view : snapshot.segments)
    for (std::size_t s = 0; s < view.data->size(); ++s) {
      if (!view.live(s)) continue;
      ++fingers;
      minutiae += view.data->packed_minutiae(s).size();
      const std::string& id = view.data->person_id(s);
      if (person_index.emplace(id, static_cast<std::uint32_t>(persons.size())).second) {
        persons.push_back(&id);
        person_bytes += 1 + id.size();
      }
    }
  // The header, written in place (fixed offsets, see docs/formats/gallery.md).
  std::vector<std::uint8_t> out(kGalleryHeaderBytes, 0);
  auto set = [&](std::size_t at, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out[at + i] = static_cast<std::uint8_t>(v >> (8 * i));
  };
  for (int i = 0; i < 4; ++i) out[i] = kGalleryMagic[i];
  set(4, kGalleryVersion, 2);
  set(6, kDescriptorVersion, 2);
  set(8, params::kDescriptorBits, 2);
  set(12, kGalleryHeaderBytes, 4);
  set(16, fingers, 8);
  set(24, minutiae, 8);
  set(32, persons.size(), 8);
  set(40, person_bytes, 8);
  set(60, crc({out.data(), 60}), 4);
  out.reserve(kGalleryHeaderBytes + person_bytes + fingers * (kGalleryRecordBytes + kDescriptorBytes) + minutiae * 4 + 4);
  for (const std::string* id : persons) {
    out.push_back(static_cast<std::uint8_t>(id->size()));
    out.insert(out.end(), id->begin(), id->end());
  }
  for (const auto& view : snapshot.segments)
    for (std::size_t s = 0; s < view.data->size(); ++s) {
      if (!view.live(s)) continue;
      const Segment& seg = *view.data;
      put(out, person_index.at(seg.person_id(s)), 4);
      put(out, static_cast<std::uint64_t>(seg.position(s)), 1);
      put(out, seg.quality(s), 1);
      put(out, seg.packed_minutiae(s).size(), 2);
      put(out, seg.width(s), 2);
      put(out, seg.height(s), 2);
      put(out, 0, 4);
    }
  for (const auto& view : snapshot.segments)
    for (std::size_t s = 0; s < view.data->size(); ++s) {
      if (!view.live(s)) continue;
      for (std::uint64_t w : std::span(view.data->descriptor(s), params::kDescriptorWords)) put(out, w, 8);
    }
  for (const auto& view : snapshot.segments)
    for (std::size_t s = 0; s < view.data->size(); ++s) {
      if (!view.live(s)) continue;
      for (std::uint32_t m : view.data->packed_minutiae(s)) put(out, m, 4);
    }
  put(out, crc(out), 4);
  return out;
}

Result<std::vector<std::shared_ptr<const Segment>>> decode_gallery(std::span<const std::uint8_t> data, int threads) {
  if (data.size() < kGalleryHeaderBytes + 4)
    return corrupt(data.size(), "file of " + std::to_string(data.size()) + " bytes is shorter than a gallery header");
  const std::uint8_t* p = data.data();
  if (std::memcmp(p, kGalleryMagic, 4) != 0) return corrupt(0, "not a gallery file (magic is not ABGL)");
  if (get(p + 60, 4) != crc(data.first(60))) return corrupt(60, "header checksum mismatch");
  const auto version = get(p + 4, 2);
  if (version != kGalleryVersion)
    return unsupported("gallery file version " + std::to_string(version) + " (this build reads version " +
                       std::to_string(kGalleryVersion) + ")");
  const auto descriptor_version = get(p + 6, 2), descriptor_bits = get(p + 8, 2);
  if (descriptor_bits == 0 || descriptor_bits % 64 != 0 || descriptor_bits > 65472)
    return corrupt(8, "descriptor size " + std::to_string(descriptor_bits) + " bits is not a multiple of 64");
  if (get(p + 12, 4) != kGalleryHeaderBytes) return corrupt(12, "header size is not 64");
  Layout l;
  l.fingers = get(p + 16, 8);
  l.minutiae = get(p + 24, 8);
  l.persons = get(p + 32, 8);
  l.person_bytes = get(p + 40, 8);
  // Every count is bounded by the file size before any arithmetic that could overflow.
  const std::uint64_t size = data.size();
  if (l.fingers > size / kGalleryRecordBytes) return corrupt(16, "finger count larger than the file");
  if (l.minutiae > size / 4) return corrupt(24, "minutiae count larger than the file");
  if (l.persons > size || l.person_bytes > size) return corrupt(32, "person table larger than the file");
  const std::uint64_t descriptor_bytes = descriptor_bits / 8;
  const std::uint64_t expected = kGalleryHeaderBytes + l.person_bytes + l.fingers * (kGalleryRecordBytes + descriptor_bytes) +
                                 l.minutiae * 4 + 4;
  if (expected != size)
    return corrupt(size, "file holds " + std::to_string(size) + " bytes, its header announces " + std::to_string(expected));
  if (get(p + size - 4, 4) != crc(data.first(size - 4))) return corrupt(size - 4, "checksum mismatch (damaged file)");
  l.persons_at = kGalleryHeaderBytes;
  l.records_at = l.persons_at + l.person_bytes;
  l.descriptors_at = l.records_at + l.fingers * kGalleryRecordBytes;
  l.minutiae_at = l.descriptors_at + l.fingers * descriptor_bytes;
  l.trailer_at = l.minutiae_at + l.minutiae * 4;

  std::vector<std::string> persons;
  persons.reserve(l.persons);
  for (std::size_t at = l.persons_at; persons.size() < l.persons;) {
    if (at >= l.records_at) return corrupt(at, "person table ends after " + std::to_string(persons.size()) + " ids");
    const std::size_t len = p[at];
    if (len == 0) return corrupt(at, "empty person id");
    if (at + 1 + len > l.records_at) return corrupt(at, "person id runs past the person table");
    persons.emplace_back(reinterpret_cast<const char*>(p + at + 1), len);
    at += 1 + len;
    if (persons.size() == l.persons && at != l.records_at) return corrupt(at, "bytes left after the person table");
  }
  if (l.persons == 0 && l.person_bytes != 0) return corrupt(40, "person table bytes without persons");

  // Records: checked in one pass, which also gives each finger's first minutia.
  std::vector<std::uint64_t> first(l.fingers + 1, 0);
  for (std::uint64_t f = 0; f < l.fingers; ++f) {
    const std::size_t at = l.records_at + f * kGalleryRecordBytes;
    const std::uint8_t* r = p + at;
    if (get(r, 4) >= l.persons) return corrupt(at, "finger " + std::to_string(f) + ": person index out of range");
    if (r[4] < kMinFingerPosition || r[4] > kMaxFingerPosition)
      return corrupt(at + 4, "finger " + std::to_string(f) + ": unknown finger position " + std::to_string(r[4]));
    if (r[5] > 100) return corrupt(at + 5, "finger " + std::to_string(f) + ": quality above 100");
    const auto count = get(r + 6, 2);
    if (count == 0 || count > kPackedMaxMinutiae)
      return corrupt(at + 6, "finger " + std::to_string(f) + ": minutiae count " + std::to_string(count));
    first[f + 1] = first[f] + count;
    if (first[f + 1] > l.minutiae) return corrupt(at + 6, "finger " + std::to_string(f) + ": minutiae past the table");
  }
  if (first[l.fingers] != l.minutiae) return corrupt(24, "minutiae count does not match the fingers' counts");
  for (std::uint64_t m = 0; m < l.minutiae; ++m)
    if ((p[l.minutiae_at + 4 * m + 3] >> 6) == 3) return corrupt(l.minutiae_at + 4 * m + 3, "unknown minutia type 3");

  const bool recompute = descriptor_version != kDescriptorVersion || descriptor_bits != params::kDescriptorBits;
  const std::uint64_t per_segment = params::kBulkSegmentFingers;
  const std::uint64_t segments = (l.fingers + per_segment - 1) / per_segment;
  std::vector<std::shared_ptr<const Segment>> out(segments);
  parallel_for(segments, resolve_threads(threads), [&](std::size_t g) {
    const std::uint64_t begin = g * per_segment, end = std::min(l.fingers, begin + per_segment);
    auto seg = std::make_shared<Segment>(end - begin);
    std::vector<std::uint32_t> minutiae;
    for (std::uint64_t f = begin; f < end; ++f) {
      const std::uint8_t* r = p + l.records_at + f * kGalleryRecordBytes;
      minutiae.resize(first[f + 1] - first[f]);
      for (std::size_t k = 0; k < minutiae.size(); ++k)
        minutiae[k] = static_cast<std::uint32_t>(get(p + l.minutiae_at + 4 * (first[f] + k), 4));
      DescriptorWords words{};
      if (recompute) {
        Template tpl;
        for (auto v : minutiae) tpl.minutiae.push_back(unpack_minutia(v));
        words = make_descriptor(tpl).bits;
      } else {
        std::memcpy(words.data(), p + l.descriptors_at + f * descriptor_bytes, descriptor_bytes);
        if constexpr (std::endian::native == std::endian::big)
          for (auto& w : words) w = get(reinterpret_cast<const std::uint8_t*>(&w), 8);
      }
      seg->append_packed(persons[get(r, 4)], r[4], static_cast<std::uint16_t>(get(r + 8, 2)),
                         static_cast<std::uint16_t>(get(r + 10, 2)), r[5], minutiae, words);
    }
    seg->shrink_to_fit();
    out[g] = std::move(seg);
  });
  return out;
}

Status save_gallery(const Snapshot& snapshot, const std::filesystem::path& path) {
  const auto bytes = encode_gallery(snapshot);
  return core::write_file_atomic(path, bytes);
}

Status load_gallery(const std::filesystem::path& path, Gallery& gallery, int threads) {
  ABIS_ASSIGN_OR_RETURN(core::Bytes bytes, core::read_file(path, kMaxGalleryFileBytes));
  auto segments = decode_gallery(bytes, threads);
  if (!segments.is_ok()) return segments.status().with_context(path.string());
  Status st = gallery.add_segments(std::move(*segments));
  if (!st.is_ok()) return st.with_context(path.string());
  return Status::ok();
}

}  // namespace abis::dactyl::search
