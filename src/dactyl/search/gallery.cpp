#include "dactyl/search/gallery.h"

#include <set>
#include <utility>

#include "dactyl/search/packed_finger.h"
#include "dactyl/search/parallel.h"

namespace abis::dactyl::search {
namespace {

std::string finger_name(const std::string& person, int position) {
  return "person " + person + " finger " + std::to_string(position);
}

std::shared_ptr<std::vector<std::uint64_t>> empty_bitmap(std::size_t capacity) {
  return std::make_shared<std::vector<std::uint64_t>>((capacity + 63) / 64, 0);
}

}  // namespace

// ---- Segment ----------------------------------------------------------------------------------

Segment::Segment(std::size_t capacity) : capacity_(capacity) {
  minutiae_begin_.push_back(0);
}

void Segment::shrink_to_fit() {
  descriptors_.shrink_to_fit();
  descriptor_count_.shrink_to_fit();
  person_.shrink_to_fit();
  position_.shrink_to_fit();
  width_.shrink_to_fit();
  height_.shrink_to_fit();
  quality_.shrink_to_fit();
  minutiae_begin_.shrink_to_fit();
  minutiae_.shrink_to_fit();
  persons_.shrink_to_fit();
}

std::uint32_t Segment::intern_person(const std::string& person_id) {
  // Fingers of one person usually arrive together: look at the last ones first. In small (insert)
  // segments a short scan finds earlier ones; a repeated id in a large segment only costs memory.
  const std::size_t scan = persons_.size() <= 2048 ? persons_.size() : 16;
  for (std::size_t k = 0; k < scan; ++k) {
    const std::size_t i = persons_.size() - 1 - k;
    if (persons_[i] == person_id) return static_cast<std::uint32_t>(i);
  }
  persons_.push_back(person_id);
  return static_cast<std::uint32_t>(persons_.size() - 1);
}

void Segment::append_packed(const std::string& person_id, int position, std::uint16_t width, std::uint16_t height,
                            std::uint8_t quality, std::span<const std::uint32_t> minutiae,
                            const DescriptorWords& descriptor) {
  std::uint32_t count = 0;
  for (auto w : descriptor) count += static_cast<std::uint32_t>(std::popcount(w));
  descriptors_.push_back(descriptor);
  descriptor_count_.push_back(static_cast<std::uint16_t>(count));
  person_.push_back(intern_person(person_id));
  position_.push_back(static_cast<std::uint8_t>(position));
  width_.push_back(width);
  height_.push_back(height);
  quality_.push_back(quality);
  minutiae_.insert(minutiae_.end(), minutiae.begin(), minutiae.end());
  minutiae_begin_.push_back(static_cast<std::uint32_t>(minutiae_.size()));
}

void Segment::append(const std::string& person_id, int position, const Template& tpl, const Descriptor& descriptor) {
  std::vector<std::uint32_t> packed;
  packed.reserve(tpl.minutiae.size());
  for (const Minutia& m : tpl.minutiae) packed.push_back(pack_minutia(m));
  append_packed(person_id, position, tpl.width, tpl.height, tpl.quality, packed, descriptor.bits);
}

Template Segment::finger_template(std::size_t slot) const {
  Template tpl;
  tpl.width = width_[slot];
  tpl.height = height_[slot];
  tpl.quality = quality_[slot];
  const auto packed = packed_minutiae(slot);
  tpl.minutiae.reserve(packed.size());
  for (auto v : packed) tpl.minutiae.push_back(unpack_minutia(v));
  return tpl;
}

std::size_t Segment::memory_bytes() const {
  std::size_t n = sizeof(*this) + descriptors_.capacity() * sizeof(DescriptorWords) +
                  descriptor_count_.capacity() * 2 + person_.capacity() * 4 + position_.capacity() +
                  width_.capacity() * 2 + height_.capacity() * 2 + quality_.capacity() +
                  minutiae_begin_.capacity() * 4 + minutiae_.capacity() * 4 + persons_.capacity() * sizeof(std::string);
  for (const auto& p : persons_)
    if (p.size() >= sizeof(std::string)) n += p.capacity() + 1;  // beyond the small-string buffer
  return n;
}

// ---- Gallery ----------------------------------------------------------------------------------

Status check_record(const FingerRecord& record) {
  if (record.person_id.empty()) return invalid_argument("empty person id");
  if (record.person_id.size() > kMaxPersonIdBytes)
    return invalid_argument("person id longer than " + std::to_string(kMaxPersonIdBytes) + " bytes");
  if (record.position < kMinFingerPosition || record.position > kMaxFingerPosition)
    return invalid_argument("unknown finger position " + std::to_string(record.position) + " for person " +
                            record.person_id + " (expected 1..10)");
  Status st = check_packable(record.tpl);
  if (!st.is_ok()) return st.with_context(finger_name(record.person_id, record.position));
  return Status::ok();
}

Gallery::Gallery() : current_(std::make_shared<Snapshot>()) {}

std::shared_ptr<const Snapshot> Gallery::snapshot() const {
  std::lock_guard lock(current_mutex_);
  return current_;
}

Snapshot Gallery::begin_change() const { return *snapshot(); }

void Gallery::publish(Snapshot next) {
  next.version += 1;
  auto ptr = std::make_shared<const Snapshot>(std::move(next));
  std::lock_guard lock(current_mutex_);
  current_ = std::move(ptr);
}

void Gallery::mark_deleted(Snapshot& next, std::vector<bool>& bitmap_copied, const Location& where) {
  SegmentView& view = next.segments[where.segment];
  if (!bitmap_copied[where.segment]) {
    view.deleted = std::make_shared<const std::vector<std::uint64_t>>(*view.deleted);
    bitmap_copied[where.segment] = true;
  }
  // The copy is private to this change until published.
  auto& bits = const_cast<std::vector<std::uint64_t>&>(*view.deleted);
  bits[where.slot >> 6] |= std::uint64_t{1} << (where.slot & 63);
  next.live_fingers -= 1;
}

Status Gallery::upsert(std::span<const FingerRecord> records) {
  std::set<std::pair<std::string, int>> seen;
  for (std::size_t i = 0; i < records.size(); ++i) {
    Status st = check_record(records[i]);
    if (!st.is_ok()) return st.with_context("record " + std::to_string(i));
    if (!seen.emplace(records[i].person_id, records[i].position).second)
      return invalid_argument(finger_name(records[i].person_id, records[i].position) + " given twice");
  }
  if (records.empty()) return Status::ok();
  // Descriptors before taking the writer lock: the costly part runs outside it.
  std::vector<Descriptor> descriptors;
  descriptors.reserve(records.size());
  for (const auto& r : records) descriptors.push_back(make_descriptor(r.tpl));

  std::lock_guard writer(writer_);
  Snapshot next = begin_change();
  std::vector<bool> bitmap_copied(next.segments.size(), false);
  std::vector<std::pair<std::size_t, Location>> placed;  // record -> new location
  std::shared_ptr<Segment> open;  // this change's private copy of the open segment
  for (std::size_t i = 0; i < records.size(); ++i) {
    const FingerRecord& r = records[i];
    if (auto it = index_.find(r.person_id); it != index_.end() && it->second[r.position].present) {
      const Location old = it->second[r.position];
      if (old.segment < bitmap_copied.size()) mark_deleted(next, bitmap_copied, old);
    }
    const bool reuse_last = !next.segments.empty() && next.segments.back().data->capacity() ==
                                                           params::kInsertSegmentFingers &&
                            !next.segments.back().data->full();
    if (!open || open->full()) {
      if (!open && reuse_last) {
        open = std::make_shared<Segment>(*next.segments.back().data);
      } else {
        open = std::make_shared<Segment>(params::kInsertSegmentFingers);
        next.segments.push_back({nullptr, empty_bitmap(params::kInsertSegmentFingers)});
        bitmap_copied.push_back(true);
      }
    }
    open->append(r.person_id, r.position, r.tpl, descriptors[i]);
    next.segments.back().data = open;
    next.live_fingers += 1;
    placed.push_back({i, Location{static_cast<std::uint32_t>(next.segments.size() - 1),
                                  static_cast<std::uint32_t>(open->size() - 1), true}});
  }
  publish(std::move(next));
  for (const auto& [i, where] : placed) index_[records[i].person_id][records[i].position] = where;
  return Status::ok();
}

Status Gallery::add_bulk(std::span<const FingerRecord> records, int threads) {
  for (std::size_t i = 0; i < records.size(); ++i) {
    Status st = check_record(records[i]);
    if (!st.is_ok()) return st.with_context("record " + std::to_string(i));
  }
  std::vector<Descriptor> descriptors(records.size());
  constexpr std::size_t kChunk = 1024;
  parallel_for((records.size() + kChunk - 1) / kChunk, resolve_threads(threads), [&](std::size_t c) {
    for (std::size_t i = c * kChunk; i < std::min(records.size(), (c + 1) * kChunk); ++i)
      descriptors[i] = make_descriptor(records[i].tpl);
  });
  std::vector<std::shared_ptr<const Segment>> segments;
  std::shared_ptr<Segment> seg;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!seg || seg->full()) {
      if (seg) {
        seg->shrink_to_fit();
        segments.push_back(std::move(seg));
      }
      seg = std::make_shared<Segment>(std::min(params::kBulkSegmentFingers, records.size() - i));
    }
    seg->append(records[i].person_id, records[i].position, records[i].tpl, descriptors[i]);
  }
  if (seg) {
    seg->shrink_to_fit();
    segments.push_back(std::move(seg));
  }
  return add_segments(std::move(segments));
}

Status Gallery::add_segments(std::vector<std::shared_ptr<const Segment>> segments) {
  std::lock_guard writer(writer_);
  // Check every key first, so that a refused batch changes nothing.
  std::set<std::pair<std::string, int>> batch;
  for (const auto& seg : segments) {
    for (std::size_t s = 0; s < seg->size(); ++s) {
      const std::string& person = seg->person_id(s);
      const int position = seg->position(s);
      auto it = index_.find(person);
      if ((it != index_.end() && it->second[position].present) || !batch.emplace(person, position).second)
        return already_exists(finger_name(person, position) + " is already in the gallery");
    }
  }
  Snapshot next = begin_change();
  for (auto& seg : segments) {
    const auto segment_index = static_cast<std::uint32_t>(next.segments.size());
    for (std::size_t s = 0; s < seg->size(); ++s)
      index_[seg->person_id(s)][seg->position(s)] = Location{segment_index, static_cast<std::uint32_t>(s), true};
    next.live_fingers += seg->size();
    next.segments.push_back({seg, empty_bitmap(seg->capacity())});
  }
  publish(std::move(next));
  return Status::ok();
}

Status Gallery::remove(const std::string& person_id, int position) {
  std::lock_guard writer(writer_);
  auto it = index_.find(person_id);
  if (position < kMinFingerPosition || position > kMaxFingerPosition)
    return invalid_argument("unknown finger position " + std::to_string(position) + " (expected 1..10)");
  if (it == index_.end() || !it->second[position].present)
    return not_found(finger_name(person_id, position) + " is not in the gallery");
  Snapshot next = begin_change();
  std::vector<bool> copied(next.segments.size(), false);
  mark_deleted(next, copied, it->second[position]);
  publish(std::move(next));
  it->second[position].present = false;
  bool any = false;
  for (const auto& loc : it->second) any = any || loc.present;
  if (!any) index_.erase(it);
  return Status::ok();
}

Status Gallery::remove_person(const std::string& person_id) {
  std::lock_guard writer(writer_);
  auto it = index_.find(person_id);
  if (it == index_.end()) return not_found("person " + person_id + " has no finger in the gallery");
  Snapshot next = begin_change();
  std::vector<bool> copied(next.segments.size(), false);
  for (const auto& loc : it->second)
    if (loc.present) mark_deleted(next, copied, loc);
  publish(std::move(next));
  index_.erase(it);
  return Status::ok();
}

GalleryStats Gallery::stats() const {
  std::lock_guard writer(writer_);
  auto snap = snapshot();
  GalleryStats st;
  st.fingers = snap->live_fingers;
  st.persons = index_.size();
  st.segments = snap->segments.size();
  for (const auto& v : snap->segments) st.memory_bytes += v.data->memory_bytes() + v.deleted->capacity() * 8;
  // The writer's index: one hash node per person (key, table of locations, bucket).
  st.memory_bytes += index_.size() * (sizeof(std::pair<const std::string, PersonFingers>) + 2 * sizeof(void*)) +
                     index_.bucket_count() * sizeof(void*);
  for (const auto& [k, v] : index_)
    if (k.size() >= sizeof(std::string)) st.memory_bytes += k.capacity() + 1;
  return st;
}

}  // namespace abis::dactyl::search
