// The gallery file (docs/formats/gallery.md): every live finger of a gallery snapshot - person id,
// finger position, packed minutiae and fast-stage descriptor - in one versioned, checksummed,
// little-endian file laid out as the arrays the gallery keeps in memory, so that loading is mostly
// copying (1,000,000 fingers in a few seconds). The loader checks every field and never reads past
// its input; a bad file gives kDataCorrupt naming the byte offset and the field. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "core/status.h"
#include "dactyl/search/gallery.h"

namespace abis::dactyl::search {

constexpr std::uint8_t kGalleryMagic[4] = {'A', 'B', 'G', 'L'};
constexpr std::uint16_t kGalleryVersion = 1;
constexpr std::size_t kGalleryHeaderBytes = 64;
constexpr std::size_t kGalleryRecordBytes = 16;

// The bytes of a gallery file holding the snapshot's live fingers, in gallery order.
std::vector<std::uint8_t> encode_gallery(const Snapshot& snapshot);

// Parses a gallery file into new segments (not yet in any gallery). Descriptors written by another
// descriptor definition are recomputed from the minutiae.
Result<std::vector<std::shared_ptr<const Segment>>> decode_gallery(std::span<const std::uint8_t> data, int threads);

// Whole-file helpers: save is atomic (a crash leaves the old file or the new one).
Status save_gallery(const Snapshot& snapshot, const std::filesystem::path& path);
// Adds the file's fingers to `gallery` (kAlreadyExists if one is already there).
Status load_gallery(const std::filesystem::path& path, Gallery& gallery, int threads);

}  // namespace abis::dactyl::search
