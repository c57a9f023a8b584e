// The 1:N gallery: the enrolled fingers (person id, finger position 1-10, minutiae, fast-stage
// descriptor) held in memory for search, and changed while searches run.
//
// Layout. Fingers live in segments, each a structure of arrays: the descriptors of a segment are
// one contiguous block (kDescriptorBits / 8 bytes per finger) that the fast stage streams through,
// and the minutiae (4 bytes each, packed_finger.h), person and position sit in side arrays read
// only for the short list. About 256 + 4 n + 20 bytes per finger of n minutiae.
//
// Concurrency (copy-on-write). A search takes a Snapshot - an immutable list of segments, each with
// its own deletion bitmap - and works on it alone, however long it takes. A writer (one at a time)
// builds the next snapshot: an insert copies only the small open segment it appends to (at most
// kInsertSegmentFingers fingers), a delete copies only the deletion bitmap of the segment holding
// the finger; every other segment is shared. The new snapshot is then published in one pointer
// swap, so a search sees a change (even a ten-print of several fingers) entirely or not at all, and
// a deleted finger is never in a snapshot taken after the delete returned. Searches never wait for
// writers beyond that swap. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "dactyl/search/descriptor.h"
#include "dactyl/template/template.h"

namespace abis::dactyl::search {

constexpr int kMinFingerPosition = 1;   // right thumb (ANSI/NIST-ITL finger position codes)
constexpr int kMaxFingerPosition = 10;  // left little finger
constexpr std::size_t kMaxPersonIdBytes = 255;

// One finger to enrol.
struct FingerRecord {
  std::string person_id;
  int position = 0;  // 1..10
  Template tpl;
};

// An immutable block of fingers (structure of arrays). Built by a writer, then only read.
class Segment {
 public:
  explicit Segment(std::size_t capacity);

  std::size_t size() const { return position_.size(); }
  std::size_t capacity() const { return capacity_; }
  bool full() const { return size() >= capacity_; }

  // Appends one finger; the template must have passed check_packable().
  void append(const std::string& person_id, int position, const Template& tpl, const Descriptor& descriptor);
  // Appends a finger whose packed minutiae and descriptor are already known (gallery files).
  void append_packed(const std::string& person_id, int position, std::uint16_t width, std::uint16_t height,
                     std::uint8_t quality, std::span<const std::uint32_t> minutiae, const DescriptorWords& descriptor);

  const std::uint64_t* descriptor(std::size_t slot) const { return descriptors_[slot].data(); }
  std::uint32_t descriptor_count(std::size_t slot) const { return descriptor_count_[slot]; }
  int position(std::size_t slot) const { return position_[slot]; }
  const std::string& person_id(std::size_t slot) const { return persons_[person_[slot]]; }
  std::span<const std::uint32_t> packed_minutiae(std::size_t slot) const {
    return {minutiae_.data() + minutiae_begin_[slot], minutiae_begin_[slot + 1] - minutiae_begin_[slot]};
  }
  std::uint16_t width(std::size_t slot) const { return width_[slot]; }
  std::uint16_t height(std::size_t slot) const { return height_[slot]; }
  std::uint8_t quality(std::size_t slot) const { return quality_[slot]; }
  // Frees the spare capacity of the arrays once a segment is complete (bulk loading).
  void shrink_to_fit();
  // The finger's template as the gallery holds it (see packed_form()).
  Template finger_template(std::size_t slot) const;

  std::size_t memory_bytes() const;

 private:
  std::uint32_t intern_person(const std::string& person_id);

  std::size_t capacity_;
  std::vector<DescriptorWords> descriptors_;
  std::vector<std::uint16_t> descriptor_count_;
  std::vector<std::uint32_t> person_;
  std::vector<std::uint8_t> position_;
  std::vector<std::uint16_t> width_, height_;
  std::vector<std::uint8_t> quality_;
  std::vector<std::uint32_t> minutiae_begin_;  // size() + 1
  std::vector<std::uint32_t> minutiae_;
  std::vector<std::string> persons_;  // the person ids this segment refers to
};

// A segment as one snapshot sees it: the shared data and this snapshot's deletion bitmap.
struct SegmentView {
  std::shared_ptr<const Segment> data;
  std::shared_ptr<const std::vector<std::uint64_t>> deleted;  // one bit per slot
  bool live(std::size_t slot) const { return !(((*deleted)[slot >> 6] >> (slot & 63)) & 1); }
};

// What a search sees: immutable. Fingers are ordered by (segment, slot); that order is the
// gallery's insertion order, kept by save and load, and breaks ties between equal scores.
struct Snapshot {
  std::vector<SegmentView> segments;
  std::size_t live_fingers = 0;
  std::uint64_t version = 0;  // +1 per published change
};

struct GalleryStats {
  std::size_t fingers = 0;
  std::size_t persons = 0;
  std::size_t segments = 0;
  std::size_t memory_bytes = 0;  // segments, bitmaps and the writer's index
};

class Gallery {
 public:
  Gallery();
  Gallery(const Gallery&) = delete;
  Gallery& operator=(const Gallery&) = delete;

  // The current state, for one search. Cheap (one shared_ptr copy under a short lock).
  std::shared_ptr<const Snapshot> snapshot() const;

  // Inserts the fingers, replacing any finger already enrolled under the same person and position,
  // as one atomic change. kInvalidArgument (naming the record) for an empty person id, a position
  // outside 1..10, a template that cannot be packed, or the same finger twice in `records`.
  Status upsert(std::span<const FingerRecord> records);
  Status upsert(const FingerRecord& record) { return upsert(std::span<const FingerRecord>(&record, 1)); }

  // Many new fingers at once, their descriptors computed on `threads` threads, in large segments.
  // kAlreadyExists when a finger is already enrolled (bulk loading is for new fingers).
  Status add_bulk(std::span<const FingerRecord> records, int threads);
  // Adds finished segments (gallery files); the caller guarantees unique keys among them and the
  // gallery, checked here (kDataCorrupt naming the duplicate).
  Status add_segments(std::vector<std::shared_ptr<const Segment>> segments);

  // kNotFound when the finger (or the person) is not enrolled.
  Status remove(const std::string& person_id, int position);
  Status remove_person(const std::string& person_id);

  GalleryStats stats() const;

 private:
  struct Location {
    std::uint32_t segment = 0;
    std::uint32_t slot = 0;
    bool present = false;
  };
  using PersonFingers = std::array<Location, kMaxFingerPosition + 1>;

  // Under writer_: a private copy of the current snapshot to modify, and its publication.
  Snapshot begin_change() const;
  void publish(Snapshot next);
  static void mark_deleted(Snapshot& next, std::vector<bool>& bitmap_copied, const Location& where);

  mutable std::mutex writer_;    // one writer at a time
  mutable std::mutex current_mutex_;  // guards the pointer swap only
  std::shared_ptr<const Snapshot> current_;
  std::unordered_map<std::string, PersonFingers> index_;  // writer side: where every finger is
};

// kInvalidArgument naming what is wrong with one finger to enrol.
Status check_record(const FingerRecord& record);

}  // namespace abis::dactyl::search
